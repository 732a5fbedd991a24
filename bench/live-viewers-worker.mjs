// Viewers of the live stream (bench/live-viewers-main.ts): each a connection of its own to /api/live from a loopback
// address of its own group, noting when each event arrives. Reports per event: how many viewers had it, first, last.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setPriority } from 'node:os';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';

// Plain JavaScript: a worker thread does not take tsx's loader. workerData: { port, first, count, perAddress }.
const { port, first, count, perAddress } = workerData;
// The viewers are the load, not what is measured: on a deployment they are on machines of their own, and here they
// share the server's cores. At the lowest priority they read when the server leaves a core (docs/scale.md, "Viewers").
// On Linux a thread's priority is its own; elsewhere it would be the whole benchmark's, timing threads included.
// BENCH_VIEWERS_PRIORITY=0 runs them at the server's priority, as before.
if (process.platform === 'linux') setPriority(Number(process.env.BENCH_VIEWERS_PRIORITY ?? 19));
const now = () => performance.timeOrigin + performance.now();
/** seq → { viewers, first, last } */
const events = new Map();
let connected = 0;
let failed = 0;

const addressOf = (viewer) => {
  const group = Math.floor(viewer / perAddress) + 1;
  return `127.${Math.floor(group / 65536) % 256}.${Math.floor(group / 256) % 256}.${group % 256}`;
};

for (let viewer = first; viewer < first + count; viewer++) {
  const stream = request({ host: '127.0.0.1', port, path: '/api/live', localAddress: addressOf(viewer), agent: false });
  stream.on('response', (response) => {
    if (response.statusCode !== 200) {
      failed += 1;
      response.resume();
      return;
    }
    connected += 1;
    let pending = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => {
      const at = now();
      pending += chunk;
      let end = pending.indexOf('\n\n');
      while (end >= 0) {
        const message = pending.slice(0, end);
        pending = pending.slice(end + 2);
        end = pending.indexOf('\n\n');
        const id = /^id: (\d+)$/m.exec(message);
        if (id === null) continue;
        const seq = Number(id[1]);
        const seen = events.get(seq);
        if (seen === undefined) events.set(seq, { viewers: 1, first: at, last: at });
        else {
          seen.viewers += 1;
          seen.last = Math.max(seen.last, at);
          seen.first = Math.min(seen.first, at);
        }
      }
    });
  });
  stream.on('error', () => (failed += 1));
  stream.end();
}

parentPort?.on('message', (message) => {
  if (message === 'report')
    parentPort?.postMessage({ connected, failed, events: [...events].map(([seq, seen]) => ({ seq, ...seen })) });
  if (message === 'stop') process.exit(0);
});
