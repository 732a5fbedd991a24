import { groupBy } from '../model/group-by.ts';
import type { Candidate, Contest, Election, Translated } from '../model/election.ts';
import type { Protocol, ProtocolLines } from '../model/protocol.ts';
import type { Totals } from '../tally/aggregate.ts';
import { resultsToJson, type Stage } from '../tally/results-json.ts';
import type { ContestTally } from '../tally/tally-election.ts';
import { ExportError, type ExportInput, type ExportResult } from './export-types.ts';
import { ABROAD_NAME, AGAINST_ALL_NAME, COUNTRY_NAME } from './labels.ts';
import { ABROAD, sumsByUnit, unitIndex } from './unit-sums.ts';

/**
 * NIST SP 1500-100 Election Results Reporting, version 2, JSON (root `ElectionResults.ElectionReport`).
 * The whole mapping is in docs/exports.md; the test/nist-err.shared.test.ts validates it against the
 * published schema.
 */
export const NIST_ERR_FILE = 'nist-err.json';

type Json = Record<string, unknown>;

/** ERR ids are XML IDs in the XML form (NCName): a prefix by kind, and `/` of saylau ids as `.`. */
const ncname = (id: string): string => id.replaceAll('/', '.');
export const nistId = {
  country: 'gpu-KZ',
  /**
   * Regions, territories, stations, ABROAD and single-member districts (by contest id) share one form: their ids never
   * collide.
   */
  unit: (id: string): string => `gpu-${ncname(id)}`,
  party: (id: string): string => `party-${id}`,
  candidate: (id: string): string => `cand-${ncname(id)}`,
  person: (id: string): string => `person-${ncname(id)}`,
  contest: (id: string): string => `con-${ncname(id)}`,
  selection: (contestId: string, optionId: string): string =>
    `sel-${ncname(contestId)}.${optionId.slice(optionId.lastIndexOf('/') + 1)}`,
  againstAll: (contestId: string): string => `against-all-${ncname(contestId)}`,
};

const text = (value: Translated): Json => ({
  '@type': 'ElectionResults.InternationalizedText',
  Text: (['kk', 'ru', 'en'] as const).map((language) => ({
    '@type': 'ElectionResults.LanguageString',
    Language: language,
    Content: value[language],
  })),
});
const candidateText = (candidate: Candidate): Json =>
  text({ kk: candidate.name.kk, ru: candidate.name.ru, en: candidate.name.latin });
const identifier = (value: string, otherType = 'saylau-id'): Json => ({
  '@type': 'ElectionResults.ExternalIdentifier',
  Type: 'other',
  OtherType: otherType,
  Value: value,
});
const countStatus = (status: 'completed' | 'in-process'): Json[] => [
  { '@type': 'ElectionResults.CountStatus', Type: 'total', Status: status },
];

/** An ERR count: a JSON number, so exact only up to 2^53 − 1; beyond that the export is refused. */
export function nistCount(value: bigint | number, where: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || BigInt(number) !== BigInt(value))
    throw new ExportError('INPUT_UNSAFE_INTEGER', where, value.toString());
  return number;
}

/** `DateTimeWithZone` has no fractional seconds: the head event's time to the second. */
export function nistDateTime(at: string): string {
  return at.replace(/\.\d+(?=Z|[+-]\d{2}:\d{2}$)/, '');
}

const voteCounts = (
  gpUnitId: string,
  count: bigint | number,
  where: string,
  type: 'total' | 'seats' = 'total',
): Json => ({ '@type': 'ElectionResults.VoteCounts', GpUnitId: gpUnitId, Type: type, Count: nistCount(count, where) });
const otherCounts = (gpUnitId: string, invalid: bigint | number, where: string): Json => ({
  '@type': 'ElectionResults.OtherCounts',
  GpUnitId: gpUnitId,
  Overvotes: nistCount(invalid, where),
});
const voters = (lines: Readonly<Record<keyof ProtocolLines, bigint | number>> | undefined, where: string): Json =>
  lines === undefined
    ? {}
    : {
        VotersParticipated: nistCount(
          BigInt(lines.issuedInPremises) + BigInt(lines.issuedOutside),
          `${where} participants`,
        ),
        VotersRegistered: nistCount(lines.votersOnList, `${where} votersOnList`),
      };

