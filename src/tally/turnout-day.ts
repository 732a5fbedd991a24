import { assertDefined } from '../law/assert.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { groupBy } from '../model/group-by.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import type { Protocol } from '../model/protocol.ts';
import {
  CLOSING_HOUR,
  hourIndex,
  TURNOUT_HOURS,
  type TurnoutHour,
  type TurnoutReport,
} from '../model/turnout-report.ts';

// Turnout through election day (docs/law.md §10.1): each station's reports checked against one another and against
// its final protocol, and summed by region and nationally. Pure: the journal, the server and the site call it.

export type TurnoutCheckCode =
  | 'TURNOUT_RECEIVED_EXCEEDS_LIST'
  | 'TURNOUT_DECREASED'
  | 'TURNOUT_EXCEEDS_PROTOCOL'
  | 'TURNOUT_CLOSE_DIFFERS_FROM_PROTOCOL'
  | 'TURNOUT_LIST_DIFFERS_FROM_PROTOCOL';

export interface TurnoutFinding {
  readonly code: TurnoutCheckCode;
  /**
   * Errors: the report cannot be true whatever else is (more ballots than voters, fewer than an hour before). Warnings:
   * the report and the protocol disagree, and only the commission can say which is wrong; the protocol stands.
   */
  readonly severity: 'error' | 'warning';
  readonly stationId: string;
  readonly hour: TurnoutHour;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * The contest whose ballots turnout counts (docs/law.md §10.1): the Majilis party list, which every station issues;
 * its id by the convention of docs/dataset.md, "IDs".
 */
export const TURNOUT_CONTEST = 'majilis/list';

/** The key of a station's report at an hour among the records of election day (the store's `election_day`). */
export const turnoutKey = (stationId: string, hour: TurnoutHour): string => `turnout ${stationId} ${hour}`;

/** Whether a record of election day is a turnout report: the table holds observers' records too. */
export const isTurnoutKey = (key: string): boolean => key.startsWith('turnout ');

/** A report as the projection keeps it: the report and the journal entry that made it, in canonical JSON. */
export function turnoutRecordText(report: TurnoutReport, eventSeq: number): string {
  return canonicalJson({ eventSeq, report });
}

export function turnoutRecordOf(text: string): { readonly report: TurnoutReport; readonly eventSeq: number } {
  return JSON.parse(text) as { report: TurnoutReport; eventSeq: number };
}

/** What the final protocol of the station's Majilis party list says of turnout: lines 1 and 3 + 4. */
export interface FinalTurnout {
  readonly votersOnList: number;
  readonly ballotsIssued: number;
}

export function finalTurnoutOf(protocol: Protocol): FinalTurnout {
  const { votersOnList, issuedInPremises, issuedOutside } = protocol.lines;
  return { votersOnList, ballotsIssued: issuedInPremises + issuedOutside };
}

/**
 * A new report checked against the station's reports of the other hours (any order, at most one per hour) and, once
 * there is one, its final protocol: what it breaks, errors first. A report is never compared with a later hour's
 * that is missing; a missing hour is not a finding (a station may report late, and the CEC's sums say how many did).
 */
export function checkTurnoutReport(
  report: TurnoutReport,
  others: readonly TurnoutReport[],
  final?: FinalTurnout,
): TurnoutFinding[] {
  const findings: TurnoutFinding[] = [];
  const finding = (code: TurnoutCheckCode, severity: 'error' | 'warning', params: TurnoutFinding['params']) =>
    findings.push({ code, severity, stationId: report.stationId, hour: report.hour, params });
  if (report.received > report.votersOnList)
    finding('TURNOUT_RECEIVED_EXCEEDS_LIST', 'error', { received: report.received, list: report.votersOnList });
  const at = hourIndex(report.hour);
  // The nearest reported hour on each side: received never falls from one report to the next.
  const before = nearest(others, (other) => hourIndex(other.hour) < at, 'latest');
  const after = nearest(others, (other) => hourIndex(other.hour) > at, 'earliest');
  if (before !== undefined && report.received < before.received)
    finding('TURNOUT_DECREASED', 'error', { received: report.received, other: before.received, at: before.hour });
  if (after !== undefined && after.received < report.received)
    finding('TURNOUT_DECREASED', 'error', { received: report.received, other: after.received, at: after.hour });
  if (final !== undefined) {
    if (report.received > final.ballotsIssued)
      finding('TURNOUT_EXCEEDS_PROTOCOL', 'warning', { received: report.received, issued: final.ballotsIssued });
    if (report.hour === CLOSING_HOUR && report.received !== final.ballotsIssued)
      finding('TURNOUT_CLOSE_DIFFERS_FROM_PROTOCOL', 'warning', {
        received: report.received,
        issued: final.ballotsIssued,
      });
    if (report.hour === CLOSING_HOUR && report.votersOnList !== final.votersOnList)
      finding('TURNOUT_LIST_DIFFERS_FROM_PROTOCOL', 'warning', {
        list: report.votersOnList,
        protocol: final.votersOnList,
      });
  }
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

function nearest(
  reports: readonly TurnoutReport[],
  where: (report: TurnoutReport) => boolean,
  which: 'latest' | 'earliest',
): TurnoutReport | undefined {
  let found: TurnoutReport | undefined;
  for (const report of reports) {
    if (!where(report)) continue;
    const better =
      found === undefined ||
      (which === 'latest'
        ? hourIndex(report.hour) > hourIndex(found.hour)
        : hourIndex(report.hour) < hourIndex(found.hour));
    if (better) found = report;
  }
  return found;
}

/** Every station's reports checked against each other and its final protocol: what a verifier and a site list. */
export function checkTurnoutDay(
  reports: readonly TurnoutReport[],
  finals: ReadonlyMap<string, FinalTurnout> = new Map(),
): TurnoutFinding[] {
  const byStation = groupBy(reports, (report) => report.stationId);
  const findings: TurnoutFinding[] = [];
  for (const [stationId, own] of byStation)
    for (const report of own) {
      // Each against the hours before it only, so that a decrease is named once, at the later of its two hours.
      const earlier = own.filter((other) => hourIndex(other.hour) < hourIndex(report.hour));
      findings.push(...checkTurnoutReport(report, earlier, finals.get(stationId)));
    }
  return findings;
}

/** The turnout of a set of stations at one hour: exact sums of those that reported, and how many did. */
export interface TurnoutSum {
  readonly hour: TurnoutHour;
  readonly stationsReported: number;
  readonly votersOnList: bigint;
  readonly received: bigint;
}

/**
 * Turnout by hour for every area `areaOf` names (a region's id, say) and for all stations together (`''`), summed
 * exactly over the stations that reported that hour — as the CEC's bulletins are, which is why the 20:00 figure can
 * be below the evening's protocols when stations report late (docs/law.md §10.1). A station counted nowhere (`areaOf`
 * gives undefined) still counts nationally; the national row is there with no report too.
 */
export function sumTurnout(
  reports: readonly TurnoutReport[],
  areaOf: (stationId: string) => string | undefined,
): Map<string, TurnoutSum[]> {
  const emptyRow = () => TURNOUT_HOURS.map(() => ({ stations: 0, list: 0n, received: 0n }));
  // The country's row always, its hours empty before any report.
  const sums = new Map([['', emptyRow()]]);
  const add = (area: string, report: TurnoutReport) => {
    let row = sums.get(area);
    if (row === undefined) {
      row = emptyRow();
      sums.set(area, row);
    }
    const cell = assertDefined(row[hourIndex(report.hour)]);
    cell.stations += 1;
    cell.list += BigInt(report.votersOnList);
    cell.received += BigInt(report.received);
  };
  for (const report of reports) {
    add('', report);
    const area = areaOf(report.stationId);
    if (area !== undefined) add(area, report);
  }
  return new Map(
    [...sums].map(([area, row]) => [
      area,
      row.map((cell, index) => ({
        hour: assertDefined(TURNOUT_HOURS[index]),
        stationsReported: cell.stations,
        votersOnList: cell.list,
        received: cell.received,
      })),
    ]),
  );
}

/** The longest reason a correction may give, in UTF-16 units (the event's schema holds it too). */
export const MAX_REASON_LENGTH = 2000;

/** What taking a report does: nothing (the same report again), or a new record with the warnings it carries. */
export type TurnoutDecision =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'first' | 'correction'; readonly warnings: readonly TurnoutFinding[] };

/**
 * Whether a station's report is taken, given the station's reports so far and its final protocol if it is in: the
 * same report again changes nothing; another report of an hour already reported is a correction, which needs a
 * reason; a report that breaks a rule of the day (an error of `checkTurnoutReport`) is refused with that rule's code.
 * The service that journals a report and `verify`, which replays the journal, decide alike.
 */
export function decideTurnoutReport(
  report: TurnoutReport,
  reason: string | null,
  stationReports: readonly TurnoutReport[],
  final?: FinalTurnout,
): Result<TurnoutDecision, CodedRefusal> {
  const held = stationReports.find((other) => other.hour === report.hour);
  if (held !== undefined && held.votersOnList === report.votersOnList && held.received === report.received)
    return ok({ kind: 'unchanged' });
  if (reason !== null && reason.length > MAX_REASON_LENGTH)
    return refuse('TURNOUT_REASON_TOO_LONG', { length: reason.length, max: MAX_REASON_LENGTH }, 'reason');
  if (held !== undefined && (reason === null || reason.trim() === ''))
    return refuse('TURNOUT_CORRECTION_NEEDS_REASON', { station: report.stationId, hour: report.hour }, 'reason');
  const findings = checkTurnoutReport(
    report,
    stationReports.filter((other) => other.hour !== report.hour),
    final,
  );
  const error = findings.find((finding) => finding.severity === 'error');
  if (error !== undefined) return refuse(error.code, { station: report.stationId, hour: report.hour, ...error.params });
  return ok({ kind: held === undefined ? 'first' : 'correction', warnings: findings });
}
