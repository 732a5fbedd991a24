import type { AllocationStep, Distribution, ListEntry } from './allocation-types.ts';
import { Rational } from './rational.ts';
import type { RemainderTie } from './rule-set.ts';
import { breakTie } from './tie-break.ts';
import { assertDefined } from './assert.ts';

export type DivisorMethod = 'dhondt' | 'sainte-lague';

/** The divisor for a list that already holds `seatsHeld` seats: D'Hondt 1, 2, 3…; Sainte-Laguë 1, 3, 5…. */
export function divisorFor(method: DivisorMethod, seatsHeld: number): bigint {
  switch (method) {
    case 'dhondt':
      return BigInt(seatsHeld + 1);
    case 'sainte-lague':
      return BigInt(2 * seatsHeld + 1);
  }
}

export interface DivisorInput {
  readonly method: DivisorMethod;
  readonly lists: readonly ListEntry[];
  readonly seats: number;
  readonly remainderTie: RemainderTie;
  readonly lotsOrder: readonly string[] | undefined;
  readonly steps: AllocationStep[];
}

/**
 * Highest averages, seat by seat. Lists with equal highest quotients all take a seat when enough
 * are left; otherwise it is a tie, broken by `remainderTie` like a remainder tie.
 */
export function highestAverages({ method, lists, seats, remainderTie, lotsOrder, steps }: DivisorInput): Distribution {
  const won = new Map<string, number>(lists.map((list) => [list.id, 0]));
  // Every list is in the map from the start, so a read never misses.
  const held = (list: ListEntry): number => assertDefined(won.get(list.id));
  const quotientOf = (list: ListEntry): Rational => Rational.of(list.votes, divisorFor(method, held(list)));
  let seatNumber = 0;
  const award = (list: ListEntry, quotient: Rational): void => {
    seatNumber += 1;
    steps.push({
      kind: 'divisor-seat',
      seatNumber,
      listId: list.id,
      votes: list.votes,
      divisor: divisorFor(method, held(list)),
      quotient,
    });
    won.set(list.id, held(list) + 1);
  };

  while (seatNumber < seats) {
    const best = lists.map(quotientOf).reduce((a, b) => (b.compare(a) > 0 ? b : a));
    const group = lists.filter((list) => quotientOf(list).equals(best));
    const left = seats - seatNumber;
    if (group.length <= left) {
      for (const list of group) award(list, best);
      continue;
    }
    const outcome = breakTie(group, remainderTie, lotsOrder);
    if (outcome.kind === 'lots-required') {
      steps.push({
        kind: 'tie',
        listIds: group.map((l) => l.id),
        value: best,
        seatsAtStake: left,
        resolvedBy: null,
        winners: [],
      });
      return { won, unresolvedTie: { tied: group.map((l) => l.id), seatsAtStake: left } };
    }
    const winners = outcome.order.slice(0, left);
    steps.push({
      kind: 'tie',
      listIds: group.map((l) => l.id),
      value: best,
      seatsAtStake: left,
      resolvedBy: outcome.by,
      winners: winners.map((l) => l.id),
    });
    for (const list of winners) award(list, best);
  }
  return { won, unresolvedTie: null };
}
