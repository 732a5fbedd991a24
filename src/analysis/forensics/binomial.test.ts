import { describe, expect, it } from 'vitest';
import { Prng } from '../../generate/prng.ts';
import { binomialSampler } from './binomial.ts';
import { chiSquareTail } from './statistics.ts';

/** ln C(n, k) p^k q^(n−k), summed in logs. */
function pmf(n: number, p: number, k: number): number {
  let log = k * Math.log(p) + (n - k) * Math.log(1 - p);
  for (let i = 1; i <= k; i++) log += Math.log(n - k + i) - Math.log(i);
  return Math.exp(log);
}

/** Pearson's χ² of `draws` against the exact pmf, cells with expectation < 5 pooled. */
function goodnessOfFit(n: number, p: number, draws: number, seed: number): number {
  const sample = binomialSampler(n, p);
  const random = new Prng(seed);
  const observed = new Map<number, number>();
  let outside = 0;
  for (let i = 0; i < draws; i++) {
    const k = sample(random);
    if (!(Number.isInteger(k) && k >= 0 && k <= n)) outside += 1;
    observed.set(k, (observed.get(k) ?? 0) + 1);
  }
  expect(outside).toBe(0);
  let chi = 0;
  let cells = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let k = 0; k <= n; k++) {
    const expected = pmf(n, p, k) * draws;
    if (expected < 5) {
      pooledObserved += observed.get(k) ?? 0;
      pooledExpected += expected;
      continue;
    }
    chi += ((observed.get(k) ?? 0) - expected) ** 2 / expected;
    cells += 1;
  }
  if (pooledExpected > 0) {
    chi += (pooledObserved - pooledExpected) ** 2 / Math.max(pooledExpected, 1e-9);
    cells += 1;
  }
  return chiSquareTail(chi, cells - 1);
}

describe('binomial sampler', () => {
  it.each([
    [1000, 0.3, 'BTRD'],
    [2500, 0.62, 'BTRD mirrored'],
    [40, 0.2, 'inversion'],
    [3000, 0.001, 'inversion, tiny p'],
    [120, 0.97, 'inversion mirrored'],
  ])('Binomial(%i, %f) by %s fits the exact distribution', (n, p) => {
    // 100,000 draws: a wrong branch of the sampler gives p-values of 1e-10 and below.
    expect(goodnessOfFit(n, p, 100_000, 7)).toBeGreaterThan(0.001);
  });

  it('is deterministic for a seed and exact at the edges', () => {
    const draw = (seed: number): number[] => {
      const random = new Prng(seed);
      const sample = binomialSampler(900, 0.45);
      return Array.from({ length: 5 }, () => sample(random));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    const random = new Prng(1);
    expect(binomialSampler(0, 0.5)(random)).toBe(0);
    expect(binomialSampler(10, 0)(random)).toBe(0);
    expect(binomialSampler(10, 1)(random)).toBe(10);
    expect(() => binomialSampler(-1, 0.5)).toThrow(RangeError);
    expect(() => binomialSampler(10, 1.5)).toThrow(RangeError);
  });
});
