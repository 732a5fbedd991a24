import { describe, expect, it } from 'vitest';
import { allocateSeats } from '../src/law/allocate.ts';
import { namedRuleSet } from '../src/law/named-rule-sets.ts';
import { bareHare, benchLawAllocation } from './law-allocation.ts';

describe('allocation benchmark', () => {
  it('the baseline computes the same seats as the engine, so the ratio compares like with like', () => {
    const votes = [3431510, 693938, 547154, 535139, 432920, 331058, 146431];
    const lists = votes.map((v, i) => ({ id: `p${i}`, votes: BigInt(v), registrationOrder: i + 1 }));
    const engine = allocateSeats({ rules: namedRuleSet('kz-2023-majilis'), seats: 69, lists, againstAll: 248291n });
    expect(bareHare(votes, 248291, 69)).toEqual(Object.values(engine.seats));
  });

  it('reports the figures and their ratio', () => {
    const figures = benchLawAllocation(50);
    expect(Object.keys(figures)).toEqual([
      'allocationsPerSecond',
      'baselinePerSecond',
      'ratioToBaseline',
      'secondsFor40000',
    ]);
    expect(figures.allocationsPerSecond).toBeGreaterThan(0);
  });
});
