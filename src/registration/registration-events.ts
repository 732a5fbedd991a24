import { z } from 'zod';
import { isMessageCode, type MessageCode } from '../i18n/messages.ts';
import {
  calendarSchema,
  candidateDossierSchema,
  localDateTimeSchema,
  nominationSchema,
  withdrawalSchema,
} from '../model/nomination.ts';
import { countSchema } from '../model/numbers.ts';

// The payloads of the journal's registration events, one schema each: the types below are derived
// from them, and every read of the journal parses through them (src/journal/events.ts,
// docs/tabulation.md, "The journal"). Each object is strict: a field the schema does not name is
// refused, since a signed event must hold nothing a reader would silently drop.

// The model's schemas, strict at every level: a parsed payload is the signed one, nothing dropped.
const journalNominationSchema = nominationSchema
  .safeExtend({
    candidates: z
      .array(candidateDossierSchema.extend({ name: candidateDossierSchema.shape.name.strict() }).strict())
      .min(1),
  })
  .strict();
const journalWithdrawalSchema = withdrawalSchema.strict();
const journalCalendarSchema = calendarSchema.strict();

/** An id the registry keys by; its pattern is checked where it enters (src/model/ids.ts), not again here. */
const idSchema = z.string().min(1);

const messageCodeSchema = z.custom<MessageCode>(
  (value) => typeof value === 'string' && isMessageCode(value),
  'not a message code',
);

/** Why a nomination or candidate was refused: a stable code, the people concerned, values for the message. */
export const refusalSchema = z.strictObject({
  code: messageCodeSchema,
  candidateIds: z.array(idSchema).readonly(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export type Refusal = z.infer<typeof refusalSchema>;

/** Each registration event's payload (its `type` is the event's), by type. */
export const registrationPayloadSchemas = {
  'nomination-submitted': z.strictObject({ nomination: journalNominationSchema }),
  'registration-decided': z.strictObject({
    nominationId: idSchema,
    decidedAt: localDateTimeSchema,
    /** The deadlines and the minimum wage the decision applied, so that `verify` can take it again. */
    calendar: journalCalendarSchema,
    minimumWage: countSchema,
    registered: z.array(idSchema).readonly(),
    refusals: z.array(refusalSchema).readonly(),
  }),
  'candidate-withdrawn': z.strictObject({
    withdrawal: journalWithdrawalSchema,
    /**
     * The deadlines applied, so that `verify` can take the check again; journals written before it
     * was recorded applied 2023's.
     */
    calendar: journalCalendarSchema.optional(),
  }),
  'contest-postponed': z.strictObject({
    contestId: idSchema,
    at: z.string().min(1),
    reason: z.literal('all-candidates-withdrawn'),
  }),
  'deputies-chosen': z.strictObject({
    bodyId: idSchema,
    partyId: idSchema,
    seats: countSchema,
    chosen: z.array(idSchema).readonly(),
  }),
  'mandate-vacated': z.strictObject({
    bodyId: idSchema,
    partyId: idSchema,
    candidateId: idSchema,
    reason: z.string(),
  }),
  'mandate-filled': z.strictObject({
    bodyId: idSchema,
    partyId: idSchema,
    candidateId: idSchema,
  }),
} as const;

type RegistrationSchemas = typeof registrationPayloadSchemas;
export type RegistrationEventType = keyof RegistrationSchemas;

/** The journal's registration events (docs/registration.md), each with its payload, as the store appends them. */
export type RegistrationPayload = {
  [T in RegistrationEventType]: { readonly type: T } & z.infer<RegistrationSchemas[T]>;
}[RegistrationEventType];

export const REGISTRATION_EVENT_TYPES = Object.keys(registrationPayloadSchemas) as readonly RegistrationEventType[];

export function isRegistrationPayload(payload: { readonly type: string }): payload is RegistrationPayload {
  return Object.hasOwn(registrationPayloadSchemas, payload.type);
}
