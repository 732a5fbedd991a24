import { z } from 'zod';
import { commissionIdSchema, contestIdSchema, stationIdSchema } from './ids.ts';
import { countSchema } from './numbers.ts';

/**
 * The precinct protocol (docs/dataset.md §1.4). Lines keep readable names; `PROTOCOL_LINE_NUMBERS`
 * gives the number printed on the form, which every check and message refers to.
 */
export const PROTOCOL_LINE_NUMBERS = {
  votersOnList: '1',
  ballotsReceived: '2',
  issuedInPremises: '3',
  issuedOutside: '4',
  absentee: '5',
  cancelled: '6',
  foundStationary: '7',
  foundMobile: '8',
  invalid: '9',
  againstAll: 'A',
  lost: 'L',
  unaccounted: 'U',
} as const;

export type ProtocolLine = keyof typeof PROTOCOL_LINE_NUMBERS;
export const PROTOCOL_LINES = Object.keys(PROTOCOL_LINE_NUMBERS) as ProtocolLine[];

export const protocolLinesSchema = z.object({
  votersOnList: countSchema,
  ballotsReceived: countSchema,
  issuedInPremises: countSchema,
  issuedOutside: countSchema,
  absentee: countSchema,
  cancelled: countSchema,
  foundStationary: countSchema,
  foundMobile: countSchema,
  invalid: countSchema,
  againstAll: countSchema,
  lost: countSchema.default(0),
  unaccounted: countSchema.default(0),
});

/** One contest's count at one polling station; lines 10… are `votes`, by option id. */
export const protocolSchema = z.object({
  stationId: stationIdSchema,
  contestId: contestIdSchema,
  /** 1 for the first accepted protocol; a correction or recount is a new version. */
  version: countSchema,
  lines: protocolLinesSchema,
  votes: z.record(z.string(), countSchema),
});

export type ProtocolLines = z.infer<typeof protocolLinesSchema>;
export type Protocol = z.infer<typeof protocolSchema>;

/** A sum that may pass 2^53 − 1 on synthetic data: a number when safe, else a decimal string. */
export const bigCountSchema = z.union([countSchema, z.string().regex(/^\d+$/)]);

/** A summary protocol: the exact sum of the protocols below one commission, for one contest. */
export const summaryProtocolSchema = z.object({
  commissionId: commissionIdSchema,
  contestId: contestIdSchema,
  stationsCounted: countSchema,
  stationsExpected: countSchema,
  lines: z.record(z.enum(PROTOCOL_LINES as [ProtocolLine, ...ProtocolLine[]]), bigCountSchema),
  votes: z.record(z.string(), bigCountSchema),
});

export type SummaryProtocol = z.infer<typeof summaryProtocolSchema>;
