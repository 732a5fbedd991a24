import type { ContestId, StationId } from '../model/ids.ts';
import type { Protocol, ProtocolLines } from '../model/protocol.ts';
import { apportion, apportionBounded } from './apportion.ts';
import { DEFAULT_WARNING_THRESHOLDS, hasRoundShares } from '../tally/protocol-checks.ts';
import type { KzData } from './kz-data.ts';
import type { Prng } from './prng.ts';
import type { StationPlan, Structure } from './structure.ts';
import { assertDefined } from '../law/assert.ts';
import { groupBy } from '../model/group-by.ts';
import { baseRegionIso } from './scale.ts';

const AGAINST_ALL = '__against_all__';
/** The weight of a station's Majilis "against all" votes in its regional maslikhat list vote (see buildProtocols). */
const AGAINST_ALL_IN_MASLIKHAT = 0.5;
const SOUTH = new Set(['KZ-61', 'KZ-31', 'KZ-43', 'KZ-79', 'KZ-47', 'KZ-19', 'KZ-33']);
const NORTH = new Set(['KZ-59', 'KZ-39', 'KZ-55', 'KZ-63', 'KZ-35', 'KZ-11', 'KZ-62']);
/** Published regional turnout may move by at most this much (docs/dataset.md §4.2: within 0.1 point). */
const TURNOUT_TOLERANCE = 0.1;

/**
 * How much more or less a party does by setting and region than nationally: synthetic, documented in docs/dataset.md.
 */
function affinity(option: string, plan: StationPlan): number {
  const iso = plan.regionIso === null ? 'ABROAD' : baseRegionIso(plan.regionIso);
  const urban = plan.station.setting !== 'rural';
  const bigCity = iso === 'KZ-75' || iso === 'KZ-71';
  switch (option) {
    case 'amanat':
      return (SOUTH.has(iso) ? 1.2 : 1) * (bigCity ? 0.82 : 1) * (urban ? 0.95 : 1.08) * (iso === 'ABROAD' ? 0.8 : 1);
    case 'auyl':
      return (urban ? 0.6 : 1.6) * (SOUTH.has(iso) ? 1.1 : 1);
    case 'respublica':
      return (bigCity ? 1.6 : 1) * (urban ? 1.2 : 0.7) * (iso === 'ABROAD' ? 1.5 : 1);
    case 'ak-zhol':
      return (urban ? 1.2 : 0.85) * (NORTH.has(iso) ? 1.15 : 1);
    case 'qhp':
      return (NORTH.has(iso) ? 1.45 : 0.85) * (urban ? 1.1 : 0.9);
    case 'osdp':
      return (iso === 'KZ-75' ? 1.6 : 1) * (urban ? 1.15 : 0.85);
    case 'baitaq':
      return urban ? 1.2 : 0.8;
    default:
      return (urban ? 1.35 : 0.7) * (bigCity ? 1.4 : 1);
  }
}

/**
 * Votes (options, then against all last) where every option holds a whole-percent share look
 * written to a target (a warning of docs/protocol-checks.md); a clean synthetic count moves one
 * vote to against all.
 */
function avoidRoundShares(votes: number[]): number[] {
  const options = votes.slice(0, -1).map(BigInt);
  const valid = votes.reduce((a, b) => a + b, 0);
  if (!hasRoundShares(options, BigInt(valid))) return votes;
  const largest = options.indexOf(options.reduce((a, b) => (b > a ? b : a)));
  votes[largest] = assertDefined(votes[largest]) - 1;
  votes[votes.length - 1] = assertDefined(votes[votes.length - 1]) + 1;
  return votes;
}

/**
 * avoidRoundShares for a matrix whose column totals are official: a row of whole-percent shares gives one vote of its
 * largest option to against all, and the next row that can takes one back, so every total stays as published.
 */
