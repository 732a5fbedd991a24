import { z } from 'zod';
import { isoDateSchema } from './election.ts';
import { contestIdSchema, regionIdSchema, stationIdSchema } from './ids.ts';
import { protocolSchema } from './protocol.ts';

// Observers on election day and what they bring back (docs/law.md §10.2): an accreditation says who watches where and
// for whom; a protocol copy is the figures of the copy the station's commission handed them, signed by the observer.

/** Who sends an observer (docs/law.md §10.2): domestic senders, and the international missions the CEC accredits. */
export const OBSERVER_SENDERS = ['party', 'candidate', 'public-association', 'international-mission'] as const;

/** An accreditation's id: short, lower-case, the observer's handle in every later act and on the site. */
export const accreditationIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens, at most 64');

/** The most stations one accreditation may name one by one; a wider scope is a region or the country. */
export const MAX_SCOPE_STATIONS = 1000;

/** Where an observer may watch: the whole country, one region (its stations abroad excluded), or named stations. */
export const observerScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('country') }),
  z.strictObject({ kind: z.literal('region'), regionId: regionIdSchema }),
  z.strictObject({ kind: z.literal('stations'), stationIds: z.array(stationIdSchema).min(1).max(MAX_SCOPE_STATIONS) }),
]);

export const accreditationSchema = z.strictObject({
  id: accreditationIdSchema,
  /** The observer's full name, as on the sender's authorisation; the site shows initials only (docs/site.md). */
  person: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(300),
  sender: z.enum(OBSERVER_SENDERS),
  /** The sending party's or candidate's id in the election; null for associations and missions. */
  senderId: z.string().min(1).max(100).nullable(),
  scope: observerScopeSchema,
  /** The days the accreditation holds, both included. */
  from: isoDateSchema,
  until: isoDateSchema,
  /** The fingerprint of the observer's own registered key: the only key that acts under this accreditation. */
  key: z.string().regex(/^[0-9a-f]{64}$/, 'a key fingerprint: SHA-256 in hex'),
});
export type Accreditation = z.infer<typeof accreditationSchema>;

/**
 * The figures of a protocol copy as the observer read them off the copy handed to them: the protocol's lines and
 * votes, without a version (the copy is of paper, not of the journal). Lost and unaccounted ballots default to 0 as
 * on an official protocol.
 */
export const copyFiguresSchema = protocolSchema.omit({ version: true }).strict();

export const protocolCopySchema = z.strictObject({
  accreditation: accreditationIdSchema,
  protocol: copyFiguresSchema,
});
export type ProtocolCopy = z.infer<typeof protocolCopySchema>;

/** The most stations a sample may draw: more than any country's stations would be no sample. */
export const MAX_SAMPLE_SIZE = 100_000;

/**
 * A random sample of stations for a parallel vote tabulation, drawn by an accredited organisation before any official
 * protocol of the contest is in (docs/law.md §10.2): the stations follow from the seed alone, so anyone can draw them
 * again, and the seed is in the journal before a result could have guided its choice.
 */
export const copySampleSchema = z.strictObject({
  accreditation: accreditationIdSchema,
  contestId: contestIdSchema,
  seed: z.string().regex(/^[0-9a-f]{64}$/, '32 random bytes in hex'),
  size: z.number().int().min(2).max(MAX_SAMPLE_SIZE),
});
export type CopySample = z.infer<typeof copySampleSchema>;

/** What an observer may report of a station (docs/law.md §10.2): a fixed list, so that reports can be counted. */
export const IRREGULARITY_CATEGORIES = [
  'campaigning-near-station',
  'ballot-stuffing',
  'carousel-voting',
  'pressure-on-voters',
  'observer-denied-access',
  'protocol-copy-refused',
  'voter-list-irregularity',
  'other',
] as const;

/** The longest account of an irregularity, in UTF-16 units. */
export const MAX_IRREGULARITY_TEXT = 2000;

/** An irregularity an observer saw at a station: when, of which kind, and in their words. */
export const irregularitySchema = z.strictObject({
  accreditation: accreditationIdSchema,
  stationId: stationIdSchema,
  category: z.enum(IRREGULARITY_CATEGORIES),
  /** When it was seen: an instant in UTC (the observer's statement, not the journal's time). */
  observedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, 'an instant in UTC'),
  text: z.string().trim().min(1).max(MAX_IRREGULARITY_TEXT),
});
export type Irregularity = z.infer<typeof irregularitySchema>;
