import { z } from 'zod';
import type { AllocationInput, ListEntry } from '../law/allocation-types.ts';
import { isRuleSetName, NAMED_RULE_SETS, namedRuleSet } from '../law/named-rule-sets.ts';
import { resolveRules, type RuleSet } from '../law/rule-set.ts';
import { checkDrawnOrder, checkUniqueIds } from './id-checks.ts';
import { codedIssue, type InputError, toInputError } from './input-error.ts';
import { countSchema, idSchema, seatCountSchema } from './numbers.ts';
import { parseWith } from './parse-document.ts';
import { err, ok, type Result } from './result.ts';
import { rulesJsonSchema } from './rules-schema.ts';
import { assertDefined } from '../law/assert.ts';

/** A rule set by name, or a rules object; resolved here so later checks can use the base. */
const rulesFieldSchema = z.unknown().transform((value, ctx): RuleSet => {
  if (typeof value === 'string') {
    if (isRuleSetName(value)) return namedRuleSet(value);
    ctx.addIssue(codedIssue('INPUT_UNKNOWN_RULE_SET', [], { value, known: Object.keys(NAMED_RULE_SETS).join(', ') }));
    return z.NEVER;
  }
  const parsed = rulesJsonSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return resolveRules(parsed.data);
  const first = toInputError(assertDefined(parsed.error.issues[0]));
  // A missing or non-object `rules` reads better as "expected a name or a rules object".
  if (first.field === '' && first.code === 'INPUT_WRONG_TYPE')
    ctx.addIssue(codedIssue(first.code, [], { expected: 'string | object' }));
  else if (value === undefined) ctx.addIssue(codedIssue('INPUT_MISSING_FIELD'));
  else ctx.addIssue(codedIssue(first.code, first.field === '' ? [] : [first.field], first.params));
  return z.NEVER;
});

const partySchema = z.object({
  id: idSchema,
  name: z.string().optional(),
  votes: countSchema,
  listSize: countSchema.optional(),
  registrationOrder: countSchema.optional(),
});

/** The document `saylau allocate` reads (docs/law.md §1). Unknown keys are ignored. */
export const allocationRequestSchema = z
  .object({
    rules: rulesFieldSchema,
    seats: seatCountSchema,
    parties: z.array(partySchema).superRefine((parties, ctx) => {
      if (parties.length === 0) ctx.addIssue(codedIssue('INPUT_EMPTY'));
    }),
    againstAll: countSchema.optional(),
    invalid: countSchema.optional(),
    participants: countSchema.optional(),
    lotsOrder: z.array(idSchema).optional(),
  })
  .superRefine((request, ctx) => {
    const known = checkUniqueIds(request.parties, 'parties', ctx);
    const orders = new Set<number>();
    request.parties.forEach((party, index) => {
      if (party.registrationOrder === undefined) return;
      if (orders.has(party.registrationOrder)) {
        ctx.addIssue(
          codedIssue('INPUT_DUPLICATE_REGISTRATION_ORDER', ['parties', index, 'registrationOrder'], {
            value: party.registrationOrder,
          }),
        );
      }
      orders.add(party.registrationOrder);
    });
    checkDrawnOrder(request.lotsOrder, known, ctx);
    // Voters who received a ballot cannot be fewer than the ballots found in the boxes.
    if (request.participants !== undefined) {
      const ballots = request.parties.reduce(
        (sum, party) => sum + BigInt(party.votes),
        BigInt(request.againstAll ?? 0) + BigInt(request.invalid ?? 0),
      );
      if (BigInt(request.participants) < ballots)
        ctx.addIssue(
          codedIssue('INPUT_PARTICIPANTS_BELOW_BALLOTS', ['participants'], {
            value: request.participants,
            ballots: ballots.toString(),
          }),
        );
    }
    const base = request.rules.thresholdBase;
    if (base === 'ballots' && request.invalid === undefined)
      ctx.addIssue(codedIssue('INPUT_REQUIRED_FOR_BASE', ['invalid'], { base }));
    if (base === 'participants' && request.participants === undefined)
      ctx.addIssue(codedIssue('INPUT_REQUIRED_FOR_BASE', ['participants'], { base }));
  });

export type AllocationRequest = z.output<typeof allocationRequestSchema>;

/**
 * Registration order: given values first, in their order; lists without one after them, in the
 * order they appear in the document.
 */
export function registrationRanks(orders: readonly (number | undefined)[]): number[] {
  const indices = orders.map((_, index) => index);
  const byOrder = (a: number, b: number): number => {
    const [first, second] = [orders[a], orders[b]];
    if (first !== undefined && second !== undefined) return first - second || a - b;
    if (first !== undefined) return -1;
    if (second !== undefined) return 1;
    return a - b;
  };
  indices.sort(byOrder);
  const ranks = new Array<number>(orders.length);
  indices.forEach((index, rank) => (ranks[index] = rank + 1));
  return ranks;
}

export function toAllocationInput(request: AllocationRequest): AllocationInput {
  const ranks = registrationRanks(request.parties.map((party) => party.registrationOrder));
  const lists: ListEntry[] = request.parties.map((party, index) => ({
    id: party.id,
    votes: BigInt(party.votes),
    listSize: party.listSize,
    registrationOrder: assertDefined(ranks[index]),
  }));
  const optional = (value: number | undefined): bigint | undefined => (value === undefined ? undefined : BigInt(value));
  return {
    rules: request.rules,
    seats: request.seats,
    lists,
    againstAll: optional(request.againstAll),
    invalid: optional(request.invalid),
    participants: optional(request.participants),
    lotsOrder: request.lotsOrder,
  };
}

export function parseAllocationRequest(document: unknown): Result<AllocationInput, InputError> {
  const parsed = parseWith(allocationRequestSchema, document);
  return parsed.ok ? ok(toAllocationInput(parsed.value)) : err(parsed.error);
}
