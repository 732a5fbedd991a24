import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/build.mjs';

const root = new URL('..', import.meta.url).pathname;

/** The source files and packages a module of the build loads before it runs: its static imports, followed. */
function loadedBy(metafile: Metafile, output: string): { sources: string[]; packages: string[] } {
  const sources = new Set<string>();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const follow = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const module = metafile.outputs[path];
    if (module === undefined) throw new Error(`${path} is not an output of the build`);
    for (const input of Object.keys(module.inputs)) sources.add(input);
    for (const imported of module.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external === true) packages.add(imported.path);
      else follow(imported.path);
    }
  };
  follow(output);
  return { sources: [...sources].sort(), packages: [...packages].sort() };
}

// Built into a folder of its own beside dist/ (one below the package root, as dist/ is), so that the checkout's dist/
// is left alone.
describe('the CLI as scripts/build.mjs compiles it', () => {
  let out: string;
  let metafile: Metafile;
  beforeAll(async () => {
    out = mkdtempSync(join(root, '.dist-test-'));
    metafile = await buildCli(out);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const output = (name: string) => relative(root, join(out, name));

  it('starts with commander and the texts only: every command module, the server, the store and the law wait for their command', () => {
    const { sources, packages } = loadedBy(metafile, output('saylau.mjs'));
    expect(sources).toContain('src/cli/program.ts');
    // assertDefined (src/law/assert.ts) is a three-line helper, not the law.
    const startup = /^src\/(cli\/[\w-]+|i18n\/[\w-]+|model\/[\w-]+|law\/assert)\.ts$/;
    expect(sources.filter((source) => !startup.test(source))).toEqual([]);
    expect(sources.filter((source) => source.startsWith('src/model/'))).toEqual(
      expect.not.arrayContaining(['src/model/election.ts', 'src/model/protocol.ts']),
    );
    expect(packages.filter((name) => !name.startsWith('node:'))).toEqual(['commander']);
    // The commands are in the build all the same, each reached through its action.
    expect(
      Object.values(metafile.outputs).some((module) => 'src/cli/commands/store-commands.ts' in module.inputs),
    ).toBe(true);
  });

  it('puts every module at the top of its folder, the worker threads under the names the sources start them by, and no TypeScript loader anywhere', () => {
    expect(readdirSync(out, { withFileTypes: true }).filter((entry) => !entry.isFile())).toEqual([]);
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining([
        'saylau.mjs',
        'worker-entry.mjs',
        'intake-worker-entry.mjs',
        'verify-worker-entry.mjs',
        'sign-worker.mjs',
        'signature-worker.mjs',
      ]),
    );
    for (const [path, module] of Object.entries(metafile.outputs)) {
      expect(
        module.imports.filter(
          (imported) => imported.external === true && /^(tsx|typescript|esbuild)\b/.test(imported.path),
        ),
        path,
      ).toEqual([]);
    }
    // Each *worker-entry.mjs is the compiled thread itself, not the checkout's loader that registers tsx.
    expect(Object.keys(metafile.outputs[output('worker-entry.mjs')]?.inputs ?? {})).toContain(
      'src/server/offload/offload-worker.ts',
    );
    expect(Object.keys(metafile.outputs[output('intake-worker-entry.mjs')]?.inputs ?? {})).toContain(
      'src/services/intake-worker.ts',
    );
    expect(Object.keys(metafile.outputs[output('verify-worker-entry.mjs')]?.inputs ?? {})).toContain(
      'src/verify/verify-worker.ts',
    );
  });

  it('finds shipped files through src/package-root.ts only: a path relative to a module moves when it is compiled', () => {
    const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (path) => /\.(ts|mjs)$/.test(path) && !/(\.test\.ts|test-helpers\.ts)$/.test(path),
    );
    const relativeToModule = sources.flatMap((path) =>
      [
        ...readFileSync(join(root, 'src', path), 'utf8').matchAll(
          /new URL\(\s*['"`]([^'"`]+)['"`],\s*import\.meta\.url/g,
        ),
      ].map((match) => `${path}: ${match[1]}`),
    );
    // Workers sit beside the module that starts them in dist/ as in src/ (built under the same names).
    const workers = Object.keys(metafile.outputs)
      .map((path) => path.split('/').at(-1) as string)
      .filter((name) => name.endsWith('-worker.mjs') || name.endsWith('worker-entry.mjs'));
    expect(
      relativeToModule.filter(
        (found) => found !== 'package-root.ts: ..' && !workers.some((name) => found.endsWith(`: ./${name}`)),
      ),
    ).toEqual([]);
  });

  it('runs as plain JavaScript: help, and a command that reads the data the package ships', () => {
    const saylau = (...args: string[]) =>
      spawnSync(process.execPath, [join(out, 'saylau.mjs'), ...args, '--lang', 'en'], {
        cwd: out,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
    const help = saylau('--help');
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: saylau \[options\] \[command\]/);
    expect(saylau('--version').stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );
    // The shipped poll file and the previous election it defaults to, both found from the built module's place.
    const forecast = saylau(
      'forecast',
      join(root, 'data', 'polls', '2023-public-opinion.json'),
      '--simulations',
      '100',
    );
    expect([forecast.status, forecast.stderr]).toEqual([0, '']);
    expect(forecast.stdout).toContain('amanat');
  });
});
