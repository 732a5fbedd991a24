import { createHash } from 'node:crypto';
import type { CopySample, ProtocolCopy } from '../model/observer.ts';

// A parallel vote tabulation from observers' copies (docs/law.md §10.2): a sample of stations drawn from a recorded
// seed, and each option's share estimated from the copies of the sampled stations, with its margin of error, to set
// beside the official share. The estimate is statistics, not a count: it is computed in floating point and shown
// rounded; every official figure beside it is the exact sum of the protocols.

/**
 * The sampled stations: those of `stationIds` whose SHA-256 of `<seed> <station id>` is smallest, `size` of them (all
 * when there are fewer), in id order. A hash rank rather than a PRNG so that anyone can draw the sample again with a
 * one-line script in any language.
 */
export function drawSample(stationIds: Iterable<string>, sample: Pick<CopySample, 'seed' | 'size'>): string[] {
  const ranked = [...stationIds].map((id) => ({
    id,
    rank: createHash('sha256').update(`${sample.seed} ${id}`).digest('hex'),
  }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked
    .slice(0, sample.size)
    .map(({ id }) => id)
    .sort();
}

/** The confidence the margins are given at: 95 %, z = 1.96. */
export const SAMPLE_Z = 1.96;

export interface ShareEstimate {
  /** An option's id, or `againstAll`. */
  readonly option: string;
  /** The estimated share of the votes cast for an option or against all, as a fraction (0…1). */
  readonly estimate: number;
  /** Half the width of the 95 % interval, as a fraction; null with fewer than two sampled stations counted. */
  readonly margin: number | null;
  /** The official share from the protocols counted so far; null before any. */
  readonly official: number | null;
}

export interface SampleEstimate {
  /** The stations drawn, and how many of them have a copy the estimate uses (the first copy in id order). */
  readonly drawn: number;
  readonly withCopies: number;
  readonly shares: readonly ShareEstimate[];
}

/**
 * Each option's share of the votes for any option or against all, estimated from the copies of the sampled stations
 * as a ratio estimator (the sampled votes over the sampled total), with the standard error of a ratio under simple
 * random sampling without replacement of `population` stations:
 * SE² = (1 − n/N) / (n · x̄²) · Σ (yᵢ − p̂ · xᵢ)² / (n − 1).
 * Sampled stations without a copy are left out; the count of those with one is reported beside the estimate.
 */
export function estimateShares(
  sampled: readonly string[],
  copyOf: (stationId: string) => ProtocolCopy['protocol'] | undefined,
  options: readonly string[],
  population: number,
  officialVotes: ReadonlyMap<string, bigint> | null,
): SampleEstimate {
  const columns = [...options, 'againstAll'];
  const rows: { x: number; y: number[] }[] = [];
  for (const stationId of sampled) {
    const copy = copyOf(stationId);
    if (copy === undefined) continue;
    const y = columns.map((option) => (option === 'againstAll' ? copy.lines.againstAll : (copy.votes[option] ?? 0)));
    rows.push({ x: y.reduce((sum, value) => sum + value, 0), y });
  }
  const n = rows.length;
  const totalX = rows.reduce((sum, row) => sum + row.x, 0);
  const officialTotal =
    officialVotes === null ? 0n : columns.reduce((sum, option) => sum + (officialVotes.get(option) ?? 0n), 0n);
  const shares = columns.map((option, column) => {
    const totalY = rows.reduce((sum, row) => sum + (row.y[column] ?? 0), 0);
    const estimate = totalX === 0 ? 0 : totalY / totalX;
    let margin: number | null = null;
    if (n >= 2 && totalX > 0) {
      const meanX = totalX / n;
      const residuals = rows.reduce((sum, row) => sum + ((row.y[column] ?? 0) - estimate * row.x) ** 2, 0);
      const finite = Math.max(0, 1 - n / Math.max(population, n));
      margin = SAMPLE_Z * Math.sqrt((finite / (n * meanX * meanX)) * (residuals / (n - 1)));
    }
    const official =
      officialVotes === null || officialTotal === 0n
        ? null
        : Number(((officialVotes.get(option) ?? 0n) * 1_000_000_000n) / officialTotal) / 1e9;
    return { option, estimate, margin, official };
  });
  return { drawn: sampled.length, withCopies: n, shares };
}
