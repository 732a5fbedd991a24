import type { z } from 'zod';
import { codedIssue } from './input-error.ts';

/** Flags every id already seen, at `field[index].id`; returns the ids for the references that follow. */
export function checkUniqueIds(
  items: readonly { readonly id: string }[],
  field: string,
  ctx: z.RefinementCtx,
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue(codedIssue('INPUT_DUPLICATE_ID', [field, index, 'id'], { id: item.id }));
    seen.add(item.id);
  });
  return seen;
}

/** A drawn order (`lotsOrder`) names only known ids, each once. */
export function checkDrawnOrder(
  lotsOrder: readonly string[] | undefined,
  known: ReadonlySet<string>,
  ctx: z.RefinementCtx,
): void {
  const drawn = new Set<string>();
  lotsOrder?.forEach((id, index) => {
    if (!known.has(id)) ctx.addIssue(codedIssue('INPUT_UNKNOWN_ID', ['lotsOrder', index], { id }));
    else if (drawn.has(id)) ctx.addIssue(codedIssue('INPUT_DUPLICATE_ID', ['lotsOrder', index], { id }));
    drawn.add(id);
  });
}
