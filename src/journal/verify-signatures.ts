import { Worker } from 'node:worker_threads';
import { publicKeyObject, verifyDigest } from './keys.ts';
import { assertDefined } from '../law/assert.ts';

export interface SignedItem {
  readonly seq: number;
  /** The 32 bytes signed, hex: an act digest (src/journal/act.ts). */
  readonly hash: string;
  readonly signature: string;
  /** The signer's raw public key, base64url. */
  readonly publicKey: string;
}

/** Below this many signatures a batch is checked on this thread: a worker costs more to start than it saves. */
const INLINE_BELOW = 500;

/**
 * Checks signatures batch by batch on two worker threads while the caller goes on (hashing and
 * replaying the next entries), so that a check of the whole journal uses both cores (docs/tabulation.md, "Integrity on
 * open").
 * `firstBad` waits for every batch given so far and names the lowest bad seq.
 */
export class SignatureChecker {
  private workers: Worker[] = [];
  private turn = 0;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (seq: number | null) => void; reject: (error: Error) => void }
  >();
  private results: Promise<number | null>[] = [];
  private readonly busy = new Map<Worker, number>();

  add(items: readonly SignedItem[]): void {
    if (items.length === 0) return;
    if (items.length < INLINE_BELOW) {
      this.results.push(Promise.resolve(firstBadInline(items)));
      return;
    }
    const worker = this.worker();
    const id = this.nextId++;
    this.results.push(new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })));
    // Kept alive while it has work, so that the caller's wait for it is not the end of the process.
    worker.ref();
    this.busy.set(worker, (this.busy.get(worker) ?? 0) + 1);
    worker.postMessage({ id, items });
  }

  async firstBad(): Promise<number | null> {
    const results = this.results;
    this.results = [];
    const bad = (await Promise.all(results)).filter((seq): seq is number => seq !== null);
    return bad.length === 0 ? null : Math.min(...bad);
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private worker(): Worker {
    if (this.workers.length < 2) {
      const worker = new Worker(new URL('./signature-worker.mjs', import.meta.url));
      worker.on('message', ({ id, firstBad }: { id: number; firstBad: number | null }) => {
        this.pending.get(id)?.resolve(firstBad);
        this.pending.delete(id);
        const left = (this.busy.get(worker) ?? 1) - 1;
        this.busy.set(worker, left);
        if (left === 0) worker.unref();
      });
      worker.on('error', (error: Error) => {
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      });
      // Idle, never what keeps a finished command alive.
      worker.unref();
      this.workers.push(worker);
    }
    this.turn = (this.turn + 1) % this.workers.length;
    return assertDefined(this.workers[this.turn]);
  }
}

/**
 * The seq of the first signature that does not verify, or null: split between two worker threads when there are many.
 */
export async function firstBadSignature(items: readonly SignedItem[]): Promise<number | null> {
  const checker = new SignatureChecker();
  try {
    const half = Math.ceil(items.length / 2);
    checker.add(items.slice(0, half));
    checker.add(items.slice(half));
    return await checker.firstBad();
  } finally {
    await checker.close();
  }
}

function firstBadInline(items: readonly SignedItem[]): number | null {
  const keys = new Map<string, ReturnType<typeof publicKeyObject>>();
  for (const { seq, hash, signature, publicKey } of items) {
    try {
      let key = keys.get(publicKey);
      if (key === undefined) {
        key = publicKeyObject(publicKey);
        keys.set(publicKey, key);
      }
      if (!verifyDigest(hash, signature, key)) return seq;
    } catch {
      // A malformed key or signature verifies nothing.
      return seq;
    }
  }
  return null;
}