/**
 * The ERR document of an election's results. `precinct` adds a ReportingUnit per polling station,
 * and per-station VoteCounts and OtherCounts beside the contest totals (`Format: precinct-level`).
 */
export function buildNistErr({
  election,
  tally,
  decisions,
  protocols,
  head,
  precinct = false,
}: ExportInput & { readonly precinct?: boolean }): ExportResult {
  const stages = new Map(
    Object.entries((resultsToJson(tally, decisions) as { contests: Record<string, { stage: Stage }> }).contests).map(
      ([id, entry]) => [id, entry.stage],
    ),
  );
  const index = unitIndex(election);
  const sums = sumsByUnit({ election, protocols, index });
  const bodies = new Map(election.bodies.map((body) => [body.id as string, body]));
  const parties = new Map(election.parties.map((party) => [party.id as string, party]));
  const candidates = new Map(election.candidates.map((candidate) => [candidate.id as string, candidate]));
  // The national list contest: every station issues it, so it gives each unit its voters and participants.
  const national = election.contests.find(
    (contest) => contest.kind === 'list' && bodies.get(contest.bodyId)?.kind === 'majilis',
  );
  const stationOrder = new Map(election.stations.map((station, position) => [station.id as string, position]));
  const protocolsByContest = groupBy(
    [...protocols].sort((a, b) => (stationOrder.get(a.stationId) ?? 0) - (stationOrder.get(b.stationId) ?? 0)),
    (protocol): string => protocol.contestId,
  );
  const nationalAt = new Map(
    (national === undefined ? [] : (protocolsByContest.get(national.id) ?? [])).map((protocol) => [
      protocol.stationId as string,
      protocol,
    ]),
  );

  /**
   * The ReportingUnit a contest is held in: the body's territory, region or the country for lists; its own district for
   * an SMD.
   */
  const districtOf = (contest: Contest): string => {
    if (contest.kind === 'smd') return nistId.unit(contest.id);
    const body = bodies.get(contest.bodyId);
    if (body?.territoryId) return nistId.unit(body.territoryId);
    return body?.regionId ? nistId.unit(body.regionId) : nistId.country;
  };

  const gpUnits = reportingUnits({ election, index, sums, national, nationalAt, precinct, tally });
  const contests = tally.contests.map((result, position) =>
    contestOf({
      result,
      position,
      districtOf,
      stage: stages.get(result.contest.id) ?? 'partial',
      parties,
      candidates,
      protocols: precinct ? (protocolsByContest.get(result.contest.id) ?? []) : [],
    }),
  );
  const smdCandidates = tally.contests.flatMap((result) =>
    result.kind === 'smd'
      ? result.contest.options.map((option) => ({ result, candidate: candidates.get(option.id) }))
      : [],
  );
  const candidateRecords = smdCandidates.flatMap(({ result, candidate }) =>
    candidate === undefined
      ? []
      : [candidateOf({ candidate, result, stage: stages.get(result.contest.id) ?? 'partial', parties })],
  );
  const persons = smdCandidates.flatMap(({ candidate }) =>
    candidate === undefined
      ? []
      : [
          {
            '@id': nistId.person(candidate.id),
            '@type': 'ElectionResults.Person',
            DateOfBirth: candidate.birthDate,
            FullName: candidateText(candidate),
            Gender: candidate.gender,
            ...(candidate.partyMember !== null && parties.has(candidate.partyMember)
              ? { PartyId: nistId.party(candidate.partyMember) }
              : {}),
          },
        ],
  );

  const allStages = [...stages.values()];
  const partial = allStages.some((stage) => stage === 'partial');
  const status = partial
    ? 'unofficial-partial'
    : allStages.every((stage) => stage === 'certified')
      ? 'certified'
      : 'unofficial-complete';
  const cec = election.commissions.find((commission) => commission.level === 'central');
  const report = {
    '@type': 'ElectionResults.ElectionReport',
    Format: precinct ? 'precinct-level' : 'summary-contest',
    GeneratedDate: nistDateTime(head.at),
    Issuer: cec?.name.en ?? 'Central Election Commission',
    IssuerAbbreviation: 'CEC',
    VendorApplicationId: 'saylau',
    SequenceStart: 1,
    SequenceEnd: 1,
    Status: status,
    Notes: `saylau export of journal head ${head.seq} (${head.hash}) at ${head.at}. "Against all" is a BallotMeasureSelection of each contest; OtherCounts.Overvotes holds the invalid ballots (protocol line 9).`,
    ExternalIdentifier: [identifier(`${head.seq}:${head.hash}`, 'saylau-journal-head')],
    Election: [
      {
        '@type': 'ElectionResults.Election',
        Name: text(election.event.name),
        StartDate: election.event.date,
        EndDate: election.event.date,
        Type: 'general',
        ElectionScopeId: nistId.country,
        ExternalIdentifier: [identifier(election.event.id)],
        CountStatus: countStatus(partial ? 'in-process' : 'completed'),
        Candidate: candidateRecords,
        Contest: contests,
      },
    ],
    GpUnit: gpUnits,
    Party: election.parties.map((party) => ({
      '@id': nistId.party(party.id),
      '@type': 'ElectionResults.Party',
      Name: text(party.name),
      Color: party.colour.slice(1),
      ExternalIdentifier: [identifier(party.id)],
    })),
    Person: persons,
  };
  return { files: [{ name: NIST_ERR_FILE, content: `${JSON.stringify(report)}\n` }] };
}

