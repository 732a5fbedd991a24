import { eventLine, type SealedEvent } from '../journal/event.ts';
import type { Store } from '../store/store.ts';
import { formatTlogProof, hashesEqual, leafHash } from '../tlog/index.ts';
import type { TransparencyLog } from './transparency-log.ts';

const utf8 = new TextEncoder();

/**
 * The receipts of events an act appended (docs/receipts.md): for each, a C2SP tlog-proof whose extra data is
 * the event's journal line, with its index (seq − 1), its inclusion proof and the checkpoint the log signed in
 * the transaction that appended it — as stored, signature and all. An act's events are in one or a few
 * transactions; each event's checkpoint is the first one signed at or after it.
 */
export async function issueReceipts(
  store: Store,
  log: TransparencyLog,
  events: readonly SealedEvent[],
): Promise<string[]> {
  const seqs = [...new Set(events.map((event) => event.seq))].sort((a, b) => a - b);
  // Each size read once, absent ones too: the events of one transaction share the checkpoint of its last.
  const checkpoints = new Map<number, string | null>();
  const checkpointCovering = async (seq: number): Promise<{ size: number; note: string }> => {
    // A transaction's checkpoint is of its last event: one of this act's own seqs, unless another process's
    // append came first (then the latest, which covers it too).
    for (const size of seqs.filter((candidate) => candidate >= seq)) {
      let note = checkpoints.get(size);
      if (note === undefined) {
        note = (await store.checkpointAt(size))?.note ?? null;
        checkpoints.set(size, note);
      }
      if (note !== null) return { size, note };
    }
    const latest = await store.latestCheckpoint();
    if (latest === null || latest.size < seq) throw new Error(`no signed checkpoint covers journal event ${seq}`);
    return { size: latest.size, note: latest.note };
  };
  const receipts: string[] = [];
  for (const event of events) {
    const line = utf8.encode(eventLine(event));
    const { size, note } = await checkpointCovering(event.seq);
    const proof = await log.inclusion(store, event.seq - 1, size);
    if (!proof.ok) throw new Error(`no inclusion proof of journal event ${event.seq}: ${proof.error.code}`);
    // The log's leaf must be this very line: a receipt of bytes the log does not hold would fail every check.
    if (!hashesEqual(proof.value.leafHash, leafHash(line)))
      throw new Error(`the log's leaf ${event.seq - 1} is not the journal line of event ${event.seq}`);
    receipts.push(formatTlogProof({ extra: line, index: event.seq - 1, proof: proof.value.proof, checkpoint: note }));
  }
  return receipts;
}
