import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { actDigestOfText, type ActScope, type ActSigner, keyForSigningThread } from '../journal/act.ts';
import { signDigestWith } from '../journal/keys.ts';
import type { JournalPayload } from '../journal/events.ts';
import { canonicalJson, parseCanonicalJson } from '../model/canonical-json.ts';
import type { Protocol } from '../model/protocol.ts';
import {
  type CheckedProtocol,
  checkOffered,
  compactOfferIndex,
  type IntakeRefusal,
  type OfferIndex,
} from '../tally/intake.ts';
import type { PlannedAct, PreparedAct } from './journal-append.ts';

// A bulk import spends most of its time on work that needs no database: each protocol's checks, its act's digest and
// signature. That work is done here for the next batch, on a second thread, while the main thread writes the current
// one (docs/tabulation.md, "Two threads"): the checking thread checks each protocol, and digests and signs the act
// that accepting it as a new protocol would journal. The main thread then decides each protocol against the database
// as before; where the decision is exactly the act made ahead (a first version), it appends that act; anything else
// (a correction, a repeat, a refusal) it makes as it always has.

/** What the checking thread answers for one document. */
export type CheckedAhead =
  | IntakeRefusal
  | {
      readonly kind: 'checked';
      /** The protocol as `protocolSchema` parsed it, in canonical JSON. */
      readonly protocolText: string;
      readonly warnings: readonly string[];
      /**
       * The act accepting it as version 1 would journal, its digest and signature: its payload's text is
       * `firstVersionText` of `protocolText`, made again where it is journaled rather than sent twice.
       */
      readonly firstVersion: Pick<PreparedAct, 'digest' | 'signature'> | null;
    };

/** The author, time and key the acts of a batch are made ahead with; no key, no act: the documents are only checked. */
export interface AheadOf {
  readonly scope: ActScope;
  readonly actor: string;
  readonly at: string;
  readonly key: KeyObject | null;
}

/** The payload that accepts a protocol by import as its first version: the act made ahead. */
export function firstVersionPayload(protocol: Protocol, warnings: readonly string[]): JournalPayload {
  return { type: 'protocol-accepted', protocol, acknowledged: warnings, via: 'import', reason: null };
}

/**
 * The canonical text of `firstVersionPayload`'s body, written around the protocol's: the keys in RFC 8785 order (a test
 * holds it to `canonicalJson`).
 */
export function firstVersionText(protocolText: string, warnings: readonly string[]): string {
  return `{"acknowledged":${JSON.stringify(warnings)},"protocol":${protocolText},"reason":null,"via":"import"}`;
}

/** One document checked, and if it is a first version, its act made: digested and signed (the checking thread). */
export function checkAhead(document: unknown, index: OfferIndex, ahead: AheadOf): CheckedAhead {
  const checked = checkOffered(document, index);
  // Nothing of the checking thread's outlives its chunk: its texts are not remembered with their objects.
  return checked.kind === 'refuse' ? checked : actAhead(checked, ahead, false);
}

/** `remember`: whether the protocol's canonical text stays with it, as on the main thread, which journals it. */
function actAhead(checked: CheckedProtocol, ahead: AheadOf, remember: boolean): Exclude<CheckedAhead, IntakeRefusal> {
  const protocolText = canonicalJson(checked.protocol, remember);
  if (checked.protocol.version !== 1 || ahead.key === null)
    return { kind: 'checked', protocolText, warnings: checked.warnings, firstVersion: null };
  // Not parsed again with the event's schema (`checkedEventBody`), as every other act is before it is signed: its
  // protocol is what `protocolSchema` has just parsed, the rest is of one fixed shape, and a test holds that shape and
  // its text to the schema and to `canonicalJson` (test/intake-preparation.test.ts). Parsing the protocol twice was a
  // tenth of this thread's time.
  const payloadText = firstVersionText(protocolText, checked.warnings);
  const type = 'protocol-accepted' satisfies JournalPayload['type'];
  const digest = actDigestOfText(ahead.scope, { type, actor: ahead.actor, at: ahead.at }, payloadText);
  const signature = signDigestWith(digest, ahead.key);
  return {
    kind: 'checked',
    protocolText,
    warnings: checked.warnings,
    firstVersion: { digest, signature },
  };
}

