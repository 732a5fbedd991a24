// Signs digests for the journal on a second core. Plain JavaScript so that it runs in a worker
// thread without the TypeScript loader; it imports node built-ins only.
import { Buffer } from 'node:buffer';
import { sign } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, key, digests }) => {
  const signatures = digests.map((digest) => sign(null, Buffer.from(digest, 'hex'), key).toString('base64url'));
  parentPort.postMessage({ id, signatures });
});
