import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageCode } from '../i18n/messages.ts';
import { parseCalendarDate } from '../law/calendar-date.ts';
import { type Election, electionSchema } from '../model/election.ts';
import { fieldPath } from '../model/input-error.ts';
import { type Protocol, protocolSchema } from '../model/protocol.ts';
import { checkProtocol } from '../tally/protocol-checks.ts';
import {
  ELECTION_FILE,
  MANIFEST_FILE,
  type Manifest,
  PROTOCOLS_FILE,
  readText,
  sha256,
  TURNOUT_FILE,
} from './files.ts';
import { validateTurnout } from './validate-turnout.ts';
import { type FinalTurnout, finalTurnoutOf, TURNOUT_CONTEST } from '../tally/turnout-day.ts';
import { assertDefined } from '../law/assert.ts';

export interface DatasetProblem {
  readonly code: MessageCode;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based line of protocols.ndjson, where the problem is in a protocol. */
  readonly line?: number;
  readonly field?: string;
  readonly stationId?: string;
  readonly contestId?: string;
  /** Protocol lines the relation ties, as numbered on the form. */
  readonly protocolLines?: readonly string[];
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface ValidationReport {
  readonly errors: number;
  readonly warnings: number;
  readonly problems: readonly DatasetProblem[];
  readonly protocols: number;
  /** Lines of turnout.ndjson read, when the dataset has one. */
  readonly turnoutReports: number;
}

/** Copies below this many valid votes are too likely by chance to flag. */
const COPY_MINIMUM_VALID = 50;

/**
 * Checks a dataset completely — manifest hashes, schema, references, one protocol per station and
 * contest, every control relation of docs/protocol-checks.md, copied protocols — and reports every
 * problem, not only the first. Reads files; decides nothing.
 */
export function validateDataset(directory: string): ValidationReport {
  const problems: DatasetProblem[] = [];
  const error = (problem: Omit<DatasetProblem, 'severity'>): void =>
    void problems.push({ ...problem, severity: 'error' });
  const warning = (problem: Omit<DatasetProblem, 'severity'>): void =>
    void problems.push({ ...problem, severity: 'warning' });
  const report = (protocols: number, turnoutReports = 0): ValidationReport => ({
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    problems,
    protocols,
    turnoutReports,
  });

  for (const file of [MANIFEST_FILE, ELECTION_FILE, PROTOCOLS_FILE])
    if (!existsSync(join(directory, file))) error({ code: 'DATASET_FILE_MISSING', file, params: { file } });
  if (problems.length > 0) return report(0);

  const electionText = readText(directory, ELECTION_FILE);
  const protocolsText = readText(directory, PROTOCOLS_FILE);
  const manifest = parseJson(readText(directory, MANIFEST_FILE), MANIFEST_FILE, error) as Manifest | undefined;
  for (const [file, entry] of Object.entries(manifest?.files ?? {})) {
    if (!existsSync(join(directory, file))) error({ code: 'DATASET_FILE_MISSING', file, params: { file } });
    else if (
      entry.sha256 !==
      sha256(
        file === ELECTION_FILE ? electionText : file === PROTOCOLS_FILE ? protocolsText : readText(directory, file),
      )
    )
      error({ code: 'DATASET_HASH_MISMATCH', file: MANIFEST_FILE, params: { file } });
  }

  const electionDocument = parseJson(electionText, ELECTION_FILE, error);
  const parsedElection = electionSchema.safeParse(electionDocument);
  if (!parsedElection.success) {
    for (const issue of parsedElection.error.issues.slice(0, 200))
      error({
        code: 'DATASET_SCHEMA',
        file: ELECTION_FILE,
        field: fieldPath(issue.path),
        params: { detail: `${fieldPath(issue.path)}: ${issue.message}` },
      });
    return report(0);
  }
  const election = parsedElection.data;
  checkReferences(election, error);

  const contests = new Map(election.contests.map((contest) => [contest.id as string, contest]));
  const stations = new Map(election.stations.map((station) => [station.id as string, station]));
  const seen = new Set<string>();
  const copies = new Map<string, string>();
  /** What each station's Majilis party-list protocol says of turnout: the day's reports end at it. */
  const finals = new Map<string, FinalTurnout>();
  let count = 0;
  protocolsText.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    count += 1;
    const line = index + 1;
    const document = parseJson(text, PROTOCOLS_FILE, (problem) => error({ ...problem, line }));
    if (document === undefined) return;
    const parsed = protocolSchema.safeParse(document);
    if (!parsed.success) {
      const issue = assertDefined(parsed.error.issues[0]);
      error({
        code: 'DATASET_SCHEMA',
        file: PROTOCOLS_FILE,
        line,
        field: fieldPath(issue.path),
        params: { detail: `${fieldPath(issue.path)}: ${issue.message}` },
      });
      return;
    }
    const protocol: Protocol = parsed.data;
    const where = { file: PROTOCOLS_FILE, line, stationId: protocol.stationId, contestId: protocol.contestId };
    const contest = contests.get(protocol.contestId);
    const station = stations.get(protocol.stationId);
    if (contest === undefined)
      return error({ ...where, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: protocol.contestId } });
    if (station === undefined)
      return error({ ...where, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: protocol.stationId } });
    if (!station.contests.includes(protocol.contestId))
      error({ ...where, code: 'DATASET_CONTEST_NOT_AT_STATION', params: { station: station.id, contest: contest.id } });
    const key = `${protocol.stationId} ${protocol.contestId}`;
    if (seen.has(key))
      error({ ...where, code: 'DATASET_DUPLICATE_PROTOCOL', params: { station: station.id, contest: contest.id } });
    seen.add(key);
    if (protocol.contestId === TURNOUT_CONTEST) finals.set(protocol.stationId, finalTurnoutOf(protocol));
    for (const finding of checkProtocol({
      lines: protocol.lines,
      votes: protocol.votes,
      options: contest.options.map((option) => option.id),
    })) {
      (finding.severity === 'error' ? error : warning)({
        ...where,
        code: finding.code,
        protocolLines: finding.lines,
        params: { option: finding.optionId ?? '' },
      });
    }
    const valid = Object.values(protocol.votes).reduce((a, b) => a + b, protocol.lines.againstAll);
    if (valid >= COPY_MINIMUM_VALID) {
      const fingerprint = `${protocol.contestId} ${JSON.stringify(protocol.votes)} ${protocol.lines.againstAll} ${protocol.lines.invalid}`;
      const other = copies.get(fingerprint);
      if (other === undefined) copies.set(fingerprint, protocol.stationId);
      else warning({ ...where, code: 'DATASET_COPIED_PROTOCOL', protocolLines: ['9', '10…', 'A'], params: { other } });
    }
  });
  for (const station of election.stations) {
    for (const contestId of station.contests)
      if (!seen.has(`${station.id} ${contestId}`))
        warning({
          code: 'DATASET_MISSING_PROTOCOL',
          file: PROTOCOLS_FILE,
          stationId: station.id,
          contestId,
          params: { station: station.id, contest: contestId },
        });
  }
  const turnoutReports = existsSync(join(directory, TURNOUT_FILE))
    ? validateTurnout(readText(directory, TURNOUT_FILE), new Set(stations.keys()), finals, { error, warning })
    : 0;
  return report(count, turnoutReports);
}

