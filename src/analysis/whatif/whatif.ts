import { allocateSeats } from '../../law/allocate.ts';
import type { AllocationResult, ListEntry } from '../../law/allocation-types.ts';
import type { RuleVariant } from './rule-variants.ts';

/** One party-list result to re-run: the votes, and the district seats the same body filled. */
export interface WhatIfContest {
  readonly id: string;
  /** Seats of the list part. */
  readonly listSeats: number;
  /** Seats of the whole body (list + districts); the same as `listSeats` for a body of lists only. */
  readonly bodySeats: number;
  readonly lists: readonly ListEntry[];
  readonly againstAll?: bigint | undefined;
  readonly invalid?: bigint | undefined;
  readonly participants?: bigint | undefined;
  /** District seats by holder (a party id, `self-nominated`, `public-association`). */
  readonly districtSeats: Readonly<Record<string, number>>;
}

export interface WhatIfOutcome {
  readonly variant: string;
  readonly description: string;
  readonly status: AllocationResult['status'];
  readonly admitted: readonly string[];
  /** Seats by list, from the lists. */
  readonly listSeats: Readonly<Record<string, number>>;
  /** The body's seats by holder: list seats plus district seats (or list seats only, for an all-list rule). */
  readonly totalSeats: Readonly<Record<string, number>>;
  /** `totalSeats` minus the first rule set's, for every holder in either. */
  readonly difference: Readonly<Record<string, number>>;
  readonly uncertain: readonly string[];
}

/**
 * The same votes under other rules (docs/whatif.md): each variant through the law engine — exact,
 * with its statuses (a tie needing lots is reported, never broken here) — side by side, with each
 * one's difference from the first.
 */
export function whatIf({
  contest,
  variants,
}: {
  contest: WhatIfContest;
  variants: readonly RuleVariant[];
}): WhatIfOutcome[] {
  const outcomes = variants.map((variant) => {
    const seats = variant.allSeatsByList ? contest.bodySeats : contest.listSeats;
    const allocation = allocateSeats({
      rules: variant.rules,
      seats,
      lists: contest.lists,
      againstAll: contest.againstAll,
      invalid: contest.invalid,
      participants: contest.participants,
    });
    const totalSeats: Record<string, number> = { ...allocation.seats };
    if (!variant.allSeatsByList)
      for (const [holder, count] of Object.entries(contest.districtSeats))
        totalSeats[holder] = (totalSeats[holder] ?? 0) + count;
    return {
      variant: variant.id,
      description: variant.description,
      status: allocation.status,
      admitted: allocation.admitted,
      listSeats: allocation.seats,
      totalSeats,
      uncertain: allocation.uncertain,
    };
  });
  const first = outcomes[0]?.totalSeats ?? {};
  return outcomes.map((outcome) => {
    const holders = [...new Set([...Object.keys(first), ...Object.keys(outcome.totalSeats)])];
    return {
      ...outcome,
      difference: Object.fromEntries(
        holders.map((holder) => [holder, (outcome.totalSeats[holder] ?? 0) - (first[holder] ?? 0)]),
      ),
    };
  });
}
