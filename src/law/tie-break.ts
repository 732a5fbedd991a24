import type { ListEntry, TieResolution } from './allocation-types.ts';
import type { RemainderTie } from './rule-set.ts';

export type TieOutcome =
  | { readonly kind: 'ordered'; readonly order: readonly ListEntry[]; readonly by: TieResolution }
  | { readonly kind: 'lots-required' };

export function byRegistration(a: ListEntry, b: ListEntry): number {
  return a.registrationOrder - b.registrationOrder;
}

/**
 * Orders lists tied for fewer seats than there are of them. Under `lots` the order must come
 * from a recorded draw (`lotsOrder`); without one covering every tied list the engine stops and
 * says lots are required — it never picks silently.
 */
export function breakTie(
  tied: readonly ListEntry[],
  rule: RemainderTie,
  lotsOrder: readonly string[] | undefined,
): TieOutcome {
  switch (rule) {
    case 'earlier-registration':
      return { kind: 'ordered', order: [...tied].sort(byRegistration), by: 'earlier-registration' };
    case 'lots': {
      const drawn = lotsOrder ?? [];
      if (!tied.every((list) => drawn.includes(list.id))) return { kind: 'lots-required' };
      return {
        kind: 'ordered',
        order: [...tied].sort((a, b) => drawn.indexOf(a.id) - drawn.indexOf(b.id)),
        by: 'lots',
      };
    }
  }
}
