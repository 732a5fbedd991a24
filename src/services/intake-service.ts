import type { JournalPayload } from '../journal/events.ts';
import type { SigningKey } from '../journal/keys.ts';
import { applyEvent, emptyProjection, protocolKeyOf, type ProjectionState } from '../journal/projection.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { Election } from '../model/election.ts';
import { decideIntake, type ElectionIndex, indexElection } from '../tally/intake.ts';
import { IMPORTER, type Keyring } from '../store/keyring.ts';
import { writeChanges } from '../store/projection-writes.ts';
import { StoreError } from '../store/store-error.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { append, type Clock, systemClock } from './journal-append.ts';

export interface IngestSummary {
  accepted: number;
  warned: number;
  unchanged: number;
  refused: number;
  readonly refusedByCode: Map<string, number>;
  /** What became of each document, by its index. */
  readonly outcomes: ('accepted' | 'warned' | 'unchanged' | 'refused')[];
  readonly refusals: {
    readonly index: number;
    readonly code: MessageCode;
    readonly params: Readonly<Record<string, string | number>>;
    readonly stationId?: string;
    readonly contestId?: string;
  }[];
}

/**
 * `saylau ingest`: protocols from a dataset or another system, each checked and journaled as a
 * single accepted entry by the importing user. Batches commit one by one, so after an interruption
 * the committed ones are there and a new run finds them unchanged: safe to run again.
 */
export async function ingestProtocols({
  store,
  election,
  index = indexElection(election),
  documents,
  keyring,
  importer: importerKey,
  clock = systemClock,
  batchSize = 5000,
  onProgress,
}: {
  store: Store;
  election: Election;
  /** The election's index, when the caller keeps one (a server ingesting request after request). */
  index?: ElectionIndex;
  documents: readonly unknown[];
  keyring: Keyring;
  /** Who imports: an administrator's key through the server; the database's importer key from the CLI. */
  importer?: SigningKey;
  clock?: Clock;
  batchSize?: number;
  onProgress?: (done: number) => void;
}): Promise<IngestSummary> {
  const importer = importerKey ?? keyring.users.get(IMPORTER);
  if (importer === undefined) throw new StoreError('KEYS_UNREADABLE', { path: 'importer key' }, 'keys');
  const summary: IngestSummary = {
    accepted: 0,
    warned: 0,
    unchanged: 0,
    refused: 0,
    refusedByCode: new Map(),
    outcomes: [],
    refusals: [],
  };
  for (let start = 0; start < documents.length; start += batchSize) {
    const batch = documents.slice(start, start + batchSize);
    await store.write(async (writer) => {
      // Lock the chain head first: a concurrent writer's protocols are then visible to this batch's decisions.
      await writer.head();
      const state = await loadBatchState(writer, batch);
      const payloads: { payload: JournalPayload; key: SigningKey }[] = [];
      // A second copy of a protocol within one batch compares with the first, not with the database.
      const pending = new Map<string, { version: number; content: string }>();
      batch.forEach((document, offset) => {
        const raw = document as { stationId?: unknown; contestId?: unknown } | null;
        const key =
          typeof raw?.stationId === 'string' && typeof raw.contestId === 'string'
            ? protocolKeyOf(raw.stationId, raw.contestId)
            : '';
        const current = pending.get(key) ?? state.protocols.get(key);
        const decision = decideIntake(document, index, current);
        switch (decision.kind) {
          case 'unchanged':
            summary.unchanged += 1;
            summary.outcomes[start + offset] = 'unchanged';
            return;
          case 'refuse':
            summary.refused += 1;
            summary.outcomes[start + offset] = 'refused';
            summary.refusedByCode.set(decision.code, (summary.refusedByCode.get(decision.code) ?? 0) + 1);
            summary.refusals.push({
              index: start + offset,
              code: decision.code,
              params: decision.params,
              ...(decision.stationId === undefined ? {} : { stationId: decision.stationId }),
              ...(decision.contestId === undefined ? {} : { contestId: decision.contestId }),
            });
            return;
          case 'accept':
            if (decision.acknowledged.length > 0) summary.warned += 1;
            else summary.accepted += 1;
            summary.outcomes[start + offset] = decision.acknowledged.length > 0 ? 'warned' : 'accepted';
            pending.set(key, { version: decision.protocol.version, content: canonicalJson(decision.protocol) });
            payloads.push({
              payload: {
                type: 'protocol-accepted',
                protocol: decision.protocol,
                acknowledged: decision.acknowledged,
                via: 'import',
                reason: decision.reason,
              },
              key: importer,
            });
            return;
        }
      });
      const events = await append(writer, payloads, clock());
      for (const event of events) applyEvent(state, event, election);
      await writeChanges(writer, state);
    });
    onProgress?.(Math.min(documents.length, start + batchSize));
  }
  return summary;
}

async function loadBatchState(writer: StoreWriter, batch: readonly unknown[]): Promise<ProjectionState> {
  const keys: [string, string][] = [];
  const contests = new Set<string>();
  for (const document of batch) {
    const raw = document as { stationId?: unknown; contestId?: unknown } | null;
    if (typeof raw?.stationId === 'string' && typeof raw.contestId === 'string') {
      keys.push([raw.stationId, raw.contestId]);
      contests.add(raw.contestId);
    }
  }
  const state = emptyProjection();
  for (const [key, row] of await writer.protocols(keys)) state.protocols.set(key, row);
  for (const [id, totals] of await writer.contestTotals([...contests])) state.totals.set(id, totals);
  for (const [key, pending] of await writer.entries(keys)) state.entries.set(key, pending);
  return state;
}
