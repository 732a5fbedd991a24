import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateSeats } from './allocate.ts';
import { allocationToJson } from './allocation-json.ts';
import type { AllocationInput, AllocationStep, ListEntry } from './allocation-types.ts';
import { decimalToRational, Rational } from './rational.ts';
import { resolveRules, type RulesJson } from './rule-set.ts';

const SEED = 20230319; // recorded so that any failure replays exactly

const votesArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER) },
);

const listsArbitrary = fc
  .array(
    fc.record({ votes: votesArbitrary, listSize: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }) }),
    { minLength: 1, maxLength: 9 },
  )
  .map((entries): ListEntry[] =>
    entries.map((entry, index) => ({
      id: `p${index}`,
      votes: BigInt(entry.votes),
      listSize: entry.listSize,
      registrationOrder: index + 1,
    })),
  );

const rulesArbitrary: fc.Arbitrary<RulesJson> = fc
  .record({
    thresholdPercent: fc.constantFrom(0, 3, 3.5, 5, 7, 12.25),
    thresholdBase: fc.constantFrom('valid', 'ballots', 'party-votes'),
    method: fc.constantFrom('largest-remainder', 'dhondt', 'sainte-lague'),
    runnerUpAdmission: fc.boolean(),
    remainderTie: fc.constantFrom('earlier-registration', 'lots'),
  })
  .chain((rules) =>
    rules.method === 'largest-remainder'
      ? fc.constantFrom('hare', 'droop').map((quota) => ({ ...rules, quota }))
      : fc.constant(rules as RulesJson),
  );

type Generated = {
  rules: RulesJson;
  seats: number;
  lists: ListEntry[];
  againstAll: bigint;
  invalid: bigint;
  participants?: bigint;
};

const inputArbitrary: fc.Arbitrary<Generated> = fc
  .record({
    rules: rulesArbitrary,
    seats: fc.integer({ min: 1, max: 150 }),
    lists: listsArbitrary,
    againstAll: fc.integer({ min: 0, max: 1_000_000 }).map(BigInt),
    invalid: fc.integer({ min: 0, max: 1_000_000 }).map(BigInt),
    participantsBase: fc.boolean(),
    notVoting: fc.integer({ min: 0, max: 1_000_000 }).map(BigInt),
  })
  .map(({ participantsBase, notVoting, ...generated }) => {
    if (!participantsBase) return generated;
    // Voters who took a ballot and did not put it in the box: participants ≥ ballots, as in a protocol.
    const ballots = generated.lists.reduce((sum, list) => sum + list.votes, generated.againstAll + generated.invalid);
    return {
      ...generated,
      rules: { ...generated.rules, thresholdBase: 'participants' as const },
      participants: ballots + notVoting,
    };
  });
const toInput = (generated: Generated): AllocationInput => ({ ...generated, rules: resolveRules(generated.rules) });
const sum = (values: Readonly<Record<string, number>>): number => Object.values(values).reduce((a, b) => a + b, 0);
const property = <T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void =>
  fc.assert(fc.property(arbitrary, predicate), { seed: SEED, numRuns: 400 });

