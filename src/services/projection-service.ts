import { GENESIS } from '../journal/event.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import { replaceProjections } from '../store/projection-writes.ts';
import type { Store } from '../store/store.ts';

/** Every projection rebuilt from the journal alone (docs/tabulation.md): replay gives the same rows. */
export async function rebuildProjections({ store, election }: { store: Store; election: Election }): Promise<number> {
  const state = emptyProjection();
  let count = 0;
  let prev = GENESIS;
  for await (const event of store.events()) {
    if (event.prev !== prev) throw new Error(`journal chain broken at ${event.seq}`);
    prev = event.hash;
    applyEvent(state, event, election);
    count += 1;
  }
  await store.write(async (writer) => {
    await writer.head();
    await replaceProjections(writer, state);
  });
  return count;
}