/** A document of a batch prepared ahead: refused, or checked, with its first version's act signed. */
export type PreparedDocument = IntakeRefusal | (CheckedProtocol & { readonly firstVersion: PlannedAct | null });

/** A document checked on this thread, as the first batch of an import and every batch of a small one are. */
export function checkHere(document: unknown, index: OfferIndex): PreparedDocument {
  const checked = checkOffered(document, index);
  return checked.kind === 'refuse' ? checked : { ...checked, firstVersion: null };
}

/**
 * How the two threads share a batch: documents per chunk, what either thread claims at once (250, about ten
 * milliseconds of work), and whether the main thread takes the chunks the checking thread has not started (yes; a
 * test says no to see every chunk done on the checking thread).
 */
export interface Sharing {
  readonly chunk: number;
  readonly mainTakesChunks: boolean;
}

const SHARING: Sharing = { chunk: 250, mainTakesChunks: true };
const FREE = 0;
const CLAIMED_BY_WORKER = 1;
const CLAIMED_HERE = 2;

/** What the checking thread does to a batch's documents: check protocols, or parse turnout reports. */
export type AheadKind = 'protocols' | 'turnout';

/** A batch posted to the checking thread: its chunks, who claimed each, and what has come back. */
export interface BatchAhead<Result = CheckedAhead> {
  readonly id: number;
  readonly ahead: AheadOf;
  readonly chunks: readonly (readonly unknown[])[];
  /** One cell per chunk, shared with the checking thread: FREE until one thread claims it. */
  readonly claims: Int32Array;
  readonly results: (readonly Result[] | undefined)[];
}

/**
 * The checking thread and the batches it prepares, for documents of one kind: what to do with a document here, and
 * with what the checking thread answered for one, is the kind's own (`IntakePreparation` for protocols,
 * turnout-preparation.ts for the day's reports). Started for an import of more than one batch by a signer of this
 * process (a key file): a signature made elsewhere must be the client's own, over what the main thread planned.
 *
 * Each batch is posted in chunks as soon as the batch before it is taken up. The checking thread claims the chunks
 * front to back; when this thread needs the batch, it claims what is still free from the back and does it itself, so
 * that neither thread waits while the other has work: one claim per chunk, made atomically in a shared array.
 */
export abstract class AheadPreparation<Result, Prepared> {
  private readonly worker: Worker;
  private nextId = 0;
  /** The batches posted and not yet collected, each with what wakes its collector when a chunk comes back. */
  private readonly batches = new Map<number, { batch: BatchAhead<Result>; wake: () => void }>();
  private failure: Error | null = null;

