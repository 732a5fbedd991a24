import { isRuleSetName, NAMED_RULE_SETS, namedRuleSet, type RuleSetName } from '../../law/named-rule-sets.ts';
import { resolveRules, type RulesJson, type RuleSet } from '../../law/rule-set.ts';

/**
 * A rule set to re-run a result under: the law's named sets, the variants people argue about
 * (docs/whatif.md), or a rules object from a file. `allSeatsByList`: every seat of the body goes to
 * the lists, as before 2023 — the single-member districts are then not part of the count.
 */
export interface RuleVariant {
  readonly id: string;
  readonly description: string;
  readonly rules: RuleSet;
  readonly allSeatsByList: boolean;
}

const BASE_2023 = NAMED_RULE_SETS['kz-2023-majilis'].rules;

const variant = (id: string, description: string, json: RulesJson, allSeatsByList = false): RuleVariant => ({
  id,
  description,
  rules: resolveRules(json, { name: id, uncertain: [] }),
  allSeatsByList,
});

/** The variants by name; `threshold-N` (any N from 0 to 100) is read by `ruleVariant` too. */
export const NAMED_VARIANTS: readonly RuleVariant[] = [
  ...(Object.keys(NAMED_RULE_SETS) as RuleSetName[]).map((name) => ({
    id: name,
    description: NAMED_RULE_SETS[name].description,
    rules: namedRuleSet(name),
    allSeatsByList: false,
  })),
  variant('threshold-7', 'The 2023 rules with the 7 % threshold of 2007–2021', { ...BASE_2023, thresholdPercent: 7 }),
  variant('threshold-3', 'The 2023 rules with a 3 % threshold', { ...BASE_2023, thresholdPercent: 3 }),
  variant(
    'base-without-against-all',
    'The 2023 rules, the threshold taken of the party votes only (without "against all")',
    { ...BASE_2023, thresholdBase: 'party-votes' },
  ),
  variant(
    'base-ballots',
    'The 2023 rules, the threshold taken of all ballots found, invalid ones included (the Russian rule)',
    { ...BASE_2023, thresholdBase: 'ballots' },
  ),
  variant('dhondt', "The 2023 threshold with D'Hondt instead of Hare and largest remainders", {
    ...BASE_2023,
    method: 'dhondt',
    quota: undefined,
  }),
  variant('sainte-lague', 'The 2023 threshold with Sainte-Laguë instead of Hare and largest remainders', {
    ...BASE_2023,
    method: 'sainte-lague',
    quota: undefined,
  }),
  variant('droop', 'The 2023 rules with the Droop quota instead of Hare', { ...BASE_2023, quota: 'droop' }),
  variant(
    'all-list-2021',
    'The Majilis before 2023: every seat by party lists, 7 % threshold, runner-up admission (kz-2009-majilis)',
    NAMED_RULE_SETS['kz-2009-majilis'].rules,
    true,
  ),
];

/** A variant by name, `threshold-N`, or null. */
export function ruleVariant(name: string): RuleVariant | null {
  const named = NAMED_VARIANTS.find((candidate) => candidate.id === name);
  if (named !== undefined) return named;
  const match = /^threshold-(\d{1,2}(?:\.\d{1,4})?|100)$/.exec(name);
  if (match === null) return null;
  const percent = Number(match[1]);
  return variant(name, `The 2023 rules with a ${percent} % threshold`, { ...BASE_2023, thresholdPercent: percent });
}

export function isVariantName(name: string): boolean {
  return isRuleSetName(name) || ruleVariant(name) !== null;
}
