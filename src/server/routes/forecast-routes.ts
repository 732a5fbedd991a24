import { z } from 'zod';
import type { BuiltDocument } from '../offload/offload-jobs.ts';
import type { Offloader } from '../offload/offloader.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { sendCached } from './results-routes.ts';

const seatDistribution = z.object({
  mean: z.number(),
  median: z.number(),
  interval80: z.tuple([z.number(), z.number()]),
  interval95: z.tuple([z.number(), z.number()]),
  histogram: z.object({ min: z.number(), counts: z.array(z.number()) }),
});
const pollTranslation = z.looseObject({
  assumptions: z.array(z.string()).optional(),
  pollsters: z.record(z.string(), z.string()).optional(),
});
const holder = {
  id: z.string(),
  smdSeats: seatDistribution,
  totalSeats: seatDistribution,
  majority: z.number(),
  twoThirds: z.number(),
};

/** The forecast document's shape (docs/forecast.md §6); the tests parse real answers with it. */
export const forecastResponse = z.looseObject({
  format: z.literal('saylau-forecast/1'),
  asOf: z.string(),
  seed: z.number(),
  simulations: z.number(),
  seats: z.looseObject({
    total: z.number(),
    list: z.number(),
    smd: z.number(),
    majority: z.number(),
    twoThirds: z.number(),
  }),
  model: z.looseObject({
    halfLifeDays: z.number(),
    designEffect: z.number(),
    systematicErrorSigma: z.number(),
    regionalSwingSigma: z.number(),
    effectiveSampleSize: z.number(),
  }),
  assumptions: z.array(z.string()),
  translations: z.looseObject({ kk: pollTranslation.optional(), ru: pollTranslation.optional() }),
  polls: z.array(
    z.looseObject({
      pollster: z.string(),
      fieldworkStart: z.string(),
      fieldworkEnd: z.string(),
      sampleSize: z.number(),
      assumed: z.array(z.string()),
    }),
  ),
  lists: z.array(
    z.looseObject({ ...holder, pollAverage: z.number(), passThreshold: z.number(), listSeats: seatDistribution }),
  ),
  otherHolders: z.array(z.looseObject(holder)),
  districts: z.array(
    z.looseObject({
      number: z.number(),
      contestId: z.string(),
      region: z.string(),
      favourite: z.looseObject({
        candidateId: z.string(),
        nomination: z.string(),
        name: z.string().nullable(),
        probability: z.number(),
      }),
      byNomination: z.record(z.string(), z.number()),
    }),
  ),
});

/**
 * `GET /api/analysis/forecast`: the forecast from the shipped 2023 poll (data/polls/), computed
 * once, by a worker thread, on first request (40,000 simulated elections) — the same bytes every
 * time, so it is cached like a snapshot. A failure is not kept: the next request tries again.
 */
export function registerForecastRoutes(routes: RouteRegistry, context: ServerContext, offloader: Offloader): void {
  let answer: Promise<BuiltDocument> | null = null;
  routes.add(
    {
      method: 'GET',
      url: '/api/analysis/forecast',
      summary:
        'Seat forecast of the Majilis from the shipped 2023 poll and its stated assumptions: threshold probabilities, seat distributions, majorities, district winners',
      action: 'read-results',
      expensive: true,
      response: forecastResponse,
    },
    async (request, reply) => {
      await context.guard(request, 'read-results');
      if (answer === null) {
        const started = offloader.run({ kind: 'forecast' });
        answer = started;
        started.catch(() => {
          if (answer === started) answer = null;
        });
      }
      const { text, sha256 } = await answer;
      return sendCached(request, reply, text, sha256, 'public, max-age=3600');
    },
  );
}
