import { type ActScope, actScopeOf } from '../journal/act.ts';
import type { Store } from './store.ts';

/**
 * The scope of the acts of a journal that has begun: its election and the journal id its first event names, if any
 * (docs/keys.md, "What a signature covers"). Read from the first row, as a transaction or a store sees it.
 */
export async function journalActScope(reader: Pick<Store, 'journalRowsAfter'>, electionId: string): Promise<ActScope> {
  const [root] = await reader.journalRowsAfter(0, 1);
  return actScopeOf(electionId, root === undefined ? undefined : { payload: JSON.parse(root.payload) as unknown });
}
