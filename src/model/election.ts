import { z } from 'zod';
import {
  bodyIdSchema,
  candidateIdSchema,
  commissionIdSchema,
  contestIdSchema,
  partyIdSchema,
  regionIdSchema,
  stationIdSchema,
  territoryIdSchema,
} from './ids.ts';
import { countSchema } from './numbers.ts';

/** `YYYY-MM-DD`; `saylau validate` also checks that the date exists. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const translatedSchema = z.object({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) });

export const partySchema = z.object({
  id: partyIdSchema,
  name: translatedSchema,
  /** Order in which the CEC registered the lists: breaks remainder ties (docs/law.md §1.7). */
  registrationOrder: countSchema,
  /** Order on the ballot, drawn by lot (docs/registration.md, Ballots). */
  ballotOrder: countSchema,
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
});

export const regionSchema = z.object({
  id: regionIdSchema,
  kind: z.enum(['oblast', 'city']),
  name: translatedSchema,
  centre: translatedSchema,
});

export const territorySchema = z.object({
  id: territoryIdSchema,
  regionId: regionIdSchema,
  kind: z.enum(['city', 'district']),
  name: translatedSchema,
});

export const stationSchema = z.object({
  id: stationIdSchema,
  /** Null for a station abroad. */
  regionId: regionIdSchema.nullable(),
  territoryId: territoryIdSchema.nullable(),
  /** Urban or rural settlement; abroad stations are at missions. */
  setting: z.enum(['urban', 'rural', 'abroad']),
  /** The contests whose ballots this station issues (docs/law.md §2.1: five, four in the three cities, one abroad). */
  contests: z.array(contestIdSchema).min(1),
  commissionId: commissionIdSchema,
});

export const bodySchema = z.object({
  id: bodyIdSchema,
  kind: z.enum(['majilis', 'regional-maslikhat', 'city-maslikhat', 'district-maslikhat']),
  name: translatedSchema,
  regionId: regionIdSchema.nullable(),
  territoryId: territoryIdSchema.nullable(),
  seats: countSchema,
  listSeats: countSchema,
  smdSeats: countSchema,
});

export const listOptionSchema = z.object({ kind: z.literal('list'), id: partyIdSchema, listSize: countSchema });
export const candidateOptionSchema = z.object({ kind: z.literal('candidate'), id: candidateIdSchema });

export const contestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('list'),
    id: contestIdSchema,
    bodyId: bodyIdSchema,
    name: translatedSchema,
    seats: countSchema,
    /** A named rule set of src/law (docs/law.md §2). */
    rules: z.enum(['kz-2023-majilis', 'kz-2023-maslikhat']),
    options: z.array(listOptionSchema),
    /** Every ballot has an "Against all" line (docs/law.md §2.1, A156); its votes are protocol line A. */
    againstAll: z.literal(true),
    commissionId: commissionIdSchema,
  }),
  z.object({
    kind: z.literal('smd'),
    id: contestIdSchema,
    bodyId: bodyIdSchema,
    name: translatedSchema,
    number: countSchema,
    options: z.array(candidateOptionSchema),
    againstAll: z.literal(true),
    /** The district election commission that establishes the result (docs/law.md §2.1). */
    commissionId: commissionIdSchema,
  }),
]);

export const candidateSchema = z.object({
  id: candidateIdSchema,
  contestId: contestIdSchema,
  name: z.object({ kk: z.string().min(1), ru: z.string().min(1), latin: z.string().min(1) }),
  birthDate: isoDateSchema,
  gender: z.enum(['female', 'male']),
  disability: z.boolean(),
  /** Party membership, whatever the nomination. */
  partyMember: partyIdSchema.nullable(),
  nomination: z.enum(['list', 'party', 'public-association', 'self-nominated']),
  /** The nominating party (list and party nominations) or public association. */
  nominatedBy: z.string().nullable(),
  listPosition: countSchema.nullable(),
  status: z.enum(['registered', 'withdrawn', 'deregistered']),
});

export const commissionSchema = z.object({
  id: commissionIdSchema,
  level: z.enum(['central', 'regional', 'territorial', 'district', 'precinct']),
  parentId: commissionIdSchema.nullable(),
  name: translatedSchema,
});

/** The election definition: `election.json` of a dataset. */
export const electionSchema = z.object({
  schemaVersion: z.literal(1),
  event: z.object({ id: z.string().min(1), name: translatedSchema, date: isoDateSchema }),
  parties: z.array(partySchema),
  regions: z.array(regionSchema),
  territories: z.array(territorySchema),
  bodies: z.array(bodySchema),
  contests: z.array(contestSchema),
  candidates: z.array(candidateSchema),
  commissions: z.array(commissionSchema),
  stations: z.array(stationSchema),
});

export type Translated = z.infer<typeof translatedSchema>;
export type Party = z.infer<typeof partySchema>;
export type Region = z.infer<typeof regionSchema>;
export type Territory = z.infer<typeof territorySchema>;
export type Station = z.infer<typeof stationSchema>;
export type Body = z.infer<typeof bodySchema>;
export type Contest = z.infer<typeof contestSchema>;
export type Candidate = z.infer<typeof candidateSchema>;
export type Commission = z.infer<typeof commissionSchema>;
export type Election = z.infer<typeof electionSchema>;
