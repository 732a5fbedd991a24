// The live-viewers benchmark (docs/scale.md, "Viewers"), in a process of its own; bench/run.ts reads the JSON it
// prints. One `saylau serve` process on the national election; viewers hold its live stream (/api/live) open from
// many loopback addresses (within the per-address limit), read in worker threads at the lowest priority (the load, not
// what is measured: bench/live-viewers-worker.mjs); protocols arrive through the API at election-night pace. For each
// update: the time from the import's committing request to the last viewer having it (the commit is within it), and
// the spread from the first viewer to the last; the server's memory; and the p95 of `GET /api/results/latest` read
// every 20 ms, with the viewers and, as the baseline, without them, in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Protocol } from '../src/model/protocol.ts';
import { freePort, procStatusMiB } from './scale.ts';
import { adminToken, benchRoot, importProtocols, servedElection } from './served-election.ts';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 10_000);
/** Below the server's 20 streams per address. */
const PER_ADDRESS = 16;
const WORKERS = 2;
const UPDATES = 30;
const PER_UPDATE = 20;
/** Election night at its busiest: an update every half second (the results refresh at most five times a second). */
const PACE_MS = 500;

interface EventSeen {
  readonly seq: number;
  readonly viewers: number;
  readonly first: number;
  readonly last: number;
}
interface Report {
  readonly connected: number;
  readonly failed: number;
  readonly events: readonly EventSeen[];
}

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN).toFixed(1));
};

const directory = mkdtempSync(join(tmpdir(), 'saylau-bench-live-'));
try {
  const { store, keysPath, admin, late } = await servedElection(directory, 2 * UPDATES * PER_UPDATE);
  await store.close();
  const port = await freePort();
  const address = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [
      benchRoot('bin/saylau'),
      'serve',
      '--db',
      join(directory, 'election.db'),
      '--keys',
      keysPath,
      '--port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    while ((await fetch(`${address}/api/results/latest`).catch(() => null))?.ok !== true) await sleep(100);
    const token = await adminToken(address);
    const pid = server.pid ?? 0;
    const memoryAfterStartMiB = Math.round(procStatusMiB(pid, 'VmRSS'));
    // The start's own peak (its integrity check included), apart from the viewers'.
    const peakAfterStartMiB = Math.round(procStatusMiB(pid, 'VmHWM'));

    /** Reads `/api/results/latest` every 20 ms until stopped: each answer's time, and the reads that failed. */
    const pollLatest = () => {
      const times: number[] = [];
      let failures = 0;
      let running = true;
      const done = (async () => {
        while (running) {
          const start = now();
          try {
            const answer = await fetch(`${address}/api/results/latest`);
            await answer.arrayBuffer();
            if (answer.ok) times.push(now() - start);
            else failures += 1;
          } catch {
            failures += 1;
          }
          await sleep(20);
        }
      })();
      return {
        stop: async () => {
          running = false;
          await done;
          return { times, failures };
        },
      };
    };
    const batches = (protocols: readonly Protocol[]) =>
      Array.from({ length: UPDATES }, (_, index) => protocols.slice(index * PER_UPDATE, (index + 1) * PER_UPDATE));

    // The baseline: the same updates and reads with no viewer.
    const alone = pollLatest();
    for (const batch of batches(late.slice(0, UPDATES * PER_UPDATE))) {
      await importProtocols(address, token, admin, batch);
      await sleep(PACE_MS);
    }
    const latestAlone = await alone.stop();

    const workers = Array.from(
      { length: WORKERS },
      (_, index) =>
        new Worker(new URL('./live-viewers-worker.mjs', import.meta.url), {
          workerData: {
            port,
            first: Math.floor((index * VIEWERS) / WORKERS),
            count: Math.floor(((index + 1) * VIEWERS) / WORKERS) - Math.floor((index * VIEWERS) / WORKERS),
            perAddress: PER_ADDRESS,
          },
        }),
    );
    const report = async (): Promise<Report> => {
      const reports = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<Report>((resolve) => {
              worker.once('message', resolve);
              worker.postMessage('report');
            }),
        ),
      );
      const events = new Map<number, EventSeen>();
      for (const { events: seen } of reports)
        for (const event of seen) {
          const known = events.get(event.seq);
          events.set(
            event.seq,
            known === undefined
              ? event
              : {
                  seq: event.seq,
                  viewers: known.viewers + event.viewers,
                  first: Math.min(known.first, event.first),
                  last: Math.max(known.last, event.last),
                },
          );
        }
      return {
        connected: reports.reduce((sum, r) => sum + r.connected, 0),
        failed: reports.reduce((sum, r) => sum + r.failed, 0),
        events: [...events.values()].sort((a, b) => a.seq - b.seq),
      };
    };
    const connectStart = now();
    let state = await report();
    while (state.connected + state.failed < VIEWERS && now() - connectStart < 120_000) {
      await sleep(250);
      state = await report();
    }
    const connectSeconds = (now() - connectStart) / 1000;
    const memoryWithViewersMiB = Math.round(procStatusMiB(pid, 'VmRSS'));
    const peakAfterConnectingMiB = Math.round(procStatusMiB(pid, 'VmHWM'));

    const toLastViewer: number[] = [];
    const spreads: number[] = [];
    const missed: number[] = [];
    const watched = pollLatest();
    for (const batch of batches(late.slice(UPDATES * PER_UPDATE))) {
      const seqBefore = state.events.at(-1)?.seq ?? 0;
      const sent = now();
      const { committingRequestAt: start } = await importProtocols(address, token, admin, batch);
      let event: EventSeen | undefined;
      const deadline = start + 5000;
      for (;;) {
        state = await report();
        event = state.events.find((seen) => seen.seq > seqBefore);
        if ((event !== undefined && event.viewers >= state.connected) || now() > deadline) break;
        await sleep(10);
      }
      if (event !== undefined) {
        toLastViewer.push(event.last - start);
        spreads.push(event.last - event.first);
        missed.push(state.connected - event.viewers);
      } else missed.push(state.connected);
      await sleep(Math.max(0, PACE_MS - (now() - sent)));
    }
    const latestWatched = await watched.stop();
    const peakMiB = Math.round(procStatusMiB(pid, 'VmHWM'));
    for (const worker of workers) worker.postMessage('stop');

    process.stdout.write(
      `${JSON.stringify({
        viewers: VIEWERS,
        connected: state.connected,
        refused: state.failed,
        connectSeconds: Number(connectSeconds.toFixed(1)),
        updates: toLastViewer.length,
        protocolsPerUpdate: PER_UPDATE,
        viewersMissingAnUpdate: Math.max(0, ...missed),
        // From the request that commits (the second, signed one: the check, the append and the commit are within it).
        commitRequestToLastViewerMs: { p50: percentile(toLastViewer, 0.5), p95: percentile(toLastViewer, 0.95) },
        firstToLastViewerMs: { p50: percentile(spreads, 0.5), p95: percentile(spreads, 0.95) },
        targetP95Ms: 250,
        server: {
          memoryAfterStartMiB,
          peakAfterStartMiB,
          memoryWithViewersMiB,
          peakAfterConnectingMiB,
          peakMiB,
          targetMiB: 512,
        },
        latestP95Ms: {
          withViewers: percentile(latestWatched.times, 0.95),
          alone: percentile(latestAlone.times, 0.95),
          reads: latestWatched.times.length,
          failedWithViewers: latestWatched.failures,
          failedAlone: latestAlone.failures,
        },
      })}\n`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
