import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import BrowserFirstSequencer from './test/browser-first-sequencer.ts';

// Two suites: `main` runs on a fresh clone; `shared` reads ../shared (official decks, foreign data)
// and runs only where that folder exists (scripts/test.sh decides).
export default defineConfig({
  // The site's modules, tested in Node where they are pure (test/act-checks.test.ts), import src/ as the site does.
  resolve: { alias: { '@saylau/web-shared': fileURLToPath(new URL('src/web-shared.ts', import.meta.url)) } },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // Every temporary file of the run in one folder, removed at its end (test/global-setup.ts).
    globalSetup: ['./test/global-setup.ts'],
    // One test file per core. Vitest's default leaves a core free (cores − 1), which on the two-core machines the
    // suite runs on means one file at a time and half the machine idle: the files are CPU-bound in their worker.
    maxWorkers: availableParallelism(),
    // The files of a worker share one module registry instead of each importing the code again: loading the server,
    // the store and the law engine once per file was about half of the CPU time of the small files. It asks of each
    // test file what a good test does anyway: put back what it changes (timers, the environment), mock no module.
    isolate: false,
    // The longest files (the browser's) first, so that no worker is left with one of them at the end.
    sequence: { sequencer: BrowserFirstSequencer },
    // A few tests still work on the whole national dataset; on a busy two-core machine 5 s is too tight.
    testTimeout: 30_000,
    // Coverage is the law's: 100 % of src/law by the law's own tests (the `law` project), which scripts/test.sh runs
    // with --coverage before the whole suite. Measuring the whole suite costs it about a third more CPU (V8 counts
    // every block of every file); `npm run coverage` does it when wanted.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/test-helpers.ts', 'src/**/index.ts', 'src/**/*-types.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'src/law/**': { branches: 100, functions: 100, lines: 100, statements: 100 },
      },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'law',
          include: [
            'src/law/**/*.test.ts',
            'test/decks.test.ts',
            'test/cec-percentages.test.ts',
            'bench/law-allocation.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'main',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.shared.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.shared.test.ts', 'test/**/*.shared.test.ts', 'test/nist-err.shared.test.ts'],
        },
      },
    ],
  },
});
