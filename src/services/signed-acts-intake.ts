import type { Election } from '../model/election.ts';
import type { CodedRefusal, RefusalParams } from '../model/refusal.ts';
import type { Result } from '../model/result.ts';
import type { MessageCode } from '../i18n/messages.ts';
import type { ActSigner } from '../journal/act.ts';
import type { JournalPayload } from '../journal/events.ts';
import { applyEvent, emptyProjection, type ProjectionState } from '../journal/projection.ts';
import { writeChanges } from '../store/projection-writes.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { append, BatchRefused, type PlannedAct } from './journal-append.ts';

// The intake of signed acts that are documents of election day and after (docs/law.md §10.2–10.3): observers'
// accreditations, copies, samples and reports, complaints, their decisions and administrative cases. Each kind says
// which records it reads and how it decides one document; this module batches, journals and writes.

/** What an import of signed acts did with each document. */
export interface ActIntakeSummary {
  taken: number;
  unchanged: number;
  refused: number;
  readonly refusals: { index: number; id?: string; code: MessageCode; params: RefusalParams }[];
}

/**
 * A document decided: refused, the same as the journal holds, or a payload to sign and the records it will make (held
 * for the rest of the batch, written from the appended events).
 */
export type Decided =
  | { readonly kind: 'refused'; readonly refusal: CodedRefusal; readonly id?: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'taken'; readonly payload: JournalPayload; readonly records: ReadonlyMap<string, string> };

export interface ActIntakeOptions {
  readonly store: Store;
  readonly election: Election;
  readonly documents: readonly unknown[];
  readonly signer: ActSigner;
  readonly batchSize?: number;
  readonly onProgress?: (done: number) => void;
}

export interface DecideContext {
  readonly writer: StoreWriter;
  readonly election: Election;
  /** The records of election day the batch touches, updated as each document is taken. */
  readonly held: Map<string, string>;
  readonly signer: ActSigner;
}

export interface ActKind {
  /** The records of election day a batch of documents needs to be decided. */
  keysOf(documents: readonly unknown[]): string[];
  decide(document: unknown, context: DecideContext): Promise<Decided>;
  /** What applying the batch's acts reads besides the records: the protocols and totals an annulment changes. */
  preload?(writer: StoreWriter, payloads: readonly JournalPayload[], state: ProjectionState): Promise<void>;
}

export function refused(refusal: CodedRefusal, id?: string): Decided {
  return id === undefined ? { kind: 'refused', refusal } : { kind: 'refused', refusal, id };
}

export function schemaRefusal(message: string | undefined): Decided {
  return refused({ code: 'DATASET_SCHEMA', params: { detail: message ?? 'not of the schema' } });
}

export function outcome(
  decision: Result<{ kind: string }, CodedRefusal>,
  id: string,
  taken: () => { payload: JournalPayload; records: ReadonlyMap<string, string> },
): Decided {
  if (!decision.ok) return refused(decision.error, id);
  return decision.value.kind === 'unchanged' ? { kind: 'unchanged' } : { kind: 'taken', ...taken() };
}

/**
 * The batches of an import, each decided against the journal as it stands and committed in one transaction (safe to
 * run again: what the journal holds is unchanged).
 */
export async function ingestSignedActs(
  { store, election, documents, signer, batchSize = 5000, onProgress }: ActIntakeOptions,
  kind: ActKind,
): Promise<ActIntakeSummary> {
  // The records of election day have a table of their own since schema version 8.
  await store.migrate();
  const summary: ActIntakeSummary = { taken: 0, unchanged: 0, refused: 0, refusals: [] };
  for (let start = 0; start < documents.length; start += batchSize) {
    const batch = documents.slice(start, start + batchSize);
    // One time for the batch: the time its documents are decided at is the time their acts are signed at, so that
    // `verify`, which decides each act again at its journaled time, decides alike (a term's last day, a deadline).
    const at = signer.at();
    const batchSigner: ActSigner = {
      fingerprint: signer.fingerprint,
      at: () => at,
      sign: (acts, digests) => signer.sign(acts, digests),
    };
    await store.write(async (writer) => {
      await writer.head();
      const held = new Map(await writer.dayRecords(kind.keysOf(batch)));
      const planned: PlannedAct[] = [];
      let taken = 0;
      for (const [offset, document] of batch.entries()) {
        const decided = await kind.decide(document, { writer, election, held, signer: batchSigner });
        if (decided.kind === 'unchanged') summary.unchanged += 1;
        else if (decided.kind === 'refused') {
          summary.refused += 1;
          summary.refusals.push({
            index: start + offset,
            ...(decided.id === undefined ? {} : { id: decided.id }),
            code: decided.refusal.code,
            params: decided.refusal.params,
          });
        } else {
          // Held at once, so that a second document of the batch is decided against the first.
          for (const [key, value] of decided.records) held.set(key, value);
          planned.push({ payload: decided.payload, signer: batchSigner });
          taken += 1;
        }
      }
      if (planned.length === 0) return;
      const appended = await append(writer, election.event.id, planned);
      if (!appended.ok) throw new BatchRefused(appended.error.code, appended.error.params);
      // The rows as the projection makes them from the events appended, so that a live write and a replay agree.
      const state = emptyProjection();
      await kind.preload?.(
        writer,
        planned.map(({ payload }) => payload),
        state,
      );
      for (const event of appended.value) applyEvent(state, event, election);
      await writeChanges(writer, state);
      summary.taken += taken;
    });
    onProgress?.(Math.min(documents.length, start + batchSize));
  }
  return summary;
}
