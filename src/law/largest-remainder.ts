import type { AllocationStep, Distribution, ListEntry } from './allocation-types.ts';
import { Rational } from './rational.ts';
import type { QuotaKind, RemainderTie } from './rule-set.ts';
import { breakTie, byRegistration } from './tie-break.ts';
import { assertDefined } from './assert.ts';

export interface LargestRemainderInput {
  readonly lists: readonly ListEntry[];
  readonly seats: number;
  readonly quota: QuotaKind;
  readonly remainderTie: RemainderTie;
  readonly lotsOrder: readonly string[] | undefined;
  readonly steps: AllocationStep[];
}

/** The quota over the admitted lists' votes (docs/law.md §1.4, §1.5): Hare exact, Droop an integer. */
export function quotaValue(quota: QuotaKind, admittedVotes: bigint, seats: number): Rational {
  switch (quota) {
    case 'hare':
      return Rational.of(admittedVotes, BigInt(seats));
    case 'droop':
      return Rational.of(admittedVotes / BigInt(seats + 1) + 1n);
  }
}

/**
 * docs/law.md §1.4–1.7: each admitted list gets floor(votes / quota) seats; the rest go one each to
 * the largest remainders, equal remainders straddling the last seat being a tie.
 */
export function largestRemainder({
  lists,
  seats,
  quota,
  remainderTie,
  lotsOrder,
  steps,
}: LargestRemainderInput): Distribution {
  const admittedVotes = lists.reduce((sum, list) => sum + list.votes, 0n);
  const value = quotaValue(quota, admittedVotes, seats);
  steps.push({ kind: 'quota', quota, admittedVotes, seats, value });

  const won = new Map<string, number>();
  const remainders = new Map<string, Rational>();
  for (const list of lists) {
    const quotient = Rational.of(list.votes).div(value);
    const floorSeats = Number(quotient.floor());
    const remainder = quotient.fraction();
    won.set(list.id, floorSeats);
    remainders.set(list.id, remainder);
    steps.push({ kind: 'quotient', listId: list.id, votes: list.votes, quotient, floorSeats, remainder });
  }

  let seatNumber = [...won.values()].reduce((sum, n) => sum + n, 0);
  let left = seats - seatNumber;
  // Only the Droop quota can leave more seats than lists; then every list takes one per round.
  const rounds = Math.floor(left / lists.length);
  if (rounds > 0) {
    for (const list of lists) won.set(list.id, assertDefined(won.get(list.id)) + rounds);
    seatNumber += rounds * lists.length;
    left -= rounds * lists.length;
    steps.push({ kind: 'remainder-round', seatsEach: rounds });
  }

  // Both maps hold every admitted list after the loop above, so reads never miss.
  const remainderOf = (list: ListEntry): Rational => assertDefined(remainders.get(list.id));
  const ranking = [...lists].sort((a, b) => remainderOf(b).compare(remainderOf(a)) || byRegistration(a, b));
  let rank = 0;
  const award = (list: ListEntry): void => {
    seatNumber += 1;
    rank += 1;
    won.set(list.id, assertDefined(won.get(list.id)) + 1);
    steps.push({ kind: 'remainder-seat', seatNumber, listId: list.id, remainder: remainderOf(list), rank });
  };

  let index = 0;
  while (left > 0) {
    const value = remainderOf(assertDefined(ranking[index]));
    const group = ranking.filter((list) => remainderOf(list).equals(value));
    index += group.length;
    if (group.length <= left) {
      group.forEach(award);
      left -= group.length;
      continue;
    }
    const outcome = breakTie(group, remainderTie, lotsOrder);
    if (outcome.kind === 'lots-required') {
      steps.push({
        kind: 'tie',
        listIds: group.map((l) => l.id),
        value,
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
      value,
      seatsAtStake: left,
      resolvedBy: outcome.by,
      winners: winners.map((l) => l.id),
    });
    winners.forEach(award);
    left = 0;
  }
  return { won, unresolvedTie: null };
}
