import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateSeats } from './allocate.ts';
import type { ListEntry } from './allocation-types.ts';
import { fastAllocator } from './fast-allocation.ts';
import { namedRuleSet } from './named-rule-sets.ts';
import { resolveRules, type RulesJson } from './rule-set.ts';
import { assertDefined } from './assert.ts';

const SEED = 20230319; // recorded so that any failure replays exactly

// Small vote counts make equal remainders and runner-up ties common; large ones are the real case.
const votesArbitrary = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 100) },
);

const rulesArbitrary: fc.Arbitrary<RulesJson> = fc.record({
  thresholdPercent: fc.constantFrom(0, 3, 3.5, 5, 7, 12.25, 50),
  thresholdBase: fc.constantFrom('valid', 'ballots', 'party-votes'),
  method: fc.constant('largest-remainder'),
  quota: fc.constant('hare'),
  runnerUpAdmission: fc.oneof(
    fc.boolean(),
    fc.record({ correction: fc.constantFrom(0.7, 1, 0.35, 0.001), minimumSeats: fc.integer({ min: 0, max: 5 }) }),
  ),
  remainderTie: fc.constant('earlier-registration'),
});

const caseArbitrary = fc.record({
  rules: rulesArbitrary,
  seats: fc.integer({ min: 1, max: 120 }),
  entries: fc.array(
    fc.record({ votes: votesArbitrary, listSize: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }) }),
    { minLength: 1, maxLength: 9 },
  ),
  registration: fc.integer(),
  againstAll: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 30 })),
  invalid: fc.integer({ min: 0, max: 1_000_000 }),
});

type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function compare(generated: Case): void {
  const { rules: json, seats, entries, registration, againstAll, invalid } = generated;
  const rules = resolveRules(json);
  // Registration order shuffled against input order, so that ties test the rank and not the index.
  const orders = entries.map((_, i) => ((((i * 7919 + registration) % 9973) + 9973) % 9973) * 16 + i);
  const lists: ListEntry[] = entries.map((entry, i) => ({
    id: `p${i}`,
    votes: BigInt(entry.votes),
    listSize: entry.listSize,
    registrationOrder: assertDefined(orders[i]),
  }));
  const engine = allocateSeats({ rules, seats, lists, againstAll: BigInt(againstAll), invalid: BigInt(invalid) });
  const fast = fastAllocator(rules, seats, lists) as NonNullable<ReturnType<typeof fastAllocator>>;
  const filled = new Int32Array(entries.length);
  const vacant = new Int32Array(entries.length);
  const status = fast(
    entries.map((entry) => entry.votes),
    againstAll,
    invalid,
    filled,
    vacant,
  );
  expect(status).toBe(engine.status);
  expect([...filled]).toEqual(lists.map((list) => engine.seats[list.id]));
  expect([...vacant]).toEqual(lists.map((list) => engine.vacant[list.id]));
}

describe('fast exact allocation', () => {
  it('decides exactly as allocateSeats on random inputs (thresholds, bases, runner-up, ties, vacancies)', () => {
    fc.assert(fc.property(caseArbitrary, compare), { seed: SEED, numRuns: 3000 });
  });

  it('decides exactly as allocateSeats on the 2023 Majilis rules near the 5 % line', () => {
    const near = caseArbitrary.map((generated) => ({
      ...generated,
      rules: namedRuleSet('kz-2023-majilis').json,
      seats: 69,
    }));
    fc.assert(fc.property(near, compare), { seed: SEED + 1, numRuns: 1000 });
  });

  it('gives the official 2023 list seats', () => {
    const votes = [3431510, 693938, 547154, 432920, 146431, 535139, 331058];
    const fast = fastAllocator(
      namedRuleSet('kz-2023-majilis'),
      69,
      votes.map((_, i) => ({ registrationOrder: i + 1 })),
    ) as NonNullable<ReturnType<typeof fastAllocator>>;
    const seats = new Int32Array(7);
    expect(fast(votes, 248291, 0, seats, new Int32Array(7))).toBe('complete');
    expect([...seats]).toEqual([40, 8, 6, 5, 0, 6, 4]);
  });

  it('declines what needs a person or another method, and votes too large for doubles', () => {
    const lists = [{ registrationOrder: 1 }, { registrationOrder: 2 }];
    const base: RulesJson = { thresholdPercent: 5, thresholdBase: 'valid', method: 'largest-remainder' };
    expect(fastAllocator(resolveRules({ ...base, method: 'dhondt' }), 10, lists)).toBeNull();
    expect(fastAllocator(resolveRules({ ...base, quota: 'droop' }), 10, lists)).toBeNull();
    expect(fastAllocator(resolveRules({ ...base, remainderTie: 'lots' }), 10, lists)).toBeNull();
    expect(fastAllocator(resolveRules({ ...base, thresholdBase: 'participants' }), 10, lists)).toBeNull();
    const out = new Int32Array(2);
    const spare = new Int32Array(2);
    const plain = (seats: number): NonNullable<ReturnType<typeof fastAllocator>> =>
      fastAllocator(resolveRules(base), seats, lists) as NonNullable<ReturnType<typeof fastAllocator>>;
    // Each bound on its own: the threshold product, the quotient product, the runner-up product.
    expect(plain(10)([Number.MAX_SAFE_INTEGER - 10, 5], 0, 0, out, spare)).toBeNull();
    expect(plain(1000)([2 ** 46, 1], 0, 0, out, spare)).toBeNull();
    const runnerUp = fastAllocator(
      resolveRules({ ...base, runnerUpAdmission: { correction: 0.001, minimumSeats: 2 } }),
      100,
      lists,
    ) as NonNullable<ReturnType<typeof fastAllocator>>;
    expect(runnerUp([2 ** 40, 2 ** 40], 0, 0, out, spare)).toBeNull();
    expect(runnerUp([2 ** 20, 2 ** 20], 0, 0, out, spare)).toBe('complete');
  });
});
