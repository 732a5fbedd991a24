import { describe, expect, it } from 'vitest';
import { nationalDataset } from './server-harness.ts';

describe('"against all" in the generated regional maslikhat lists', () => {
  it('is in every region a share like the published one (Karaganda 1.98 %), not next to nothing', () => {
    const { dataset } = nationalDataset();
    const shares = new Map<string, { againstAll: number; valid: number }>();
    for (const protocol of dataset.protocols) {
      if (!/^KZ-\d+\/maslikhat\/list$/.test(protocol.contestId)) continue;
      const sum = shares.get(protocol.contestId) ?? { againstAll: 0, valid: 0 };
      sum.againstAll += protocol.lines.againstAll;
      sum.valid += Object.values(protocol.votes).reduce((a, b) => a + b, 0) + protocol.lines.againstAll;
      shares.set(protocol.contestId, sum);
    }
    expect(shares.size).toBe(20);
    const outside = [...shares]
      .map(([contestId, { againstAll, valid }]) => [contestId, (100 * againstAll) / valid] as const)
      .filter(([, percent]) => percent < 1 || percent > 8);
    expect(outside).toEqual([]);
  }, 120_000);
});