function reportingUnits({
  election,
  index,
  sums,
  national,
  nationalAt,
  precinct,
  tally,
}: {
  readonly election: Election;
  readonly index: ReturnType<typeof unitIndex>;
  readonly sums: ReturnType<typeof sumsByUnit>;
  readonly national: Contest | undefined;
  readonly nationalAt: ReadonlyMap<string, Protocol>;
  readonly precinct: boolean;
  readonly tally: ExportInput['tally'];
}): Json[] {
  const unitVoters = (unitSums: ReadonlyMap<string, Totals> | undefined, where: string): Json =>
    voters(national === undefined ? undefined : unitSums?.get(national.id)?.lines, where);
  // Each grouping in one pass: a filter or a copied array per unit is quadratic (ten times Kazakhstan: 2,030
  // territories, 102,230 stations, the national list at every one; docs/scale.md).
  const unitIds = (stations: readonly Election['stations'][number][] | undefined): string[] =>
    precinct ? (stations ?? []).map((station) => nistId.unit(station.id)) : [];
  const stationsOfTerritory = groupBy(election.stations, (station) => station.territoryId);
  const stationsOfRegionOnly = groupBy(
    election.stations.filter((station) => station.territoryId === null),
    (station) => station.regionId,
  );
  const territoriesOfRegion = groupBy(election.territories, (territory) => territory.regionId as string);
  const stationsByContest = groupBy(
    election.stations.flatMap((station) => station.contests.map((contestId) => ({ contestId, station }))),
    (entry) => entry.contestId as string,
  );
  const composing = (ids: readonly string[]): Json => (ids.length === 0 ? {} : { ComposingGpUnitIds: ids });
  const nationalTotals =
    national === undefined ? undefined : tally.contests.find((result) => result.contest.id === national.id)?.totals;

  const units: Json[] = [
    {
      '@id': nistId.country,
      '@type': 'ElectionResults.ReportingUnit',
      Type: 'country',
      Name: text(COUNTRY_NAME),
      ExternalIdentifier: [identifier('KZ', 'iso-3166-1')],
      ...composing(index.regions.map(nistId.unit)),
      ...voters(nationalTotals?.lines, 'KZ'),
    },
  ];
  for (const region of election.regions) {
    units.push({
      '@id': nistId.unit(region.id),
      '@type': 'ElectionResults.ReportingUnit',
      ...(region.kind === 'city' ? { Type: 'city' } : { Type: 'other', OtherType: 'oblast' }),
      Name: text(region.name),
      ExternalIdentifier: [identifier(region.id, 'iso-3166-2')],
      ...composing([
        ...(territoriesOfRegion.get(region.id) ?? []).map((territory) => nistId.unit(territory.id)),
        ...unitIds(stationsOfRegionOnly.get(region.id)),
      ]),
      ...unitVoters(sums.regions.get(region.id), region.id),
    });
  }
  if (index.regions.includes(ABROAD)) {
    units.push({
      '@id': nistId.unit(ABROAD),
      '@type': 'ElectionResults.ReportingUnit',
      Type: 'other',
      OtherType: 'abroad',
      Name: text(ABROAD_NAME),
      ...composing(unitIds(election.stations.filter((station) => station.regionId === null))),
      ...unitVoters(sums.regions.get(ABROAD), ABROAD),
    });
  }
  for (const territory of election.territories) {
    units.push({
      '@id': nistId.unit(territory.id),
      '@type': 'ElectionResults.ReportingUnit',
      ...(territory.kind === 'city' ? { Type: 'city' } : { Type: 'other', OtherType: 'district' }),
      Name: text(territory.name),
      ExternalIdentifier: [identifier(territory.id)],
      ...composing(unitIds(stationsOfTerritory.get(territory.id))),
      ...unitVoters(sums.territories.get(territory.id), territory.id),
    });
  }
  for (const result of tally.contests) {
    if (result.kind !== 'smd') continue;
    const contest = result.contest;
    units.push({
      '@id': nistId.unit(contest.id),
      '@type': 'ElectionResults.ReportingUnit',
      Type: 'other',
      OtherType: 'single-member-district',
      Name: text(contest.name),
      Number: String(contest.number),
      IsDistricted: true,
      ExternalIdentifier: [identifier(contest.id)],
      ...composing(unitIds(stationsByContest.get(contest.id)?.map((entry) => entry.station))),
      ...voters(result.totals.lines, contest.id),
    });
  }
  if (precinct) {
    for (const station of election.stations) {
      units.push({
        '@id': nistId.unit(station.id),
        '@type': 'ElectionResults.ReportingUnit',
        Type: 'precinct',
        Number: station.id.slice(station.id.indexOf('/PS-') + 4),
        ExternalIdentifier: [identifier(station.id)],
        ...voters(nationalAt.get(station.id)?.lines, station.id),
      });
    }
  }
  return units;
}

