// The scale benchmark (docs/scale.md), in a process of its own; bench/run.ts reads the JSON it prints. The same
// commands a deployment runs, each a process of its own timed from spawn to exit with its peak memory, on a country
// of Kazakhstan's size and on one ten times larger (`generate --scale 10`), in the same run: the ratio of each figure
// at K = 10 to its figure at K = 1 is the target (within 11: linear cost), not the absolute time.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDefined } from '../src/law/assert.ts';
import { firstLoad, launchChromium, type FirstLoad } from './first-load.ts';
import { runSaylau, serveFigures, type ServedFigures, type StepFigure } from './scale.ts';

const SCALES = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);
const STEPS = [
  'generate',
  'validate',
  'tally',
  'init',
  'ingest',
  'rebuild',
  'exportBundle',
  'verify',
  'exportSite',
] as const;
type Step = (typeof STEPS)[number];

interface ScaleFigures {
  readonly scale: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly steps: Readonly<Partial<Record<Step, StepFigure>>>;
  readonly failures: Readonly<Record<string, string>>;
  /** On disk: the SQLite database with its write-ahead log, the bundle, the static site. */
  readonly sizes: Readonly<Record<string, number>>;
  readonly server: ServedFigures;
  readonly firstLoad: Omit<FirstLoad, 'files'> & { readonly largest: FirstLoad['files'] };
}

async function measure(scale: number): Promise<ScaleFigures> {
  const work = mkdtempSync(join(tmpdir(), `saylau-bench-scale-${scale}-`));
  try {
    const dataset = join(work, 'ds');
    const db = join(work, 'election.db');
    const steps: Partial<Record<Step, StepFigure>> = {};
    const failures: Record<string, string> = {};
    // A step that fails is reported, and the run goes on: a figure missing is a finding too.
    const step = async (name: Step, args: readonly string[]) => {
      process.stderr.write(`scale ${scale}: ${name}…\n`);
      try {
        steps[name] = await runSaylau(args);
        process.stderr.write(`  ${JSON.stringify(steps[name])}\n`);
      } catch (error) {
        failures[name] = String(error).slice(0, 400);
        process.stderr.write(`  failed: ${failures[name]}\n`);
      }
    };
    await step('generate', ['generate', '--seed', '2023', '--scale', String(scale), '--out', dataset]);
    await step('validate', ['validate', dataset]);
    await step('tally', ['tally', dataset, '--json']);
    await step('init', ['init', dataset, '--db', db]);
    await step('ingest', ['ingest', join(dataset, 'protocols.ndjson'), '--db', db, '--key', `${db}.cec.key`]);
    await step('rebuild', ['rebuild', '--db', db]);
    await step('exportBundle', [
      'export',
      '--db',
      db,
      '--key',
      `${db}.cec.key`,
      '--format',
      'bundle',
      '--out',
      join(work, 'bundle'),
    ]);
    await step('verify', ['verify', join(work, 'bundle')]);
    await step('exportSite', ['export', '--db', db, '--format', 'site', '--out', join(work, 'site')]);
    process.stderr.write(`scale ${scale}: serve…\n`);
    let load: FirstLoad | null = null;
    const browser = await launchChromium();
    const server = await serveFigures(db, async (address) => {
      load = (await firstLoad(browser, address)).load;
    });
    await browser.close();
    const sizes = {
      databaseBytes: bytesUnder(db) + bytesUnder(`${db}-wal`),
      bundleBytes: bytesUnder(join(work, 'bundle')),
      siteBytes: bytesUnder(join(work, 'site')),
    };
    const manifest = JSON.parse(readFileSync(join(dataset, 'MANIFEST.json'), 'utf8')) as {
      counts: Record<string, number>;
    };
    const loaded: FirstLoad = load ?? { files: [], requests: 0, bytesUncompressed: 0, bytesGzipped: 0 };
    const firstLoadFigures = {
      requests: loaded.requests,
      bytesUncompressed: loaded.bytesUncompressed,
      bytesGzipped: loaded.bytesGzipped,
      // What grows, if anything does: the five largest answers.
      largest: [...loaded.files].sort((a, b) => b.gzip - a.gzip).slice(0, 5),
    };
    return { scale, counts: manifest.counts, sizes, steps, failures, server, firstLoad: firstLoadFigures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// A command started on a checkout whose sources are newer than dist/ builds it first: once here, untimed.
await runSaylau(['--version']);
const measured: ScaleFigures[] = [];
for (const scale of SCALES) measured.push(await measure(scale));
const [small, large] = measured;
const ratio = (a: number, b: number): number => Number((b / a).toFixed(2));
const growth =
  small === undefined || large === undefined
    ? null
    : {
        scales: [small.scale, large.scale],
        // Each figure's growth beside the growth of the country: within 11 at K = 10 (linear cost).
        targetRatio: 1.1 * (large.scale / small.scale),
        stations: ratio(assertCount(small, 'stations'), assertCount(large, 'stations')),
        contests: ratio(assertCount(small, 'contests'), assertCount(large, 'contests')),
        steps: Object.fromEntries(
          STEPS.map((name) => [
            name,
            {
              seconds: ratio(figure(small, name).seconds, figure(large, name).seconds),
              peakMiB: ratio(figure(small, name).peakMiB, figure(large, name).peakMiB),
            },
          ]),
        ),
        serverStartSeconds: ratio(small.server.startSeconds, large.server.startSeconds),
        serverMemoryAfterStart: ratio(small.server.memoryAfterStartMiB, large.server.memoryAfterStartMiB),
        serverMemorySettled: ratio(small.server.memorySettledMiB, large.server.memorySettledMiB),
        nationalResultsBytes: ratio(small.server.nationalResultsBytes, large.server.nationalResultsBytes),
        databaseBytes: ratio(assertDefined(small.sizes.databaseBytes), assertDefined(large.sizes.databaseBytes)),
        firstLoadBytesGzipped: ratio(small.firstLoad.bytesGzipped, large.firstLoad.bytesGzipped),
        serverMemoryTargetMiB: 1024,
      };
process.stdout.write(`${JSON.stringify({ measured, growth })}\n`);

function figure(figures: ScaleFigures, name: Step): StepFigure {
  return figures.steps[name] ?? { seconds: Number.NaN, peakMiB: Number.NaN };
}

/** The bytes of a file, or of every file under a directory; 0 when there is none. */
function bytesUnder(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

function assertCount(figures: ScaleFigures, name: string): number {
  const count = figures.counts[name];
  if (count === undefined) throw new Error(`no count of ${name}`);
  return count;
}
