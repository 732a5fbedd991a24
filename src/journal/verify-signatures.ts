import { Worker } from 'node:worker_threads';
import { publicKeyObject, verifyDigest } from './keys.ts';

export interface SignedItem {
  readonly seq: number;
  readonly hash: string;
  readonly signature: string;
  /** The signer's raw public key, base64url. */
  readonly publicKey: string;
}

/** Below this many signatures two threads cost more to start than they save. */
const PARALLEL_FROM = 2000;

/**
 * The seq of the first signature that does not verify, or null. Many are split between two worker
 * threads (SPEC §4: a full check uses both cores); a few are checked on this thread.
 */
export async function firstBadSignature(items: readonly SignedItem[]): Promise<number | null> {
  if (items.length < PARALLEL_FROM) return firstBadInline(items);
  const half = Math.ceil(items.length / 2);
  const parts = [items.slice(0, half), items.slice(half)];
  const results = await Promise.all(
    parts.map(
      (part) =>
        new Promise<number | null>((resolve, reject) => {
          const worker = new Worker(new URL('./signature-worker.mjs', import.meta.url), { workerData: { items: part } });
          worker.once('message', (message: { firstBad: number | null }) => resolve(message.firstBad));
          worker.once('error', reject);
        }),
    ),
  );
  const bad = results.filter((seq): seq is number => seq !== null);
  return bad.length === 0 ? null : Math.min(...bad);
}

function firstBadInline(items: readonly SignedItem[]): number | null {
  const keys = new Map<string, ReturnType<typeof publicKeyObject>>();
  for (const { seq, hash, signature, publicKey } of items) {
    let key = keys.get(publicKey);
    try {
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
