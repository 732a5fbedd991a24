import { actToSignSchema, bulkSignedField, signedField, toSignResponse } from './act-signing.ts';
import { z } from 'zod';
import { PERSON_ROLES } from '../journal/events.ts';
import { toInputError } from '../model/input-error.ts';
import { protocolSchema } from '../model/protocol.ts';
import { ApiError } from './api-error.ts';
import { assertDefined } from '../law/assert.ts';

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
  /** The person's raw Ed25519 public key (base64url), when made outside the browser (`saylau keygen`). */
  publicKey: z.string().min(1).max(100).optional(),
  signed: signedField.optional(),
});
export const passwordChangeRequest = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().max(1000),
});
export const passwordResetRequest = z.strictObject({ password: z.string().max(1000) });
export const accountStatusRequest = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  signed: signedField.optional(),
});
/** Phase 2 of signing in the client (act-signing.ts): absent in phase 1, which answers the acts to sign. */
const signed = signedField.optional();
export const entryRequest = z.strictObject({
  protocol: protocolDocument,
  reason: z.string().min(1).max(2000).nullable().optional(),
  signed,
});
export const resolveRequest = z.strictObject({ protocol: protocolDocument, signed });
export const acceptRequest = z.strictObject({
  stationId: id,
  contestId: id,
  acknowledged: z.array(z.string().max(100)).max(50).default([]),
  signed,
});
export const importRequest = z.strictObject({
  protocols: z.array(protocolDocument).min(1).max(5000),
  signed: bulkSignedField.optional(),
});
export const lotsRequest = z.strictObject({ contestId: id, order: z.array(id).min(1).max(1000), signed });
export const approveRequest = z.strictObject({ contestId: id, commissionId: id.optional(), signed });
export const certifyRequest = z.strictObject({ bodyId: id, signed });
/** What a decision route answers: the acts to sign (phase 1), or the decision taken. */
export const decisionResponse = z.union([
  toSignResponse,
  z.strictObject({ decision: z.enum(['lots', 'approve', 'certify']) }),
]);
export const journalQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** The body parsed by `schema`, or the first problem as a coded refusal naming its field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? undefined, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problem = toInputError(assertDefined(parsed.error.issues[0]));
  throw new ApiError(problem.code, { field: problem.field, ...problem.params }, problem.field);
}

/** Answers of the API, for the OpenAPI document; the tests parse real answers with them. */
export const refusalResponse = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    messages: z.strictObject({ kk: z.string(), ru: z.string(), en: z.string() }),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    field: z.string().nullable(),
    /** ACT_SIGNATURE_MISMATCH: the acts the server would record now, to check and sign instead. */
    toSign: z.array(actToSignSchema).optional(),
  }),
});
export const pointerResponse = z.strictObject({
  electionId: z.string(),
  seq: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int(),
  href: z.string(),
});
export const sessionResponse = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  role: z.enum(PERSON_ROLES),
  commission: z.string().nullable(),
});
/** `GET /api/session`: whom the token belongs to, or the public when there is none. */
export const whoAmIResponse = z.union([
  z.strictObject({ role: z.literal('public') }),
  z.strictObject({ username: z.string(), role: z.enum(PERSON_ROLES), commission: z.string().nullable() }),
]);
export const importResponse = z.strictObject({
  accepted: z.number().int(),
  warned: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  refusals: z.array(
    z.object({
      index: z.number().int(),
      code: z.string(),
      message: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      stationId: z.string().optional(),
      contestId: z.string().optional(),
    }),
  ),
});
/** An entry: the operator's key fingerprint, whether it is the reader's, its figures when the reader may see them. */
const pendingEntry = z.strictObject({ operator: z.string(), yours: z.boolean(), protocol: protocolSchema.optional() });
export const entryResponse = z.strictObject({
  decision: z.enum(['entered', 'resolved', 'accepted']).optional(),
  entry: z.union([z.literal(1), z.literal(2)]).optional(),
  stationId: z.string(),
  contestId: z.string(),
  state: z.enum(['none', 'first-entered', 'entries-match', 'entries-differ', 'resolved']),
  version: z.number().int().optional(),
  reason: z.string().nullable().optional(),
  first: pendingEntry.optional(),
  second: pendingEntry.nullable().optional(),
  /** The chair's resolution, shown to the chair who may resolve. */
  resolution: protocolSchema.optional(),
  differences: z.array(z.string()),
});
/** What a protocol step answers: the acts to sign (phase 1 of signing in the client), or the entry as it stands. */
export const signedEntryResponse = z.union([toSignResponse, entryResponse]);
const event = z.strictObject({
  seq: z.number().int(),
  prev: z.string(),
  type: z.string(),
  actor: z.string(),
  at: z.string(),
  payload: z.unknown(),
  hash: z.string(),
  signature: z.string(),
});
export const journalResponse = z.strictObject({
  head: z.strictObject({ seq: z.number().int(), hash: z.string() }),
  events: z.array(event),
});
export const stationResponse = z.strictObject({
  station: z.unknown(),
  protocols: z.array(
    z.strictObject({
      protocol: protocolSchema,
      findings: z.array(
        z.strictObject({
          code: z.string(),
          severity: z.enum(['error', 'warning']),
          lines: z.array(z.string()),
          optionId: z.string().optional(),
        }),
      ),
    }),
  ),
});
