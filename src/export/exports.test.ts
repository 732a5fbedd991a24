import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../model/protocol.ts';
import { resultsToJson } from '../tally/results-json.ts';
import type { ContestTally } from '../tally/tally-election.ts';
import { buildExport, ExportError, type ExportInput, type ExportResult } from './build-export.ts';
import { CSV_FILES, LINE_COLUMNS } from './csv-export.ts';
import { nistCount, nistDateTime, nistId } from './nist-err-export.ts';
import { exportInput, TEST_HEAD } from './test-helpers.ts';
import { assertDefined } from '../law/assert.ts';
import { TINY } from '../../test/fixtures/tiny-election.ts';

/** RFC 4180 records as objects by header (quoted fields with commas, quotes and line breaks included). */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = assertDefined(text[i]);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i += 1;
    } else field += char;
  }
  expect(record).toEqual([]);
  const [header, ...rows] = records as [string[], ...string[][]];
  return rows.map((row) => {
    expect(row.length).toBe(header.length);
    return Object.fromEntries(header.map((name, index) => [name, assertDefined(row[index])]));
  });
}

const file = (result: ExportResult, name: string): string => {
  const found = result.files.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found.content;
};

type Json = Record<string, unknown> & { VoteCounts?: Json[] };

// One region with a city and a district (Karaganda, KZ-35), one city of republican significance (Astana, KZ-71,
// whose stations have no territory) and the station abroad, of the tiny election: partial results, every kind of unit.
const keep = (protocol: Protocol): boolean => /^(KZ-35|KZ-71|ABROAD)\//.test(protocol.stationId);
let input: ExportInput;
let majilis: Extract<ContestTally, { kind: 'list' }>;

beforeAll(() => {
  input = exportInput(keep);
  majilis = assertDefined(input.tally.contests.find((result) => result.contest.id === 'majilis/list')) as Extract<
    ContestTally,
    { kind: 'list' }
  >;
  // Four stations in Karaganda region, two in Astana, one abroad (test/fixtures/tiny-election.ts).
  expect(majilis.totals.stations).toBe(4 + 2 + 1);
}, 60_000);

