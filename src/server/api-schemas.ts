import { z } from 'zod';
import { PERSON_ROLES } from '../journal/events.ts';
import { toInputError } from '../model/input-error.ts';
import { ApiError } from './api-error.ts';

/**
 * Request bodies of the API. A protocol inside a request is left `unknown` here on purpose: the
 * intake and entry flow check it and refuse with the protocol's own codes (PROTOCOL_…, DATASET_…),
 * exactly as `saylau ingest` and `saylau enter` do.
 */
const id = z.string().min(1).max(200);
const protocolDocument = z.unknown().describe('A precinct protocol: see docs/schema/protocol.schema.json');

export const loginRequest = z.strictObject({ username: id, password: z.string().min(1).max(1000) });
export const accountRequest = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/),
  password: z.string().max(1000),
  role: z.enum(PERSON_ROLES),
  commission: id.nullable().optional(),
});
export const entryRequest = z.strictObject({ protocol: protocolDocument, reason: z.string().min(1).max(2000).nullable().optional() });
export const resolveRequest = z.strictObject({ protocol: protocolDocument });
export const acceptRequest = z.strictObject({ stationId: id, contestId: id, acknowledged: z.array(z.string().max(100)).max(50).default([]) });
export const importRequest = z.strictObject({ protocols: z.array(protocolDocument).min(1).max(5000) });
export const lotsRequest = z.strictObject({ contestId: id, order: z.array(id).min(1).max(1000) });
export const approveRequest = z.strictObject({ contestId: id, commissionId: id.optional() });
export const certifyRequest = z.strictObject({ bodyId: id });
export const journalQuery = z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(5000).default(1000) });

/** The body parsed by `schema`, or the first problem as a coded refusal naming its field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? undefined, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problem = toInputError(parsed.error.issues[0] as z.core.$ZodIssue);
  throw new ApiError(problem.code, { field: problem.field, ...problem.params }, problem.field);
}
