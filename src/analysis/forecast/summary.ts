import { assertDefined } from '../../law/assert.ts';
/** Figures are rounded for print so that the same counts always give the same bytes. */
export const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

export interface SeatDistribution {
  readonly mean: number;
  readonly median: number;
  /** [10th, 90th] and [2.5th, 97.5th] percentiles: the 80 % and 95 % intervals. */
  readonly interval80: readonly [number, number];
  readonly interval95: readonly [number, number];
  /** counts[k − min]: simulations with k seats, from the fewest seats seen to the most. */
  readonly histogram: { readonly min: number; readonly counts: readonly number[] };
}

/**
 * The p-quantile of a seat count from its histogram: the fewest seats k with P(X ≤ k) ≥ p (the
 * lower empirical quantile, so an interval's ends are seat counts that occurred).
 */
export function histogramQuantile(counts: ArrayLike<number>, total: number, p: number): number {
  let cumulative = 0;
  for (let k = 0; k < counts.length; k++) {
    cumulative += assertDefined(counts[k]);
    if (cumulative >= p * total) return k;
  }
  return counts.length - 1;
}

export function seatDistribution(counts: Int32Array, total: number): SeatDistribution {
  let mean = 0;
  let min = counts.length;
  let max = -1;
  counts.forEach((count, k) => {
    mean += k * count;
    if (count > 0) {
      min = Math.min(min, k);
      max = Math.max(max, k);
    }
  });
  const q = (p: number): number => histogramQuantile(counts, total, p);
  return {
    mean: round(mean / total, 2),
    median: q(0.5),
    interval80: [q(0.1), q(0.9)],
    interval95: [q(0.025), q(0.975)],
    histogram: { min, counts: [...counts.slice(min, max + 1)] },
  };
}

/** Simulations with at least `seats` seats. */
export function atLeast(counts: Int32Array, seats: number): number {
  let sum = 0;
  for (let k = seats; k < counts.length; k++) sum += assertDefined(counts[k]);
  return sum;
}

export interface ShareSummary {
  /** Percentages of valid votes. */
  readonly mean: number;
  readonly median: number;
  readonly interval80: readonly [number, number];
  readonly interval95: readonly [number, number];
}

/** Quantiles of one option's simulated share (column j of the share matrix), in percent. */
export function shareSummary(shares: Float64Array, columns: number, j: number, simulations: number): ShareSummary {
  const column = new Float64Array(simulations);
  let sum = 0;
  for (let s = 0; s < simulations; s++) {
    column[s] = assertDefined(shares[s * columns + j]);
    sum += assertDefined(column[s]);
  }
  column.sort();
  const q = (p: number): number =>
    round(100 * assertDefined(column[Math.min(simulations - 1, Math.floor(p * simulations))]), 2);
  return {
    mean: round((100 * sum) / simulations, 2),
    median: q(0.5),
    interval80: [q(0.1), q(0.9)],
    interval95: [q(0.025), q(0.975)],
  };
}
