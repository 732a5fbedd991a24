import { z } from 'zod';
import { NAMED_VARIANTS, ruleVariant, type RuleVariant } from '../../analysis/whatif/rule-variants.ts';
import { whatIfContestsFromTally } from '../../analysis/whatif/from-tally.ts';
import { whatIf, type WhatIfContest } from '../../analysis/whatif/whatif.ts';
import { currentTally } from '../../store/tabulator.ts';
import { ApiError } from '../api-error.ts';
import { parseBody } from '../api-schemas.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

/** The rule sets the site offers as toggles, in the order of the CLI's default. */
const DEFAULT_RULES = ['kz-2023-majilis', 'threshold-7', 'threshold-3', 'base-without-against-all', 'dhondt', 'sainte-lague', 'all-list-2021'];

export const whatIfQuery = z.object({
  contest: z.string().min(1).optional(),
  /** Comma-separated: names of NAMED_VARIANTS or `threshold-N`. */
  rules: z.string().min(1).optional(),
});

const seatsSchema = z.record(z.string(), z.number());

export const whatIfResponse = z.strictObject({
  contest: z.string(),
  listSeats: z.number(),
  bodySeats: z.number(),
  seq: z.number(),
  available: z.array(z.strictObject({ id: z.string(), description: z.string() })),
  variants: z.array(
    z.strictObject({
      variant: z.string(),
      description: z.string(),
      status: z.enum(['complete', 'no-list-admitted', 'lots-required']),
      admitted: z.array(z.string()),
      listSeats: seatsSchema,
      totalSeats: seatsSchema,
      difference: seatsSchema,
      uncertain: z.array(z.string()),
    }),
  ),
});

/**
 * `GET /api/analysis/whatif`: the served results re-run under other rule sets (issue #8), the
 * inputs read once per journal head.
 */
export function registerWhatIfRoutes(routes: RouteRegistry, context: ServerContext): void {
  let cached: { seq: number; contests: WhatIfContest[] } | null = null;
  routes.add(
    { method: 'GET', url: '/api/analysis/whatif', summary: 'The current results under other rule sets, side by side with the differences (`rules`: comma-separated names or threshold-N)', action: 'read-results', query: whatIfQuery, response: whatIfResponse },
    async (request) => {
      await context.guard(request, 'read-results');
      const query = parseBody(whatIfQuery, request.query);
      const names = (query.rules ?? DEFAULT_RULES.join(',')).split(',').map((name) => name.trim()).filter((name) => name !== '');
      const variants: RuleVariant[] = names.map((name) => {
        const found = ruleVariant(name);
        if (found === null) throw new ApiError('INPUT_UNKNOWN_RULE_SET', { value: name, known: `${NAMED_VARIANTS.map((v) => v.id).join(', ')}, threshold-N` }, 'rules');
        return found;
      });
      if (variants.length === 0 || variants.length > 12) throw new ApiError('INPUT_OUT_OF_RANGE', { value: variants.length, minimum: 1, maximum: 12 }, 'rules');
      const { seq } = await context.store.journalHead();
      if (cached?.seq !== seq) {
        const election = context.election;
        cached = { seq, contests: whatIfContestsFromTally(election, await currentTally({ store: context.store, election })) };
      }
      const wanted = query.contest ?? 'majilis/list';
      const contest = cached.contests.find((candidate) => candidate.id === wanted);
      if (contest === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: wanted }, 'contest');
      return {
        contest: contest.id,
        listSeats: contest.listSeats,
        bodySeats: contest.bodySeats,
        seq,
        available: NAMED_VARIANTS.map((variant) => ({ id: variant.id, description: variant.description })),
        variants: whatIf({ contest, variants }),
      };
    },
  );
}
