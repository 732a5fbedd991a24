import { Prng } from '../../generate/prng.ts';
import { binomialSampler } from './binomial.ts';
import type { ForensicsParameters } from './parameters.ts';
import { mean, standardDeviation } from './statistics.ts';
import type { StationRecord } from './station-record.ts';
import { assertDefined } from '../../law/assert.ts';

/** Observed against the Monte Carlo null: expected is the mean over runs, sd their standard deviation. */
export interface IntegerCount {
  readonly observed: number;
  readonly expected: number;
  readonly excess: number;
  readonly sd: number;
  /** excess / sd. */
  readonly z: number;
}

export interface IntegerPercentResult {
  /** Stations in the test (voters on the list, turnout and leader share within the bounds). */
  readonly stations: number;
  readonly runs: number;
  readonly seed: number;
  readonly turnout: IntegerCount;
  readonly leaderShare: IntegerCount;
  readonly either: IntegerCount;
}

/**
 * k / n is an "integer percentage" when |100k/n − round(100k/n)| ≤ 0.05 (Kobak, Shpilkin &
 * Pshenichnikov 2016). Exactly, in integers: the distance of 100k from the nearest multiple of n
 * is at most n / 20.
 */
export function isIntegerPercent(k: number, n: number): boolean {
  if (n <= 0) return false;
  const rest = (100 * k) % n;
  return 20 * Math.min(rest, n - rest) <= n;
}

/** Within the test: ≥ minimum voters, and turnout and leader share ≤ the maximum percent (exact comparisons). */
export function inIntegerTest(station: StationRecord, leader: string, parameters: ForensicsParameters): boolean {
  const leaderVotes = station.votes[leader] ?? 0;
  const max = parameters.integerMaximumPercent;
  return (
    station.votersOnList >= parameters.integerMinimumVoters &&
    station.found > 0 &&
    100 * station.issued <= max * station.votersOnList &&
    100 * leaderVotes <= max * station.found
  );
}

function count(observed: number, perRun: Float64Array | number[]): IntegerCount {
  const runs = Array.from(perRun);
  const expected = mean(runs);
  const sd = standardDeviation(runs);
  const excess = observed - expected;
  return { observed, expected, excess, sd, z: sd === 0 ? 0 : excess / sd };
}

/**
 * The integer-percentage test. The null keeps each station's own size and its own observed
 * proportions: in every run, turnout is redrawn as Binomial(voters on the list, observed turnout)
 * / voters and the leader's votes as Binomial(ballots found, observed leader share) — the
 * binomial Monte Carlo of the paper — and the integer percentages of the run are counted the same way.
 */
export function integerPercentTest(
  stations: readonly StationRecord[],
  leader: string,
  parameters: ForensicsParameters,
  onProgress?: (done: number, total: number) => void,
): IntegerPercentResult {
  const included = stations.filter((station) => inIntegerTest(station, leader, parameters));
  const runs = parameters.runs;
  const random = new Prng(parameters.seed).fork('integer-percent');
  const turnoutRuns = new Float64Array(runs);
  const leaderRuns = new Float64Array(runs);
  const eitherRuns = new Float64Array(runs);
  let turnoutObserved = 0;
  let leaderObserved = 0;
  let eitherObserved = 0;
  included.forEach((station, index) => {
    const leaderVotes = station.votes[leader] ?? 0;
    const turnoutInteger = isIntegerPercent(station.issued, station.votersOnList);
    const leaderInteger = isIntegerPercent(leaderVotes, station.found);
    turnoutObserved += turnoutInteger ? 1 : 0;
    leaderObserved += leaderInteger ? 1 : 0;
    eitherObserved += turnoutInteger || leaderInteger ? 1 : 0;
    const drawTurnout = binomialSampler(station.votersOnList, station.issued / station.votersOnList);
    const drawLeader = binomialSampler(station.found, leaderVotes / station.found);
    for (let run = 0; run < runs; run++) {
      const t = isIntegerPercent(drawTurnout(random), station.votersOnList);
      const l = isIntegerPercent(drawLeader(random), station.found);
      if (t) turnoutRuns[run] = assertDefined(turnoutRuns[run]) + 1;
      if (l) leaderRuns[run] = assertDefined(leaderRuns[run]) + 1;
      if (t || l) eitherRuns[run] = assertDefined(eitherRuns[run]) + 1;
    }
    if (onProgress !== undefined && index % 2000 === 1999) onProgress(index + 1, included.length);
  });
  onProgress?.(included.length, included.length);
  return {
    stations: included.length,
    runs,
    seed: parameters.seed,
    turnout: count(turnoutObserved, turnoutRuns),
    leaderShare: count(leaderObserved, leaderRuns),
    either: count(eitherObserved, eitherRuns),
  };
}
