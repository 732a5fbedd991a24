import { z } from 'zod';
import type { RecallInput } from '../law/recall.ts';
import type { SmdInput } from '../law/smd-outcome.ts';
import { checkDrawnOrder, checkUniqueIds } from './id-checks.ts';
import { codedIssue, type InputError } from './input-error.ts';
import { countSchema, idSchema } from './numbers.ts';
import { parseWith } from './parse-document.ts';
import { err, ok, type Result } from './result.ts';

/** `saylau smd FILE`: one single-member district's count. */
export const smdRequestSchema = z
  .object({
    candidates: z.array(z.object({ id: idSchema, votes: countSchema, withdrawn: z.boolean().optional() })),
    againstAll: countSchema.optional(),
    againstAllVoids: z.boolean().optional(),
    tieDecision: z.enum(['lots', 'repeat-election']).optional(),
    lotsOrder: z.array(idSchema).optional(),
  })
  .superRefine((request, ctx) => {
    checkDrawnOrder(request.lotsOrder, checkUniqueIds(request.candidates, 'candidates', ctx), ctx);
  });

export function parseSmdRequest(document: unknown): Result<SmdInput, InputError> {
  const parsed = parseWith(smdRequestSchema, document);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  return ok({
    candidates: request.candidates.map((candidate) => ({
      id: candidate.id,
      votes: BigInt(candidate.votes),
      withdrawn: candidate.withdrawn,
    })),
    againstAll: BigInt(request.againstAll ?? 0),
    rules: { againstAllVoids: request.againstAllVoids ?? false, tieDecision: request.tieDecision ?? 'lots' },
    lotsOrder: request.lotsOrder,
  });
}

/** `saylau recall FILE`: a recall vote in one district. */
export const recallRequestSchema = z
  .object({ registeredVoters: countSchema, participants: countSchema, forRecall: countSchema })
  .superRefine((request, ctx) => {
    if (request.participants > request.registeredVoters) {
      ctx.addIssue(
        codedIssue('INPUT_EXCEEDS', ['participants'], {
          value: request.participants,
          limitField: 'registeredVoters',
          limit: request.registeredVoters,
        }),
      );
    } else if (request.forRecall > request.participants) {
      ctx.addIssue(
        codedIssue('INPUT_EXCEEDS', ['forRecall'], {
          value: request.forRecall,
          limitField: 'participants',
          limit: request.participants,
        }),
      );
    }
  });

export function parseRecallRequest(document: unknown): Result<RecallInput, InputError> {
  const parsed = parseWith(recallRequestSchema, document);
  if (!parsed.ok) return err(parsed.error);
  const { registeredVoters, participants, forRecall } = parsed.value;
  return ok({
    registeredVoters: BigInt(registeredVoters),
    participants: BigInt(participants),
    forRecall: BigInt(forRecall),
  });
}
