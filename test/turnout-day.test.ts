import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTurnoutDay } from '../src/generate/turnout-day.ts';
import { assertDefined } from '../src/law/assert.ts';
import { Prng } from '../src/generate/prng.ts';
import { stationIdSchema } from '../src/model/ids.ts';
import { TURNOUT_HOURS, type TurnoutHour, type TurnoutReport } from '../src/model/turnout-report.ts';
import {
  checkTurnoutDay,
  checkTurnoutReport,
  decideTurnoutReport,
  type FinalTurnout,
  finalTurnoutOf,
  sumTurnout,
} from '../src/tally/turnout-day.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';

// Turnout through election day (docs/law.md §10.1): the day's rules, one case per edge, as a deck of
// reports beside the findings they must give.

const station = (id: string) => stationIdSchema.parse(id);
const STATION = station('KZ-35/PS-0001');
/** A station's day: the received count at each hour given, on a list of 1,000 unless said. */
const day = (received: Partial<Record<TurnoutHour, number>>, list = 1000): TurnoutReport[] =>
  TURNOUT_HOURS.flatMap((hour) =>
    received[hour] === undefined ? [] : [{ stationId: STATION, hour, votersOnList: list, received: received[hour] }],
  );
const CLEAN = { '10:00': 150, '12:00': 320, '14:00': 480, '16:00': 540, '18:00': 560, '20:00': 570 };
const FINAL: FinalTurnout = { votersOnList: 1000, ballotsIssued: 570 };
const codes = (reports: TurnoutReport[], final: FinalTurnout | undefined) =>
  checkTurnoutDay(reports, final === undefined ? new Map() : new Map([[STATION, final]])).map(
    ({ code, severity, hour, params }) => ({ code, severity, hour, params }),
  );

describe('the day’s rules (docs/law.md §10.1)', () => {
  /** `final`: the station's protocol (the clean one unless given), or null before there is one. */
  const deck: readonly { name: string; reports: TurnoutReport[]; final?: FinalTurnout | null; findings: unknown[] }[] =
    [
      { name: 'a clean day ending at the protocol', reports: day(CLEAN), findings: [] },
      {
        name: 'every voter on the list received a ballot: not above it',
        reports: day({ ...CLEAN, '20:00': 1000 }),
        final: { votersOnList: 1000, ballotsIssued: 1000 },
        findings: [],
      },
      {
        name: 'one more than the list',
        reports: day({ ...CLEAN, '20:00': 1001 }),
        final: { votersOnList: 1000, ballotsIssued: 1001 },
        findings: [
          {
            code: 'TURNOUT_RECEIVED_EXCEEDS_LIST',
            severity: 'error',
            hour: '20:00',
            params: { received: 1001, list: 1000 },
          },
        ],
      },
      { name: 'the same count two hours running', reports: day({ ...CLEAN, '18:00': 540 }), findings: [] },
      {
        name: 'one fewer than the hour before, named once, at the later hour',
        reports: day({ ...CLEAN, '18:00': 539 }),
        findings: [
          {
            code: 'TURNOUT_DECREASED',
            severity: 'error',
            hour: '18:00',
            params: { received: 539, other: 540, at: '16:00' },
          },
        ],
      },
      {
        name: 'fewer than two hours before, the hour between missing',
        reports: day({ '10:00': 150, '14:00': 140, '20:00': 570 }),
        findings: [
          {
            code: 'TURNOUT_DECREASED',
            severity: 'error',
            hour: '14:00',
            params: { received: 140, other: 150, at: '10:00' },
          },
        ],
      },
      { name: 'hours missing are no finding', reports: day({ '12:00': 320, '20:00': 570 }), findings: [] },
      {
        name: 'an hour above the protocol’s lines 3 + 4',
        reports: day({ ...CLEAN, '18:00': 571, '20:00': 571 }),
        findings: [
          {
            code: 'TURNOUT_EXCEEDS_PROTOCOL',
            severity: 'warning',
            hour: '18:00',
            params: { received: 571, issued: 570 },
          },
          {
            code: 'TURNOUT_EXCEEDS_PROTOCOL',
            severity: 'warning',
            hour: '20:00',
            params: { received: 571, issued: 570 },
          },
          {
            code: 'TURNOUT_CLOSE_DIFFERS_FROM_PROTOCOL',
            severity: 'warning',
            hour: '20:00',
            params: { received: 571, issued: 570 },
          },
        ],
      },
      {
        name: 'the close one below the protocol',
        reports: day({ ...CLEAN, '20:00': 569 }),
        findings: [
          {
            code: 'TURNOUT_CLOSE_DIFFERS_FROM_PROTOCOL',
            severity: 'warning',
            hour: '20:00',
            params: { received: 569, issued: 570 },
          },
        ],
      },
      {
        name: 'the list at the close not the protocol’s line 1',
        reports: day(CLEAN, 999),
        findings: [
          {
            code: 'TURNOUT_LIST_DIFFERS_FROM_PROTOCOL',
            severity: 'warning',
            hour: '20:00',
            params: { list: 999, protocol: 1000 },
          },
        ],
      },
      {
        name: 'no protocol yet: only the reports among themselves',
        reports: day({ ...CLEAN, '20:00': 569 }),
        final: null,
        findings: [],
      },
    ];
  for (const { name, reports, final, findings } of deck)
    it(name, () => expect(codes(reports, final === null ? undefined : (final ?? FINAL))).toEqual(findings));

  it('a correction needs a reason that is not blank, and not longer than 2,000 characters', () => {
    const held = day(CLEAN);
    const changed = { ...assertDefined(held[2]), received: 481 };
    const code = (reason: string | null) => {
      const decision = decideTurnoutReport(changed, reason, held, FINAL);
      return decision.ok ? decision.value.kind : decision.error.code;
    };
    expect([null, ' ', 'x'.repeat(2001), 'recounted', 'x'.repeat(2000)].map(code)).toEqual([
      'TURNOUT_CORRECTION_NEEDS_REASON',
      'TURNOUT_CORRECTION_NEEDS_REASON',
      'TURNOUT_REASON_TOO_LONG',
      'correction',
      'correction',
    ]);
    // The same report again is no correction, with or without a reason.
    expect(decideTurnoutReport(assertDefined(held[2]), null, held, FINAL)).toEqual({
      ok: true,
      value: { kind: 'unchanged' },
    });
  });

  it('a report arriving late is checked against the hours on both sides of it, errors before warnings', () => {
    const others = day({ '10:00': 150, '14:00': 300 });
    const late: TurnoutReport = { stationId: STATION, hour: '12:00', votersOnList: 1000, received: 1200 };
    expect(
      checkTurnoutReport(late, others, { votersOnList: 1000, ballotsIssued: 570 }).map((f) => [f.code, f.params]),
    ).toEqual([
      ['TURNOUT_RECEIVED_EXCEEDS_LIST', { received: 1200, list: 1000 }],
      ['TURNOUT_DECREASED', { received: 1200, other: 300, at: '14:00' }],
      ['TURNOUT_EXCEEDS_PROTOCOL', { received: 1200, issued: 570 }],
    ]);
  });
});

