import { defineConfig } from 'vitest/config';

// Two suites: `main` runs on a fresh clone; `shared` reads ../shared (official decks, foreign data)
// and runs only where that folder exists (scripts/test.sh decides).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // Many tests work on the whole national dataset; on a busy two-core machine 5 s is too tight.
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
