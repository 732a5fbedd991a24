// `npm run build`: compiles the CLI and its worker threads into dist/ with esbuild, so that bin/saylau starts
// plain JavaScript instead of loading a TypeScript compiler on every run (docs/server.md, "The built package").
// Packages stay imports (better-sqlite3, @node-rs/argon2 and pg are native or optional), every module lands at the
// top of dist/ (src/package-root.ts and the workers' `new URL('./…', import.meta.url)` rely on that), and each
// command's module is a chunk of its own that `saylau --help` never loads. The code is not minified: whoever
// audits a deployed package reads the same functions as in src/.
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** dist/ file (without .mjs) ← source; the worker names are the ones the sources start threads with. */
const ENTRY_POINTS = {
  saylau: 'src/cli/main.ts',
  'worker-entry': 'src/server/offload/offload-worker.ts',
  'intake-worker-entry': 'src/services/intake-worker.ts',
  'verify-worker-entry': 'src/verify/verify-worker.ts',
  'sign-worker': 'src/journal/sign-worker.mjs',
  'signature-worker': 'src/journal/signature-worker.mjs',
};

/** Builds into `out` (a folder of its own) and returns esbuild's metafile: which source went where. */
export async function buildCli(out) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

/**
 * Builds dist/: beside it first, then swapped in by two renames, so that a saylau started meanwhile finds the old build
 * or the new, never half of one — except in the instant between the renames, when dist/ is absent. When two builds
 * race (two commands started at once on a stale checkout) the last swap wins. Only a developer's checkout rebuilds;
 * the package ships its dist/.
 */
export async function buildDist() {
  const target = join(root, 'dist');
  const fresh = mkdtempSync(join(root, '.dist-'));
  const old = `${fresh}-old`;
  try {
    await buildCli(fresh);
    chmodSync(fresh, 0o755);
    try {
      renameSync(target, old);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    try {
      renameSync(fresh, target);
    } catch (error) {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDist();
