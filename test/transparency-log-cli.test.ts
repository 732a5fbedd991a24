import { generateSigningKey } from '../src/journal/keys.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { okValue } from '../src/model/result.ts';
import { buildServer } from '../src/server/app.ts';
import { loadElection } from '../src/services/election-service.ts';
import { loadLogKey } from '../src/services/transparency-log-key.ts';
import { journalLineOfRow, TransparencyLog } from '../src/services/transparency-log.ts';
import { createKeyring, saveKeyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { leafHash } from '../src/tlog/index.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { writeTinyDataset } from './fixtures/tiny-dataset.ts';
import { initWithKeyring } from './fixtures/test-keys.ts';

// The log from the command line (docs/transparency-log.md, "Serving the log"): init makes and registers the key,
// every CLI append is signed, `saylau proof` proves and checks, `saylau log-key init` serves an older database.

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => readFileSync(path, 'utf8'),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const codeOf = (stderr: string): string => (JSON.parse(stderr) as { error: { code: string } }).error.code;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function withStore<T>(db: string, work: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('the transparency log from the command line', () => {
  it('init makes the log key (0600) and registers it; appends are signed; proof inclusion and consistency verify', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-log-cli-'));
    writeTinyDataset(directory);
    const db = join(directory, 'e.db');
    const init = await run(['init', directory, '--db', db, '--log-origin', 'results.example.kz/2023']);
    expect(init.code, init.stderr).toBe(0);
    const keyFile = `${db}.log-key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^PRIVATE\+KEY\+results\.example\.kz\/2023\+[0-9a-f]{8}\+/);
    const key = okValue(loadLogKey(keyFile));
    expect(init.stdout).toContain(key.verifierKey);
    const afterInit = await withStore(db, async (store) => (await store.latestCheckpoint())!);
    expect(afterInit.size).toBe(await withStore(db, async (store) => (await store.journalHead()).seq));

    expect((await run(['ingest', directory, '--db', db, '--key', `${db}.cec.key`])).code).toBe(0);
    const afterIngest = await withStore(db, async (store) => (await store.latestCheckpoint())!);
    expect(afterIngest.size).toBe(await withStore(db, async (store) => (await store.journalHead()).seq));
    expect(afterIngest.size).toBeGreaterThan(afterInit.size);

    const inclusion = await run(['proof', 'inclusion', '--seq', '3', '--db', db, '--json']);
    expect(inclusion.code, inclusion.stderr).toBe(0);
    const document = JSON.parse(inclusion.stdout) as { index: number; size: number; leafHash: string };
    const line = await withStore(db, async (store) => journalLineOfRow((await store.journalRowsAfter(2, 1))[0]!));
    expect(document).toMatchObject({ index: 2, size: afterIngest.size, leafHash: b64(leafHash(Buffer.from(line))) });
    const text = await run(['proof', 'inclusion', '--seq', '3', '--db', db, '--lang', 'ru']);
    expect(text.stdout).toContain('Событие 3 входит в дерево');

    const consistency = await run(['proof', 'consistency', '--from', String(afterInit.size), '--db', db, '--json']);
    expect(consistency.code, consistency.stderr).toBe(0);
    expect(JSON.parse(consistency.stdout)).toMatchObject({ from: afterInit.size, to: afterIngest.size });

    // Mistakes, each with its code.
    const beyond = await run(['proof', 'inclusion', '--seq', String(afterIngest.size + 1), '--db', db, '--json']);
    expect([beyond.code, codeOf(beyond.stderr)]).toEqual([1, 'TLOG_INDEX_OUT_OF_RANGE']);
    const unsigned = await run(['proof', 'consistency', '--from', '1', '--db', db, '--json']);
    expect([unsigned.code, codeOf(unsigned.stderr)]).toEqual([1, 'LOG_CHECKPOINT_NOT_FOUND']);
    const neither = await run(['proof', 'inclusion', '--seq', '1', '--json']);
    expect([neither.code, codeOf(neither.stderr)]).toEqual([1, 'LOG_SOURCE_MISSING']);
    const pinned = await run([
      'proof',
      'inclusion',
      '--seq',
      '1',
      '--db',
      db,
      '--log-key',
      'other+00000000+AQ==',
      '--json',
    ]);
    expect(pinned.code).toBe(1);

    // The same proofs from the log over HTTP, computed from its tiles.
    await withStore(db, async (store) => {
      const { election } = await loadElection(store);
      const server = await buildServer({
        store,
        election,
        keysPath: join(directory, 'none.json'),
        log: new TransparencyLog(key),
      });
      try {
        const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
        const overHttp = await run(['proof', 'inclusion', '--seq', '3', '--log', url, '--json']);
        expect(overHttp.code, overHttp.stderr).toBe(0);
        expect(JSON.parse(overHttp.stdout)).toEqual(document);
        const pinnedHttp = await run(['proof', 'inclusion', '--seq', '3', '--log', url, '--log-key', key.verifierKey]);
        expect(pinnedHttp.code, pinnedHttp.stderr).toBe(0);
        const consistencyHttp = await run([
          'proof',
          'consistency',
          '--from',
          String(afterInit.size),
          '--log',
          url,
          '--json',
        ]);
        expect(consistencyHttp.code, consistencyHttp.stderr).toBe(0);
        expect(JSON.parse(consistencyHttp.stdout)).toEqual(JSON.parse(consistency.stdout));
      } finally {
        await server.close();
      }
    });
  }, 60_000);

  it('export --format site and --format bundle carry the checkpoint and every tile at the same paths', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-log-site-'));
    writeTinyDataset(directory);
    const db = join(directory, 'e.db');
    expect((await run(['init', directory, '--db', db])).code).toBe(0);
    expect((await run(['ingest', directory, '--db', db, '--key', `${db}.cec.key`])).code).toBe(0);
    const site = join(directory, 'site');
    const bundle = join(directory, 'bundle');
    const siteExport = await run(['export', '--db', db, '--format', 'site', '--out', site]);
    expect(siteExport.code, siteExport.stderr).toBe(0);
    expect(
      (await run(['export', '--db', db, '--format', 'bundle', '--out', bundle, '--key', `${db}.cec.key`])).code,
    ).toBe(0);
    const latest = await withStore(db, async (store) => (await store.latestCheckpoint())!);
    expect(readFileSync(join(site, 'checkpoint'), 'utf8')).toBe(latest.note);
    const manifest = JSON.parse(readFileSync(join(bundle, 'MANIFEST.json'), 'utf8')) as { files: object };
    const logFiles = Object.keys(manifest.files).filter((file) => file.startsWith('log/'));
    expect(logFiles.length).toBeGreaterThan(2);
    for (const file of logFiles)
      expect(readFileSync(join(site, file.slice('log/'.length))).equals(readFileSync(join(bundle, file))), file).toBe(
        true,
      );
  }, 60_000);

  it('log-key init: a database made before the log gets its key, registered once, and its head signed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-log-late-'));
    const db = join(directory, 'e.db');
    const keysPath = `${db}.keys.json`;
    const { dataset, electionText } = tinyElection();
    const keyring = createKeyring(dataset.election);
    saveKeyring(keysPath, keyring);
    await withStore(db, async (store) => {
      okValue(await initWithKeyring({ store, electionText, keyring }));
    });
    // serve says it has no log rather than staying silent (checked on the message, not by starting a server).
    const first = await run(['log-key', 'init', '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    const head = await withStore(db, async (store) => store.journalHead());
    expect(await withStore(db, async (store) => (await store.latestCheckpoint())?.size)).toBe(head.seq);
    const again = await run(['log-key', 'init', '--db', db, '--json']);
    expect([again.code, codeOf(again.stderr)]).toEqual([1, 'LOG_KEY_EXISTS']);
    const other = await run(['log-key', 'init', '--db', db, '--log-key', join(directory, 'second.log-key'), '--json']);
    expect([other.code, codeOf(other.stderr)]).toEqual([1, 'LOG_KEY_ALREADY_REGISTERED']);
    // Nothing left behind by the refused one.
    expect(() => statSync(join(directory, 'second.log-key'))).toThrow();
  }, 60_000);
});

describe('kill -9 of the server', () => {
  it('every checkpoint stored survives; restarted, the log finds the same root and signs no second root for a size', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-log-kill-'));
    writeTinyDataset(directory);
    const db = join(directory, 'e.db');
    const init = await run(['init', directory, '--db', db]);
    expect(init.code, init.stderr).toBe(0);
    const passwordFile = join(directory, 'password');
    writeFileSync(passwordFile, 'a long enough test password of the night\n');
    const added = await run([
      'user',
      'add',
      '--db',
      db,
      '--id',
      'admin',
      '--role',
      'administrator',
      '--password-file',
      passwordFile,
      // The administrator's key made where the administrator is; the CEC signs its registration with its key file.
      '--public-key',
      generateSigningKey().publicKey,
      '--key',
      `${db}.cec.key`,
    ]);
    expect(added.code, added.stderr).toBe(0);
    const child = spawn(process.execPath, ['bin/saylau', 'serve', '--db', db, '--port', '0', '--lang', 'en'], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match !== null && output.includes('Transparency log at')) resolve(match[1] as string);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}: ${output}`)));
      });
      const login = (await (
        await fetch(`${url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'a long enough test password of the night' }),
        })
      ).json()) as { token: string };
      const { dataset } = tinyElection();
      // Imports one protocol at a time, as fast as they are answered; killed after the third answer.
      const imports = dataset.protocols.map(
        (protocol) => () =>
          fetch(`${url}/api/protocols/import`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
            body: JSON.stringify({ protocols: [protocol] }),
          }),
      );
      let answered = 0;
      const sending = (async () => {
        for (const send of imports) {
          await send().catch(() => undefined);
          answered += 1;
          if (answered === 3) child.kill('SIGKILL');
        }
      })();
      await exited;
      await sending;
    } finally {
      child.kill('SIGKILL');
    }
    await withStore(db, async (store) => {
      const head = await store.journalHead();
      const latest = (await store.latestCheckpoint())!;
      // The checkpoint is committed with the events it covers: the head is always signed.
      expect(latest.size).toBe(head.seq);
      const key = okValue(loadLogKey(`${db}.log-key`));
      const log = new TransparencyLog(key);
      expect(await log.open(store)).toEqual(latest);
      expect(Buffer.from(log.rootAt(latest.size)).toString('hex')).toBe(latest.root);
      expect(await store.latestCheckpoint()).toEqual(latest);
    });
  }, 120_000);
});