function parseJson(text: string, file: string, error: (problem: Omit<DatasetProblem, 'severity'>) => void): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (thrown) {
    error({ code: 'DATASET_SCHEMA', file, params: { detail: (thrown as Error).message } });
    return undefined;
  }
}

/** Every id unique in its kind, every reference resolving, every date real. */
function checkReferences(election: Election, error: (problem: Omit<DatasetProblem, 'severity'>) => void): void {
  const file = ELECTION_FILE;
  const index = <T extends { id: string }>(items: readonly T[], field: string): Set<string> => {
    const ids = new Set<string>();
    items.forEach((item, i) => {
      if (ids.has(item.id))
        error({ code: 'DATASET_DUPLICATE_ID', file, field: `${field}[${i}].id`, params: { id: item.id } });
      ids.add(item.id);
    });
    return ids;
  };
  const parties = index(election.parties, 'parties');
  const regions = index(election.regions, 'regions');
  const territories = index(election.territories, 'territories');
  const bodies = index(election.bodies, 'bodies');
  const contests = index(election.contests, 'contests');
  index(election.candidates, 'candidates');
  const commissions = index(election.commissions, 'commissions');
  index(election.stations, 'stations');
  const expect = (known: Set<string>, id: string | null, field: string): void => {
    if (id !== null && !known.has(id)) error({ code: 'DATASET_UNKNOWN_REFERENCE', file, field, params: { id } });
  };
  if (parseCalendarDate(election.event.date) === null)
    error({
      code: 'DATASET_SCHEMA',
      file,
      field: 'event.date',
      params: { detail: `event.date: ${election.event.date}` },
    });
  election.territories.forEach((t, i) => expect(regions, t.regionId, `territories[${i}].regionId`));
  election.bodies.forEach((b, i) => {
    expect(regions, b.regionId, `bodies[${i}].regionId`);
    expect(territories, b.territoryId, `bodies[${i}].territoryId`);
  });
  const candidateContest = new Map(election.candidates.map((c) => [c.id as string, c.contestId as string]));
  election.contests.forEach((contest, i) => {
    expect(bodies, contest.bodyId, `contests[${i}].bodyId`);
    expect(commissions, contest.commissionId, `contests[${i}].commissionId`);
    contest.options.forEach((option, j) => {
      const field = `contests[${i}].options[${j}].id`;
      if (option.kind === 'list') expect(parties, option.id, field);
      else if (candidateContest.get(option.id) !== contest.id)
        error({ code: 'DATASET_UNKNOWN_REFERENCE', file, field, params: { id: option.id } });
    });
  });
  election.candidates.forEach((c, i) => {
    expect(contests, c.contestId, `candidates[${i}].contestId`);
    expect(parties, c.partyMember, `candidates[${i}].partyMember`);
    if (parseCalendarDate(c.birthDate) === null)
      error({ code: 'DATASET_SCHEMA', file, field: `candidates[${i}].birthDate`, params: { detail: c.birthDate } });
  });
  election.commissions.forEach((c, i) => expect(commissions, c.parentId, `commissions[${i}].parentId`));
  election.stations.forEach((s, i) => {
    expect(regions, s.regionId, `stations[${i}].regionId`);
    expect(territories, s.territoryId, `stations[${i}].territoryId`);
    expect(commissions, s.commissionId, `stations[${i}].commissionId`);
    s.contests.forEach((contestId, j) => expect(contests, contestId, `stations[${i}].contests[${j}]`));
  });
}
