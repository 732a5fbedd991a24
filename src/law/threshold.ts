import type { AllocationStep, ListEntry } from './allocation-types.ts';
import { Rational } from './rational.ts';
import type { ThresholdBase } from './rule-set.ts';

export interface BaseInput {
  readonly thresholdBase: ThresholdBase;
  readonly lists: readonly ListEntry[];
  readonly againstAll: bigint;
  readonly invalid: bigint;
  readonly participants: bigint | undefined;
}

/** docs/law.md §1.1 Base: the number the threshold is a share of. */
export function thresholdBaseStep({
  thresholdBase,
  lists,
  againstAll,
  invalid,
  participants,
}: BaseInput): Extract<AllocationStep, { kind: 'base' }> {
  const partyVotes = lists.reduce((sum, list) => sum + list.votes, 0n);
  const valid = partyVotes + againstAll;
  const base = ((): bigint => {
    switch (thresholdBase) {
      case 'valid':
        return valid;
      case 'ballots':
        return valid + invalid;
      case 'party-votes':
        return partyVotes;
      case 'participants':
        if (participants === undefined) throw new TypeError('The participants base needs the number of participants');
        return participants;
    }
  })();
  return { kind: 'base', thresholdBase, partyVotes, againstAll, invalid, participants: participants ?? null, base };
}

/**
 * docs/law.md §1.2 Threshold (EL Art. 97-1, A156), compared exactly: votes × 100 ≥ threshold% ×
 * base, in integers. A list with no votes is never admitted, even at a threshold of zero: it has
 * nothing to be proportional to.
 */
export function passesThreshold(votes: bigint, base: bigint, thresholdPercent: Rational): boolean {
  return votes > 0n && votes * 100n * thresholdPercent.den >= thresholdPercent.num * base;
}
