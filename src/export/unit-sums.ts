import type { Election, Station } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { addProtocol, emptyTotals, type Totals } from '../tally/aggregate.ts';

/** The reporting unit of stations abroad, which belong to no region. */
export const ABROAD = 'ABROAD';

/** Sums of one unit (region or territory): contestId → exact totals of its stations' protocols. */
export type UnitSums = Map<string, Totals>;

export interface UnitIndex {
  readonly stations: ReadonlyMap<string, Station>;
  /**
   * Region id (or ABROAD) → contests its stations issue, in the definition's contest order, with how many of its
   * stations issue each.
   */
  readonly regionContests: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Territory id → the same. */
  readonly territoryContests: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Region ids in the definition's order, then ABROAD when there are stations abroad. */
  readonly regions: readonly string[];
}

export function unitIndex(election: Election): UnitIndex {
  const contestOrder = new Map(election.contests.map((contest, index) => [contest.id as string, index]));
  const regionSets = new Map<string, Map<string, number>>();
  const territorySets = new Map<string, Map<string, number>>();
  const add = (sets: Map<string, Map<string, number>>, unit: string, contests: readonly string[]): void => {
    const counts = sets.get(unit) ?? new Map<string, number>();
    for (const contest of contests) counts.set(contest, (counts.get(contest) ?? 0) + 1);
    sets.set(unit, counts);
  };
  for (const station of election.stations) {
    add(regionSets, station.regionId ?? ABROAD, station.contests);
    if (station.territoryId !== null) add(territorySets, station.territoryId, station.contests);
  }
  const ordered = (sets: Map<string, Map<string, number>>): Map<string, Map<string, number>> =>
    new Map(
      [...sets].map(([unit, counts]) => [
        unit,
        new Map([...counts].sort(([a], [b]) => (contestOrder.get(a) ?? 0) - (contestOrder.get(b) ?? 0))),
      ]),
    );
  return {
    stations: new Map(election.stations.map((station) => [station.id as string, station])),
    regionContests: ordered(regionSets),
    territoryContests: ordered(territorySets),
    regions: [...election.regions.map((region) => region.id as string), ...(regionSets.has(ABROAD) ? [ABROAD] : [])],
  };
}

/**
 * Exact sums of the protocols by region (stations abroad under ABROAD) and by territory, for every
 * contest the unit's stations issue (zero where no protocol is in yet).
 */
export function sumsByUnit({
  election,
  protocols,
  index = unitIndex(election),
}: {
  readonly election: Election;
  readonly protocols: readonly Protocol[];
  readonly index?: UnitIndex;
}): { regions: Map<string, UnitSums>; territories: Map<string, UnitSums> } {
  const options = new Map(
    election.contests.map((contest) => [contest.id as string, contest.options.map((option) => option.id as string)]),
  );
  const start = (contestsOf: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, UnitSums> =>
    new Map(
      [...contestsOf].map(([unit, contests]) => [
        unit,
        new Map([...contests.keys()].map((contest) => [contest, emptyTotals(options.get(contest) ?? [])])),
      ]),
    );
  const regions = start(index.regionContests);
  const territories = start(index.territoryContests);
  for (const protocol of protocols) {
    const station = index.stations.get(protocol.stationId);
    if (station === undefined) continue;
    const regionTotals = regions.get(station.regionId ?? ABROAD)?.get(protocol.contestId);
    if (regionTotals !== undefined) addProtocol(regionTotals, protocol);
    const territoryTotals =
      station.territoryId === null ? undefined : territories.get(station.territoryId)?.get(protocol.contestId);
    if (territoryTotals !== undefined) addProtocol(territoryTotals, protocol);
  }
  return { regions, territories };
}
