import type { Candidate, Contest, Election, Translated } from '../model/election.ts';
import { PROTOCOL_LINES, type Protocol, type ProtocolLine } from '../model/protocol.ts';
import type { Totals } from '../tally/aggregate.ts';
import { resultsToJson } from '../tally/results-json.ts';
import { holderOf, type ContestTally } from '../tally/tally-election.ts';
import { csvDocument, type CsvValue } from './csv.ts';
import type { ExportFile, ExportInput, ExportResult } from './export-types.ts';
import { ABROAD_NAME, AGAINST_ALL_NAME } from './labels.ts';
import { ABROAD, sumsByUnit, unitIndex } from './unit-sums.ts';
import { assertDefined } from '../law/assert.ts';

export const CSV_FILES = {
  contests: 'contests.csv',
  regions: 'regions.csv',
  territories: 'territories.csv',
  stations: 'stations.csv',
} as const;

/** The protocol lines as columns: votersOnList → voters_on_list, in the order of the form. */
export const LINE_COLUMNS: readonly string[] = PROTOCOL_LINES.map((line) =>
  line.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
);
export const AGAINST_ALL_ID = 'against-all';

type Names = readonly [string, string, string];
const names = (text: Translated): Names => [text.kk, text.ru, text.en];
const candidateNames = (candidate: Candidate | undefined): Names =>
  candidate === undefined ? ['', '', ''] : [candidate.name.kk, candidate.name.ru, candidate.name.latin];
const NAME_COLUMNS = (prefix: string): string[] => [`${prefix}_name_kk`, `${prefix}_name_ru`, `${prefix}_name_en`];

/** A ballot selection of a contest: its options in the definition's order, then "Against all" (line A). */
interface Selection {
  readonly kind: 'party' | 'candidate' | 'against-all';
  readonly id: string;
  readonly votes: (
    lines: Readonly<Record<ProtocolLine, bigint | number>>,
    votes: Readonly<Record<string, bigint | number>>,
  ) => bigint | number;
}

function selectionsOf(contest: Contest): Selection[] {
  return [
    ...contest.options.map((option): Selection => ({
      kind: option.kind === 'list' ? 'party' : 'candidate',
      id: option.id,
      votes: (_, votes) => votes[option.id] ?? 0,
    })),
    { kind: 'against-all', id: AGAINST_ALL_ID, votes: (lines) => lines.againstAll },
  ];
}

const lineValues = (lines: Readonly<Record<ProtocolLine, bigint | number>>): CsvValue[] =>
  PROTOCOL_LINES.map((line) => lines[line]);

/**
 * The CSV export (docs/exports.md): one file per level, one row per unit, contest and ballot
 * selection, each row carrying the unit's protocol lines for that contest, so that a spreadsheet
 * can filter and pivot without joins. Rows follow the election definition's order.
 */
export function buildCsv({ election, tally, decisions, protocols }: Omit<ExportInput, 'head'>): ExportResult {
  const contests = new Map(election.contests.map((contest) => [contest.id as string, contest]));
  const index = unitIndex(election);
  const sums = sumsByUnit({ election, protocols, index });
  const files: ExportFile[] = [
    { name: CSV_FILES.contests, content: contestsCsv({ election, tally, decisions }) },
    {
      name: CSV_FILES.regions,
      content: unitCsv({
        kind: 'region',
        election,
        contests,
        contestsOf: index.regionContests,
        sums: sums.regions,
        order: index.regions,
      }),
    },
    {
      name: CSV_FILES.territories,
      content: unitCsv({
        kind: 'territory',
        election,
        contests,
        contestsOf: index.territoryContests,
        sums: sums.territories,
        order: election.territories.map((territory) => territory.id as string),
      }),
    },
    { name: CSV_FILES.stations, content: stationsCsv({ election, contests, protocols }) },
  ];
  return { files };
}