function avoidRoundSharesKeepingTotals(matrix: number[][]): void {
  // As the check of docs/protocol-checks.md reads a protocol: below its minimum of valid votes, no warning.
  const isRound = (row: readonly number[]): boolean => {
    const valid = row.reduce((a, b) => a + b, 0);
    return (
      valid >= DEFAULT_WARNING_THRESHOLDS.roundSharesMinimumValid &&
      hasRoundShares(row.slice(0, -1).map(BigInt), BigInt(valid))
    );
  };
  matrix.forEach((row, r) => {
    if (!isRound(row)) return;
    const last = row.length - 1;
    const largest = row.slice(0, -1).indexOf(Math.max(...row.slice(0, -1)));
    for (let offset = 1; offset < matrix.length; offset++) {
      const other = assertDefined(matrix[(r + offset) % matrix.length]);
      if (assertDefined(other[last]) === 0) continue;
      const moved = [...other];
      moved[largest] = assertDefined(moved[largest]) + 1;
      moved[last] = assertDefined(moved[last]) - 1;
      if (isRound(moved)) continue;
      other.splice(0, other.length, ...moved);
      row[largest] = assertDefined(row[largest]) - 1;
      row[last] = assertDefined(row[last]) + 1;
      return;
    }
  });
}

/** Iterative proportional fitting: a non-negative matrix scaled to given row and column sums. */
function fitMargins(matrix: number[][], rows: readonly number[], columns: readonly number[]): void {
  for (let iteration = 0; iteration < 40; iteration++) {
    matrix.forEach((row, r) => {
      const sum = row.reduce((a, b) => a + b, 0);
      if (sum > 0) row.forEach((value, c) => (row[c] = (value * assertDefined(rows[r])) / sum));
    });
    columns.forEach((target, c) => {
      const sum = matrix.reduce((total, row) => total + assertDefined(row[c]), 0);
      if (sum > 0) for (const row of matrix) row[c] = (assertDefined(row[c]) * target) / sum;
    });
  }
}

/**
 * Whole votes with exact row sums and exact column sums: columns one by one within what each row has left; the last
 * takes the rest.
 */
function integerMatrix(
  weights: readonly (readonly number[])[],
  rows: readonly number[],
  columns: readonly number[],
): number[][] {
  const left = [...rows];
  const result = rows.map(() => new Array<number>(columns.length).fill(0));
  for (let c = 0; c < columns.length - 1; c++) {
    const part = apportionBounded(
      assertDefined(columns[c]),
      weights.map((row) => assertDefined(row[c])),
      rows.map(() => 0),
      left,
    );
    part.forEach((value, r) => {
      assertDefined(result[r])[c] = value;
      left[r] = assertDefined(left[r]) - value;
    });
  }
  left.forEach((value, r) => (assertDefined(result[r])[columns.length - 1] = value));
  return result;
}

interface Ballots {
  readonly issued: number;
  readonly outside: number;
  readonly absentee: number;
  readonly found: number;
}

/** The ballot accounting lines around a count: issued in and outside the premises, absentee, not returned. */
function ballotsFor(issued: number, plan: StationPlan, random: Prng): Ballots {
  const outsideRate = plan.station.setting === 'rural' ? 0.028 : plan.station.setting === 'urban' ? 0.011 : 0;
  const outside = Math.min(issued, Math.round(issued * outsideRate * random.lognormal(0.4)));
  const absentee = Math.min(issued, Math.round(issued * 0.003 * random.lognormal(0.8)));
  const notReturned = issued - outside > 0 && random.chance(0.25) ? 1 : 0;
  return { issued, outside, absentee, found: issued - notReturned };
}

function linesFor(plan: StationPlan, ballots: Ballots, invalid: number, againstAll: number): ProtocolLines {
  return {
    votersOnList: plan.registered,
    ballotsReceived: plan.registered,
    issuedInPremises: ballots.issued - ballots.outside,
    issuedOutside: ballots.outside,
    absentee: ballots.absentee,
    cancelled: plan.registered - ballots.issued,
    foundStationary: ballots.found - ballots.outside,
    foundMobile: ballots.outside,
    invalid,
    againstAll,
    lost: 0,
    unaccounted: 0,
  };
}

