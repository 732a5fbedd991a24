import { mkdirSync, writeFileSync } from 'node:fs';
import { benchLawAllocation } from './law-allocation.ts';
import { benchNationalDataset } from './national-dataset.ts';
import { benchTabulation } from './tabulation.ts';

/**
 * `npm run bench`: every benchmark, each figure beside a baseline measured in the same run, written
 * to bench/results/latest.json. Targets are judged on the ratios, not on absolute times.
 */
const iterations = Number(process.env.BENCH_ITERATIONS ?? 40000);
const national = benchNationalDataset();
const results = {
  date: new Date().toISOString(),
  node: process.version,
  iterations,
  lawAllocation: benchLawAllocation(iterations),
  nationalDataset: national.figures,
  tabulationSqlite: await benchTabulation(national.dataset),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to bench/results/latest.json\n`);
