import { describe, expect, it } from 'vitest';
import type { AllocationStep } from './allocation-types.ts';
import { allocate, lists, PLAIN } from './test-helpers.ts';

const stepsOf = <K extends AllocationStep['kind']>(
  steps: readonly AllocationStep[],
  kind: K,
): Extract<AllocationStep, { kind: K }>[] =>
  steps.filter((step): step is Extract<AllocationStep, { kind: K }> => step.kind === kind);

describe('threshold base', () => {
  const votes = lists(['a', 9000], ['b', 520]);

  it('participants: voters who received a ballot', () => {
    const result = allocate({ ...PLAIN, thresholdPercent: 5, thresholdBase: 'participants' }, 10, votes, {
      participants: 10_500n,
    });
    expect(stepsOf(result.steps, 'base')[0]?.base).toBe(10_500n);
    expect(result.admitted).toEqual(['a']);
  });

  it('participants without the number is a programming error, caught before the law by the model', () => {
    expect(() => allocate({ ...PLAIN, thresholdPercent: 5, thresholdBase: 'participants' }, 10, votes)).toThrow(
      TypeError,
    );
  });

  it('party-votes: against all left out', () => {
    const result = allocate({ ...PLAIN, thresholdPercent: 5, thresholdBase: 'party-votes' }, 10, votes, {
      againstAll: 5000n,
    });
    expect(stepsOf(result.steps, 'base')[0]?.base).toBe(9520n);
    expect(result.admitted).toEqual(['a', 'b']);
  });

  it('compares exactly at the boundary: 5 % of 10,000 is 500, and 500 passes while 499 does not', () => {
    const at = allocate({ ...PLAIN, thresholdPercent: 5 }, 10, lists(['a', 9500], ['b', 500]));
    expect(at.admitted).toEqual(['a', 'b']);
    const below = allocate({ ...PLAIN, thresholdPercent: 5 }, 10, lists(['a', 9501], ['b', 499]));
    expect(below.admitted).toEqual(['a']);
  });

  it('takes a decimal threshold exactly: 3.5 % of 1,000 is 35', () => {
    const result = allocate({ ...PLAIN, thresholdPercent: 3.5 }, 10, lists(['a', 930], ['b', 35], ['c', 34], ['d', 1]));
    expect(result.admitted).toEqual(['a', 'b']);
  });

  it('a zero base admits nobody and reports no share', () => {
    const result = allocate(PLAIN, 5, lists(['a', 0], ['b', 0]));
    expect(result.status).toBe('no-list-admitted');
    expect(stepsOf(result.steps, 'threshold').map((step) => step.share)).toEqual([null, null]);
    expect(result.seats).toEqual({ a: 0, b: 0 });
  });

  it('a list with no votes is not admitted even at a threshold of zero', () => {
    const result = allocate(PLAIN, 5, lists(['a', 10], ['b', 0]));
    expect(result.admitted).toEqual(['a']);
    expect(result.seats).toEqual({ a: 5, b: 0 });
  });
});

describe('runner-up admission', () => {
  it('applies the 2009 reading with its steps', () => {
    const result = allocate('kz-2009-majilis', 98, lists(['a', 900_000], ['b', 60_000], ['c', 40_000]));
    expect(result.seats).toEqual({ a: 94, b: 4, c: 0 });
    expect(result.admitted).toEqual(['a', 'b']);
    const [seats] = stepsOf(result.steps, 'runner-up-seats');
    expect(seats?.correctedQuotient.toString()).toBe('343/80');
    expect(seats?.quota.toString()).toBe('480000/49');
  });

  it('a tie for runner-up goes to the list registered earlier, under lots too, and is recorded', () => {
    const entries = lists(['a', 900_000], ['b', 30_000], ['c', 30_000]);
    const reordered = [entries[0], entries[2], entries[1]].map((entry) => entry!);
    for (const order of [entries, reordered]) {
      const result = allocate('kz-2009-majilis', 98, order);
      expect(stepsOf(result.steps, 'runner-up-admitted')[0]?.listId).toBe('b');
      expect(stepsOf(result.steps, 'runner-up-tie')).toEqual([
        { kind: 'runner-up-tie', listIds: ['b', 'c'], votes: 30_000n, admitted: 'b' },
      ]);
    }
    const underLots = allocate(
      { ...PLAIN, thresholdPercent: 7, runnerUpAdmission: true, remainderTie: 'lots' },
      98,
      entries,
    );
    expect(underLots.status).toBe('complete');
    expect(stepsOf(underLots.steps, 'runner-up-tie')).toHaveLength(1);
  });

  it('on a one-seat body the runner-up is admitted but the cap leaves it no seat', () => {
    const result = allocate('kz-2023-maslikhat', 1, lists(['a', 1_000], ['b', 10]));
    expect(result).toMatchObject({ status: 'complete', admitted: ['a', 'b'], seats: { a: 1, b: 0 } });
  });

  it('takes the next largest vote whatever the document order', () => {
    const result = allocate('kz-2009-majilis', 98, lists(['c', 1_000], ['a', 900_000], ['b', 30_000]));
    expect(result.admitted).toEqual(['a', 'b']);
  });

  it('records no tie when the runner-up is alone in its place', () => {
    const result = allocate('kz-2009-majilis', 98, lists(['a', 900_000], ['b', 30_000], ['c', 20_000]));
    expect(stepsOf(result.steps, 'runner-up-tie')).toEqual([]);
  });

  it('a single list with every vote takes every seat', () => {
    const result = allocate('kz-2023-majilis', 69, lists(['a', 1_000], ['b', 0]));
    expect(result.seats).toEqual({ a: 69, b: 0 });
    expect(stepsOf(result.steps, 'runner-up-admitted')).toEqual([]);
  });

  it('on a tiny council the minimum is capped at half the seats', () => {
    const result = allocate('kz-2023-maslikhat', 3, lists(['a', 1_000], ['b', 10]));
    expect(result.seats).toEqual({ a: 2, b: 1 });
    expect(stepsOf(result.steps, 'runner-up-seats')[0]?.cap).toBe(1);
  });

  it('an explicit correction and minimum are honoured', () => {
    const result = allocate(
      { ...PLAIN, thresholdPercent: 7, runnerUpAdmission: { correction: 1, minimumSeats: 3 } },
      98,
      lists(['a', 900_000], ['b', 60_000]),
    );
    expect(result.seats).toEqual({ a: 92, b: 6 });
  });

  it('`true` means the 2009 defaults', () => {
    const result = allocate(
      { ...PLAIN, thresholdPercent: 7, runnerUpAdmission: true },
      98,
      lists(['a', 900_000], ['b', 60_000], ['c', 40_000]),
    );
    expect(result.seats).toEqual({ a: 94, b: 4, c: 0 });
  });
});

