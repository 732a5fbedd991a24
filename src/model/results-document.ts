import { z } from 'zod';
import { countSchema } from './numbers.ts';
import { bigCountSchema } from './protocol.ts';

/**
 * The results document of `saylau results --json` and `GET /api/results` (docs/tally.md), as a
 * schema: what the OpenAPI document publishes and what the server's tests hold its answers to.
 */
export const totalsSchema = z.strictObject({
  stationsCounted: countSchema,
  stationsExpected: countSchema,
  lines: z.record(z.string(), bigCountSchema),
  votes: z.record(z.string(), bigCountSchema),
});

const stageSchema = z.enum(['partial', 'preliminary', 'established', 'certified']);
/** The share of stations counted, as an exact fraction "num/den". */
const countedSchema = z.string().regex(/^\d+(\/\d+)?$/);

export const listContestResultSchema = z.strictObject({
  kind: z.literal('list'),
  status: z.enum(['complete', 'no-list-admitted', 'lots-required']),
  totals: totalsSchema,
  seats: z.record(z.string(), countSchema),
  vacant: z.unknown().optional(),
  stage: stageSchema,
  counted: countedSchema,
});

export const smdContestResultSchema = z.strictObject({
  kind: z.literal('smd'),
  status: z.enum(['winner', 'tie', 'void', 'postponed']),
  totals: totalsSchema,
  winner: z.string().nullable(),
  againstAllPrevailed: z.literal(true).optional(),
  stage: stageSchema,
  counted: countedSchema,
});

export const bodyResultSchema = z.strictObject({
  seats: z.record(z.string(), countSchema),
  filled: countSchema,
  competent: z.boolean().optional(),
  stage: stageSchema,
});

export const resultsDocumentSchema = z.strictObject({
  electionId: z.string(),
  contests: z.record(z.string(), z.discriminatedUnion('kind', [listContestResultSchema, smdContestResultSchema])),
  bodies: z.record(z.string(), bodyResultSchema),
});

export type ResultsDocument = z.infer<typeof resultsDocumentSchema>;
