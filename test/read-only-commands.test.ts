import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { buildServer } from '../src/server/app.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { preparedDatabase } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner } from './fixtures/test-keys.ts';
import { writeKeyFile } from '../src/journal/key-file.ts';
import { okValue } from '../src/model/result.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: () => {
      throw new Error('no file is read here');
    },
  };
  const code = await runCli(args, io, { LANG: 'en' });
  return { code, stdout, stderr };
}

const [sqlite] = engines();

// A database whose key file is gone, as on an observer's copy or a results server that holds no keys: every command
// that only reads must still work, and a command that signs must say the keys are missing (docs/server.md).
describe('commands that sign nothing, on a database without its key file', () => {
  let directory: string;
  let db: string;
  let missingKeys: string;
  beforeAll(async () => {
    const { dataset } = tinyElection();
    const prepared = await preparedDatabase(sqlite!, []);
    await ingestProtocols({
      store: prepared.store,
      election: dataset.election,
      documents: dataset.protocols.slice(0, 300),
      signer: importerSigner(prepared.keyring),
    });
    await prepared.store.close();
    db = prepared.db;
    directory = mkdtempSync(join(tmpdir(), 'saylau-read-only-'));
    // The bundle is attested by the CEC with its own key file (docs/keys.md); verifying it afterwards needs no key.
    const cecKey = join(directory, 'cec.key');
    okValue(writeKeyFile(cecKey, prepared.keyring.cec));
    expect(
      (await run(['export', '--db', db, '--key', cecKey, '--format', 'bundle', '--out', join(directory, 'bundle')]))
        .code,
    ).toBe(0);
    rmSync(cecKey);
    rmSync(prepared.keysPath);
    missingKeys = prepared.keysPath;
  }, 300_000);
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('results, check, rebuild, candidates, exports, what-if and verify run, with the keys named or by default', async () => {
    for (const keys of [['--keys', missingKeys], []]) {
      for (const args of [
        ['results', '--json'],
        ['check', '--full'],
        ['rebuild'],
        ['candidates', '--contest', 'majilis/smd-01'],
        ['export', '--format', 'json', '--out', join(directory, 'results.json')],
        ['export', '--format', 'csv', '--out', join(directory, 'csv')],
        ['export', '--format', 'nist-err', '--out', join(directory, 'nist-err.json')],
      ]) {
        const result = await run([...args, '--db', db, ...keys]);
        expect([args[0], result.code, result.stderr]).toEqual([args[0], 0, '']);
      }
    }
    const whatIf = await run(['whatif', '--db', db, '--rules', 'kz-2023-majilis']);
    expect([whatIf.code, whatIf.stderr]).toEqual([0, '']);
    const verified = await run(['verify', join(directory, 'bundle')]);
    expect([verified.code, verified.stderr]).toEqual([0, '']);
  }, 300_000);

  it('a command that signs asks for its author’s key file, and says when it cannot read it', async () => {
    const refused = await run(['lots', '--db', db, '--contest', 'majilis/list', '--order', 'amanat', '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'KEY_FILE_REQUIRED', field: '--key' } });
    const unreadable = await run([
      'lots',
      '--db',
      db,
      '--key',
      join(directory, 'cec.key'),
      '--contest',
      'majilis/list',
      '--order',
      'amanat',
      '--json',
    ]);
    expect(JSON.parse(unreadable.stderr)).toMatchObject({ error: { code: 'KEY_FILE_UNREADABLE', field: '--key' } });
  });

  it('saylau serve answers the results without reading them', async () => {
    const child = spawn(process.execPath, ['bin/saylau', 'serve', '--db', db, '--port', '0', '--lang', 'en'], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match !== null) resolve(match[1] as string);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}: ${output}`)));
      });
      const results = await fetch(`${url}/api/results/latest`);
      expect(results.status).toBe(200);
      expect(await results.json()).toMatchObject({
        seq: expect.any(Number) as unknown,
        sha256: expect.any(String) as unknown,
      });
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});

describe('saylau serve without a built site', () => {
  it('answers / with how to build it, in the three languages, and the API as before', async () => {
    const prepared = await preparedDatabase(sqlite!, []);
    const emptySite = mkdtempSync(join(tmpdir(), 'saylau-no-site-'));
    const server = await buildServer({
      store: prepared.store,
      election: tinyElection().dataset.election,
      keysPath: prepared.keysPath,
      siteDirectory: emptySite,
    });
    try {
      const page = await server.app.inject({
        method: 'GET',
        url: '/',
        headers: { accept: 'text/html,application/xhtml+xml', 'accept-language': 'ru' },
      });
      expect([page.statusCode, page.headers['content-type']]).toEqual([503, 'text/html; charset=utf-8']);
      expect(page.body).toContain('<html lang="ru">');
      expect(page.body).toContain('SITE_NOT_BUILT');
      for (const words of ['выполните «npm run build:web»', 'run "npm run build:web"', 'орындап'])
        expect(page.body).toContain(words);
      expect(page.body).not.toContain(emptySite);

      const data = await server.app.inject({ method: 'GET', url: '/index.html?lang=en' });
      expect(data.statusCode).toBe(503);
      expect(data.json()).toMatchObject({
        error: { code: 'SITE_NOT_BUILT', message: expect.stringContaining('npm run build:web') as unknown },
      });
      expect((await server.app.inject({ method: 'GET', url: '/elsewhere' })).json()).toMatchObject({
        error: { code: 'API_NOT_FOUND' },
      });
      expect((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await server.close();
      await prepared.store.close();
      rmSync(emptySite, { recursive: true, force: true });
    }
  }, 120_000);
});
