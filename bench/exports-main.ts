import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetTexts } from '../src/dataset/files.ts';
import { generateDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { buildServer } from '../src/server/app.ts';
import { createKeyring, saveKeyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { ingestProtocols, initElection } from '../src/store/tabulator.ts';

/**
 * Exports off the main thread (docs/server.md, "Work off the main thread"): the national
 * database served, each big export downloaded once (built by a worker) while a client reads
 * `GET /api/results/latest` every 20 ms over HTTP; the worst wait of that client against its
 * worst wait with no download in the same run, and the process's peak memory.
 */
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8'));
const dataset = generateDataset({ data: read('kz-2023.json') as KzData, names: read('names.json') as NameLists, seed: 2023 });
const work = mkdtempSync(join(tmpdir(), 'saylau-bench-exports-'));
const db = join(work, 'election.db');
const store = new SqliteStore(db);
const keyring = createKeyring(dataset.election);
saveKeyring(`${db}.keys.json`, keyring);
await initElection({ store, electionText: datasetTexts(dataset.election, []).election, keyring });
await ingestProtocols({ store, election: dataset.election, documents: dataset.protocols, keyring });
const server = await buildServer({ store, election: dataset.election, keysPath: `${db}.keys.json` });
const address = await server.app.listen({ port: 0, host: '127.0.0.1' });

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
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), gzippedBytes: bytes };
};

const idleWorstMilliseconds = await worstWait(new Promise((resolve) => setTimeout(resolve, 3000)));
const figures: Record<string, unknown> = { events: await store.eventCount(), idleWorstMilliseconds };
for (const path of ['/api/exports/bundle.tar', '/api/exports/nist-err-precinct.json']) {
  const build = download(path);
  const worst = await worstWait(build);
  figures[path] = { ...(await build), worstResultsWaitMilliseconds: worst, worstTargetMilliseconds: 1000 };
}
figures.peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
figures.peakTargetMiB = 1024;
await server.close();
await store.close();
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(figures)}\n`);
