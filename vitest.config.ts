import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two suites: `main` runs on a fresh clone; `shared` reads ../shared (official decks, foreign data)
// and runs only where that folder exists (scripts/test.sh decides).
export default defineConfig({
  // The site's modules, tested in Node where they are pure (test/act-checks.test.ts), import src/ as the site does.
  resolve: { alias: { '@saylau/web-shared': fileURLToPath(new URL('src/web-shared.ts', import.meta.url)) } },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // One test file per core. Vitest's default leaves a core free (cores − 1), which on the two-core machines the
    // suite runs on means one file at a time and half the machine idle: the files are CPU-bound in their worker.
    maxWorkers: availableParallelism(),
    // A few tests still work on the whole national dataset; on a busy two-core machine 5 s is too tight.
    testTimeout: 30_000,
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
