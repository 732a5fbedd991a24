import { binOf } from './fingerprint.ts';
import { othersOf, type StationRecord } from './station-record.ts';

export interface TurnoutBin {
  /** Turnout from `bin` % to `bin` + 1 % (the last bin includes 100 %). */
  readonly bin: number;
  readonly stations: number;
  readonly votersOnList: number;
  readonly issued: number;
  readonly found: number;
  readonly leader: number;
  /** Valid votes for everyone else, "against all" included. */
  readonly others: number;
  /** The leader's votes if the leader-to-others ratio of the modal bin held here (bins above the mode only). */
  readonly cleanLeader: number | null;
}

export interface ShpilkinResult {
  /** The 1 % bin holding the most votes for the others: the turnout of the undisturbed stations. */
  readonly modalBin: number | null;
  /** Leader votes / others' votes in the modal bin. */
  readonly ratio: number | null;
  /** Σ over bins above the mode of max(0, leader − ratio × others), rounded to a whole vote. */
  readonly anomalousVotes: number;
  /**
   * (leader − anomalous) / (ballots found − anomalous), i.e. the leader share over valid and invalid ballots without
   * them.
   */
  readonly cleanLeaderShare: number | null;
  readonly leaderShare: number | null;
  readonly bins: readonly TurnoutBin[];
}

/**
 * Shpilkin's turnout-peak estimate. The others' votes are taken as undisturbed (stuffing and
 * "drawn" protocols add turnout and leader votes, not others' votes), so the bin where most of them
 * are is the turnout of a clean station, and the leader's ratio to them there is the clean ratio.
 * Above that turnout, leader votes beyond the ratio are counted as anomalous.
 */
export function shpilkinEstimate(stations: readonly StationRecord[], leader: string): ShpilkinResult {
  const totals = Array.from({ length: 100 }, () => ({
    stations: 0,
    votersOnList: 0,
    issued: 0,
    found: 0,
    leader: 0,
    others: 0,
  }));
  for (const station of stations) {
    if (station.votersOnList === 0) continue;
    const bin = totals[binOf(station.issued, station.votersOnList, 100)] as (typeof totals)[number];
    bin.stations += 1;
    bin.votersOnList += station.votersOnList;
    bin.issued += station.issued;
    bin.found += station.found;
    bin.leader += station.votes[leader] ?? 0;
    bin.others += othersOf(station, leader);
  }
  let modalBin: number | null = null;
  totals.forEach((bin, index) => {
    if (bin.others > 0 && (modalBin === null || bin.others > (totals[modalBin] as (typeof totals)[number]).others))
      modalBin = index;
  });
  const mode = modalBin === null ? null : (totals[modalBin] as (typeof totals)[number]);
  const ratio = mode === null ? null : mode.leader / mode.others;
  let anomalous = 0;
  const bins = totals.map((bin, index): TurnoutBin => {
    const cleanLeader = ratio === null || modalBin === null || index <= modalBin ? null : ratio * bin.others;
    if (cleanLeader !== null) anomalous += Math.max(0, bin.leader - cleanLeader);
    return { bin: index, ...bin, cleanLeader };
  });
  const leaderVotes = totals.reduce((sum, bin) => sum + bin.leader, 0);
  const found = totals.reduce((sum, bin) => sum + bin.found, 0);
  const anomalousVotes = Math.round(anomalous);
  return {
    modalBin,
    ratio,
    anomalousVotes,
    cleanLeaderShare: found - anomalousVotes > 0 ? (leaderVotes - anomalousVotes) / (found - anomalousVotes) : null,
    leaderShare: found > 0 ? leaderVotes / found : null,
    bins,
  };
}
