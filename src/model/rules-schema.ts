import { z } from 'zod';
import type { RulesJson } from '../law/rule-set.ts';
import { codedIssue } from './input-error.ts';
import { countSchema } from './numbers.ts';

/** A percentage or an index: any finite number, range-checked by the field that uses it. */
function boundedNumber(minimum: number, maximum: number, minimumInclusive: boolean) {
  return z.number().superRefine((value, ctx) => {
    const aboveMinimum = minimumInclusive ? value >= minimum : value > minimum;
    if (!aboveMinimum || value > maximum)
      ctx.addIssue(codedIssue('INPUT_OUT_OF_RANGE', [], { value, minimum, maximum }));
  });
}

const runnerUpSchema = z.object({
  correction: boundedNumber(0, 1, false),
  minimumSeats: countSchema,
});

/** The JSON rules object (docs/law.md §1); unknown keys are ignored. */
export const rulesJsonSchema = z
  .object({
    thresholdPercent: boundedNumber(0, 100, true),
    thresholdBase: z.enum(['valid', 'participants', 'ballots', 'party-votes']),
    method: z.enum(['largest-remainder', 'dhondt', 'sainte-lague']),
    quota: z.enum(['hare', 'droop']).optional(),
    runnerUpAdmission: z.union([z.boolean(), runnerUpSchema]).optional(),
    remainderTie: z.enum(['earlier-registration', 'lots']).optional(),
    exhaustedList: z.enum(['vacant']).optional(),
  })
  .superRefine((rules, ctx) => {
    // A quota belongs to largest remainders; with a divisor method it would be silently ignored.
    if (rules.quota !== undefined && rules.method !== 'largest-remainder')
      ctx.addIssue(codedIssue('INPUT_QUOTA_WITH_DIVISOR', ['quota'], { method: rules.method }));
  }) satisfies z.ZodType<RulesJson>;