describe('largest remainders', () => {
  it('gives a seat to each of several lists tied on a remainder when there are seats enough', () => {
    const result = allocate(PLAIN, 3, lists(['a', 200], ['b', 100], ['c', 100]));
    expect(result.seats).toEqual({ a: 1, b: 1, c: 1 });
    expect(stepsOf(result.steps, 'tie')).toEqual([]);
  });

  it('under lots, a drawn order that leaves out a tied list still needs lots', () => {
    const result = allocate({ ...PLAIN, remainderTie: 'lots' }, 2, lists(['a', 200], ['b', 100], ['c', 100]), {
      lotsOrder: ['b'],
    });
    expect(result.status).toBe('lots-required');
  });

  it('with Droop, more seats left than lists go round the lists first', () => {
    const result = allocate({ ...PLAIN, quota: 'droop' }, 10, lists(['a', 2], ['b', 1]));
    expect(stepsOf(result.steps, 'remainder-round')).toEqual([{ kind: 'remainder-round', seatsEach: 3 }]);
    expect(result.status).toBe('complete');
    expect(result.seats).toEqual({ a: 6, b: 4 });
  });

  it('numbers the remainder seats after the floors', () => {
    const result = allocate(
      PLAIN,
      10,
      lists(['a', 47_000], ['b', 16_000], ['c', 15_800], ['d', 12_000], ['e', 6_100], ['f', 3_100]),
    );
    expect(stepsOf(result.steps, 'remainder-seat').map((step) => [step.seatNumber, step.listId, step.rank])).toEqual([
      [8, 'a', 1],
      [9, 'e', 2],
      [10, 'b', 3],
    ]);
  });
});

describe('divisor methods', () => {
  it("D'Hondt gives equal quotients a seat each when enough are left", () => {
    const result = allocate({ ...PLAIN, method: 'dhondt' }, 2, lists(['a', 100], ['b', 100]));
    expect(result.seats).toEqual({ a: 1, b: 1 });
  });

  it('a tie for the last seat goes to the list registered earlier', () => {
    const result = allocate({ ...PLAIN, method: 'dhondt' }, 3, lists(['a', 100], ['b', 100]));
    expect(result.seats).toEqual({ a: 2, b: 1 });
    expect(stepsOf(result.steps, 'tie')[0]).toMatchObject({
      listIds: ['a', 'b'],
      seatsAtStake: 1,
      resolvedBy: 'earlier-registration',
      winners: ['a'],
    });
  });

  it('under lots the divisor tie stops the allocation, then the draw completes it', () => {
    const spec = { ...PLAIN, method: 'sainte-lague', remainderTie: 'lots' } as const;
    const stopped = allocate(spec, 3, lists(['a', 100], ['b', 100]));
    expect(stopped).toMatchObject({
      status: 'lots-required',
      tied: ['a', 'b'],
      seatsAtStake: 1,
      seats: { a: 1, b: 1 },
    });
    const drawn = allocate(spec, 3, lists(['a', 100], ['b', 100]), { lotsOrder: ['b', 'a'] });
    expect(drawn).toMatchObject({ status: 'complete', seats: { a: 1, b: 2 } });
    expect(stepsOf(drawn.steps, 'divisor-seat').map((step) => step.divisor)).toEqual([1n, 1n, 3n]);
  });
});

describe('results', () => {
  it('reports vacancies per list and in total', () => {
    const result = allocate(PLAIN, 10, lists(['a', 6000, 3], ['b', 4000, 2]));
    expect(result).toMatchObject({ seats: { a: 3, b: 2 }, vacant: { a: 3, b: 2 }, vacantSeats: 5 });
    expect(stepsOf(result.steps, 'vacancy')).toHaveLength(2);
  });

  it('treats any id as a plain key, "__proto__" included', () => {
    const result = allocate(PLAIN, 2, lists(['__proto__', 100], ['constructor', 100]));
    expect(Object.keys(result.seats)).toEqual(['__proto__', 'constructor']);
    expect(result.seats['__proto__']).toBe(1);
  });

  it('names the rule set and its uncertain parameters', () => {
    const named = allocate('kz-2023-majilis', 69, lists(['a', 10]));
    expect(named.ruleSetName).toBe('kz-2023-majilis');
    expect(named.uncertain).toContain('runnerUpAdmission');
    const custom = allocate(PLAIN, 69, lists(['a', 10]));
    expect(custom.ruleSetName).toBeNull();
    expect(custom.uncertain).toEqual([]);
  });
});
