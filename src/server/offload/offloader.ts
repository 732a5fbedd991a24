import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MessageCode } from '../../i18n/messages.ts';
import type { Store } from '../../store/store.ts';
import { ApiError, type Params } from '../api-error.ts';
import { type JobResults, type OffloadJob, runJob } from './offload-jobs.ts';

/** How a job failed, as it crosses from the worker thread. */
export type WorkerError =
  { readonly code: MessageCode; readonly params: Params; readonly field: string | null } | { readonly message: string };

/**
 * A worker's heap beyond this ends the job (ERR_WORKER_OUT_OF_MEMORY, logged) rather than the
 * server: the largest job, the precinct NIST export of the national election, fails at 200 MB and
 * completes at 320 MB. A job holds the election it reads, so the limit grows with it: another 512 MB
 * for every 12,000 stations begun (a country ten times Kazakhstan's size, docs/scale.md: 4.5 GB), within half the
 * machine's memory.
 */
export function workerHeapMb(stations: number, machineMb = totalmem() / (1024 * 1024)): number {
  // Never more than half the machine: a runaway job must end in its own error, not take the server down with it.
  return Math.max(512, Math.min(512 * Math.ceil(stations / 12_000), Math.floor(machineMb / 2)));
}

/**
 * Runs the server's long jobs (offload-jobs.ts) off the main thread, one at a time: each in a
 * fresh worker thread with its own store connection, so that its memory is returned when it ends
 * and the event loop keeps answering meanwhile (docs/server.md, "Work off the main thread").
 * Owns a directory for the files the jobs write, removed on close.
 */
export class Offloader {
  /** Where jobs write their files: inside the system's temporary directory (TMPDIR). */
  readonly directory = mkdtempSync(join(tmpdir(), 'saylau-serve-'));
  private queue: Promise<unknown> = Promise.resolve();
  private readonly workers = new Set<Worker>();
  private closed = false;

  constructor(
    private readonly store: Store,
    /** Where failures nobody waits for go (a refresh while the last result is served): the server's log. */
    readonly report: (error: unknown) => void = () => undefined,
    /** Every job on the main thread (buildServer's `jobsOnMainThread`). */
    private readonly onMainThread = false,
    /** The heap limit of each worker (workerHeapMb). */
    private readonly heapMb = workerHeapMb(0),
  ) {}

  run<J extends OffloadJob>(job: J): Promise<JobResults[J['kind']]> {
    const next = this.queue.then(() => this.start(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
    rmSync(this.directory, { recursive: true, force: true });
  }

  private start<J extends OffloadJob>(job: J): Promise<JobResults[J['kind']]> {
    if (this.closed) return Promise.reject(new ApiError('INTERNAL_ERROR', { detail: 'the server is stopping' }));
    // An in-memory database is reachable through this connection only: the job runs here (embedding, not serving).
    if (this.store.location === null || this.onMainThread) return runJob(job, () => this.store);
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: { job, db: this.store.location },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    this.workers.add(worker);
    return new Promise<JobResults[J['kind']]>((resolve, reject) => {
      let settled = false;
      worker.on(
        'message',
        (message: { ok: true; result: JobResults[J['kind']] } | { ok: false; error: WorkerError }) => {
          settled = true;
          if (message.ok) resolve(message.result);
          else if ('code' in message.error)
            reject(new ApiError(message.error.code, message.error.params, message.error.field));
          else reject(new Error(`${job.kind} failed in its worker: ${message.error.message}`));
        },
      );
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        this.workers.delete(worker);
        if (!settled) reject(new Error(`${job.kind}: its worker stopped (exit code ${code})`));
      });
    });
  }
}
