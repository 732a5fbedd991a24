import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchCliStart } from './cli-start.ts';
import { benchLawAllocation } from './law-allocation.ts';
import { benchNationalDataset } from './national-dataset.ts';

/**
 * `npm run bench`: every benchmark, each figure beside a baseline measured in the same run, written
 * to bench/results/latest.json. Targets are judged on the ratios, not on absolute times.
 */
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
  tabulationSqlite: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/tabulation-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as Record<string, number>,
  // The HTTP API against nginx, both under wrk; installs Debian's wrk and nginx when missing.
  server: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/server-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as Record<string, unknown>,
  // Exports built by a worker while a client reads the results every 20 ms: the worst wait, peak memory.
  exports: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/exports-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as Record<string, unknown>,
  // The site in Debian's Chromium: first load of the national page, protocol-to-page latency.
  site: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/site-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 22,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as Record<string, unknown>,
  // Ten thousand viewers of one server's live stream, protocols arriving at election-night pace (docs/scale.md).
  liveViewers: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/live-viewers-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as Record<string, unknown>,
  // Every deployment command on Kazakhstan's size and on ten times it, in the same run: how each grows (docs/scale.md).
  scale: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/scale-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 22,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as Record<string, unknown>,
  // The forecast: 40,000 simulated elections of the 98-seat Majilis against a bare loop with the same random numbers.
  forecast: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/forecast-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as Record<string, number>,
  // The transparency log: a witness's consistency check of a 100,000-event log (≤ 5 ms), the server's append,
  // checkpoint signature and new tiles per commit, against the bare SHA-256 and Ed25519 calls of the same jobs.
  tlog: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/tlog-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as Record<string, number>,
  // Serving the log on the national election: open with the tree, an accepted protocol to its checkpoint and tiles
  // (≤ 50 ms), verify of the national bundle with the log check (≤ 30 s).
  transparencyLog: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/transparency-log-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as Record<string, number>,
  // Forensics of ~97,000 stations (the 2016 Duma file when ../shared is there) against unzipping and splitting the same
  // CSV.
  forensics: JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/forensics-main.ts'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as Record<string, number | string>,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to bench/results/latest.json\n`);