/**
 * Participants of the Majilis list ballot by region: the published turnout, moved within 0.1 point so that the country
 * adds up exactly.
 */
export function regionalParticipants(
  data: KzData,
  structure: Structure,
  abroadShare: number,
): { byRegion: Map<string, number>; abroad: number } {
  const national = data.results.majilisList?.participants ?? 0;
  const registered = new Map<string, number>();
  for (const plan of structure.stations)
    if (plan.regionIso !== null)
      registered.set(plan.regionIso, (registered.get(plan.regionIso) ?? 0) + plan.registered);
  const published = data.regions.map((region) =>
    Math.round((assertDefined(registered.get(region.iso)) * region.turnoutPercent) / 100),
  );
  const abroad = Math.round(structure.abroadRegistered * abroadShare);
  const excess = published.reduce((a, b) => a + b, 0) + abroad - national;
  const shift = apportion(
    Math.abs(excess),
    data.regions.map((region) => assertDefined(registered.get(region.iso))),
  );
  const byRegion = new Map<string, number>();
  data.regions.forEach((region, index) => {
    const participants = assertDefined(published[index]) - Math.sign(excess) * assertDefined(shift[index]);
    const turnout = (participants * 100) / assertDefined(registered.get(region.iso));
    if (Math.abs(turnout - region.turnoutPercent) > TURNOUT_TOLERANCE)
      throw new Error(
        `${region.iso}: turnout ${turnout.toFixed(3)} is not within ${TURNOUT_TOLERANCE} of ${region.turnoutPercent}`,
      );
    byRegion.set(region.iso, participants);
  });
  return { byRegion, abroad };
}

/**
 * Every protocol of the election: the Majilis list reproducing the official national figures
 * exactly, regional maslikhat lists reproducing Kostanay's and Karaganda's published votes, every
 * district electing the candidate the structure chose, and every control relation holding.
 */
