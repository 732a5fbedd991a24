import { allocateSeats } from './allocate.ts';
import type { AllocationInput, AllocationResult, ListEntry } from './allocation-types.ts';
import { isRuleSetName, namedRuleSet } from './named-rule-sets.ts';
import { resolveRules, type RulesJson } from './rule-set.ts';

/** Lists from `[id, votes]` pairs, registered in the order given. */
export function lists(...entries: readonly (readonly [string, number, number?])[]): ListEntry[] {
  return entries.map(([id, votes, listSize], index) => ({
    id,
    votes: BigInt(votes),
    listSize,
    registrationOrder: index + 1,
  }));
}

export function rules(spec: string | RulesJson): AllocationInput['rules'] {
  if (typeof spec === 'string') {
    if (!isRuleSetName(spec)) throw new Error(`unknown rule set ${spec}`);
    return namedRuleSet(spec);
  }
  return resolveRules(spec);
}

export function allocate(
  spec: string | RulesJson,
  seats: number,
  entries: readonly ListEntry[],
  extra: Partial<AllocationInput> = {},
): AllocationResult {
  return allocateSeats({ rules: rules(spec), seats, lists: entries, ...extra });
}

export const PLAIN: RulesJson = { thresholdPercent: 0, thresholdBase: 'valid', method: 'largest-remainder' };