describe('json export', () => {
  it('wraps the results document with the election, the journal head and its time, never the clock', () => {
    const result = buildExport({ format: 'json', ...input });
    expect(result.files.map((f) => f.name)).toEqual(['results.json']);
    const document = JSON.parse(file(result, 'results.json')) as Record<string, unknown>;
    expect(document.format).toBe('saylau-results/1');
    expect(document.election).toEqual({ id: 'kz-2023-03-19', name: input.election.event.name, date: '2023-03-19' });
    expect(document.journalHead).toEqual(TEST_HEAD);
    expect(document.generatedAt).toBe(TEST_HEAD.at);
    expect(document.results).toEqual(JSON.parse(JSON.stringify(resultsToJson(input.tally, input.decisions))));
    const names = document.names as { parties: Record<string, { en: string }>; candidates: Record<string, unknown> };
    expect(names.parties.amanat?.en).toBe('Amanat');
    expect(Object.keys(names.candidates).every((id) => /\/smd-\d{2}\//.test(id))).toBe(true);
    expect(buildExport({ format: 'json', ...input, protocols: [...input.protocols].reverse() })).toEqual(result);
  });
});

describe('csv export', () => {
  let csv: ExportResult;
  beforeAll(() => {
    csv = buildExport({ format: 'csv', ...input });
  }, 60_000);

  it('writes the four files, each with its header, and the same bytes for the protocols in any order', () => {
    expect(csv.files.map((f) => f.name)).toEqual(Object.values(CSV_FILES));
    for (const f of csv.files) expect(f.content.endsWith('\r\n')).toBe(true);
    expect(buildExport({ format: 'csv', ...input, protocols: [...input.protocols].reverse() })).toEqual(csv);
  });

  it('a candidate named like a formula reaches every file as text, never as a formula; negative numbers stay numbers', () => {
    const smd = assertDefined(
      input.tally.contests.find((result) => result.kind === 'smd' && result.contest.id.startsWith(`${TINY.region}/`)),
    ) as Extract<ContestTally, { kind: 'smd' }>;
    const target = smd.contest.options[0]?.id;
    const formulas = { kk: "=cmd|' /C calc'!A0", ru: '=HYPERLINK("http://evil.example","x")', latin: '@SUM(1+1)' };
    const candidates = input.election.candidates.map((candidate) =>
      candidate.id === target ? { ...candidate, name: formulas } : candidate,
    );
    const poisoned = buildExport({ format: 'csv', ...input, election: { ...input.election, candidates } });
    let cells = 0;
    // stations.csv carries no names. The files are scanned, not parsed (national ones are megabytes): each
    // formula occurs only as a quoted text behind an apostrophe, and no field anywhere starts as a formula.
    for (const name of [CSV_FILES.contests, CSV_FILES.regions, CSV_FILES.territories]) {
      const text = file(poisoned, name);
      for (const formula of Object.values(formulas)) {
        const quoted = `"'${formula.replaceAll('"', '""')}"`;
        const occurrences = text.split(formula.replaceAll('"', '""')).length - 1;
        expect(text.split(quoted).length - 1).toBe(occurrences);
        cells += occurrences;
      }
      // A field's first character (after its opening quote): never a formula's, a record's CRLF aside.
      expect(/(^|,)"?([=+@\t]|\r(?!\n)).{0,40}/m.exec(text)?.[0]).toBeUndefined();
      expect(text).not.toMatch(/(^|,)"?-(?!\d+(\.\d+)?"?(,|\r))/m);
    }
    expect(cells).toBeGreaterThanOrEqual(3);
  });

  it('stations.csv: every protocol, a row per option and "against all", each equal to its protocol', () => {
    const rows = parseCsv(file(csv, CSV_FILES.stations));
    const options = new Map(input.election.contests.map((contest) => [contest.id as string, contest.options.length]));
    expect(rows.length).toBe(
      input.protocols.reduce((sum, protocol) => sum + (options.get(protocol.contestId) ?? 0) + 1, 0),
    );
    const byKey = new Map(input.protocols.map((protocol) => [`${protocol.stationId} ${protocol.contestId}`, protocol]));
    for (const row of rows) {
      const protocol = assertDefined(byKey.get(`${row.station_id} ${row.contest_id}`));
      expect(row.version).toBe(String(protocol.version));
      expect(row.invalid).toBe(String(protocol.lines.invalid));
      expect(row.voters_on_list).toBe(String(protocol.lines.votersOnList));
      expect(row.votes).toBe(
        String(
          row.selection_kind === 'against-all' ? protocol.lines.againstAll : protocol.votes[row.selection_id as string],
        ),
      );
    }
    const abroad = rows.find((row) => (row.station_id as string).startsWith('ABROAD/'));
    expect(abroad?.region_id).toBe('ABROAD');
    expect(abroad?.territory_id).toBe('');
  });

  it("regions.csv sums to the contest totals, and a region's territories to the region", () => {
    const regions = parseCsv(file(csv, CSV_FILES.regions));
    const sums = new Map<string, bigint>();
    for (const row of regions)
      sums.set(
        `${row.contest_id} ${row.selection_id}`,
        (sums.get(`${row.contest_id} ${row.selection_id}`) ?? 0n) + BigInt(row.votes as string),
      );
    for (const result of input.tally.contests) {
      for (const [option, votes] of Object.entries(result.totals.votes))
        expect(sums.get(`${result.contest.id} ${option}`) ?? 0n, `${result.contest.id} ${option}`).toBe(votes);
      expect(sums.get(`${result.contest.id} against-all`) ?? 0n).toBe(result.totals.lines.againstAll);
    }
    expect(sums.get('majilis/list amanat')).toBe(majilis.totals.votes.amanat);
    const karaganda = regions.find(
      (row) => row.region_id === TINY.region && row.contest_id === 'majilis/list' && row.selection_id === 'amanat',
    );
    expect(karaganda?.region_name_en).toBe(input.election.regions.find((region) => region.id === TINY.region)?.name.en);
    const territories = parseCsv(file(csv, CSV_FILES.territories)).filter(
      (row) => row.region_id === TINY.region && row.contest_id === 'majilis/list' && row.selection_id === 'amanat',
    );
    expect(territories.map((row) => row.territory_id).sort()).toEqual([TINY.cityTerritory, TINY.districtTerritory]);
    expect(territories.reduce((sum, row) => sum + BigInt(row.votes as string), 0n)).toBe(
      BigInt(karaganda?.votes as string),
    );
    expect(territories.reduce((sum, row) => sum + Number(row.stations_counted), 0)).toBe(
      Number(karaganda?.stations_counted),
    );
    // A region no protocol came from is there, with zeros.
    const akmola = regions.find(
      (row) => row.region_id === 'KZ-11' && row.contest_id === 'majilis/list' && row.selection_id === 'amanat',
    );
    expect([akmola?.stations_counted, akmola?.votes, Number(akmola?.stations_expected) > 0]).toEqual(['0', '0', true]);
  });

  it('contests.csv: votes, seats, winner, stage and lines of every contest', () => {
    const rows = parseCsv(file(csv, CSV_FILES.contests));
    const amanat = rows.find((row) => row.contest_id === 'majilis/list' && row.selection_id === 'amanat');
    expect(amanat).toMatchObject({
      stage: 'partial',
      selection_kind: 'party',
      selection_name_en: 'Amanat',
      votes: String(majilis.totals.votes.amanat),
      seats: String(majilis.allocation.seats.amanat),
      winner: '',
    });
    expect(amanat?.invalid).toBe(String(majilis.totals.lines.invalid));
    expect(Object.keys(amanat ?? {})).toEqual(expect.arrayContaining(LINE_COLUMNS as string[]));
    const againstAll = rows.find((row) => row.contest_id === 'majilis/list' && row.selection_kind === 'against-all');
    expect(againstAll).toMatchObject({
      selection_id: 'against-all',
      selection_name_ru: 'Против всех',
      votes: String(majilis.totals.lines.againstAll),
      seats: '',
    });
    const smd = assertDefined(
      input.tally.contests.find(
        (result) =>
          result.kind === 'smd' &&
          result.contest.id.startsWith(`${TINY.region}/`) &&
          result.outcome.status === 'winner',
      ),
    ) as Extract<ContestTally, { kind: 'smd' }>;
    const winners = rows.filter((row) => row.contest_id === smd.contest.id && row.winner === 'true');
    expect(winners.map((row) => [row.selection_id, row.seats])).toEqual([
      [(smd.outcome as { winner: string }).winner, '1'],
    ]);
    expect(rows.filter((row) => row.contest_id === smd.contest.id).length).toBe(smd.contest.options.length + 1);
  });
});

describe('nist-err export', () => {
  let report: Json;
  beforeAll(() => {
    report = JSON.parse(file(buildExport({ format: 'nist-err', ...input }), 'nist-err.json')) as Json;
  }, 60_000);

  const contestOf = (document: Json, id: string): Json =>
    ((document.Election as Json[])[0]?.Contest as Json[]).find(
      (contest) => contest['@id'] === nistId.contest(id),
    ) as Json;
  const total = (selection: Json, gpUnit: string, type = 'total'): unknown =>
    selection.VoteCounts?.find((count) => count.GpUnitId === gpUnit && count.Type === type)?.Count;

  it('the Majilis list: a PartyContest over the country, each party\'s votes and seats, "against all" and invalid ballots as documented', () => {
    expect(report).toMatchObject({
      '@type': 'ElectionResults.ElectionReport',
      Format: 'summary-contest',
      GeneratedDate: '2023-03-20T01:02:03Z',
      Status: 'unofficial-partial',
      // The central commission's name in English: 'CEC' in the tiny election.
      Issuer: input.election.commissions.find((commission) => commission.level === 'central')?.name.en,
    });
    const contest = contestOf(report, 'majilis/list');
    expect(contest).toMatchObject({
      '@type': 'ElectionResults.PartyContest',
      ElectionDistrictId: 'gpu-KZ',
      SubUnitsReported: majilis.totals.stations,
      TotalSubUnits: majilis.stationsExpected,
    });
    const selections = contest.ContestSelection as Json[];
    expect(selections.length).toBe(majilis.contest.options.length + 1);
    for (const option of majilis.contest.options) {
      const selection = assertDefined(
        selections.find((candidate) => candidate['@id'] === nistId.selection('majilis/list', option.id)),
      );
      expect(selection.PartyIds).toEqual([`party-${option.id}`]);
      expect(total(selection, 'gpu-KZ')).toBe(Number(majilis.totals.votes[option.id]));
      expect(total(selection, 'gpu-KZ', 'seats')).toBe(majilis.allocation.seats[option.id]);
    }
    const againstAll = assertDefined(selections.at(-1));
    expect(againstAll).toMatchObject({
      '@id': 'against-all-majilis.list',
      '@type': 'ElectionResults.BallotMeasureSelection',
      SequenceOrder: majilis.contest.options.length + 1,
    });
    expect(total(againstAll, 'gpu-KZ')).toBe(Number(majilis.totals.lines.againstAll));
    expect(contest.OtherCounts).toEqual([
      { '@type': 'ElectionResults.OtherCounts', GpUnitId: 'gpu-KZ', Overvotes: Number(majilis.totals.lines.invalid) },
    ]);
  });

  it('an SMD contest is a CandidateContest over its own district, with Candidates and Persons', () => {
    const smd = assertDefined(
      input.tally.contests.find(
        (result) =>
          result.kind === 'smd' &&
          result.contest.id.startsWith(`${TINY.region}/`) &&
          result.outcome.status === 'winner',
      ),
    ) as Extract<ContestTally, { kind: 'smd' }>;
    const contest = contestOf(report, smd.contest.id);
    const district = nistId.unit(smd.contest.id);
    expect(contest).toMatchObject({
      '@type': 'ElectionResults.CandidateContest',
      ElectionDistrictId: district,
      VotesAllowed: 1,
      NumberElected: 1,
    });
    const winner = (smd.outcome as { winner: string }).winner;
    const selection = (contest.ContestSelection as Json[]).find(
      (candidate) => (candidate.CandidateIds as string[] | undefined)?.[0] === nistId.candidate(winner),
    ) as Json;
    expect(total(selection, district)).toBe(Number(smd.totals.votes[winner]));
    const candidate = ((report.Election as Json[])[0]?.Candidate as Json[]).find(
      (record) => record['@id'] === nistId.candidate(winner),
    );
    expect(candidate).toMatchObject({ PostElectionStatus: 'projected-winner', PersonId: nistId.person(winner) });
    expect((report.Person as Json[]).some((person) => person['@id'] === nistId.person(winner))).toBe(true);
    expect((report.GpUnit as Json[]).find((unit) => unit['@id'] === district)).toMatchObject({
      OtherType: 'single-member-district',
      VotersRegistered: Number(smd.totals.lines.votersOnList),
    });
  });

  it('every id is unique and every reference resolves', () => {
    expectReferencesResolve(report);
  });

  it('precinct level: a ReportingUnit per station and per-station counts that add up to the totals', () => {
    const precinct = JSON.parse(file(buildExport({ format: 'nist-err-precinct', ...input }), 'nist-err.json')) as Json;
    expect(precinct.Format).toBe('precinct-level');
    expectReferencesResolve(precinct);
    const stations = (precinct.GpUnit as Json[]).filter((unit) => unit.Type === 'precinct');
    expect(stations.length).toBe(input.election.stations.length);
    const selections = contestOf(precinct, 'majilis/list').ContestSelection as Json[];
    for (const selection of selections) {
      const counts = (selection.VoteCounts ?? []).filter((count) => count.Type === 'total');
      expect(counts.length).toBe(majilis.totals.stations + 1);
      const [country, ...perStation] = counts;
      expect(perStation.reduce((sum, count) => sum + (count.Count as number), 0)).toBe(country?.Count);
    }
    const first = assertDefined(input.protocols.find((protocol) => protocol.contestId === 'majilis/list'));
    const other = (contestOf(precinct, 'majilis/list').OtherCounts as Json[]).find(
      (count) => count.GpUnitId === nistId.unit(first.stationId),
    );
    expect(other?.Overvotes).toBe(first.lines.invalid);
    expect(
      buildExport({ format: 'nist-err-precinct', ...input, protocols: [...input.protocols].reverse() }).files[0]
        ?.content,
    ).toBe(JSON.stringify(precinct) + '\n');
  });

  it('refuses a count a JSON number cannot hold exactly', () => {
    expect(nistCount(2n ** 53n - 1n, 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => nistCount(2n ** 53n, 'x')).toThrow(ExportError);
    const huge = { ...majilis, totals: { ...majilis.totals, votes: { ...majilis.totals.votes, amanat: 2n ** 60n } } };
    const tally = {
      ...input.tally,
      contests: input.tally.contests.map((result) => (result.contest.id === 'majilis/list' ? huge : result)),
    };
    expect(() => buildExport({ format: 'nist-err', ...input, tally })).toThrow(
      expect.objectContaining({ code: 'INPUT_UNSAFE_INTEGER', where: 'majilis/list amanat', value: String(2n ** 60n) }),
    );
    expect(nistDateTime('2023-03-20T01:02:03Z')).toBe('2023-03-20T01:02:03Z');
    expect(nistDateTime('2023-03-20T01:02:03.5+05:00')).toBe('2023-03-20T01:02:03+05:00');
  });
});

/**
 * Every `@id` once; every GpUnitId, ElectionDistrictId, ComposingGpUnitIds, PartyIds, CandidateIds, PersonId and
 * PartyId names one.
 */
function expectReferencesResolve(report: Json): void {
  const ids = new Map<string, number>();
  const references: [string, string][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === '@id') ids.set(inner as string, (ids.get(inner as string) ?? 0) + 1);
        else if (['GpUnitId', 'ElectionDistrictId', 'PersonId', 'PartyId', 'ElectionScopeId'].includes(key))
          references.push([key, inner as string]);
        else if (['ComposingGpUnitIds', 'PartyIds', 'CandidateIds', 'EndorsementPartyIds'].includes(key))
          for (const id of inner as string[]) references.push([key, id]);
        else walk(inner);
      }
    }
  };
  walk(report);
  expect([...ids].filter(([, count]) => count > 1)).toEqual([]);
  expect(references.filter(([, id]) => !ids.has(id))).toEqual([]);
  expect(references.length).toBeGreaterThan(100);
}
