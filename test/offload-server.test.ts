import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { buildServer, type SaylauServer } from '../src/server/app.ts';
import { createKeyring, type Keyring, saveKeyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { bearer, nationalDataset, testServer } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exports and analyses are built off the event loop (docs/server.md, "Work off the main thread"):
 * while one is built, results and intake answer as usual. SQLite only: the worker's snapshot on
 * PostgreSQL is the store's, which test/store-snapshot.test.ts runs on both engines.
 */
describe('long work off the main thread', () => {
  // The national Majilis list: the bundle must take long enough to build for reads to go on meanwhile.
  const fixture = nationalDataset();
  const { dataset } = fixture;
  const majilisList = dataset.protocols.filter((protocol) => protocol.contestId === 'majilis/list');
  let server: SaylauServer;
  let store: Store;
  let keyring: Keyring;
  let admin: string;

  beforeAll(async () => {
    // Readers here ask more often than one address may (the limit has a test of its own below).
    ({ server, store, keyring } = await testServer(
      engines()[0]!,
      [{ username: 'admin', role: 'administrator', commission: null }],
      { downloads: { perMinute: 6000, burst: 600 } },
      fixture,
    ));
    // 4,000 stations counted: built on the main thread (jobsOnMainThread), this bundle held a read for seconds, which
    // the bound below catches; with the national definition it stays large however few protocols are in.
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: majilisList.slice(0, 4000),
      signer: importerSigner(keyring),
    });
    await server.live.changed();
    admin = await bearer(server, 'admin');
    // The first write reads the key file (seconds for a national one): done before anything is timed.
    expect(
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/protocols/import',
          headers: { authorization: admin },
          payload: { protocols: [majilisList.at(-81)] },
        })
      ).statusCode,
    ).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('results and intake keep answering while the bundle is built; the bundle verifies', async () => {
    const started = performance.now();
    let built = false;
    const download = server.app.inject({ method: 'GET', url: '/api/exports/bundle.tar' }).finally(() => (built = true));
    // Each round: a read of the results, then a 20 ms pause; a round's length beyond that is how long the server made
    // it wait.
    let rounds = 0;
    let worstRound = 0;
    const imports: number[] = [];
    const toImport: Protocol[] = majilisList.slice(-80, -40);
    while (!built) {
      const round = performance.now();
      const latest = await server.app.inject({ method: 'GET', url: '/api/results/latest' });
      expect(latest.statusCode).toBe(200);
      // Every tenth round, a protocol through the API: the build must not hold the journal's lock.
      const protocol = rounds % 10 === 0 ? toImport.shift() : undefined;
      if (protocol !== undefined) {
        const sent = performance.now();
        const imported = await server.app.inject({
          method: 'POST',
          url: '/api/protocols/import',
          headers: { authorization: admin },
          payload: { protocols: [protocol] },
        });
        expect(imported.statusCode).toBe(200);
        imports.push(performance.now() - sent);
      }
      await sleep(20);
      worstRound = Math.max(worstRound, performance.now() - round - 20);
      rounds += 1;
    }
    const bundle = await download;
    expect(bundle.statusCode).toBe(200);
    // Reads went on during the build, many of them: on the code before, the first read waited for all of it.
    expect(rounds, `${rounds} rounds in ${Math.round(performance.now() - started)} ms`).toBeGreaterThanOrEqual(10);
    expect(imports.length).toBeGreaterThan(0);
    // Generous bounds for a busy two-core machine: a read takes a few milliseconds, an import some tens.
    expect(worstRound).toBeLessThan(1000);
    expect(Math.max(...imports)).toBeLessThan(1500);

    // Built from one snapshot while protocols arrived: every check of verify passes.
    const directory = mkdtempSync(join(tmpdir(), 'saylau-offload-bundle-'));
    writeFileSync(join(directory, 'bundle.tar'), bundle.rawPayload);
    execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: directory });
    const checks = await verifyBundle(join(directory, 'saylau-bundle'), { trust: keyring.cec.fingerprint });
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    // The same build again (the journal moved, but not a minute has passed): the same bytes at once.
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/exports/bundle.tar',
      headers: { 'if-none-match': bundle.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  }, 180_000);
});

/**
 * The analyses follow the journal at a pace of their own. The tiny election: the forensics of the Majilis list cost
 * nothing, so on the code before every read after a write computed them again.
 */