function contestOf({
  result,
  position,
  districtOf,
  stage,
  parties,
  candidates,
  protocols,
}: {
  readonly result: ContestTally;
  readonly position: number;
  readonly districtOf: (contest: Contest) => string;
  readonly stage: Stage;
  readonly parties: ReadonlyMap<string, Election['parties'][number]>;
  readonly candidates: ReadonlyMap<string, Candidate>;
  /** The contest's protocols in station order, for per-station counts; empty for a summary report. */
  readonly protocols: readonly Protocol[];
}): Json {
  const { contest, totals } = result;
  const district = districtOf(contest);
  const perStation = (count: (protocol: Protocol) => number, where: string): Json[] =>
    protocols.map((protocol) =>
      voteCounts(nistId.unit(protocol.stationId), count(protocol), `${where} ${protocol.stationId}`),
    );
  const selections: Json[] = contest.options.map((option, order) => {
    const where = `${contest.id} ${option.id}`;
    const counts = [
      voteCounts(district, totals.votes[option.id] ?? 0n, where),
      ...perStation((protocol) => protocol.votes[option.id] ?? 0, where),
    ];
    if (result.kind === 'list') {
      return {
        '@id': nistId.selection(contest.id, option.id),
        '@type': 'ElectionResults.PartySelection',
        PartyIds: [nistId.party(option.id)],
        SequenceOrder: parties.get(option.id)?.ballotOrder ?? order + 1,
        VoteCounts: [
          ...counts,
          voteCounts(district, result.allocation.seats[option.id] ?? 0, `${where} seats`, 'seats'),
        ],
      };
    }
    const party = nominatingParty(candidates.get(option.id), parties);
    return {
      '@id': nistId.selection(contest.id, option.id),
      '@type': 'ElectionResults.CandidateSelection',
      CandidateIds: [nistId.candidate(option.id)],
      ...(party === null ? {} : { EndorsementPartyIds: [nistId.party(party)] }),
      SequenceOrder: order + 1,
      VoteCounts: counts,
    };
  });
  const againstAll = {
    '@id': nistId.againstAll(contest.id),
    '@type': 'ElectionResults.BallotMeasureSelection',
    Selection: text(AGAINST_ALL_NAME),
    SequenceOrder: contest.options.length + 1,
    ExternalIdentifier: [identifier('against-all', 'saylau-selection')],
    VoteCounts: [
      voteCounts(district, totals.lines.againstAll, `${contest.id} againstAll`),
      ...perStation((protocol) => protocol.lines.againstAll, `${contest.id} againstAll`),
    ],
  };
  const common = {
    '@id': nistId.contest(contest.id),
    Name: contest.name.en,
    BallotTitle: text(contest.name),
    ElectionDistrictId: district,
    SequenceOrder: position + 1,
    ExternalIdentifier: [identifier(contest.id)],
    CountStatus: countStatus(stage === 'partial' ? 'in-process' : 'completed'),
    SubUnitsReported: totals.stations,
    TotalSubUnits: result.stationsExpected,
    ContestSelection: [...selections, againstAll],
    OtherCounts: [
      otherCounts(district, totals.lines.invalid, `${contest.id} invalid`),
      ...protocols.map((protocol) =>
        otherCounts(
          nistId.unit(protocol.stationId),
          protocol.lines.invalid,
          `${contest.id} invalid ${protocol.stationId}`,
        ),
      ),
    ],
  };
  return result.kind === 'list'
    ? { ...common, '@type': 'ElectionResults.PartyContest', VoteVariation: 'proportional' }
    : {
        ...common,
        '@type': 'ElectionResults.CandidateContest',
        VoteVariation: 'plurality',
        VotesAllowed: 1,
        NumberElected: 1,
      };
}