describe('sums by hour', () => {
  it('are exact over the stations that reported, by area and nationally, a station of no area counted nationally', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const reports: TurnoutReport[] = [
      { stationId: station('KZ-35/PS-0001'), hour: '10:00', votersOnList: big, received: big },
      { stationId: station('KZ-35/PS-0002'), hour: '10:00', votersOnList: big, received: 1 },
      { stationId: station('ABROAD/PS-0001'), hour: '10:00', votersOnList: 10, received: 3 },
      { stationId: station('KZ-35/PS-0001'), hour: '12:00', votersOnList: 5, received: 4 },
    ];
    const sums = sumTurnout(reports, (station) => (station.startsWith('ABROAD') ? undefined : station.slice(0, 5)));
    expect([...sums.keys()].sort()).toEqual(['', 'KZ-35']);
    expect(sums.get('')?.[0]).toEqual({
      hour: '10:00',
      stationsReported: 3,
      votersOnList: 2n * BigInt(big) + 10n,
      received: BigInt(big) + 4n,
    });
    expect(sums.get('KZ-35')?.[1]).toEqual({ hour: '12:00', stationsReported: 1, votersOnList: 5n, received: 4n });
    expect(sums.get('KZ-35')?.[2]).toEqual({ hour: '14:00', stationsReported: 0, votersOnList: 0n, received: 0n });
  });
});

describe('the generated day (docs/dataset.md, "Turnout through the day")', () => {
  const { dataset } = tinyElection();
  const majilis = dataset.protocols.filter((protocol) => protocol.contestId === TINY.majilisList);
  const finals = new Map(majilis.map((protocol) => [protocol.stationId as string, finalTurnoutOf(protocol)]));

  it('six reports for every station with a Majilis list ballot, passing every rule and ending at its protocol, whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const reports = buildTurnoutDay(dataset.election, dataset.protocols, new Prng(seed));
        expect(reports).toHaveLength(6 * majilis.length);
        expect(checkTurnoutDay(reports, finals)).toEqual([]);
        for (const report of reports.filter((r) => r.hour === '20:00'))
          expect([report.received, report.votersOnList]).toEqual([
            finals.get(report.stationId)?.ballotsIssued,
            finals.get(report.stationId)?.votersOnList,
          ]);
      }),
      { numRuns: 50 },
    );
  });
});
