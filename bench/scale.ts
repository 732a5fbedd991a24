import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';

export const SAYLAU = new URL('../bin/saylau', import.meta.url).pathname;

export interface StepFigure {
  readonly seconds: number;
  /** The process's peak resident memory, as the kernel counts it (VmHWM), read every 50 ms. */
  readonly peakMiB: number;
}

/** A `/proc/<pid>/status` field in MiB, or 0 once the process is gone. */
export function procStatusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

function watchPeak(child: ChildProcess): { readonly peak: () => number; readonly stop: () => void } {
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid !== undefined) peak = Math.max(peak, procStatusMiB(child.pid, 'VmHWM'));
  }, 50);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

/** One `saylau` command to its end: its wall time and peak memory; a failure is thrown to the caller. */
export async function runSaylau(args: readonly string[]): Promise<StepFigure> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [SAYLAU, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const watch = watchPeak(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  watch.stop();
  if (code !== 0) throw new Error(`saylau ${args.join(' ')} exited ${code}: ${stderr}`);
  return {
    seconds: Number((Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)),
    peakMiB: Math.round(watch.peak()),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ServedFigures {
  /** From spawn to the first answer of `/api/results/latest`: the open with its integrity check and projections. */
  readonly startSeconds: number;
  /** Resident memory at the first answer: with the garbage of the start, which V8 has not yet returned. */
  readonly memoryAfterStartMiB: number;
  /**
   * Resident memory once the server has stood idle for SETTLE_SECONDS after its first answer: V8 returns the start's
   * garbage some seconds after allocation stops (its memory reducer), and what stays is what the server holds.
   */
  readonly memorySettledMiB: number;
  readonly peakMiB: number;
  /** The national results document (`/api/results`), as sent and gzipped. */
  readonly nationalResultsBytes: number;
  readonly nationalResultsGzipBytes: number;
}

/** How long the server stands idle before its settled memory is read: V8's memory reducer acts within about 20 s. */
export const SETTLE_SECONDS = 30;

/** `saylau serve` on a database: its start, its memory, and the national results document's size. */
export async function serveFigures(db: string, onServing?: (address: string) => Promise<void>): Promise<ServedFigures> {
  const port = await freePort();
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [SAYLAU, 'serve', '--db', db, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const watch = watchPeak(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const address = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`saylau serve exited ${child.exitCode}: ${stderr}`);
      const answer = await fetch(`${address}/api/results/latest`).catch(() => null);
      if (answer?.ok === true) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const startSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const memoryAfterStartMiB = procStatusMiB(child.pid ?? 0, 'VmRSS');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
    const memorySettledMiB = procStatusMiB(child.pid ?? 0, 'VmRSS');
    const national = Buffer.from(await (await fetch(`${address}/api/results`)).arrayBuffer());
    await onServing?.(address);
    return {
      startSeconds: Number(startSeconds.toFixed(2)),
      memoryAfterStartMiB: Math.round(memoryAfterStartMiB),
      memorySettledMiB: Math.round(memorySettledMiB),
      peakMiB: Math.round(Math.max(watch.peak(), procStatusMiB(child.pid ?? 0, 'VmHWM'))),
      nationalResultsBytes: national.length,
      nationalResultsGzipBytes: gzipSync(national, { level: 6 }).length,
    };
  } finally {
    watch.stop();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
}
