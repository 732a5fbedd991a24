import type { AllocationStep, ListEntry } from './allocation-types.ts';
import { Rational } from './rational.ts';
import type { RunnerUpRule } from './rule-set.ts';
import { byRegistration } from './tie-break.ts';
import { assertDefined } from './assert.ts';

/**
 * docs/law.md §1.3 (EL Art. 97-1, 2009 text): when one list alone passes, the list with the next
 * largest vote is admitted too; equal votes go to the list registered earlier, and the tie is
 * recorded as a step. Null when no other list has a vote.
 */
export function pickRunnerUp(others: readonly ListEntry[], steps: AllocationStep[]): ListEntry | null {
  const candidates = others.filter((list) => list.votes > 0n);
  if (candidates.length === 0) return null;
  const ranked = [...candidates].sort((a, b) =>
    b.votes > a.votes ? 1 : b.votes < a.votes ? -1 : byRegistration(a, b),
  );
  const runnerUp = assertDefined(ranked[0]);
  const tied = ranked.filter((list) => list.votes === runnerUp.votes);
  if (tied.length > 1)
    steps.push({
      kind: 'runner-up-tie',
      listIds: tied.map((list) => list.id),
      votes: runnerUp.votes,
      admitted: runnerUp.id,
    });
  return runnerUp;
}

export interface RunnerUpInput {
  readonly leader: ListEntry;
  readonly runnerUp: ListEntry;
  readonly seats: number;
  readonly rule: RunnerUpRule;
  readonly steps: AllocationStep[];
}

/**
 * The 2009 reading [U]: Q = (V₁ + V₂) / S; the runner-up gets max(minimum, floor(c × V₂ / Q)) and
 * the admitted list the rest. The guaranteed minimum is capped at half the seats so that on a
 * council of three seats or fewer it cannot outweigh the list that passed (our choice, [U]).
 */
export function runnerUpSeats({ leader, runnerUp, seats, rule, steps }: RunnerUpInput): Map<string, number> {
  const quota = Rational.of(leader.votes + runnerUp.votes, BigInt(seats));
  const correctedQuotient = rule.correction.mul(Rational.of(runnerUp.votes)).div(quota);
  const cap = Math.floor(seats / 2);
  const runnerUpSeatCount = Math.min(cap, Math.max(rule.minimumSeats, Number(correctedQuotient.floor())));
  const leaderSeats = seats - runnerUpSeatCount;
  steps.push({
    kind: 'runner-up-seats',
    leaderId: leader.id,
    runnerUpId: runnerUp.id,
    quota,
    correction: rule.correction,
    correctedQuotient,
    minimumSeats: rule.minimumSeats,
    cap,
    runnerUpSeats: runnerUpSeatCount,
    leaderSeats,
  });
  return new Map([
    [leader.id, leaderSeats],
    [runnerUp.id, runnerUpSeatCount],
  ]);
}
