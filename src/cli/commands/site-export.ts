import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Election } from '../../model/election.ts';
import { BUILT_SITE } from '../../server/static-site.ts';
import { buildServer, DEFAULT_LIMITS } from '../../server/app.ts';
import type { Store } from '../../store/store.ts';
import { CliRefusal } from '../cli-refusal.ts';
import type { TransparencyLog } from '../../services/transparency-log.ts';
import { tilePath, tilesForSize } from '../../tlog/index.ts';
import { assertDefined } from '../../law/assert.ts';

const UNLIMITED = { perMinute: Number.MAX_SAFE_INTEGER, burst: Number.MAX_SAFE_INTEGER };
/** The answers a worker thread of the server builds (src/server/offload): the analyses and the exports. */
const BUILT_IN_WORKERS = new Set([
  '/api/analysis/forensics',
  '/api/analysis/forecast',
  '/api/exports/results.json',
  '/api/exports/nist-err.json',
  '/api/exports/csv/contests.csv',
]);

/**
 * The public site as files for any static host or CDN (`saylau export --format site`): the built
 * site, told by a meta tag to read its answers from files, and every answer it can ask for —
 * the outline, the map, every region, body, contest and station, every contest's candidates and
 * every station's ballots, the downloads — taken from the
 * server's own routes, so the files are exactly what the server would answer. No live updates.
 */
export async function exportSite({
  store,
  election,
  definition,
  out,
  log = null,
  onProgress,
}: {
  store: Store;
  election: Election;
  definition?: Election;
  out: string;
  /** The transparency log: its checkpoint and every tile are written at the paths the server serves them at. */
  log?: TransparencyLog | null;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ files: number }> {
  if (!existsSync(join(BUILT_SITE, 'index.html')))
    throw new CliRefusal('INPUT_FILE_UNREADABLE', { path: `${BUILT_SITE}/index.html (npm run build:web)` }, '--format');
  mkdirSync(out, { recursive: true });
  cpSync(BUILT_SITE, out, { recursive: true });
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  writeFileSync(
    join(out, 'index.html'),
    index.replace(
      '<meta charset="utf-8" />',
      '<meta charset="utf-8" />\n    <meta name="saylau-static" content="." />',
    ),
  );
  const server = await buildServer({
    store,
    election,
    ...(definition === undefined ? {} : { definition }),
    keysPath: join(out, 'no-keys-here.json'),
    log,
    // The export is the server's own reader: no address of it to limit (ten times the country is 300,000 answers).
    limits: { ...DEFAULT_LIMITS, perAddress: UNLIMITED, downloads: UNLIMITED },
  });
  try {
    // A static log (c2sp.org/tlog-tiles): /checkpoint and the tiles of its size, full and partial, as files.
    const logPaths =
      log === null
        ? []
        : [
            '/checkpoint',
            ...tilesForSize((await log.state(store)).checkpoint.size).map((tile) => `/${tilePath(tile)}`),
          ];
    const paths = [
      '/api/site/overview',
      '/api/site/regions',
      '/api/site/turnout',
      '/api/site/copies',
      '/api/site/copies.csv',
      '/api/site/register',
      '/api/site/register.csv',
      '/api/site/cec-key',
      '/api/results',
      '/api/analysis/forensics',
      '/api/exports/results.json',
      '/api/exports/nist-err.json',
      '/api/exports/csv/contests.csv',
      '/api/analysis/forecast',
      ...election.regions.map((region) => `/api/site/regions/${region.id}`),
      ...election.bodies.map((body) => `/api/site/bodies/${body.id}`),
      ...election.contests.map((contest) => `/api/site/contests/${contest.id}`),
      ...election.stations.map((station) => `/api/site/stations/${station.id}`),
      ...election.contests.map((contest) => `/api/candidates/${contest.id}`),
      ...election.stations.map((station) => `/api/ballots/${station.id}`),
      ...logPaths,
    ];
    let done = 0;
    // Each directory made once, not once for each of its files: Kazakhstan's 27,000 files are in 1,200 directories, and
    // at ten times its size the call for each file was 4 s of the export's main thread (a CPU profile).
    const directories = new Set<string>();
    const write = async (path: string): Promise<void> => {
      // The answer's bytes as the server wrote them: inject() would also join them and decode them into a string, four
      // copies of each answer in all, which for the national NIST export (261 MB at ten times Kazakhstan) cost more
      // than writing it (docs/scale.md).
      const response = await server.app.inject({ method: 'GET', url: path, payloadAsStream: true });
      const chunks: Buffer[] = [];
      for await (const chunk of response.stream()) chunks.push(chunk as Buffer);
      const body = chunks.length === 1 ? assertDefined(chunks[0]) : Buffer.concat(chunks);
      if (response.statusCode !== 200)
        throw new Error(`${path}: ${response.statusCode} ${body.toString('utf8', 0, 200)}`);
      const file = join(out, /\.\w+$/.test(path) || !path.startsWith('/api/') ? path : `${path}.json`);
      const directory = dirname(file);
      if (!directories.has(directory)) {
        mkdirSync(directory, { recursive: true });
        directories.add(directory);
      }
      writeFileSync(file, body);
      done += 1;
      if (done % 500 === 0) onProgress?.(done, paths.length);
    };
    // The answers the server's worker threads build are asked for first, and written as they come, while this thread
    // writes the others: in turn, this thread waited a third of the export for them (ten times Kazakhstan: 80 of
    // 270 s; docs/scale.md).
    const inWorkers = paths.filter((path) => BUILT_IN_WORKERS.has(path)).map(write);
    // Handled here, so that one failing while the loop runs is not an unhandled rejection; it is thrown below.
    for (const answer of inWorkers) answer.catch(() => undefined);
    try {
      for (const [position, path] of paths.filter((path) => !BUILT_IN_WORKERS.has(path)).entries()) {
        await write(path);
        // inject() finishes each response in a setImmediate that a loop of awaits alone never lets run: without a
        // turn of the event loop now and then, every response of the export stays queued in memory (1.9 GB for 2023's).
        if (position % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      // Nothing is written once the export has ended, whichever way it ended.
      await Promise.allSettled(inWorkers);
    }
    await Promise.all(inWorkers);
    onProgress?.(done, paths.length);
    return { files: paths.length };
  } finally {
    await server.close();
  }
}