function contestsCsv({ election, tally, decisions }: Pick<ExportInput, 'election' | 'tally' | 'decisions'>): string {
  const stages = (resultsToJson(tally, decisions) as { contests: Record<string, { stage: string }> }).contests;
  const parties = new Map(election.parties.map((party) => [party.id as string, party]));
  const candidates = new Map(election.candidates.map((candidate) => [candidate.id as string, candidate]));
  const header = [
    'contest_id',
    'contest_kind',
    'body_id',
    ...NAME_COLUMNS('contest'),
    'stage',
    'status',
    'stations_counted',
    'stations_expected',
    ...LINE_COLUMNS,
    'selection_kind',
    'selection_id',
    ...NAME_COLUMNS('selection'),
    'nominated_by',
    'votes',
    'seats',
    'winner',
  ];
  const rows = tally.contests.flatMap((result: ContestTally) => {
    const { contest, totals } = result;
    const head: CsvValue[] = [
      contest.id,
      contest.kind,
      contest.bodyId,
      ...names(contest.name),
      stages[contest.id]?.stage ?? '',
      result.kind === 'list' ? result.allocation.status : result.outcome.status,
      totals.stations,
      result.stationsExpected,
      ...lineValues(totals.lines),
    ];
    return selectionsOf(contest).map((selection): CsvValue[] => {
      const votes = selection.votes(totals.lines, totals.votes);
      if (selection.kind === 'against-all')
        return [...head, selection.kind, selection.id, ...names(AGAINST_ALL_NAME), '', votes, null, null];
      if (result.kind === 'list') {
        const party = parties.get(selection.id);
        return [
          ...head,
          selection.kind,
          selection.id,
          ...(party === undefined ? ['', '', ''] : names(party.name)),
          null,
          votes,
          result.allocation.seats[selection.id] ?? 0,
          null,
        ];
      }
      const candidate = candidates.get(selection.id);
      const won = result.outcome.status === 'winner' && result.outcome.winner === selection.id;
      return [
        ...head,
        selection.kind,
        selection.id,
        ...candidateNames(candidate),
        candidate === undefined ? '' : holderOf(candidate),
        votes,
        won ? 1 : 0,
        won,
      ];
    });
  });
  return csvDocument(header, rows);
}

function unitCsv({
  kind,
  election,
  contests,
  contestsOf,
  sums,
  order,
}: {
  readonly kind: 'region' | 'territory';
  readonly election: Election;
  readonly contests: ReadonlyMap<string, Contest>;
  readonly contestsOf: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly sums: ReadonlyMap<string, ReadonlyMap<string, Totals>>;
  readonly order: readonly string[];
}): string {
  const regionNames = new Map(election.regions.map((region) => [region.id as string, region.name]));
  const territories = new Map(election.territories.map((territory) => [territory.id as string, territory]));
  const header =
    kind === 'region'
      ? ['region_id', ...NAME_COLUMNS('region')]
      : ['region_id', 'territory_id', ...NAME_COLUMNS('territory')];
  const rows: CsvValue[][] = [];
  for (const unit of order) {
    const territory = territories.get(unit);
    const unitColumns: CsvValue[] =
      kind === 'region'
        ? [unit, ...names(unit === ABROAD ? ABROAD_NAME : assertDefined(regionNames.get(unit)))]
        : [territory?.regionId ?? '', unit, ...(territory === undefined ? ['', '', ''] : names(territory.name))];
    for (const [contestId, expected] of contestsOf.get(unit) ?? []) {
      const contest = contests.get(contestId);
      const totals = sums.get(unit)?.get(contestId);
      if (contest === undefined || totals === undefined) continue;
      const head = [...unitColumns, contestId, totals.stations, expected, ...lineValues(totals.lines)];
      for (const selection of selectionsOf(contest))
        rows.push([...head, selection.kind, selection.id, selection.votes(totals.lines, totals.votes)]);
    }
  }
  return csvDocument(
    [
      ...header,
      'contest_id',
      'stations_counted',
      'stations_expected',
      ...LINE_COLUMNS,
      'selection_kind',
      'selection_id',
      'votes',
    ],
    rows,
  );
}

function stationsCsv({
  election,
  contests,
  protocols,
}: {
  readonly election: Election;
  readonly contests: ReadonlyMap<string, Contest>;
  readonly protocols: readonly Protocol[];
}): string {
  const byKey = new Map(protocols.map((protocol) => [`${protocol.stationId} ${protocol.contestId}`, protocol]));
  const header = [
    'station_id',
    'region_id',
    'territory_id',
    'setting',
    'contest_id',
    'version',
    ...LINE_COLUMNS,
    'selection_kind',
    'selection_id',
    'votes',
  ];
  const rows: CsvValue[][] = [];
  for (const station of election.stations) {
    for (const contestId of station.contests) {
      const protocol = byKey.get(`${station.id} ${contestId}`);
      const contest = contests.get(contestId);
      if (protocol === undefined || contest === undefined) continue;
      const head = [
        station.id,
        station.regionId ?? ABROAD,
        station.territoryId,
        station.setting,
        contestId,
        protocol.version,
        ...lineValues(protocol.lines),
      ];
      for (const selection of selectionsOf(contest))
        rows.push([...head, selection.kind, selection.id, selection.votes(protocol.lines, protocol.votes)]);
    }
  }
  return csvDocument(header, rows);
}
