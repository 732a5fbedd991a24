import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { signDigest, type SigningKey } from './keys.ts';

/** Below this many digests a second thread costs more than it saves. */
const PARALLEL_FROM = 256;
let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (signatures: string[]) => void>();
const failures = new Map<number, (error: Error) => void>();
let active = 0;

function signingWorker(): Worker {
  if (worker === null) {
    worker = new Worker(new URL('./sign-worker.mjs', import.meta.url));
    worker.on('message', ({ id, signatures }: { id: number; signatures: string[] }) => {
      waiting.get(id)?.(signatures);
      waiting.delete(id);
      failures.delete(id);
    });
    worker.on('error', (error: Error) => {
      // A failed worker fails every waiting batch rather than hanging it; the next batch starts a new one.
      for (const resolve of failures.values()) resolve(error);
      waiting.clear();
      failures.clear();
      worker = null;
    });
    // The worker must never keep a finished command alive.
    worker.unref();
  }
  return worker;
}

/**
 * Ed25519 signatures of many digests, half on this thread and half on a worker: the hash chain is
 * sequential, but signatures do not feed it, so they can be made side by side, on both cores. The
 * result is the same as signing one by one: Ed25519 is deterministic.
 */
export async function signDigests(digests: readonly string[], key: SigningKey): Promise<string[]> {
  if (digests.length < PARALLEL_FROM) return digests.map((digest) => signDigest(digest, key));
  const half = Math.floor(digests.length / 2);
  const id = nextId++;
  const theirs = new Promise<string[]>((resolve, reject) => {
    waiting.set(id, resolve);
    failures.set(id, reject);
  });
  const target = signingWorker();
  // Counted, so that one of two concurrent batches finishing does not let the process exit under the other.
  if (active++ === 0) target.ref();
  try {
    target.postMessage({ id, key: key.privateKey satisfies KeyObject, digests: digests.slice(0, half) });
    const ours = digests.slice(half).map((digest) => signDigest(digest, key));
    return [...(await theirs), ...ours];
  } finally {
    if (--active === 0) target.unref();
  }
}
