import { z } from 'zod';
import { electionSchema } from './election.ts';
import { protocolSchema, summaryProtocolSchema } from './protocol.ts';

/**
 * JSON Schemas derived from the zod schemas, the single source of truth (docs/schema/). They
 * describe shapes; checks a JSON Schema cannot say (safe integers, real dates, references,
 * control relations) are `saylau validate`'s.
 */
export function modelJsonSchemas(): Record<string, unknown> {
  const schema = (title: string, type: z.ZodType): unknown => ({
    title,
    ...z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' }),
  });
  return {
    'election.schema.json': schema('saylau election definition (election.json)', electionSchema),
    'protocol.schema.json': schema('saylau precinct protocol (one line of protocols.ndjson)', protocolSchema),
    'summary-protocol.schema.json': schema('saylau summary protocol', summaryProtocolSchema),
  };
}
