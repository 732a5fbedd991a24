import type { AllocationInput, AllocationResult, AllocationStep, Distribution, ListEntry } from './allocation-types.ts';
import { highestAverages } from './divisor-methods.ts';
import { largestRemainder } from './largest-remainder.ts';
import { Rational } from './rational.ts';
import type { RuleSet } from './rule-set.ts';
import { pickRunnerUp, runnerUpSeats } from './runner-up.ts';
import { passesThreshold, thresholdBaseStep } from './threshold.ts';
import { assertDefined } from './assert.ts';

/**
 * Party-list seats (docs/law.md §1, EL Art. 97-1): base, threshold, runner-up admission, quota or
 * divisors, remainders, ties, vacancies — every step recorded. Pure and deterministic: the same
 * input gives the same result, and the order of `lists` matters only through `registrationOrder`.
 */
export function allocateSeats(input: AllocationInput): AllocationResult {
  const { rules, seats, lists } = input;
  const steps: AllocationStep[] = [];
  const baseStep = thresholdBaseStep({
    thresholdBase: rules.thresholdBase,
    lists,
    againstAll: input.againstAll ?? 0n,
    invalid: input.invalid ?? 0n,
    participants: input.participants,
  });
  steps.push(baseStep);

  const thresholdFraction = rules.thresholdPercent.div(Rational.of(100n));
  const admitted: ListEntry[] = [];
  for (const list of lists) {
    const isAdmitted = passesThreshold(list.votes, baseStep.base, rules.thresholdPercent);
    if (isAdmitted) admitted.push(list);
    const share = baseStep.base === 0n ? null : Rational.of(list.votes, baseStep.base);
    steps.push({
      kind: 'threshold',
      listId: list.id,
      votes: list.votes,
      share,
      threshold: thresholdFraction,
      admitted: isAdmitted,
    });
  }

  if (admitted.length === 0) {
    steps.push({ kind: 'no-list-admitted' });
    return finish({
      rules,
      lists,
      admitted,
      steps,
      distribution: { won: new Map(), unresolvedTie: null },
      status: 'no-list-admitted',
    });
  }

  const runnerUpRule = rules.runnerUpAdmission;
  if (admitted.length === 1 && runnerUpRule !== null) {
    const leader = assertDefined(admitted[0]);
    const runnerUp = pickRunnerUp(
      lists.filter((list) => list !== leader),
      steps,
    );
    if (runnerUp !== null) {
      steps.push({ kind: 'runner-up-admitted', listId: runnerUp.id, votes: runnerUp.votes, leaderId: leader.id });
      const won = runnerUpSeats({ leader, runnerUp, seats, rule: runnerUpRule, steps });
      const both = lists.filter((list) => list === leader || list === runnerUp);
      return finish({
        rules,
        lists,
        admitted: both,
        steps,
        distribution: { won, unresolvedTie: null },
        status: 'complete',
      });
    }
  }

  const distribution = distribute({ rules, seats, admitted, lotsOrder: input.lotsOrder, steps });
  return finish({ rules, lists, admitted, steps, distribution, status: 'complete' });
}

function distribute({
  rules,
  seats,
  admitted,
  lotsOrder,
  steps,
}: {
  rules: RuleSet;
  seats: number;
  admitted: readonly ListEntry[];
  lotsOrder: readonly string[] | undefined;
  steps: AllocationStep[];
}): Distribution {
  const { remainderTie } = rules;
  switch (rules.method.kind) {
    case 'largest-remainder':
      return largestRemainder({ lists: admitted, seats, quota: rules.method.quota, remainderTie, lotsOrder, steps });
    case 'dhondt':
    case 'sainte-lague':
      return highestAverages({ method: rules.method.kind, lists: admitted, seats, remainderTie, lotsOrder, steps });
  }
}

interface FinishInput {
  readonly rules: RuleSet;
  readonly lists: readonly ListEntry[];
  readonly admitted: readonly ListEntry[];
  readonly steps: AllocationStep[];
  readonly distribution: Distribution;
  /** The outcome unless the distribution stopped at a tie that needs lots. */
  readonly status: 'complete' | 'no-list-admitted';
}

/**
 * docs/law.md §1.9 Vacancies: seats beyond a list's length stay vacant (`exhaustedList: 'vacant'`,
 * the only value so far; another rule would be a new case here). Then the result, in input order.
 */
function finish({ rules, lists, admitted, steps, distribution, status }: FinishInput): AllocationResult {
  const filled: [string, number][] = [];
  const vacant: [string, number][] = [];
  for (const list of lists) {
    const won = distribution.won.get(list.id) ?? 0;
    const surplus = list.listSize !== undefined && won > list.listSize ? won - list.listSize : 0;
    if (surplus > 0) steps.push({ kind: 'vacancy', listId: list.id, won, listSize: won - surplus, vacant: surplus });
    filled.push([list.id, won - surplus]);
    vacant.push([list.id, surplus]);
  }
  const base = {
    rules: rules.json,
    ruleSetName: rules.name,
    uncertain: rules.uncertain,
    // Object.fromEntries defines own properties, so an id such as "__proto__" is just a key.
    seats: Object.fromEntries(filled),
    vacant: Object.fromEntries(vacant),
    vacantSeats: vacant.reduce((sum, [, n]) => sum + n, 0),
    admitted: admitted.map((list) => list.id),
    steps,
  };
  const tie = distribution.unresolvedTie;
  if (tie !== null) return { ...base, status: 'lots-required', tied: tie.tied, seatsAtStake: tie.seatsAtStake };
  return { ...base, status };
}
