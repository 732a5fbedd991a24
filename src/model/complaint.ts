import { z } from 'zod';
import { commissionIdSchema, contestIdSchema, regionIdSchema, stationIdSchema } from './ids.ts';

// Complaints against commissions, the decisions on them, and the administrative cases of election-law violations
// (docs/law.md §10.3). A complaint is registered by the body that decides it; its decision may order a recount, annul
// a station's result in named contests, or refer the matter to the prosecutor.

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens, at most 64');
const instantSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, 'an instant in UTC');
const textSchema = z.string().trim().min(1).max(2000);

/** Who complains: a candidate or party (public), an observer (by accreditation), or a private person. */
export const COMPLAINANT_KINDS = ['candidate', 'party', 'observer', 'voter', 'other'] as const;

export const complaintSchema = z.strictObject({
  id: idSchema,
  complainant: z.strictObject({
    kind: z.enum(COMPLAINANT_KINDS),
    /** The full name as filed; a private person's is shown by initials only (docs/site.md, "The register"). */
    name: z.string().trim().min(1).max(200),
    /** The candidate's or party's id in the election, or the observer's accreditation; null for a private person. */
    ref: z.string().min(1).max(100).nullable(),
  }),
  /** The commission whose decision, action or inaction is complained of, and the station when it is one. */
  against: z.strictObject({ commissionId: commissionIdSchema, stationId: stationIdSchema.nullable() }),
  subject: textSchema,
  filedAt: instantSchema,
});
export type Complaint = z.infer<typeof complaintSchema>;

/** What an upheld complaint orders. */
export const consequenceSchema = z.discriminatedUnion('kind', [
  /** A recount: the station's commission counts again; the result changes only by the new version of its protocol. */
  z.strictObject({
    kind: z.literal('recount'),
    stationId: stationIdSchema,
    contestIds: z.array(contestIdSchema).min(1),
  }),
  /** The station's result annulled in exactly these contests: its votes leave their tallies, seats follow. */
  z.strictObject({
    kind: z.literal('annulment'),
    stationId: stationIdSchema,
    contestIds: z.array(contestIdSchema).min(1),
  }),
  z.strictObject({ kind: z.literal('referral'), to: z.literal('prosecutor') }),
]);
export type Consequence = z.infer<typeof consequenceSchema>;

export const complaintDecisionSchema = z.strictObject({
  complaintId: idSchema,
  outcome: z.enum(['rejected', 'upheld']),
  reason: textSchema,
  consequences: z.array(consequenceSchema).max(100),
});
export type ComplaintDecision = z.infer<typeof complaintDecisionSchema>;

/** The kinds of administrative case the seed's prosecutors reported (docs/law.md §10.3). */
export const VIOLATION_TYPES = [
  'illegal-campaigning',
  'campaigning-on-silence-day',
  'publication-of-polls',
  'commission-member-breach',
  'vote-buying',
  'other',
] as const;

/** An administrative case of an election-law violation, as the competent authority recorded it. */
export const violationCaseSchema = z.strictObject({
  id: idSchema,
  /** The authority that recorded it (a prosecutor's office, the police, a court), in its own words. */
  authority: z.string().trim().min(1).max(300),
  /** The article of the Code of Administrative Offences, as cited. */
  article: z.string().trim().min(1).max(100),
  type: z.enum(VIOLATION_TYPES),
  regionId: regionIdSchema.nullable(),
  outcome: z.enum(['pending', 'fine', 'warning', 'dismissed']),
  recordedAt: instantSchema,
});
export type ViolationCase = z.infer<typeof violationCaseSchema>;
