import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okValue } from '../src/model/result.ts';
import type { Protocol } from '../src/model/protocol.ts';

import { buildServer } from '../src/server/app.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { logKeyOf, newLogKeyText, type LogKey } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

// The log in the bundle and `verify --checkpoint` (docs/transparency-log.md, "Serving the log").

const { dataset, electionText } = tinyElection();
const election = dataset.election;
const clock = () => '2023-03-19T20:00:00.000Z';
const temporary = (name: string) => mkdtempSync(join(tmpdir(), `saylau-${name}-`));

/** A database with the log, made with a fixed clock: two made with the same keys are identical event for event. */
async function database(store: Store, keyring: Keyring, key: LogKey): Promise<void> {
  new TransparencyLog(key, clock).attach(store);
  okValue(await initWithKeyring({ store, electionText, keyring, logKey: key, clock, journalId: '0b'.repeat(16) }));
}

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'the log in the bundle on %s',
  (_name, engine) => {
    it('the bundle carries the checkpoint and every tile, listed in the manifest; verify checks them', async () => {
      const { store } = await engine.fresh();
      try {
        const keyring = createKeyring(election);
        const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/bundle')), 'memory'));
        await database(store, keyring, key);
        await ingestProtocols({
          store,
          election,
          documents: dataset.protocols,
          signer: importerSigner(keyring, clock),
        });
        const out = temporary('bundle');
        await exportBundle({ store, out, cec: keyring.cec });
        const latest = (await store.latestCheckpoint())!;
        expect(readFileSync(join(out, 'log', 'checkpoint'), 'utf8')).toBe(latest.note);
        const manifest = JSON.parse(readFileSync(join(out, 'MANIFEST.json'), 'utf8')) as {
          files: Record<string, unknown>;
        };
        expect(Object.keys(manifest.files)).toContain('log/checkpoint');
        expect(Object.keys(manifest.files)).toContain(
          `log/tile/entries/000${latest.size < 256 ? `.p/${latest.size}` : ''}`,
        );
        const checks = await verifyBundle(out);
        expect(checks.filter((check) => !check.ok)).toEqual([]);
        expect(checks.at(-1)).toMatchObject({ name: 'transparency log', ok: true });

        // A tile changed after the export is named.
        const damaged = temporary('damaged');
        cpSync(out, damaged, { recursive: true });
        const tile = join(
          damaged,
          'log',
          'tile',
          '0',
          latest.size < 256 ? `000.p` : '000',
          latest.size < 256 ? String(latest.size) : '',
        );
        const bytes = readFileSync(tile);
        bytes[32 * 3] = (bytes[32 * 3] ?? 0) ^ 1;
        writeFileSync(tile, bytes);
        const failed = (await verifyBundle(damaged)).at(-1);
        expect(failed).toMatchObject({ name: 'transparency log', ok: false });
        expect(failed?.detail).toContain('line 4');
      } finally {
        await store.close();
      }
    });
  },
);

