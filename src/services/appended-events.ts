import { AsyncLocalStorage } from 'node:async_hooks';
import type { SealedEvent } from '../journal/event.ts';

/**
 * The events one act appended, for its receipts (docs/receipts.md): an HTTP request or a CLI
 * command runs its service inside `collectAppended`, and `append` (journal-append.ts) reports
 * every event it writes to the collection of the work that caused it. The async context keeps
 * two requests served at once apart; work outside any collection (the import queue, which
 * batches many requests into one transaction) reports to nothing.
 */
const collections = new AsyncLocalStorage<SealedEvent[]>();

export async function collectAppended<T>(work: () => Promise<T>): Promise<{ value: T; events: SealedEvent[] }> {
  const events: SealedEvent[] = [];
  const value = await collections.run(events, work);
  // A write transaction that threw rolled back, and its events with it: only a value returned means committed.
  return { value, events: [...events].sort((a, b) => a.seq - b.seq) };
}

/** Called by `append` with the events it wrote; they count once the transaction's work returns. */
export function noteAppended(events: readonly SealedEvent[]): void {
  collections.getStore()?.push(...events);
}
