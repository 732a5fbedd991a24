import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('..', import.meta.url).pathname);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'test-helpers.ts'
      ? [path]
      : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => (match[1] ?? match[2]) as string,
  );
}

describe('dependency direction (README.md, Layout)', () => {
  it('the law imports only the law: no packages, no Node built-ins, nothing above it', () => {
    const files = sourceFiles(join(root, 'src', 'law'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        expect(specifier.startsWith('./'), `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('the model imports only the law, the i18n codes and zod', () => {
    for (const file of sourceFiles(join(root, 'src', 'model'))) {
      for (const specifier of importsOf(file)) {
        const allowed =
          specifier === 'zod' ||
          specifier.startsWith('./') ||
          specifier.startsWith('../law/') ||
          specifier.startsWith('../i18n/');
        expect(allowed, `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('registration is pure: the law, the model, the tally and the i18n codes only — no store, server, CLI or packages but zod', () => {
    const files = sourceFiles(join(root, 'src', 'registration'));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        const allowed =
          specifier === 'zod' || specifier.startsWith('./') || /^\.\.\/(law|model|tally|i18n)\//.test(specifier);
        expect(allowed, `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('verify imports neither the store nor the server (an observer runs it on a bundle alone)', () => {
    for (const file of sourceFiles(join(root, 'src', 'verify'))) {
      for (const specifier of importsOf(file)) {
        const forbidden =
          /\.\.\/(store|server|cli|dataset)\//.test(specifier) || ['better-sqlite3', 'pg'].includes(specifier);
        expect(forbidden, `${relative(root, file)} imports ${specifier}`).toBe(false);
      }
    }
    for (const file of sourceFiles(join(root, 'src', 'tally'))) {
      for (const specifier of importsOf(file)) {
        // node:crypto hashes approved summaries: computation, not I/O.
        const allowed =
          specifier === 'zod' ||
          specifier === 'node:crypto' ||
          specifier.startsWith('./') ||
          /^\.\.\/(law|model|i18n)\//.test(specifier);
        expect(allowed, `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('the exports are pure builders: law, model, tally, registration and i18n only, no store, server, CLI or database', () => {
    const files = sourceFiles(join(root, 'src', 'export'));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        const allowed = specifier.startsWith('./') || /^\.\.\/(law|model|tally|registration|i18n)\//.test(specifier);
        expect(allowed, `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('the journal and the store sit below the server and the CLI: they import neither', () => {
    for (const folder of ['journal', 'store']) {
      for (const file of sourceFiles(join(root, 'src', folder))) {
        for (const specifier of importsOf(file)) {
          expect(/\.\.\/(server|cli)\//.test(specifier), `${relative(root, file)} imports ${specifier}`).toBe(false);
        }
      }
    }
    // The server uses the store and the core, never the CLI.
    for (const file of sourceFiles(join(root, 'src', 'server'))) {
      for (const specifier of importsOf(file))
        expect(/\.\.\/(\.\.\/)?cli\//.test(specifier), `${relative(root, file)} imports ${specifier}`).toBe(false);
    }
  });

  it('the import scanner sees the imports it must police', () => {
    expect(importsOf(join(root, 'src', 'cli', 'main.ts'))).toContain('node:fs');
  });
});