describe('verify --checkpoint (docs/transparency-log.md, "Serving the log")', () => {
  it('passes with a checkpoint the log signed earlier; names the first entry that differs after a rewrite', async () => {
    const keyring = createKeyring(election);
    const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/rewrite')), 'memory'));
    const protocols = dataset.protocols.filter((p) => p.contestId === 'majilis/list');
    const honest = new SqliteStore(join(temporary('honest'), 'e.db'));
    const rewritten = new SqliteStore(join(temporary('rewritten'), 'e.db'));
    try {
      for (const store of [honest, rewritten]) await database(store, keyring, key);
      // The observer keeps a bundle early on: its checkpoint and tiles.
      await ingestProtocols({
        store: honest,
        election,
        documents: protocols.slice(0, 2),
        signer: importerSigner(keyring, clock),
      });
      const early = temporary('early');
      await exportBundle({ store: honest, out: early, cec: keyring.cec });
      await ingestProtocols({
        store: honest,
        election,
        documents: protocols.slice(2),
        signer: importerSigner(keyring, clock),
      });
      const honestBundle = temporary('honest-bundle');
      await exportBundle({ store: honest, out: honestBundle, cec: keyring.cec });

      // The honest bundle is consistent with the checkpoint kept early, and with its own.
      for (const checkpoint of [join(early, 'log', 'checkpoint'), join(honestBundle, 'log', 'checkpoint')]) {
        const checks = await verifyBundle(honestBundle, { checkpoints: [checkpoint] });
        expect(checks.filter((check) => !check.ok)).toEqual([]);
        expect(checks.at(-1)?.name).toBe('checkpoint');
      }
      // An older bundle checked against a later checkpoint, with the later log's tiles: a prefix of it.
      const older = await verifyBundle(early, {
        checkpoints: [join(honestBundle, 'log', 'checkpoint')],
        tiles: join(honestBundle, 'log'),
      });
      expect(older.at(-1)).toMatchObject({ name: 'checkpoint', ok: true });

      // The operator rewrites the second protocol and rebuilds the journal, signing it all again with the same keys.
      const changed: Protocol = structuredClone(protocols[1]!);
      const votes: Record<string, number> = changed.votes;
      const [first, second] = Object.keys(votes) as [string, string];
      votes[first] = (votes[first] ?? 0) + 1;
      votes[second] = (votes[second] ?? 0) - 1;
      await ingestProtocols({
        store: rewritten,
        election,
        documents: protocols.slice(0, 1),
        signer: importerSigner(keyring, clock),
      });
      await ingestProtocols({
        store: rewritten,
        election,
        documents: [changed],
        signer: importerSigner(keyring, clock),
      });
      await ingestProtocols({
        store: rewritten,
        election,
        documents: protocols.slice(2),
        signer: importerSigner(keyring, clock),
      });
      const forged = temporary('forged');
      await exportBundle({ store: rewritten, out: forged, cec: keyring.cec });
      const forgedChecks = await verifyBundle(forged, { checkpoints: [join(early, 'log', 'checkpoint')] });
      // Everything else passes: the bundle is self-consistent, signed with the keys the operator holds.
      expect(forgedChecks.slice(0, -1).every((check) => check.ok)).toBe(true);
      // The first line that differs, found here by comparing the two journals line by line.
      const honestLines = readFileSync(join(early, 'journal.ndjson'), 'utf8').split('\n');
      const forgedLines = readFileSync(join(forged, 'journal.ndjson'), 'utf8').split('\n');
      const differs = honestLines.findIndex((line, index) => line !== forgedLines[index]) + 1;
      expect(differs).toBeGreaterThan(1);
      expect(forgedChecks.at(-1)).toMatchObject({ name: 'checkpoint', ok: false });
      expect(forgedChecks.at(-1)?.detail).toContain(`journal.ndjson line ${differs} `);

      // Without the tiles, the difference is found but not placed; a forged tile is not believed.
      const alone = temporary('alone');
      cpSync(join(early, 'log', 'checkpoint'), join(alone, 'checkpoint'));
      expect((await verifyBundle(forged, { checkpoints: [join(alone, 'checkpoint')] })).at(-1)?.detail).toContain(
        '--tiles',
      );
      const tampered = temporary('tampered');
      cpSync(join(early, 'log'), tampered, { recursive: true });
      const level0 = join(tampered, 'tile', '0');
      const name = existsSync(join(level0, '000'))
        ? join(level0, '000')
        : join(level0, '000.p', String(honestLines.length - 1));
      const bytes = readFileSync(name);
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      writeFileSync(name, bytes);
      expect((await verifyBundle(forged, { checkpoints: [join(tampered, 'checkpoint')] })).at(-1)?.detail).toContain(
        '--tiles',
      );

      // A checkpoint signed by another key than the one the journal registers is refused.
      const stranger = okValue(logKeyOf(okValue(newLogKeyText('saylau/rewrite')), 'memory'));
      const otherStore = new SqliteStore(join(temporary('other'), 'e.db'));
      await database(otherStore, keyring, stranger);
      const otherBundle = temporary('other-bundle');
      await exportBundle({ store: otherStore, out: otherBundle, cec: keyring.cec });
      await otherStore.close();
      const wrongKey = await verifyBundle(honestBundle, { checkpoints: [join(otherBundle, 'log', 'checkpoint')] });
      expect(wrongKey.at(-1)).toMatchObject({ name: 'checkpoint', ok: false });
      expect(wrongKey.at(-1)?.detail).toContain('not a checkpoint signed by the log key the CEC registered');
    } finally {
      await honest.close();
      await rewritten.close();
    }
  });
});

describe('the bundle a server builds holds no CEC signature (docs/keys.md, "What the server never holds")', () => {
  it('served with no CEC key file anywhere, it verifies by its log; without the log it would not', async () => {
    const [engine] = engines();
    const { store } = await engine!.fresh();
    const keyring = createKeyring(election);
    const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/no-cec-key')), 'memory'));
    const log = new TransparencyLog(key);
    log.attach(store);
    okValue(await initWithKeyring({ store, electionText, keyring, logKey: key }));
    await ingestProtocols({ store, election, documents: dataset.protocols, signer: importerSigner(keyring) });
    // The server's key file names nothing: were the bundle to need the CEC key, the download would be refused.
    const keysPath = join(temporary('no-keys'), 'absent.json');
    const server = await buildServer({ store, election, keysPath, log, jobsOnMainThread: true });
    try {
      const download = await server.app.inject({ method: 'GET', url: '/api/exports/bundle.tar' });
      expect(download.statusCode, download.body.slice(0, 300)).toBe(200);
      const directory = temporary('served-bundle');
      writeFileSync(join(directory, 'bundle.tar'), download.rawPayload);
      execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: directory });
      const bundle = join(directory, 'saylau-bundle');
      const manifest = JSON.parse(readFileSync(join(bundle, 'MANIFEST.json'), 'utf8')) as Record<string, unknown>;
      expect([manifest.attestation, manifest.cecFingerprint]).toEqual([undefined, undefined]);
      const checks = await verifyBundle(bundle, { trust: keyring.cec.fingerprint });
      expect(checks.filter((check) => !check.ok)).toEqual([]);
      expect(checks.find((check) => check.name === 'attestation')?.detail).toContain("the log's checkpoint");

      // The same journal with its log's key registration and files cut out: nothing attests its head.
      const unlogged = temporary('unlogged');
      cpSync(bundle, unlogged, { recursive: true });
      const lines = readFileSync(join(unlogged, 'journal.ndjson'), 'utf8').split('\n');
      const kept = lines.filter((line) => !line.includes('"type":"log-key-registered"'));
      expect(kept.length).toBe(lines.length - 1);
      writeFileSync(join(unlogged, 'journal.ndjson'), kept.join('\n'));
      const failed = (await verifyBundle(unlogged)).find((check) => !check.ok);
      expect(failed?.name).not.toBe(undefined);
    } finally {
      await server.close();
      await store.close();
    }
  }, 120_000);
});