  constructor(
    private readonly kind: AheadKind,
    index: OfferIndex | null,
    private readonly scope: ActScope,
    protected readonly signer: ActSigner,
    private readonly sharing: Sharing = SHARING,
  ) {
    this.worker = new Worker(new URL('./intake-worker-entry.mjs', import.meta.url), {
      workerData: { index: index === null ? null : compactOfferIndex(index) },
    });
    this.worker.on('message', (message: ChunkMessage) => {
      const waiting = this.batches.get(message.id);
      // Never for a batch collected: `collect` waits for every chunk the checking thread claimed.
      if (waiting === undefined) return;
      if (message.results !== undefined) waiting.batch.results[message.chunk] = message.results as readonly Result[];
      else this.failure ??= new Error(`the intake worker failed: ${message.error ?? 'no answer'}`);
      waiting.wake();
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const { wake } of this.batches.values()) wake();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the intake worker stopped (exit code ${code})`)));
  }

  /** A document done on this thread, with its act made when `ahead` has a key. */
  protected abstract here(document: unknown, ahead: AheadOf): Prepared;
  /** A document as the checking thread answered for it. */
  protected abstract fromWorker(result: Result, ahead: AheadOf): Prepared;

  /**
   * Posts a batch to the checking thread, which starts on it when it has done the batches posted before. `actsAhead`:
   * whether to make and sign the acts of its new entries too, worth it only when most of them are new (an import
   * run again after an interruption finds its first batches already journaled).
   */
  post(documents: readonly unknown[], { actsAhead }: { actsAhead: boolean }): BatchAhead<Result> {
    const key = keyForSigningThread(this.signer);
    if (key === null) throw new Error('an import prepared ahead by a signer of another process');
    const ahead: AheadOf = {
      scope: this.scope,
      actor: this.signer.fingerprint,
      at: this.signer.at(),
      key: actsAhead ? key : null,
    };
    const chunks: unknown[][] = [];
    const size = this.sharing.chunk;
    for (let start = 0; start < documents.length; start += size) chunks.push(documents.slice(start, start + size));
    const claims = new Int32Array(new SharedArrayBuffer(4 * chunks.length));
    const batch: BatchAhead<Result> = { id: this.nextId++, ahead, chunks, claims, results: [] };
    // As JSON text: documents are JSON values (read from a file or a request), and a string is copied to the other
    // thread at a third of what the structured clone of the same objects costs this one. A batch that is not JSON (a
    // caller's BigInt) is all done here, and refused here as on one thread.
    let texts: string[];
    try {
      texts = chunks.map((chunk) => JSON.stringify(chunk));
    } catch {
      claims.fill(CLAIMED_HERE);
      return batch;
    }
    this.batches.set(batch.id, { batch, wake: () => undefined });
    this.worker.postMessage({ id: batch.id, kind: this.kind, chunks: texts, claims, ahead } satisfies PostedBatch);
    return batch;
  }

  /** The batch prepared: the free chunks done here, the rest awaited. */
  async collect(batch: BatchAhead<Result>): Promise<Prepared[]> {
    const done: (Prepared[] | undefined)[] = [];
    for (let chunk = batch.chunks.length - 1; chunk >= 0; chunk--) {
      // A batch never posted is claimed here whole already; of another, what is still free, unless the main thread is
      // to leave every chunk to the checking thread. That thread claims front to back: once a chunk is its, so are
      // all before it.
      if (this.sharing.mainTakesChunks) Atomics.compareExchange(batch.claims, chunk, FREE, CLAIMED_HERE);
      if (Atomics.load(batch.claims, chunk) !== CLAIMED_HERE) break;
      done[chunk] = (batch.chunks[chunk] as unknown[]).map((document) => this.here(document, batch.ahead));
    }
    for (let chunk = 0; chunk < batch.chunks.length && done[chunk] === undefined; chunk++) {
      while (batch.results[chunk] === undefined) {
        if (this.failure !== null) throw this.failure;
        await new Promise<void>((wake) => this.batches.set(batch.id, { batch, wake }));
      }
      done[chunk] = (batch.results[chunk] as Result[]).map((result) => this.fromWorker(result, batch.ahead));
    }
    this.batches.delete(batch.id);
    return done.flatMap((documents) => documents ?? []);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The protocols of a bulk import, checked and their first versions' acts signed ahead. */
export class IntakePreparation extends AheadPreparation<CheckedAhead, PreparedDocument> {
  constructor(
    private readonly index: OfferIndex,
    scope: ActScope,
    signer: ActSigner,
    sharing?: Sharing,
  ) {
    super('protocols', index, scope, signer, sharing);
  }

  protected here(document: unknown, ahead: AheadOf): PreparedDocument {
    const checked = checkOffered(document, this.index);
    return checked.kind === 'refuse' ? checked : this.prepared(actAhead(checked, ahead, true), checked.protocol, ahead);
  }

  protected fromWorker(result: CheckedAhead, ahead: AheadOf): PreparedDocument {
    // Canonical text from the checking thread: parsed once, and never serialised again on this thread.
    return result.kind === 'refuse'
      ? result
      : this.prepared(result, parseCanonicalJson(result.protocolText) as Protocol, ahead);
  }

  private prepared(result: Exclude<CheckedAhead, IntakeRefusal>, protocol: Protocol, ahead: AheadOf): PreparedDocument {
    if (result.firstVersion === null)
      return { kind: 'checked', protocol, warnings: result.warnings, firstVersion: null };
    // The payload journaled is this protocol's first version, written around the text the protocol was read from;
    // `append` makes its digest again from it and refuses the act unless that is the digest signed (journal-append.ts).
    const firstVersion: PlannedAct = {
      payload: firstVersionPayload(protocol, result.warnings),
      signer: this.signer,
      prepared: {
        at: ahead.at,
        payloadText: firstVersionText(result.protocolText, result.warnings),
        digest: result.firstVersion.digest,
        signature: result.firstVersion.signature,
      },
    };
    return { kind: 'checked', protocol, warnings: result.warnings, firstVersion };
  }
}

/**
 * An import batch by batch, each batch committed before the next: each after the first prepared on the checking
 * thread while the one before it is written, when there is a `preparation`, and all prepared here by `here` when there
 * is none. `write` journals one batch and returns how many of its documents were new (first versions, first reports):
 * acts are made ahead while the last batch was mostly new, as a first import's are, and not for an import run again
 * after an interruption, which finds its first batches journaled. The checking thread is stopped at the end.
 */
export async function importInBatches<Prepared>({
  documents,
  batchSize,
  preparation,
  here,
  write,
  onProgress,
}: {
  documents: readonly unknown[];
  batchSize: number;
  preparation: AheadPreparation<unknown, Prepared> | null;
  here: (document: unknown) => Prepared;
  write: (prepared: readonly Prepared[], start: number) => Promise<number>;
  onProgress?: ((done: number) => void) | undefined;
}): Promise<void> {
  let fresh = batchSize;
  let decided = batchSize;
  try {
    let ahead = preparation?.post(documents.slice(0, batchSize), { actsAhead: true }) ?? null;
    for (let start = 0; start < documents.length; start += batchSize) {
      const batch = documents.slice(start, start + batchSize);
      const following = documents.slice(start + batchSize, start + 2 * batchSize);
      // Posted before this batch is collected, so that the checking thread goes straight on to it.
      const next =
        preparation === null || following.length === 0
          ? null
          : preparation.post(following, { actsAhead: 2 * fresh >= decided });
      const prepared = preparation === null || ahead === null ? null : await preparation.collect(ahead);
      ahead = next;
      if (prepared !== null && prepared.length !== batch.length) throw new Error('a batch prepared short');
      fresh = await write(prepared ?? batch.map(here), start);
      decided = batch.length;
      onProgress?.(Math.min(documents.length, start + batchSize));
    }
  } finally {
    await preparation?.close();
  }
}

/** What the checking thread posts back: one chunk's results, or why it failed. */
export interface ChunkMessage {
  readonly id: number;
  readonly chunk: number;
  readonly results?: readonly unknown[];
  readonly error?: string;
}

/** A batch as the checking thread is given it: each chunk's documents as JSON text. */
export interface PostedBatch {
  readonly id: number;
  readonly kind: AheadKind;
  readonly chunks: readonly string[];
  readonly claims: Int32Array;
  readonly ahead: AheadOf;
}

/** The checking thread's side of a batch: each chunk it can still claim, prepared and posted back at once. */
export function checkClaimedChunks(
  { id, chunks, claims, ahead }: PostedBatch,
  prepare: (document: unknown, ahead: AheadOf) => unknown,
  post: (message: ChunkMessage) => void,
): void {
  for (let chunk = 0; chunk < chunks.length; chunk++) {
    if (Atomics.compareExchange(claims, chunk, FREE, CLAIMED_BY_WORKER) !== FREE) return;
    try {
      const documents = JSON.parse(chunks[chunk] as string) as unknown[];
      post({ id, chunk, results: documents.map((document) => prepare(document, ahead)) });
    } catch (error) {
      post({ id, chunk, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return;
    }
  }
}
