import { buildExport, type ExportFormat, type ExportResult, type JournalHead } from '../export/build-export.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Store } from './store.ts';
import { currentDecisions, currentTally, loadElection, StoreError } from './tabulator.ts';
import { ExportError } from '../export/export-types.ts';

/**
 * A result export (docs/exports.md) of what the database holds: the election, decisions, tally,
 * current protocols and journal head read under the locked chain head, so that no append lands
 * in between and the files describe one state. The same database gives the same bytes.
 */
export async function exportFromStore({ store, format }: { store: Store; format: ExportFormat }): Promise<ExportResult> {
  const input = await store.write(async (writer) => {
    const locked = await writer.head();
    const { election } = await loadElection(store);
    const decisions = await currentDecisions(store);
    const tally = await currentTally({ store, election, decisions });
    // Protocols are stored as the canonical JSON of a protocol that passed the schema at intake;
    // the json export needs only the totals.
    const protocols = format === 'json' ? [] : (await store.allProtocols()).map((row) => JSON.parse(row.content) as Protocol);
    const last = (await store.eventsAfter(locked.seq - 1, 1))[0];
    const head: JournalHead = last === undefined ? { seq: 0, hash: '', at: '' } : { seq: last.seq, hash: last.hash, at: last.at };
    return { election, decisions, tally, protocols, head };
  });
  try {
    return buildExport({ format, ...input });
  } catch (error) {
    if (error instanceof ExportError) throw new StoreError(error.code, { value: error.value }, error.where);
    throw error;
  }
}
