// The demo's memory (docs/scale.md): what `npm start` runs after its build — `saylau demo`, generation, registration,
// the server and every protocol replayed through its API in one process — with `--all-at-once`, so that the run takes
// a minute rather than the three of the staged night. Its peak resident memory (VmHWM, read every 50 ms) against the
// target, and its memory once every protocol is in and the process has stood idle. bench/run.ts reads the JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, procStatusMiB, SAYLAU, SETTLE_SECONDS } from './scale.ts';

const TARGET_MIB = 512;
const TIMEOUT_MS = 15 * 60_000;

const directory = mkdtempSync(join(tmpdir(), 'saylau-bench-demo-'));
try {
  const port = await freePort();
  const start = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [SAYLAU, 'demo', '--all-at-once', '--dir', directory, '--port', String(port), '--lang', 'en'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let peak = 0;
  const pid = child.pid ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, procStatusMiB(pid, 'VmHWM'))), 50);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    // The demo says so once the last protocol is in, and serves on until stopped.
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`the demo did not finish in time: ${stderr}`)), TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/Every protocol is in/.test(stdout)) {
          clearTimeout(deadline);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`the demo exited ${code}: ${stderr}`)));
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const memoryAtEndMiB = procStatusMiB(pid, 'VmRSS');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
    const memorySettledMiB = procStatusMiB(pid, 'VmRSS');
    peak = Math.max(peak, procStatusMiB(pid, 'VmHWM'));
    process.stdout.write(
      `${JSON.stringify({
        seconds: Number(seconds.toFixed(1)),
        peakMiB: Math.round(peak),
        memoryAtEndMiB: Math.round(memoryAtEndMiB),
        memorySettledMiB: Math.round(memorySettledMiB),
        targetPeakMiB: TARGET_MIB,
      })}\n`,
    );
  } finally {
    clearInterval(timer);
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.on('exit', resolve));
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
