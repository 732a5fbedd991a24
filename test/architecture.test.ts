import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

  it('the transparency log formats are pure: the law, the model, the i18n codes and node:crypto only', () => {
    const files = sourceFiles(join(root, 'src', 'tlog'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        // node:crypto hashes and signs: computation, not I/O.
        const allowed =
          specifier === 'node:crypto' || specifier.startsWith('./') || /^\.\.\/(law|model|i18n)\//.test(specifier);
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

/** The specifiers a file loads at run time: `import type` and `export type` are erased and do not count. */
function valueImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => (match[1] ?? match[2]) as string);
}

/** npm packages the site may load, each named in docs/site.md, "Boundaries". */
const WEB_PACKAGES = ['qrcode-generator'];

const inside = (folder: string, path: string): boolean => !relative(folder, path).startsWith('..');

describe('declared boundaries (docs/site.md, "Boundaries"; docs/server.md)', () => {
  const web = join(root, 'web', 'src');
  const shared = join(root, 'src', 'web-shared.ts');

  it('the site imports its own files, the generated API types and @saylau/web-shared — nothing else of src/', () => {
    const files = sourceFiles(web);
    expect(files.map((file) => relative(web, file))).toContain('api-types.ts');
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        const allowed =
          specifier === '@saylau/web-shared' ||
          WEB_PACKAGES.includes(specifier) ||
          (specifier.startsWith('.') && inside(web, resolve(dirname(file), specifier)));
        expect(allowed, `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('the shared module reaches only pure code: no packages, no Node built-ins, nothing of the store, server or CLI', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of valueImportsOf(file)) {
        expect(specifier.startsWith('.'), `${relative(root, file)} imports ${specifier}`).toBe(true);
        const target = resolve(dirname(file), specifier);
        expect(
          /^src\/(law|model|tally|i18n|registration)\//.test(relative(root, target)),
          `${relative(root, file)} imports ${specifier}`,
        ).toBe(true);
        visit(target);
      }
    };
    visit(shared);
    // The messages, the protocol checks and the line numbers at least.
    expect(seen.size).toBeGreaterThan(5);
  });

  it('analysis reads through its source interfaces: no store, server, CLI, services or database driver', () => {
    const files = sourceFiles(join(root, 'src', 'analysis'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        const forbidden =
          /(^|\/)(store|server|cli|services)\//.test(specifier) || ['better-sqlite3', 'pg'].includes(specifier);
        expect(forbidden, `${relative(root, file)} imports ${specifier}`).toBe(false);
      }
    }
  });

  it('the services sit between the routes and commands above and the domain, the export builders and the store below', () => {
    const services = join(root, 'src', 'services');
    for (const file of existsSync(services) ? sourceFiles(services) : []) {
      for (const specifier of importsOf(file)) {
        const allowed =
          specifier === 'zod' ||
          specifier.startsWith('node:') ||
          (specifier.startsWith('.') &&
            /^src\/(services|store|journal|tlog|witness|tally|registration|law|model|i18n|export|dataset)\//.test(
              relative(root, resolve(dirname(file), specifier)),
            ));
        expect(allowed, `${relative(root, file)} imports ${specifier}`).toBe(true);
      }
    }
    for (const folder of [
      'law',
      'model',
      'tlog',
      'witness',
      'tally',
      'registration',
      'journal',
      'store',
      'export',
      'verify',
      'analysis',
    ]) {
      for (const file of sourceFiles(join(root, 'src', folder))) {
        for (const specifier of importsOf(file)) {
          const above =
            specifier.startsWith('.') &&
            /^src\/(services|server|cli)\//.test(relative(root, resolve(dirname(file), specifier)));
          expect(above, `${relative(root, file)} imports ${specifier}`).toBe(false);
        }
      }
    }
  });

  it('the boundary checks see what they police', () => {
    expect(importsOf(join(web, 'views', 'protocol-desk.ts'))).toContain('@saylau/web-shared');
    expect(valueImportsOf(join(root, 'src', 'tally', 'seat-holder.ts'))).toEqual([]);
    expect(valueImportsOf(join(root, 'src', 'tally', 'tally-election.ts'))).toContain('../law/allocate.ts');
  });
});
