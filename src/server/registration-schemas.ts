import { bulkSignedField, signedField } from './act-signing.ts';
import { z } from 'zod';
import { candidateIdSchema, partyIdSchema } from '../model/ids.ts';
import {
  calendarSchema,
  deputiesChoiceSchema,
  localDateTimeSchema,
  nominationSchema,
  withdrawalSchema,
} from '../model/nomination.ts';
import { countSchema } from '../model/numbers.ts';

/**
 * Requests and answers of the registration routes (docs/registration.md). A nomination is checked
 * with the model's own schema, so the API refuses it with the field and code `saylau nominate`
 * gives.
 */
const id = z.string().min(1).max(200);
const params = z.record(z.string(), z.union([z.string(), z.number()]));
const messages = z.strictObject({ kk: z.string(), ru: z.string(), en: z.string() });

/** Phase 2 of signing in the client (act-signing.ts). */
const signed = signedField.optional();
export const nominationRequest = z.strictObject({ nomination: nominationSchema, signed });
export const nominationsImportRequest = z.strictObject({
  nominations: z.array(z.unknown().describe('A nomination: see POST /api/nominations')).min(1).max(5000),
  signed: bulkSignedField.optional(),
});
export const registrationRequest = z.strictObject({
  nominationIds: z.array(id).min(1).max(5000),
  /** When the commission decides, in its local time: after 18 February 2023 18:00 it is too late. */
  decidedAt: localDateTimeSchema,
  /**
   * Other deadlines than 2023's, e.g. for a district postponed because all its candidates withdrew (administrators
   * only).
   */
  calendar: calendarSchema.optional(),
  /** Another year's minimum wage in tenge (administrators only). */
  minimumWage: countSchema.refine((value) => value > 0).optional(),
  signed: bulkSignedField.optional(),
});
/** A withdrawal; `calendar` as for a registration (administrators only). */
export const withdrawalRequest = z.strictObject({
  ...withdrawalSchema.shape,
  calendar: calendarSchema.optional(),
  signed,
});
export const deputiesRequest = z.strictObject({ ...deputiesChoiceSchema.shape, signed });
/** The party is the one whose list the candidate stood on, unless given. */
export const vacancyRequest = z.strictObject({
  bodyId: id,
  candidateId: candidateIdSchema,
  partyId: partyIdSchema.optional(),
  reason: z.string().min(1).max(2000),
  signed,
});
export const fillRequest = z.strictObject({
  bodyId: id,
  candidateId: candidateIdSchema,
  partyId: partyIdSchema.optional(),
  signed,
});
export const nominationsQuery = z.object({
  contest: id.optional(),
  commission: id.optional(),
  status: z.enum(['submitted', 'registered', 'refused']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const printQuery = z.object({ lang: z.enum(['kk', 'ru']).default('kk') });

const translated = z.strictObject({ kk: z.string(), ru: z.string(), en: z.string() });
const refusal = z.strictObject({ code: z.string(), candidateIds: z.array(z.string()), params, messages });

/** A candidate as the public sees them: no personal number, no file. */
export const candidateView = z.strictObject({
  id: z.string(),
  contestId: z.string(),
  name: z.strictObject({ kk: z.string(), ru: z.string(), latin: z.string() }),
  birthDate: z.string(),
  gender: z.enum(['female', 'male']),
  /** Null for a candidate the election definition lists, registered before the journal began. */
  nominationId: z.string().nullable(),
  nomination: z.enum(['list', 'party', 'public-association', 'self-nominated']),
  nominatedBy: z.string().nullable(),
  listPosition: z.number().int().nullable(),
  status: z.enum(['registered', 'withdrawn', 'deregistered', 'died']),
  statusAt: z.string().nullable(),
  statusReason: z.string().nullable(),
});
export const nominationView = z.strictObject({
  id: z.string(),
  contestId: z.string(),
  nomination: z.enum(['list', 'party', 'public-association', 'self-nominated']),
  nominatedBy: z.string().nullable(),
  submittedAt: z.string(),
  status: z.enum(['submitted', 'registered', 'refused']),
  decidedAt: z.string().nullable(),
  refusals: z.array(refusal),
  candidates: z.array(
    z.strictObject({
      id: z.string(),
      name: z.strictObject({ kk: z.string(), ru: z.string(), latin: z.string() }),
      birthDate: z.string(),
      gender: z.enum(['female', 'male']),
      registered: z.boolean().nullable(),
    }),
  ),
});
export const candidatesResponse = z.strictObject({
  contest: z.strictObject({
    id: z.string(),
    kind: z.enum(['list', 'smd']),
    bodyId: z.string(),
    commissionId: z.string(),
    name: translated,
  }),
  postponed: z.strictObject({ at: z.string(), reason: z.string() }).nullable(),
  candidates: z.array(candidateView),
});
export const nominationsResponse = z.strictObject({ total: z.number().int(), nominations: z.array(nominationView) });
const ballotOption = z.strictObject({
  id: z.string(),
  kind: z.enum(['list', 'candidate']),
  label: translated,
  detail: translated.nullable(),
});
export const ballotsResponse = z.strictObject({
  stationId: z.string(),
  ballots: z.array(
    z.strictObject({
      contestId: z.string(),
      kind: z.enum(['list', 'smd']),
      title: translated,
      options: z.array(ballotOption),
      againstAll: z.literal(true),
    }),
  ),
});
export const deputiesResponse = z.strictObject({
  bodyId: z.string(),
  seats: z.number().int(),
  lists: z.array(
    z.strictObject({
      partyId: z.string(),
      seats: z.number().int(),
      holders: z.array(z.string()).nullable(),
      vacancies: z.number().int(),
      vacated: z.array(z.strictObject({ candidateId: z.string(), reason: z.string() })),
    }),
  ),
  districts: z.array(
    z.strictObject({
      contestId: z.string(),
      number: z.number().int(),
      status: z.string(),
      winner: z.string().nullable(),
    }),
  ),
});
export const depositsResponse = z.strictObject({
  bodyId: z.string(),
  deposits: z.array(
    z.strictObject({
      candidateId: z.string(),
      contestId: z.string(),
      paid: z.number(),
      outcome: z.enum(['returned-elected', 'returned-five-percent', 'returned-death', 'kept']),
      final: z.boolean(),
    }),
  ),
});
export const submittedResponse = z.strictObject({ id: z.string(), status: z.literal('submitted') });
export const nominationsImportResponse = z.strictObject({
  submitted: z.number().int(),
  refused: z.number().int(),
  refusals: z.array(
    z.strictObject({
      index: z.number().int(),
      id: z.string(),
      code: z.string(),
      message: z.string(),
      params,
      field: z.string().nullable(),
    }),
  ),
});
export const decisionsResponse = z.strictObject({
  decisions: z.array(
    z.strictObject({
      nominationId: z.string(),
      /** `not-decided`: another commission member decided it in the same instant (the code says why). */
      outcome: z.enum(['registered', 'refused', 'not-decided']),
      registered: z.array(z.string()),
      refusals: z.array(refusal),
      code: z.string().optional(),
    }),
  ),
});
export const withdrawalResponse = z.strictObject({
  candidateId: z.string(),
  status: z.enum(['withdrawn', 'deregistered', 'died']),
  postponed: z.string().nullable(),
});
export const mandateResponse = z.strictObject({
  bodyId: z.string(),
  partyId: z.string(),
  holders: z.array(z.string()),
  vacated: z.array(z.strictObject({ candidateId: z.string(), reason: z.string() })),
});