/** The party that nominated a candidate (a public association is not a party of the election). */
function nominatingParty(candidate: Candidate | undefined, parties: ReadonlyMap<string, unknown>): string | null {
  if (
    candidate === undefined ||
    (candidate.nomination !== 'party' && candidate.nomination !== 'list') ||
    candidate.nominatedBy === null
  )
    return null;
  return parties.has(candidate.nominatedBy) ? candidate.nominatedBy : null;
}

function candidateOf({
  candidate,
  result,
  stage,
  parties,
}: {
  readonly candidate: Candidate;
  readonly result: Extract<ContestTally, { kind: 'smd' }>;
  readonly stage: Stage;
  readonly parties: ReadonlyMap<string, unknown>;
}): Json {
  const party = nominatingParty(candidate, parties);
  const outcome = result.outcome;
  const post =
    candidate.status !== 'registered'
      ? 'withdrawn'
      : outcome.status !== 'winner'
        ? null
        : outcome.winner !== candidate.id
          ? 'defeated'
          : stage === 'established' || stage === 'certified'
            ? 'winner'
            : 'projected-winner';
  return {
    '@id': nistId.candidate(candidate.id),
    '@type': 'ElectionResults.Candidate',
    BallotName: candidateText(candidate),
    PersonId: nistId.person(candidate.id),
    ...(party === null ? {} : { PartyId: nistId.party(party) }),
    PreElectionStatus: candidate.status === 'registered' ? 'qualified' : 'withdrawn',
    ...(post === null ? {} : { PostElectionStatus: post }),
    ExternalIdentifier: [identifier(candidate.id), identifier(candidate.nomination, 'saylau-nomination')],
  };
}
