import { z } from 'zod';
import type { EligibilityInput } from '../law/candidate-eligibility.ts';
import type { MandateCheckInput } from '../law/mandate-check.ts';
import type { ListCheckInput } from '../law/party-list-check.ts';
import { codedIssue, type InputError } from './input-error.ts';
import { calendarDateSchema, countSchema, idSchema, seatCountSchema } from './numbers.ts';
import { parseWith } from './parse-document.ts';
import type { Result } from './result.ts';

const bodySchema = z.enum(['majilis', 'maslikhat']);

/** `saylau check-candidate FILE` (docs/law.md §6). */
export const eligibilityRequestSchema = z
  .object({
    body: bodySchema,
    electionDate: calendarDateSchema,
    candidate: z.object({
      id: idSchema,
      birthDate: calendarDateSchema,
      citizen: z.boolean(),
      residenceYears: countSchema,
      residesInRegion: z.boolean().optional(),
      criminalRecord: z.boolean(),
      corruptionOffence: z.boolean(),
      legallyIncapable: z.boolean(),
    }),
  })
  .superRefine((request, ctx) => {
    // Residence in the region decides maslikhat eligibility, so it cannot be left out there.
    if (request.body === 'maslikhat' && request.candidate.residesInRegion === undefined) {
      ctx.addIssue(codedIssue('INPUT_MISSING_FIELD', ['candidate', 'residesInRegion']));
    }
  }) satisfies z.ZodType<EligibilityInput>;

const quotaPersonShape = {
  id: idSchema,
  gender: z.enum(['female', 'male']),
  birthDate: calendarDateSchema,
  disability: z.boolean(),
};

/** `saylau check-list FILE` (docs/law.md §4). */
export const listCheckRequestSchema = z.object({
  body: bodySchema,
  seats: seatCountSchema,
  electionDate: calendarDateSchema,
  party: idSchema,
  list: z.array(z.object({ ...quotaPersonShape, partyMember: z.boolean() })),
}) satisfies z.ZodType<ListCheckInput>;

/** `saylau check-mandates FILE`: the deputies a party chose for the seats it won. */
export const mandateCheckRequestSchema = z.object({
  electionDate: calendarDateSchema,
  seatsWon: countSchema,
  list: z.array(z.object(quotaPersonShape)),
  chosen: z.array(idSchema),
  rounding: z.enum(['up', 'down', 'nearest']).optional(),
}) satisfies z.ZodType<MandateCheckInput>;

export function parseEligibilityRequest(document: unknown): Result<EligibilityInput, InputError> {
  return parseWith(eligibilityRequestSchema, document);
}

export function parseListCheckRequest(document: unknown): Result<ListCheckInput, InputError> {
  return parseWith(listCheckRequestSchema, document);
}

export function parseMandateCheckRequest(document: unknown): Result<MandateCheckInput, InputError> {
  return parseWith(mandateCheckRequestSchema, document);
}
