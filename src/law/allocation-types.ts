import type { Rational } from './rational.ts';
import type { CompleteRulesJson, QuotaKind, RuleSet, ThresholdBase } from './rule-set.ts';

/** A party list as the engine sees it. `registrationOrder` breaks ties: lower registered earlier. */
export interface ListEntry {
  readonly id: string;
  readonly votes: bigint;
  /** Candidates on the list; seats beyond it stay vacant. Absent: unlimited. */
  readonly listSize?: number | undefined;
  readonly registrationOrder: number;
}

export interface AllocationInput {
  readonly rules: RuleSet;
  readonly seats: number;
  readonly lists: readonly ListEntry[];
  readonly againstAll?: bigint | undefined;
  readonly invalid?: bigint | undefined;
  /** Voters who received a ballot (protocol lines 3 + 4); needed only for the `participants` base. */
  readonly participants?: bigint | undefined;
  /** The order drawn by lot among tied lists, earliest first; used only when ties go to lots. */
  readonly lotsOrder?: readonly string[] | undefined;
}

export type TieResolution = 'earlier-registration' | 'lots';

/** One recorded step of an allocation; the site, reports and tests are built from these. */
export type AllocationStep =
  | {
      readonly kind: 'base';
      readonly thresholdBase: ThresholdBase;
      readonly partyVotes: bigint;
      readonly againstAll: bigint;
      readonly invalid: bigint;
      readonly participants: bigint | null;
      readonly base: bigint;
    }
  | {
      readonly kind: 'threshold';
      readonly listId: string;
      readonly votes: bigint;
      /** votes / base; null when the base is zero. */
      readonly share: Rational | null;
      /** The threshold as a fraction of the base (5 % is 1/20). */
      readonly threshold: Rational;
      readonly admitted: boolean;
    }
  | { readonly kind: 'no-list-admitted' }
  | {
      readonly kind: 'runner-up-admitted';
      readonly listId: string;
      readonly votes: bigint;
      readonly leaderId: string;
    }
  | {
      /** Lists with equal votes for the runner-up place: the one registered earlier is admitted (docs/law.md §1.3). */
      readonly kind: 'runner-up-tie';
      readonly listIds: readonly string[];
      readonly votes: bigint;
      readonly admitted: string;
    }
  | {
      readonly kind: 'runner-up-seats';
      readonly leaderId: string;
      readonly runnerUpId: string;
      /** (V₁ + V₂) / S */
      readonly quota: Rational;
      readonly correction: Rational;
      /** correction × V₂ / quota */
      readonly correctedQuotient: Rational;
      readonly minimumSeats: number;
      /** Runner-up seats never exceed half the seats, so the admitted list keeps the larger share. */
      readonly cap: number;
      readonly runnerUpSeats: number;
      readonly leaderSeats: number;
    }
  | {
      readonly kind: 'quota';
      readonly quota: QuotaKind;
      readonly admittedVotes: bigint;
      readonly seats: number;
      readonly value: Rational;
    }
  | {
      readonly kind: 'quotient';
      readonly listId: string;
      readonly votes: bigint;
      readonly quotient: Rational;
      readonly floorSeats: number;
      readonly remainder: Rational;
    }
  | {
      /**
       * More seats were left after the floors than there are admitted lists (possible with Droop):
       * each list takes `seatsEach` more before the remainders are ranked. This is largest
       * remainders carried on past one seat per list — the seat goes to the largest votes / quota
       * − seats held — so more votes never means fewer seats.
       */
      readonly kind: 'remainder-round';
      readonly seatsEach: number;
    }
  | {
      readonly kind: 'remainder-seat';
      readonly seatNumber: number;
      readonly listId: string;
      readonly remainder: Rational;
      readonly rank: number;
    }
  | {
      readonly kind: 'divisor-seat';
      readonly seatNumber: number;
      readonly listId: string;
      readonly votes: bigint;
      readonly divisor: bigint;
      readonly quotient: Rational;
    }
  | {
      readonly kind: 'tie';
      readonly listIds: readonly string[];
      /** The equal remainder or quotient. */
      readonly value: Rational;
      readonly seatsAtStake: number;
      readonly resolvedBy: TieResolution | null;
      /** The winners, in order, when resolved. */
      readonly winners: readonly string[];
    }
  | {
      readonly kind: 'vacancy';
      readonly listId: string;
      readonly won: number;
      readonly listSize: number;
      readonly vacant: number;
    };

export type AllocationStepKind = AllocationStep['kind'];

interface AllocationOutcomeBase {
  readonly rules: CompleteRulesJson;
  readonly ruleSetName: string | null;
  readonly uncertain: readonly string[];
  /** Seats filled, for every list, zeros included, in input order. */
  readonly seats: Readonly<Record<string, number>>;
  /** Seats won beyond a list's length, left vacant, for every list. */
  readonly vacant: Readonly<Record<string, number>>;
  readonly vacantSeats: number;
  readonly admitted: readonly string[];
  readonly steps: readonly AllocationStep[];
}

export type AllocationResult =
  | (AllocationOutcomeBase & { readonly status: 'complete' })
  | (AllocationOutcomeBase & { readonly status: 'no-list-admitted' })
  | (AllocationOutcomeBase & {
      readonly status: 'lots-required';
      /** The tied lists, in registration order; the drawn order comes back as `lotsOrder`. */
      readonly tied: readonly string[];
      readonly seatsAtStake: number;
    });

export type AllocationStatus = AllocationResult['status'];

/** What a method hands back: seats won per list id, or the tie it could not break. */
export interface Distribution {
  readonly won: Map<string, number>;
  readonly unresolvedTie: { readonly tied: readonly string[]; readonly seatsAtStake: number } | null;
}