describe('allocation properties', () => {
  it('filled seats plus vacant seats make the total (plus the seats at stake when lots are required)', () => {
    property(inputArbitrary, (generated) => {
      const result = allocateSeats(toInput(generated));
      switch (result.status) {
        case 'complete':
          expect(sum(result.seats) + result.vacantSeats).toBe(generated.seats);
          break;
        case 'lots-required':
          expect(sum(result.seats) + result.vacantSeats + result.seatsAtStake).toBe(generated.seats);
          break;
        case 'no-list-admitted':
          expect(sum(result.seats)).toBe(0);
          break;
      }
    });
  });

  it('with Hare and largest remainders, each list gets the floor or the ceiling of its exact share', () => {
    const hare = inputArbitrary.map((generated): Generated => ({
      ...generated,
      rules: {
        ...generated.rules,
        method: 'largest-remainder',
        quota: 'hare',
        runnerUpAdmission: false,
        remainderTie: 'earlier-registration',
      },
      lists: generated.lists.map((list) => ({ ...list, listSize: undefined })),
    }));
    property(hare, (generated) => {
      const result = allocateSeats(toInput(generated));
      const admitted = generated.lists.filter((list) => result.admitted.includes(list.id));
      const total = admitted.reduce((a, list) => a + list.votes, 0n);
      for (const list of admitted) {
        const share = Rational.of(list.votes * BigInt(generated.seats), total);
        const seats = BigInt(result.seats[list.id] ?? -1);
        expect(seats >= share.floor() && seats <= share.ceil()).toBe(true);
      }
    });
  });

  it('the order of the lists in the document changes nothing', () => {
    property(fc.tuple(inputArbitrary, fc.integer()), ([generated, salt]) => {
      const shuffled = [...generated.lists].sort(
        (a, b) => ((a.registrationOrder * 7919 + salt) % 13) - ((b.registrationOrder * 7919 + salt) % 13),
      );
      const original = allocateSeats(toInput(generated));
      const reordered = allocateSeats(toInput({ ...generated, lists: shuffled }));
      expect(reordered.status).toBe(original.status);
      expect(reordered.seats).toEqual(original.seats);
      expect(reordered.vacant).toEqual(original.vacant);
    });
  });

  it('registration order matters only where it broke a tie', () => {
    property(inputArbitrary, (generated) => {
      const reversed = generated.lists.map((list) => ({
        ...list,
        registrationOrder: generated.lists.length - list.registrationOrder + 1,
      }));
      const original = allocateSeats(toInput(generated));
      const other = allocateSeats(toInput({ ...generated, lists: reversed }));
      const brokeTie = (steps: readonly AllocationStep[]): boolean =>
        steps.some(
          (step) =>
            (step.kind === 'tie' && step.resolvedBy === 'earlier-registration') || step.kind === 'runner-up-tie',
        );
      if (!brokeTie(original.steps) && !brokeTie(other.steps)) {
        expect(other.seats).toEqual(original.seats);
        expect(other.status).toBe(original.status);
      }
    });
  });

  it('no list below the threshold gets a seat, except the runner-up admitted by that rule', () => {
    property(inputArbitrary, (generated) => {
      const result = allocateSeats(toInput(generated));
      // The base and the comparison recomputed here from the input, independently of the engine.
      const valid = generated.lists.reduce((sum, list) => sum + list.votes, generated.againstAll);
      const base = {
        valid,
        ballots: valid + generated.invalid,
        'party-votes': valid - generated.againstAll,
        participants: generated.participants ?? 0n,
      }[generated.rules.thresholdBase];
      const percent = decimalToRational(generated.rules.thresholdPercent);
      const runnerUp = result.steps.find((step) => step.kind === 'runner-up-admitted')?.listId;
      for (const list of generated.lists) {
        const seatsWon = (result.seats[list.id] ?? 0) + (result.vacant[list.id] ?? 0);
        const passes = list.votes > 0n && list.votes * 100n * percent.den >= percent.num * base;
        if (seatsWon > 0 && list.id !== runnerUp) expect(passes).toBe(true);
        expect(result.admitted.includes(list.id)).toBe(passes || list.id === runnerUp);
      }
    });
  });

  it('more votes never mean fewer seats won (monotonicity), whatever the method', () => {
    property(inputArbitrary, (generated) => {
      const result = allocateSeats(toInput(generated));
      if (result.status !== 'complete') return;
      const won = (id: string): number => (result.seats[id] ?? 0) + (result.vacant[id] ?? 0);
      for (const a of generated.lists) {
        for (const b of generated.lists) {
          if (a.votes > b.votes) expect(won(a.id)).toBeGreaterThanOrEqual(won(b.id));
        }
      }
    });
  });

  it('identical input gives byte-identical output', () => {
    property(inputArbitrary, (generated) => {
      const first = JSON.stringify(allocationToJson(allocateSeats(toInput(generated))));
      const copy = structuredClone(generated);
      expect(JSON.stringify(allocationToJson(allocateSeats(toInput(copy))))).toBe(first);
    });
  });
});
