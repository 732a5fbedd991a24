export interface RecallInput {
  readonly registeredVoters: bigint;
  readonly participants: bigint;
  readonly forRecall: bigint;
}

export type RecallStatus = 'recalled' | 'not-recalled' | 'invalid-turnout';

export interface RecallOutcome {
  readonly status: RecallStatus;
  /** At least a third of the district's voters took part. */
  readonly valid: boolean;
}

/**
 * docs/law.md §7 (EL Art. 113-16) [V]: valid if ≥ 1/3 of the district's voters take part; recalled
 * if more than half of the participants vote for recall. Both compared in integers.
 */
export function decideRecall({ registeredVoters, participants, forRecall }: RecallInput): RecallOutcome {
  const valid = participants * 3n >= registeredVoters && participants > 0n;
  if (!valid) return { status: 'invalid-turnout', valid };
  return { status: forRecall * 2n > participants ? 'recalled' : 'not-recalled', valid };
}