describe('analyses under a stream of writes', () => {
  const { dataset } = tinyElection();
  const protocols = dataset.protocols;
  let server: SaylauServer;
  let store: Store;
  let admin: string;

  beforeAll(async () => {
    let keyring: Keyring;
    ({ server, store, keyring } = await testServer(
      engines()[0]!,
      [{ username: 'admin', role: 'administrator', commission: null }],
      { downloads: { perMinute: 6000, burst: 600 } },
      tinyElection(),
      // Built in milliseconds on the main thread, so that only the pace keeps them from following every write (a
      // worker's start would hide a pace that is missing).
      { jobsOnMainThread: true },
    ));
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: protocols.slice(0, -20),
      signer: importerSigner(keyring),
    });
    await server.live.changed();
    admin = await bearer(server, 'admin');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('forensics under a stream of journal changes: computed at most once per 5 s, then catches up with the head', async () => {
    const first = await server.app.inject({ method: 'GET', url: '/api/analysis/forensics' });
    expect(first.statusCode).toBe(200);
    const seqs = new Set<number>([first.json<{ seq: number }>().seq]);
    // The last protocols, one every 100 ms for 2 s, with readers asking all the while.
    const start = performance.now();
    for (const [index, protocol] of protocols.slice(-20).entries()) {
      const imported = await server.app.inject({
        method: 'POST',
        url: '/api/protocols/import',
        headers: { authorization: admin },
        payload: { protocols: [protocol] },
      });
      expect(imported.statusCode).toBe(200);
      if (index % 2 === 0)
        seqs.add(
          (await server.app.inject({ method: 'GET', url: '/api/analysis/forensics' })).json<{ seq: number }>().seq,
        );
      await sleep(100);
    }
    const elapsed = performance.now() - start;
    expect(seqs.size).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 5000));
    // Once the stream stops, the next computation includes the last change.
    await server.live.changed();
    const head = server.live.current().seq;
    let seq = 0;
    for (let tries = 0; tries < 60 && seq < head; tries++) {
      seq = (await server.app.inject({ method: 'GET', url: '/api/analysis/forensics' })).json<{ seq: number }>().seq;
      if (seq < head) await sleep(500);
    }
    expect(seq).toBe(head);
  }, 120_000);
});

describe('downloads and analyses are rate limited per address', () => {
  let server: SaylauServer;
  let store: Store;
  let db: string;

  beforeAll(async () => {
    ({ server, store, db } = await testServer(engines()[0]!, [], { downloads: { perMinute: 1, burst: 3 } }));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('refuses beyond the burst with RATE_LIMITED and Retry-After, on every export and analysis; results stay open', async () => {
    for (let i = 0; i < 3; i++)
      expect((await server.app.inject({ method: 'GET', url: '/api/analysis/whatif' })).statusCode).toBe(200);
    for (const url of [
      '/api/analysis/whatif',
      '/api/analysis/forensics',
      '/api/analysis/forecast',
      '/api/exports/bundle.tar',
      '/api/exports/results.json',
      '/api/exports/csv/contests.csv',
      '/api/exports/nist-err.json',
    ]) {
      const refused = await server.app.inject({ method: 'GET', url });
      expect([url, refused.statusCode, refused.json<{ error?: { code: string } }>().error?.code]).toEqual([
        url,
        429,
        'RATE_LIMITED',
      ]);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address has its own budget; the cacheable reads are not counted at all.
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/analysis/whatif', remoteAddress: '192.0.2.7' })).statusCode,
    ).toBe(200);
    expect((await server.app.inject({ method: 'GET', url: '/api/results/latest' })).statusCode).toBe(200);
  }, 120_000);

  it('saylau serve --download-rate takes a whole number of at least 1', async () => {
    let stderr = '';
    const code = await runCli(
      ['serve', '--db', db, '--download-rate', '0', '--json'],
      { stdout: () => undefined, stderr: (text) => (stderr += text), readText: (path) => readFileSync(path, 'utf8') },
      { LANG: 'en' },
    );
    expect([code, (JSON.parse(stderr) as { error: { code: string; field: string } }).error]).toEqual([
      1,
      expect.objectContaining({ code: 'INPUT_INVALID_VALUE', field: '--download-rate' }),
    ]);
  });
});

describe('jobs on the main thread by choice', () => {
  it("builds the analyses and exports through the server's own connection, not a worker's", async () => {
    const { server, store, db } = await testServer(engines()[0]!, [], {}, tinyElection(), { jobsOnMainThread: true });
    try {
      // A worker opens the database by its path: with the file gone, only the server's open connection reaches it.
      rmSync(dirname(db), { recursive: true, force: true });
      const whatif = await server.app.inject({ method: 'GET', url: '/api/analysis/whatif' });
      expect([whatif.statusCode, whatif.json<{ seq: number }>().seq]).toEqual([200, server.live.current().seq]);
      const results = await server.app.inject({ method: 'GET', url: '/api/exports/results.json' });
      expect(results.json<{ journalHead: { seq: number } }>().journalHead.seq).toBe(server.live.current().seq);
    } finally {
      await server.close();
      await store.close();
    }
  }, 120_000);
});

describe('an in-memory database, which no worker can open', () => {
  it('has its jobs run on the main thread: the analyses and exports still answer', async () => {
    const { dataset, electionText } = tinyElection();
    const store = new SqliteStore(':memory:');
    const keysPath = join(mkdtempSync(join(tmpdir(), 'saylau-keys-')), 'keys.json');
    const keyring = createKeyring(dataset.election);
    saveKeyring(keysPath, keyring);
    await initWithKeyring({ store, electionText, keyring });
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: dataset.protocols.filter((protocol) => protocol.contestId === 'majilis/list').slice(0, 50),
      signer: importerSigner(keyring),
    });
    const server = await buildServer({ store, election: dataset.election, keysPath });
    try {
      expect(store.location).toBeNull();
      const whatif = await server.app.inject({ method: 'GET', url: '/api/analysis/whatif' });
      expect([whatif.statusCode, whatif.json<{ seq: number }>().seq]).toEqual([200, server.live.current().seq]);
      const results = await server.app.inject({ method: 'GET', url: '/api/exports/results.json' });
      expect(results.json<{ journalHead: { seq: number } }>().journalHead.seq).toBe(server.live.current().seq);
    } finally {
      await server.close();
      await store.close();
    }
  }, 120_000);
});
