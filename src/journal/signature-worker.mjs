// Verifies Ed25519 signatures on another core, for `saylau verify` and the store's integrity check on
// open. Plain JavaScript so that it runs in a worker thread without the TypeScript loader; it imports node:crypto and
// nothing else.
import { Buffer } from 'node:buffer';
import { createPublicKey, verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();

function firstBad(items) {
  for (const { seq, hash, signature, publicKey } of items) {
    try {
      let key = keys.get(publicKey);
      if (key === undefined) {
        key = createPublicKey({
          key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKey, 'base64url')]),
          format: 'der',
          type: 'spki',
        });
        keys.set(publicKey, key);
      }
      if (!verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(signature, 'base64url'))) return seq;
    } catch {
      // A malformed key or signature verifies nothing.
      return seq;
    }
  }
  return null;
}

// One batch a message, answered with the seq of its first bad signature (or null).
parentPort.on('message', ({ id, items }) => parentPort.postMessage({ id, firstBad: firstBad(items) }));
