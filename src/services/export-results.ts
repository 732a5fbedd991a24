import { buildExport, type ExportFormat, type ExportResult, type JournalHead } from '../export/build-export.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Store } from '../store/store.ts';
import { currentDecisions, currentTally } from './results-service.ts';
import { loadElection } from './election-service.ts';
import { StoreError } from '../store/store-error.ts';
import { ExportError } from '../export/export-types.ts';

/**
 * A result export (docs/exports.md) of what the database holds: the election, decisions, tally,
 * current protocols and journal head read in one snapshot (`Store.snapshot`), so that the files
 * describe one state while appends go on. The same database gives the same bytes; `seq` is the
 * journal head they describe.
 */
export async function exportFromStore({
  store,
  format,
}: {
  store: Store;
  format: ExportFormat;
}): Promise<ExportResult & { readonly seq: number }> {
  const input = await store.snapshot(async (reader) => {
    const seen = await reader.journalHead();
    const { election } = await loadElection(reader);
    const decisions = await currentDecisions(reader);
    const tally = await currentTally({ store: reader, election, decisions });
    // Protocols are stored as the canonical JSON of a protocol that passed the schema at intake;
    // the json export needs only the totals.
    const protocols =
      format === 'json' ? [] : (await reader.allProtocols()).map((row) => JSON.parse(row.content) as Protocol);
    const last = (await reader.eventsAfter(seen.seq - 1, 1))[0];
    const head: JournalHead =
      last === undefined ? { seq: 0, hash: '', at: '' } : { seq: last.seq, hash: last.hash, at: last.at };
    return { election, decisions, tally, protocols, head };
  });
  try {
    return { ...buildExport({ format, ...input }), seq: input.head.seq };
  } catch (error) {
    if (error instanceof ExportError) throw new StoreError(error.code, { value: error.value, field: error.where });
    throw error;
  }
}
