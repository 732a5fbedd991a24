import { z } from 'zod';
import { isUtcInstant } from './act.ts';
import { JOURNAL_ID_PATTERN } from '../model/act-text.ts';
import { protocolLinesSchema, protocolSchema } from '../model/protocol.ts';
import { turnoutReportSchema } from '../model/turnout-report.ts';
import { complaintDecisionSchema, complaintSchema, violationCaseSchema } from '../model/complaint.ts';
import {
  accreditationSchema,
  copyFiguresSchema,
  copySampleSchema,
  irregularitySchema,
  protocolCopySchema,
} from '../model/observer.ts';
import { MAX_REASON_LENGTH } from '../tally/turnout-day.ts';
import { countSchema } from '../model/numbers.ts';
import { registrationPayloadSchemas } from '../registration/registration-events.ts';

// Every kind of journal event, its payload as a zod schema: the types are derived from the schemas,
// so they cannot drift apart, and every read of the journal parses through them (parse-event.ts;
// docs/tabulation.md, "The journal"). Objects are strict — a field a schema does not name is
// refused — since a signed event must hold nothing a reader would silently drop.

/**
 * What a person's account may be (docs/server.md, "Accounts and roles"); operators and chairs act
 * for one commission.
 */
export const PERSON_ROLES = ['administrator', 'chair', 'operator', 'observer'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const KEY_ROLES = ['central-commission', 'commission', 'user', ...PERSON_ROLES] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/**
 * A protocol as the journal holds it: every line there (intake fills in the defaults before it is
 * signed) and nothing else, so that the parsed protocol is the signed one, byte for byte.
 */
const journalProtocolSchema = protocolSchema
  .extend({ lines: protocolLinesSchema.extend({ lost: countSchema, unaccounted: countSchema }).strict() })
  .strict();

/** SHA-256, hex: hashes, fingerprints. */
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in hex');

const accountChangeSchema = z.strictObject({
  holder: z.string().min(1),
  /** The administrator who did it, or `cec` when done from the CLI with the key file. */
  by: z.string().min(1),
  reason: z.string(),
});

/** Each event's payload (its `type` is the event's, not the payload's), by type. */
export const journalPayloadSchemas = {
  'key-registered': z.strictObject({
    holder: z.string().min(1),
    role: z.enum(KEY_ROLES),
    publicKey: z.string(),
    fingerprint: sha256Schema,
    /** The commission an operator or chair acts for; absent or null for keys not scoped to one. */
    commission: z.string().nullable().optional(),
    /**
     * The journal's id, in the CEC's root registration (the first event) only: every act of the journal binds it
     * (docs/keys.md, "What a signature covers").
     */
    journal: z.string().regex(JOURNAL_ID_PATTERN).optional(),
  }),
  'election-defined': z.strictObject({ electionId: z.string().min(1), electionSha256: sha256Schema }),
  /**
   * A station's turnout at an hour of election day (docs/law.md §10.1), signed by the commission that reports it; a
   * later report of the same station and hour is a correction, and says why.
   */
  'turnout-reported': z.strictObject({
    report: turnoutReportSchema,
    reason: z.string().min(1).max(MAX_REASON_LENGTH).nullable(),
  }),
  /**
   * An observer accredited (docs/law.md §10.2): by the CEC for international missions and the whole country, by a
   * commission for its own stations; the observer then acts with the key the accreditation names.
   */
  'observer-accredited': z.strictObject({ accreditation: accreditationSchema }),
  /**
   * The figures of the protocol copy an observer was handed at a station, signed by the observer: compared with the
   * official protocol, never counted (docs/law.md §10.2). Every line is there, as in a journaled protocol.
   */
  'protocol-copy-entered': z.strictObject({
    copy: protocolCopySchema
      .extend({
        protocol: copyFiguresSchema
          .extend({ lines: protocolLinesSchema.extend({ lost: countSchema, unaccounted: countSchema }).strict() })
          .strict(),
      })
      .strict(),
  }),
  /**
   * A sample of stations for a parallel vote tabulation, drawn by an accredited organisation from its seed before any
   * official protocol of the contest is in (docs/law.md §10.2).
   */
  'copy-sample-drawn': z.strictObject({ sample: copySampleSchema }),
  /**
   * An irregularity an observer saw at a station, in a category of a fixed list and their own words, signed with their
   * key: public at once as the observer's statement, not a finding of any authority (docs/law.md §10.2).
   */
  'irregularity-reported': z.strictObject({ report: irregularitySchema }),
  /** A complaint against a commission, registered by the body that decides it or filed by an observer (§10.3). */
  'complaint-filed': z.strictObject({ complaint: complaintSchema }),
  /**
   * The decision on a complaint: rejected, or upheld with what it orders — a recount (the result changes only by the
   * protocol's new version), a station's result annulled in named contests, a referral to the prosecutor.
   */
  'complaint-decided': z.strictObject({ decision: complaintDecisionSchema }),
  /** An administrative case of an election-law violation, entered by the CEC from the competent authority. */
  'violation-recorded': z.strictObject({ violation: violationCaseSchema }),
  /**
   * A person's account disabled (it logs in no more, its sessions end) or enabled again, signed by
   * the CEC as the key's registration is; accounts themselves are not in the journal.
   */
  'account-disabled': accountChangeSchema,
  'account-enabled': accountChangeSchema,
  /** One operator's entry of a protocol from the paper form (docs/tabulation.md, "Double entry"). */
  'protocol-entered': z.strictObject({
    protocol: journalProtocolSchema,
    entry: z.union([z.literal(1), z.literal(2)]),
    /** Why a new version of an accepted protocol is entered (a correction or recount). */
    reason: z.string().nullable(),
  }),
  /** The chair's resolution of two entries that differ: the protocol as it stands on paper. */
  'protocol-resolved': z.strictObject({ protocol: journalProtocolSchema }),
  /** A drawn order settling a tie (docs/law.md), recorded by the contest's commission. */
  'lots-drawn': z.strictObject({ contestId: z.string().min(1), order: z.array(z.string().min(1)).readonly() }),
  /** The establishing commission approves the contest's summary: its result is established. */
  'summary-approved': z.strictObject({
    commissionId: z.string().min(1),
    contestId: z.string().min(1),
    /** SHA-256 of the summary approved; a later change of any protocol makes the approval stale. */
    summarySha256: sha256Schema,
    stationsCounted: countSchema,
  }),
  /** The CEC certifies a body's results once every contest of it is established. */
  'results-certified': z.strictObject({ bodyId: z.string().min(1) }),
  'protocol-accepted': z.strictObject({
    protocol: journalProtocolSchema,
    /** Warning codes the accepting user acknowledged (docs/protocol-checks.md). */
    acknowledged: z.array(z.string()).readonly(),
    /** `import`: one accepted entry by the importing user; `entry`: accepted by the chair after double entry. */
    via: z.enum(['import', 'entry']),
    /** A new version of an accepted protocol says why. */
    reason: z.string().nullable(),
  }),
  // keys: revocation of a lost or stolen key (docs/keys.md, "Revocation").
  /**
   * A signing key revoked by the authority that registered it (or the CEC): every act it signs is refused from this
   * event on, whatever its time; `voidFrom` (an instant in UTC) says from when the acts it already signed are suspect.
   * `by` is the revoking key's holder.
   */
  'key-revoked': z.strictObject({
    fingerprint: sha256Schema,
    by: z.string().min(1),
    reason: z.string().min(1),
    voidFrom: z.string().refine(isUtcInstant, 'not an ISO instant in UTC'),
  }),
  /** Nomination and registration before the vote, deputies and vacancies after it (docs/registration.md). */
  ...registrationPayloadSchemas,
  // The transparency log (docs/transparency-log.md, "Serving the log").
  /**
   * The CEC endorses the key the log signs its checkpoints with: an observer who pins the CEC's fingerprint
   * learns the log's origin and verifier key (note format `origin+keyid+base64`) from the journal itself.
   */
  'log-key-registered': z.strictObject({
    // A note key's name may hold neither spaces nor '+' (c2sp signed-note); the origin is that name.
    origin: z.string().regex(/^[^\s+]+$/, 'an origin without spaces or +'),
    verifierKey: z.string().regex(/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/, 'a note verifier key'),
  }),
  // Witnesses (docs/witness.md): an observer's cosigning key, registered by the CEC.
  /** An observer's witness key, registered by the CEC: the server takes cosignatures only from these. */
  'witness-registered': z.strictObject({
    organisation: z.string().min(1),
    /** The witness's key name, as in its cosignature lines (a schema-less URL: `osce.org/odihr-witness`). */
    name: z.string().min(1),
    /** Its verifier key in the note format: `<name>+<key id hex8>+<base64(0x04 || Ed25519 public key)>`. */
    verifierKey: z.string().min(1),
  }),
  /**
   * A witness key the CEC no longer takes cosignatures from (a mission withdrawn, a key lost or stolen), with the
   * reason: the key must be registered and not deregistered already, and is never registered again.
   */
  'witness-deregistered': z.strictObject({
    verifierKey: z.string().min(1),
    reason: z.string().min(1),
  }),
} as const;

type PayloadSchemas = typeof journalPayloadSchemas;
export type JournalEventType = keyof PayloadSchemas;

/** The fields around every payload: its place in the chain, who signed it, when (src/journal/event.ts). */
const envelope = {
  seq: z.number().int().positive(),
  prev: sha256Schema,
  actor: sha256Schema,
  at: z.string().min(1),
  hash: sha256Schema,
  signature: z.string().min(1),
};

const eventSchema = <T extends JournalEventType>(type: T) =>
  z.strictObject({ ...envelope, type: z.literal(type), payload: journalPayloadSchemas[type] });

/** A sealed event of any known type, told apart by `type`. */
export const journalEventSchema = z.discriminatedUnion('type', [
  eventSchema('key-registered'),
  eventSchema('election-defined'),
  eventSchema('turnout-reported'),
  eventSchema('observer-accredited'),
  eventSchema('protocol-copy-entered'),
  eventSchema('copy-sample-drawn'),
  eventSchema('irregularity-reported'),
  eventSchema('complaint-filed'),
  eventSchema('complaint-decided'),
  eventSchema('violation-recorded'),
  eventSchema('account-disabled'),
  eventSchema('account-enabled'),
  eventSchema('protocol-entered'),
  eventSchema('protocol-resolved'),
  eventSchema('lots-drawn'),
  eventSchema('summary-approved'),
  eventSchema('results-certified'),
  eventSchema('protocol-accepted'),
  eventSchema('nomination-submitted'),
  eventSchema('registration-decided'),
  eventSchema('candidate-withdrawn'),
  eventSchema('contest-postponed'),
  eventSchema('deputies-chosen'),
  eventSchema('mandate-vacated'),
  eventSchema('mandate-filled'),
  eventSchema('key-revoked'),
  eventSchema('log-key-registered'),
  eventSchema('witness-registered'),
  eventSchema('witness-deregistered'),
]);

/**
 * A journal event as parsed: the sealed event of src/journal/event.ts — the same fields, the same
 * hash — with `payload` typed by `type`.
 */
export type JournalEvent = z.infer<typeof journalEventSchema>;

type PayloadWithType<E> = E extends { readonly type: infer T; readonly payload: infer P }
  ? { readonly type: T } & P
  : never;

/** An event's payload with its type, as code that appends an event writes it and a replay reads it. */
export type JournalPayload = PayloadWithType<JournalEvent>;

/** An event's type and payload apart, as they are signed: what `append` seals. */
export type JournalEventBody = JournalEvent extends infer E
  ? E extends JournalEvent
    ? { readonly type: E['type']; readonly payload: E['payload'] }
    : never
  : never;

/** The payload of a parsed event with its type beside its fields. */
export function payloadOf(event: JournalEvent): JournalPayload {
  // The schema parsed the type and the payload together, so they are of one member of the union.
  return { ...event.payload, type: event.type } as JournalPayload;
}

/** A payload as written by code into its type and the rest, as an event carries them. */
export function eventBodyOf(payload: JournalPayload): JournalEventBody {
  const { type, ...rest } = payload;
  // The type and the rest come from one member of the union.
  return { type, payload: rest } as JournalEventBody;
}

/**
 * The payload apart from its type, checked against the schema every reader parses it with: a payload the code built
 * wrong would otherwise be signed, then refused by the integrity check at the next start and by `verify` — a defect
 * stopped before it is signed (docs/tabulation.md, "The journal"). Throws: such a payload is a defect of the code, not
 * of anyone's input.
 */
export function checkedEventBody(payload: JournalPayload): JournalEventBody {
  const body = eventBodyOf(payload);
  const schema: z.ZodType = journalPayloadSchemas[body.type];
  const parsed = schema.safeParse(body.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`a ${body.type} event does not fit its schema: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return body;
}

/** Fails to compile when a type of `journalPayloadSchemas` has no event schema above. */
const everyTypeParsed: [Exclude<JournalEventType, JournalEvent['type']>] extends [never] ? true : false = true;
void everyTypeParsed;
