import { decimalToRational, Rational } from './rational.ts';

export type ThresholdBase = 'valid' | 'participants' | 'ballots' | 'party-votes';
export type AllocationMethod = 'largest-remainder' | 'dhondt' | 'sainte-lague';
export type QuotaKind = 'hare' | 'droop';
export type RemainderTie = 'earlier-registration' | 'lots';
export type ExhaustedList = 'vacant';

/** The rules object as written in JSON (docs/law.md §1); optional fields take defaults. */
export interface RulesJson {
  readonly thresholdPercent: number;
  readonly thresholdBase: ThresholdBase;
  readonly method: AllocationMethod;
  readonly quota?: QuotaKind | undefined;
  readonly runnerUpAdmission?: boolean | RunnerUpJson | undefined;
  readonly remainderTie?: RemainderTie | undefined;
  readonly exhaustedList?: ExhaustedList | undefined;
}

export interface RunnerUpJson {
  readonly correction: number;
  readonly minimumSeats: number;
}

/** The same object with every default written out: what a result reports as "the rules used". */
export interface CompleteRulesJson {
  readonly thresholdPercent: number;
  readonly thresholdBase: ThresholdBase;
  readonly method: AllocationMethod;
  readonly quota?: QuotaKind;
  readonly runnerUpAdmission: false | RunnerUpJson;
  readonly remainderTie: RemainderTie;
  readonly exhaustedList: ExhaustedList;
}

export type MethodRule =
  | { readonly kind: 'largest-remainder'; readonly quota: QuotaKind }
  | { readonly kind: 'dhondt' }
  | { readonly kind: 'sainte-lague' };

export interface RunnerUpRule {
  readonly correction: Rational;
  readonly minimumSeats: number;
}

/** A rule set ready for the engine: exact numbers, every default resolved. */
export interface RuleSet {
  /** The named set this came from, or null for a rules object written by hand. */
  readonly name: string | null;
  /** Parameters marked uncertain [U] in the named set; a result repeats them. */
  readonly uncertain: readonly string[];
  readonly json: CompleteRulesJson;
  readonly thresholdPercent: Rational;
  readonly thresholdBase: ThresholdBase;
  readonly method: MethodRule;
  readonly runnerUpAdmission: RunnerUpRule | null;
  readonly remainderTie: RemainderTie;
  readonly exhaustedList: ExhaustedList;
}

/** docs/law.md §1.3, the 2009 reading: correction index 0.7, at least two seats. */
export const RUNNER_UP_2009: RunnerUpJson = { correction: 0.7, minimumSeats: 2 };

/**
 * Fills the defaults of docs/law.md §1: quota hare, no runner-up admission, ties to the list
 * registered earlier, surplus seats vacant. The input is assumed valid (the model's schema checks
 * it).
 */
export function resolveRules(
  json: RulesJson,
  origin: { name: string; uncertain: readonly string[] } | null = null,
): RuleSet {
  const runnerUp = json.runnerUpAdmission === true ? RUNNER_UP_2009 : (json.runnerUpAdmission ?? false);
  const method: MethodRule =
    json.method === 'largest-remainder' ? { kind: json.method, quota: json.quota ?? 'hare' } : { kind: json.method };
  const complete: CompleteRulesJson = {
    thresholdPercent: json.thresholdPercent,
    thresholdBase: json.thresholdBase,
    method: json.method,
    ...(method.kind === 'largest-remainder' ? { quota: method.quota } : {}),
    runnerUpAdmission:
      runnerUp === false ? false : { correction: runnerUp.correction, minimumSeats: runnerUp.minimumSeats },
    remainderTie: json.remainderTie ?? 'earlier-registration',
    exhaustedList: json.exhaustedList ?? 'vacant',
  };
  return {
    name: origin?.name ?? null,
    uncertain: origin?.uncertain ?? [],
    json: complete,
    thresholdPercent: decimalToRational(json.thresholdPercent),
    thresholdBase: complete.thresholdBase,
    method,
    runnerUpAdmission:
      runnerUp === false
        ? null
        : { correction: decimalToRational(runnerUp.correction), minimumSeats: runnerUp.minimumSeats },
    remainderTie: complete.remainderTie,
    exhaustedList: complete.exhaustedList,
  };
}
