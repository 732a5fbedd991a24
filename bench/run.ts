import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchCliStart } from './cli-start.ts';
import { benchLawAllocation } from './law-allocation.ts';
import { benchNationalDataset } from './national-dataset.ts';

/**
 * `npm run bench`: every benchmark, each figure beside a baseline measured in the same run, written
 * to bench/results/latest.json. Targets are judged on the ratios, not on absolute times.
 */
/**
 * A benchmark in a process of its own, so that no heap left by the others slows it: the JSON it prints. What it says
 * on stderr (progress) passes through.
 */
function part<T>(file: string): T {
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as T;
}

const iterations = Number(process.env.BENCH_ITERATIONS ?? 40000);
const results = {
  date: new Date().toISOString(),
  node: process.version,
  iterations,
  // Child processes only: `saylau --help` (the compiled CLI) against `node -e 0`, the ratio within 3.
  cliStart: benchCliStart(),
  lawAllocation: benchLawAllocation(iterations),
  nationalDataset: benchNationalDataset(),
  // In a process of its own, so that the heap of the benchmarks above does not slow it.
  tabulationSqlite: part<Record<string, number>>('bench/tabulation-main.ts'),
  // The HTTP API against nginx, both under wrk; installs Debian's wrk and nginx when missing.
  server: part<Record<string, unknown>>('bench/server-main.ts'),
  // Exports built by a worker while a client reads the results every 20 ms: the worst wait, peak memory.
  exports: part<Record<string, unknown>>('bench/exports-main.ts'),
  // The site in Debian's Chromium: first load of the national page, protocol-to-page latency.
  site: part<Record<string, unknown>>('bench/site-main.ts'),
  // Ten thousand viewers of one server's live stream, protocols arriving at election-night pace (docs/scale.md).
  liveViewers: part<Record<string, unknown>>('bench/live-viewers-main.ts'),
  // `npm start`'s demo — generation, registration, the server and every protocol through its API, in one process — and
  // its peak memory against 512 MiB (docs/scale.md).
  demo: part<Record<string, number>>('bench/demo-main.ts'),
  // Every deployment command on Kazakhstan's size and on ten times it, in the same run: how each grows (docs/scale.md).
  scale: part<Record<string, unknown>>('bench/scale-main.ts'),
  // The forecast: 40,000 simulated elections of the 98-seat Majilis against a bare loop with the same random numbers.
  forecast: part<Record<string, number>>('bench/forecast-main.ts'),
  // The transparency log: a witness's consistency check of a 100,000-event log (≤ 5 ms), the server's append,
  // checkpoint signature and new tiles per commit, against the bare SHA-256 and Ed25519 calls of the same jobs.
  tlog: part<Record<string, number>>('bench/tlog-main.ts'),
  // Serving the log on the national election: open with the tree, an accepted protocol to its checkpoint and tiles
  // (≤ 50 ms), verify of the national bundle with the log check (≤ 30 s).
  transparencyLog: part<Record<string, number>>('bench/transparency-log-main.ts'),
  // Forensics of ~97,000 stations (the 2016 Duma file when ../shared is there) against unzipping and splitting the same
  // CSV.
  forensics: part<Record<string, number | string>>('bench/forensics-main.ts'),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to bench/results/latest.json\n`);
