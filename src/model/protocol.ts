import { z } from 'zod';
import { commissionIdSchema, contestIdSchema, stationIdSchema } from './ids.ts';
import { countSchema } from './numbers.ts';
import { PROTOCOL_LINES, type ProtocolLine } from './protocol-lines.ts';

export { PROTOCOL_LINE_NUMBERS, PROTOCOL_LINES, type ProtocolLine } from './protocol-lines.ts';

/** The precinct protocol's lines as a schema; their names and printed numbers are in protocol-lines.ts. */
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
