import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Exports off the main thread (docs/server.md, "Work off the main thread"), in a process of its
 * own; bench/run.ts reads the JSON it prints. The national database served by `saylau serve`,
 * each big export downloaded once (built by a worker) while a client reads
 * `GET /api/results/latest` every 20 ms over HTTP: the worst wait of that client against its
 * worst wait with no download in the same run, and the server's peak memory.
 */
const saylau = new URL('../bin/saylau', import.meta.url).pathname;
// The database made by the CLI in processes of their own, so that this one (the client) stays small
// and its own garbage collection does not count as the server's wait.
const work = mkdtempSync(join(tmpdir(), 'saylau-bench-exports-'));
const db = join(work, 'election.db');
for (const command of [
  ['generate', '--seed', '2023', '--out', join(work, 'dataset')],
  ['init', join(work, 'dataset'), '--db', db],
  ['ingest', join(work, 'dataset'), '--db', db],
]) {
  execFileSync(process.execPath, [saylau, ...command], { stdio: 'ignore' });
}
const port = 19000 + (process.pid % 1000);
const server = spawn(process.execPath, [saylau, 'serve', '--db', db, '--port', String(port), '--lang', 'en'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('Serving')) resolve(undefined);
  });
  server.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}`)));
});
const address = `http://127.0.0.1:${port}`;
/** Peak resident memory of the server (its worker threads included), from /proc, in MiB. */
const peakMiB = () =>
  Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/** The worst extra wait of a client reading every 20 ms while `during` runs. */
async function worstWait(during: Promise<unknown>): Promise<number> {
  let done = false;
  void during.finally(() => (done = true));
  let worst = 0;
  while (!done) {
    const round = performance.now();
    await (await fetch(`${address}/api/results/latest`)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
    worst = Math.max(worst, performance.now() - round - 20);
  }
  return Math.round(worst);
}

const download = async (path: string) => {
  const started = performance.now();
  const response = await fetch(`${address}${path}`, { headers: { 'accept-encoding': 'gzip' } });
  // fetch takes the gzipped file and unpacks it: these are the bytes of the file itself.
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), bytes };
};

const idleWorstMilliseconds = await worstWait(new Promise((resolve) => setTimeout(resolve, 3000)));
const figures: Record<string, unknown> = { idleWorstMilliseconds, afterStartPeakMiB: peakMiB() };
for (const path of ['/api/exports/bundle.tar', '/api/exports/nist-err-precinct.json']) {
  const build = download(path);
  const worst = await worstWait(build);
  figures[path] = { ...(await build), worstResultsWaitMilliseconds: worst, worstTargetMilliseconds: 1000 };
}
figures.peakMiB = peakMiB();
figures.peakTargetMiB = 1024;
server.kill();
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(figures)}\n`);
