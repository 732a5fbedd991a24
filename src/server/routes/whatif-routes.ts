import { z } from 'zod';
import { NAMED_VARIANTS, ruleVariant, type RuleVariant } from '../../analysis/whatif/rule-variants.ts';
import { whatIf } from '../../analysis/whatif/whatif.ts';
import { ApiError } from '../api-error.ts';
import { parseBody } from '../api-schemas.ts';
import type { WhatIfInputs } from '../offload/offload-jobs.ts';
import type { Offloader } from '../offload/offloader.ts';
import { ThrottledValue } from '../offload/throttled-value.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { ANALYSIS_INTERVAL_MS } from './forensics-routes.ts';

/** The rule sets the site offers as toggles, in the order of the CLI's default. */
const DEFAULT_RULES = [
  'kz-2023-majilis',
  'threshold-7',
  'threshold-3',
  'base-without-against-all',
  'dhondt',
  'sainte-lague',
  'all-list-2021',
];

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
 * `GET /api/analysis/whatif`: the served results re-run under other rule sets (docs/whatif.md).
 * The inputs — every list contest's votes, from a tally of the whole election — are read by a
 * worker thread at most every few seconds, the last ones used meanwhile (`seq` says which journal
 * head); re-running one contest under a dozen rule sets is quick.
 */
export function registerWhatIfRoutes(routes: RouteRegistry, context: ServerContext, offloader: Offloader): void {
  const inputs = new ThrottledValue<WhatIfInputs>({
    compute: () => offloader.run({ kind: 'whatif' }),
    intervalMs: ANALYSIS_INTERVAL_MS,
    isStale: (read) => read.seq < context.live.current().seq,
    onError: (error) => offloader.report(error),
  });
  routes.beforeClose(() => inputs.close());
  routes.add(
    {
      method: 'GET',
      url: '/api/analysis/whatif',
      summary:
        'The current results under other rule sets, side by side with the differences (`rules`: comma-separated names or threshold-N)',
      action: 'read-results',
      expensive: true,
      query: whatIfQuery,
      response: whatIfResponse,
    },
    async (request) => {
      await context.guard(request, 'read-results');
      const query = parseBody(whatIfQuery, request.query);
      const names = (query.rules ?? DEFAULT_RULES.join(','))
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      const variants: RuleVariant[] = names.map((name) => {
        const found = ruleVariant(name);
        if (found === null)
          throw new ApiError(
            'INPUT_UNKNOWN_RULE_SET',
            { value: name, known: `${NAMED_VARIANTS.map((v) => v.id).join(', ')}, threshold-N` },
            'rules',
          );
        return found;
      });
      if (variants.length === 0 || variants.length > 12)
        throw new ApiError(
          'INPUT_OUT_OF_RANGE',
          { field: 'rules', value: variants.length, minimum: 1, maximum: 12 },
          'rules',
        );
      const { seq, contests } = await inputs.get();
      const wanted = query.contest ?? 'majilis/list';
      const contest = contests.find((candidate) => candidate.id === wanted);
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
