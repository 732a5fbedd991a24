import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { VerifyCheck, VerifyOptions } from './verify-bundle.ts';

const MIB = 1024 * 1024;
/** The most heap verify's thread is given, whatever the machine: twice what a country ten times Kazakhstan needs. */
const MAX_HEAP_MIB = 8192;
/**
 * Its young generation: four times V8's default. verify parses about 100,000 journal lines a second, and with the
 * default most of what one line makes outlived the collection of the young objects and was copied to the old
 * generation, which the full collections then went through again and again: at ten times Kazakhstan's size, 80 s →
 * 73 s; at its size, the same time and 150 MB more at the peak (docs/scale.md, "verify's heap").
 */
const YOUNG_GENERATION_MIB = 192;

/**
 * The heap verify's thread may grow to: three quarters of the memory this process may use — the machine's, or its
 * container's when it has a limit — up to 8 GiB, and never less than node's own limit, which is a quarter of the
 * machine's memory up to 4 GiB. A limit the operator set (`--max-old-space-size`, on node's command line or in
 * NODE_OPTIONS) is kept as it is. verify keeps every event of the journal (2.4 GiB of heap for a country ten times
 * Kazakhstan's size); near node's limit V8 collects ever more often as the heap nears it, and that alone made verify a
 * tenth slower there (docs/scale.md, "verify's heap").
 */
export function verifyHeapMib({
  ownMib = Math.floor(getHeapStatistics().heap_size_limit / MIB),
  memoryBytes = Math.min(totalmem(), process.constrainedMemory?.() || Number.POSITIVE_INFINITY),
  setByOperator = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) =>
    flag.includes('--max-old-space-size'),
  ),
}: { ownMib?: number; memoryBytes?: number; setByOperator?: boolean } = {}): number {
  if (setByOperator) return ownMib;
  return Math.max(ownMib, Math.min(MAX_HEAP_MIB, Math.floor((0.75 * memoryBytes) / MIB)));
}

/** `verifyBundle` on a thread of its own, with the heap of `verifyHeapMib`: the same checks, in the same order. */
export function verifyBundleInWorker(directory: string, options: VerifyOptions = {}): Promise<VerifyCheck[]> {
  const worker = new Worker(new URL('./verify-worker-entry.mjs', import.meta.url), {
    workerData: { directory, options },
    resourceLimits: { maxOldGenerationSizeMb: verifyHeapMib(), maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB },
  });
  return new Promise<VerifyCheck[]>((resolve, reject) => {
    let answered = false;
    worker.once('message', (message: { ok: true; checks: VerifyCheck[] } | { ok: false; error: string }) => {
      answered = true;
      if (message.ok) resolve(message.checks);
      else reject(new Error(`verify failed in its thread: ${message.error}`));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`verify's thread stopped without an answer (exit code ${code})`));
    });
  });
}