export function buildProtocols(data: KzData, structure: Structure, random: Prng): Protocol[] {
  const { stations } = structure;
  const byContest = new Map(structure.election.contests.map((contest) => [contest.id, contest]));
  const protocols = new Map<string, Protocol>();
  const key = (stationId: StationId, contestId: ContestId): string => `${stationId} ${contestId}`;
  const official = data.results.majilisList;
  if (official === undefined || official.againstAll === null)
    throw new Error('data/kz-2023.json lacks the Majilis list result');

  // 1. Majilis list: participants by station, then votes with exact national totals.
  const participantsRandom = random.fork('participants');
  const { byRegion, abroad } = regionalParticipants(data, structure, 0.45);
  const issuedMajilis = new Map<StationId, number>();
  const groups = groupBy(stations, (plan) => plan.regionIso);
  for (const [iso, group] of groups) {
    const target = iso === null ? abroad : assertDefined(byRegion.get(iso));
    const weights = group.map(
      (plan) => plan.registered * (plan.station.setting === 'rural' ? 1.18 : 0.92) * participantsRandom.lognormal(0.12),
    );
    const issued = apportionBounded(
      target,
      weights,
      group.map(() => 0),
      group.map((plan) => Math.floor(plan.registered * 0.93)),
    );
    group.forEach((plan, index) => issuedMajilis.set(plan.station.id, assertDefined(issued[index])));
  }
  const ballotsRandom = random.fork('ballots');
  const majilisBallots = stations.map((plan) =>
    ballotsFor(assertDefined(issuedMajilis.get(plan.station.id)), plan, ballotsRandom),
  );
  const partyIds = Object.keys(official.votes);
  const columns = [...partyIds.map((id) => assertDefined(official.votes[id])), official.againstAll];
  const validTotal = columns.reduce((a, b) => a + b, 0);
  const validRandom = random.fork('valid');
  const valid = apportionBounded(
    validTotal,
    majilisBallots.map((b) => b.found * (1 - Math.min(0.07, 0.024 * validRandom.lognormal(0.35)))),
    majilisBallots.map(() => 0),
    majilisBallots.map((b) => b.found),
  );
  const shareRandom = random.fork('shares');
  const nationalShare = columns.map((votes) => votes / validTotal);
  const options = [...partyIds, AGAINST_ALL];
  const weights = stations.map((plan) =>
    options.map((option, c) => assertDefined(nationalShare[c]) * affinity(option, plan) * shareRandom.lognormal(0.18)),
  );
  fitMargins(weights, valid, columns);
  const majilisVotes = integerMatrix(weights, valid, columns);
  avoidRoundSharesKeepingTotals(majilisVotes);
  stations.forEach((plan, s) => {
    const ballots = assertDefined(majilisBallots[s]);
    const row = assertDefined(majilisVotes[s]);
    const votes = Object.fromEntries(partyIds.map((id, c) => [id, assertDefined(row[c])]));
    const againstAll = assertDefined(row[partyIds.length]);
    protocols.set(key(plan.station.id, 'majilis/list' as ContestId), {
      stationId: plan.station.id,
      contestId: 'majilis/list' as ContestId,
      version: 1,
      lines: linesFor(plan, ballots, ballots.found - assertDefined(valid[s]), againstAll),
      votes,
    });
  });
  const majilisShares = new Map(
    stations.map((plan, s) => [
      plan.station.id,
      Object.fromEntries(options.map((id, c) => [id, assertDefined(assertDefined(majilisVotes[s])[c]) + 1])),
    ]),
  );

  // 2. Regional maslikhat lists: published totals where known, otherwise shares like the Majilis vote.
  const listRandom = random.fork('regional-lists');
  for (const contest of structure.election.contests) {
    if (contest.kind !== 'list' || contest.id === 'majilis/list') continue;
    const iso = assertDefined(contest.bodyId.split('/')[0]);
    const group = assertDefined(groups.get(iso));
    const parties = assertDefined(structure.listParties.get(contest.id));
    const published = data.results[iso];
    const majilisIssued = group.map((plan) => assertDefined(issuedMajilis.get(plan.station.id)));
    const issuedTotal = published?.participants ?? Math.round(majilisIssued.reduce((a, b) => a + b, 0) * 0.998);
    const issued = apportionBounded(
      issuedTotal,
      majilisIssued,
      group.map(() => 0),
      majilisIssued,
    );
    const ballots = group.map((plan, s) => ballotsFor(assertDefined(issued[s]), plan, listRandom));
    const found = ballots.reduce((sum, b) => sum + b.found, 0);
    const shareWeights = group.map((plan) => [
      ...parties.map(
        (party) => assertDefined(assertDefined(majilisShares.get(plan.station.id))[party]) * listRandom.lognormal(0.15),
      ),
      // Against all follows the station's Majilis vote too, at half its weight: the one regional maslikhat whose
      // count is published (Karaganda, 1.98 % of the valid votes) is about half the Majilis share (3.90 %).
      AGAINST_ALL_IN_MASLIKHAT *
        assertDefined(assertDefined(majilisShares.get(plan.station.id))[AGAINST_ALL]) *
        listRandom.lognormal(0.15),
    ]);
    let rows: number[];
    let matrix: number[][];
    if (published !== undefined) {
      const partyTotals = parties.map((party) => assertDefined(published.votes[party]));
      const partySum = partyTotals.reduce((a, b) => a + b, 0);
      const againstAll = published.againstAll ?? found - Math.round(found * 0.012) - partySum;
      const columnTotals = [...partyTotals, againstAll];
      const validSum = partySum + againstAll;
      if (validSum > found) throw new Error(`${contest.id}: published votes exceed the ballots found`);
      rows = apportionBounded(
        validSum,
        ballots.map((b) => b.found),
        ballots.map(() => 0),
        ballots.map((b) => b.found),
      );
      fitMargins(shareWeights, rows, columnTotals);
      matrix = integerMatrix(shareWeights, rows, columnTotals);
    } else {
      rows = ballots.map(
        (b) => b.found - Math.min(Math.floor(b.found * 0.08), Math.round(b.found * 0.02 * listRandom.lognormal(0.35))),
      );
      matrix = rows.map((row, s) => avoidRoundShares(apportion(row, assertDefined(shareWeights[s]))));
    }
    group.forEach((plan, s) => {
      const row = assertDefined(matrix[s]);
      const b = assertDefined(ballots[s]);
      protocols.set(key(plan.station.id, contest.id), {
        stationId: plan.station.id,
        contestId: contest.id,
        version: 1,
        lines: linesFor(plan, b, b.found - assertDefined(rows[s]), assertDefined(row[parties.length])),
        votes: Object.fromEntries(parties.map((party, c) => [party, assertDefined(row[c])])),
      });
    });
  }

  // 3. Single-member districts: the chosen winner leads; the others share the rest.
  const smdRandom = random.fork('smd');
  const stationsOf = groupBy(
    stations.flatMap((plan) => plan.station.contests.map((contestId) => ({ contestId, plan }))),
    (entry) => entry.contestId,
  );
  for (const district of structure.smd) {
    const contest = assertDefined(byContest.get(district.contestId));
    const group = assertDefined(stationsOf.get(contest.id)).map((entry) => entry.plan);
    const strength = district.candidates.map((id) => (id === district.winner ? 0 : smdRandom.lognormal(0.7)));
    const others = strength.reduce((a, b) => a + b, 0);
    const winnerIndex = district.candidates.indexOf(district.winner);
    strength[winnerIndex] = Math.max(1, others * smdRandom.between(0.5, 1.1));
    const rows = group.map((plan) => {
      const issued = Math.max(0, assertDefined(issuedMajilis.get(plan.station.id)) - (smdRandom.chance(0.3) ? 1 : 0));
      const ballots = ballotsFor(issued, plan, smdRandom);
      // Invalid ballots stay below the 10 % warning of docs/protocol-checks.md: the clean dataset raises no flag.
      const invalid = Math.min(
        Math.floor(ballots.found * 0.08),
        Math.round(ballots.found * 0.028 * smdRandom.lognormal(0.35)),
      );
      const weights = [
        ...strength.map((value) => value * smdRandom.lognormal(0.3)),
        0.05 * (others + assertDefined(strength[winnerIndex])) * affinity(AGAINST_ALL, plan),
      ];
      return { plan, ballots, invalid, votes: avoidRoundShares(apportion(ballots.found - invalid, weights)) };
    });
    // Should noise have put another candidate first, exchange their columns: the totals keep their shape.
    const totalOf = (c: number): number => rows.reduce((sum, row) => sum + assertDefined(row.votes[c]), 0);
    const totals = district.candidates.map((_, c) => totalOf(c));
    const leader = totals.indexOf(Math.max(...totals));
    if (leader !== winnerIndex)
      for (const row of rows)
        [row.votes[leader], row.votes[winnerIndex]] = [
          assertDefined(row.votes[winnerIndex]),
          assertDefined(row.votes[leader]),
        ];
    // A dead heat at the top would be a tie (docs/law.md §5), not the outcome chosen: move one vote.
    for (let c = 0; c < district.candidates.length; c++) {
      if (c === winnerIndex || totalOf(c) < totalOf(winnerIndex)) continue;
      const row = assertDefined(rows.find((r) => assertDefined(r.votes[c]) > 0));
      row.votes[c] = assertDefined(row.votes[c]) - 1;
      row.votes[winnerIndex] = assertDefined(row.votes[winnerIndex]) + 1;
    }
    for (const row of rows) {
      protocols.set(key(row.plan.station.id, contest.id), {
        stationId: row.plan.station.id,
        contestId: contest.id,
        version: 1,
        lines: linesFor(row.plan, row.ballots, row.invalid, assertDefined(row.votes[district.candidates.length])),
        votes: Object.fromEntries(district.candidates.map((id, c) => [id, assertDefined(row.votes[c])])),
      });
    }
  }

  // In station order, and within a station in the order of its ballots.
  return stations.flatMap((plan) =>
    plan.station.contests.map((contestId) => assertDefined(protocols.get(key(plan.station.id, contestId)))),
  );
}
