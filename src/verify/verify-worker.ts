import { parentPort, workerData } from 'node:worker_threads';
import { type VerifyOptions, verifyBundle } from './verify-bundle.ts';

// `saylau verify`'s thread (src/verify/verify-in-worker.ts): started through verify-worker-entry.mjs from the sources,
// as dist/verify-worker-entry.mjs in the built package. It answers the checks, or why it could not make them: the
// message, not a stack trace, which reaches the reader.
if (parentPort === null) throw new Error('verify-worker.ts runs as a worker thread');
const { directory, options } = workerData as { directory: string; options: VerifyOptions };
try {
  parentPort.postMessage({ ok: true, checks: await verifyBundle(directory, options) });
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
