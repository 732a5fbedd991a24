import { resolveRules, type RuleSet, type RulesJson } from './rule-set.ts';

/** How sure we are of a parameter (docs/law.md, status marks): verified, established by re-computation, uncertain. */
export type Certainty = 'V' | 'A' | 'U';

export type RuleSetName = 'kz-2023-majilis' | 'kz-2023-maslikhat' | 'kz-2009-majilis' | 'kz-2007-majilis';

export interface NamedRuleSet {
  readonly name: RuleSetName;
  readonly description: string;
  readonly rules: Required<RulesJson>;
  /** The certainty of each parameter; the uncertain ones are named in every result. */
  readonly certainty: Readonly<Record<keyof RulesJson, Certainty>>;
}

/** The list rules of 2023 (docs/law.md §2); the older sets differ from them only where written. */
const LIST_RULES_2023: Required<RulesJson> = {
  thresholdPercent: 5,
  thresholdBase: 'valid',
  method: 'largest-remainder',
  quota: 'hare',
  runnerUpAdmission: { correction: 0.7, minimumSeats: 2 },
  remainderTie: 'earlier-registration',
  exhaustedList: 'vacant',
};

const KZ_2023_CERTAINTY = {
  thresholdPercent: 'V',
  thresholdBase: 'U',
  method: 'A',
  quota: 'A',
  runnerUpAdmission: 'U',
  remainderTie: 'U',
  exhaustedList: 'U',
} as const;

/**
 * The rule sets of Kazakhstan's party-list elections as data (docs/law.md §2). Each is exactly the
 * JSON rules object a user could write; `saylau rules NAME --json` prints it.
 */
export const NAMED_RULE_SETS: Readonly<Record<RuleSetName, NamedRuleSet>> = {
  'kz-2023-majilis': {
    name: 'kz-2023-majilis',
    description:
      'Majilis list part since 2023: 69 seats, 5 % of valid votes, Hare over admitted lists, largest remainders',
    rules: LIST_RULES_2023,
    certainty: KZ_2023_CERTAINTY,
  },
  'kz-2023-maslikhat': {
    name: 'kz-2023-maslikhat',
    description: 'Regional maslikhat list part since 2023: 5 % of valid votes in the region, Hare over admitted lists',
    rules: LIST_RULES_2023,
    certainty: KZ_2023_CERTAINTY,
  },
  'kz-2009-majilis': {
    name: 'kz-2009-majilis',
    description: 'Majilis 2009–2021: 7 % threshold, runner-up admission with correction 0.7 and two seats at least',
    rules: { ...LIST_RULES_2023, thresholdPercent: 7 },
    certainty: {
      thresholdPercent: 'V',
      thresholdBase: 'U',
      method: 'A',
      quota: 'A',
      runnerUpAdmission: 'U',
      remainderTie: 'V',
      exhaustedList: 'V',
    },
  },
  'kz-2007-majilis': {
    name: 'kz-2007-majilis',
    description: 'Majilis 2007: 7 % threshold and no runner-up rule, so a single list could take every seat',
    rules: { ...LIST_RULES_2023, thresholdPercent: 7, runnerUpAdmission: false },
    certainty: {
      thresholdPercent: 'V',
      thresholdBase: 'U',
      method: 'A',
      quota: 'A',
      runnerUpAdmission: 'V',
      remainderTie: 'U',
      exhaustedList: 'U',
    },
  },
};

export function isRuleSetName(name: string): name is RuleSetName {
  return Object.hasOwn(NAMED_RULE_SETS, name);
}

/** The parameters of a named set marked uncertain [U] in docs/law.md §2: every result names them. */
export function uncertainParameters(set: NamedRuleSet): (keyof RulesJson)[] {
  return (Object.keys(set.certainty) as (keyof RulesJson)[]).filter((key) => set.certainty[key] === 'U');
}

/** A named rule set, resolved for the engine, carrying its name and its uncertain parameters. */
export function namedRuleSet(name: RuleSetName): RuleSet {
  const set = NAMED_RULE_SETS[name];
  return resolveRules(set.rules, { name, uncertain: uncertainParameters(set) });
}
