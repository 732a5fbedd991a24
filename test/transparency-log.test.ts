import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLine } from '../src/journal/event.ts';
import { okValue } from '../src/model/result.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { buildServer, DEFAULT_LIMITS, type SaylauServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth.ts';
import { decide } from '../src/services/decision-service.ts';
import { submitEntry, actorOf } from '../src/services/entry-service.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { logKeyOf, newLogKeyText, type LogKey } from '../src/services/transparency-log-key.ts';
import { journalLineOfRow, TransparencyLog } from '../src/services/transparency-log.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyring, type Keyring, saveKeyring } from '../src/store/keyring.ts';
import type { Store, StoreReader } from '../src/store/store.ts';
import {
  ed25519NoteVerifier,
  encodeEntryBundle,
  leafHash,
  MerkleTree,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '../src/tlog/index.ts';
import { PASSWORD, bearer } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { type Engine, engines, rawSql } from './store-engines.ts';
import { keySigner } from '../src/journal/act.ts';
import { addPerson, appendSigned, deciderSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

const utf8 = new TextEncoder();

/** The fields of the answers this file reads: a refusal, a proof, an import's counts. */
interface Body {
  readonly error: { readonly code: string };
  readonly size: number;
  readonly leafHash: string;
  readonly proof: string[];
  readonly accepted: number;
  readonly warned: number;
}
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The tree of every journal line, computed here from the events alone: what the log's must equal. */
async function independentTree(store: Store): Promise<{ tree: MerkleTree; lines: string[] }> {
  const tree = new MerkleTree();
  const lines: string[] = [];
  for await (const event of store.events()) {
    const line = eventLine(event);
    lines.push(line);
    // leafHash written out, so that the test does not only trust the module under test.
    tree.append(
      new Uint8Array(
        createHash('sha256')
          .update(Buffer.concat([Buffer.from([0]), Buffer.from(line)]))
          .digest(),
      ),
    );
  }
  return { tree, lines };
}

function verifierOf(key: LogKey) {
  const parsed = okValue(parseVerifierKey(key.verifierKey));
  return ed25519NoteVerifier(parsed.name, parsed.publicKey);
}

/** The latest stored checkpoint covers the whole journal, is signed by the log key, and has the independent root. */
async function expectSignedHead(store: Store, key: LogKey): Promise<void> {
  const head = await store.journalHead();
  const latest = await store.latestCheckpoint();
  expect(latest?.size).toBe(head.seq);
  const { tree } = await independentTree(store);
  expect(latest?.root).toBe(Buffer.from(tree.root()).toString('hex'));
  const opened = okValue(openCheckpoint(latest!.note, key.origin, verifierOf(key)));
  expect(opened.checkpoint.size).toBe(head.seq);
  expect(b64(opened.checkpoint.root)).toBe(b64(tree.root()));
}

interface Logged {
  store: Store;
  db: string;
  keyring: Keyring;
  key: LogKey;
  log: TransparencyLog;
}

async function loggedElection(engine: Engine): Promise<Logged> {
  const { dataset, electionText } = tinyElection();
  const { store, db } = await engine.fresh();
  const keyring = createKeyring(dataset.election);
  const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/test-2023')), 'memory'));
  const log = new TransparencyLog(key);
  log.attach(store);
  okValue(await initWithKeyring({ store, electionText, keyring, logKey: key }));
  return { store, db, keyring, key, log };
}

/**
 * The store as the log's readers use it, counting its journal reads, and apart from them what is called inside a read
 * transaction (`snapshot`).
 */
function countingStore(store: Store): { store: Store; calls: { journalRowsAfter: number; inSnapshots: string[] } } {
  const calls = { journalRowsAfter: 0, inSnapshots: [] as string[] };
  const counting = <T extends object>(target: T, inSnapshot: boolean): T =>
    new Proxy(target, {
      get(object, name, receiver) {
        const value: unknown = Reflect.get(object, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          if (inSnapshot) calls.inSnapshots.push(String(name));
          else if (name === 'journalRowsAfter') calls.journalRowsAfter += 1;
          if (name !== 'snapshot') return (value as (...a: unknown[]) => unknown).apply(object, args);
          const work = args[0] as (reader: StoreReader) => Promise<unknown>;
          return (value as Store['snapshot']).call(object, (reader) => work(counting(reader, true)));
        };
      },
    });
  return { store: counting(store, false), calls };
}

describe('journal lines from stored rows', () => {
  it('are the bytes of eventLine, so leaves are the lines the bundle publishes', async () => {
    const engine = engines()[0]!;
    const { store } = await loggedElection(engine);
    try {
      const { lines } = await independentTree(store);
      const rows = await store.journalRowsAfter(0, 10_000);
      expect(rows.map(journalLineOfRow)).toEqual(lines);
    } finally {
      await store.close();
    }
  });
});

describe('the entry bundles the log keeps (the cache is the same on either engine)', () => {
  const engine = engines()[0]!;
  const { dataset } = tinyElection();
  const election = dataset.election;

  it('a full entry bundle is read from the journal once, then served from memory, the same bytes', async () => {
    const { store, key, keyring, log } = await loggedElection(engine);
    try {
      // Five versions of every protocol: more than 256 entries, so that the first bundle is full.
      for (let version = 1; version <= 5; version += 1)
        await ingestProtocols({
          store,
          election,
          documents: dataset.protocols.map((protocol) => ({ ...protocol, version })),
          signer: importerSigner(keyring),
        });
      expect((await store.latestCheckpoint())!.size).toBeGreaterThan(256);
      const { store: counted, calls } = countingStore(store);
      const full = { level: 'entries' as const, index: 0, width: 256 };
      const first = okValue(await log.tile(counted, full));
      const again = okValue(await log.tile(counted, full));
      expect(calls.journalRowsAfter).toBe(1);
      expect(again).toEqual(first);
      expect(first.full).toBe(true);
      // What a process that never served it reads from the journal.
      const fresh = new TransparencyLog({ origin: key.origin, verifierKey: key.verifierKey });
      expect(okValue(await fresh.tile(store, full))).toEqual(first);
      // A partial bundle is read each time: it grows with the log.
      const partial = { level: 'entries' as const, index: 0, width: 10 };
      okValue(await log.tile(counted, partial));
      okValue(await log.tile(counted, partial));
      expect(calls.journalRowsAfter).toBe(3);
    } finally {
      await store.close();
    }
  });
});

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'the transparency log on %s',
  (_name, engine) => {
    const { dataset, electionText } = tinyElection();
    const election = dataset.election;

    it('init registers the log key and signs the first checkpoint in the same transaction', async () => {
      const { store, key } = await loggedElection(engine);
      try {
        const events = await store.eventsAfter(0, 100);
        const registered = events.filter((event) => event.type === 'log-key-registered');
        expect(registered).toHaveLength(1);
        expect(registered[0]?.payload).toEqual({ origin: key.origin, verifierKey: key.verifierKey });
        expect(registered[0]?.actor).toBe(events[0]?.actor);
        await expectSignedHead(store, key);
      } finally {
        await store.close();
      }
    });

    it('every kind of write extends the tree: its checkpoint has the root of a recomputation from scratch', async () => {
      const { store, key, keyring: initial } = await loggedElection(engine);
      try {
        let keyring = initial;
        const protocols = dataset.protocols.filter((p) => p.contestId === 'majilis/list');
        const other = dataset.protocols.find((p) => p.contestId !== 'majilis/list')!.contestId;
        // Intake (bulk import): one whole contest, for the decision below, and some of the list.
        await ingestProtocols({
          store,
          election,
          documents: [...dataset.protocols.filter((p) => p.contestId === other), ...protocols.slice(1, 4)],
          signer: importerSigner(keyring),
        });
        await expectSignedHead(store, key);
        // A person registered.
        const station = election.stations.find((s) => s.id === protocols[0]!.stationId)!;
        const territorial = election.commissions.find((c) => c.id === station.commissionId)!.parentId!;
        for (const id of ['op-a', 'op-b'])
          keyring = (await addPerson({ store, election, keyring, id, role: 'operator', commission: territorial }))
            .keyring;
        await expectSignedHead(store, key);
        // Double entry by two operators.
        for (const id of ['op-a', 'op-b']) {
          const signer = keyring.users.get(id)!;
          const actor = await actorOf(store, signer.fingerprint);
          okValue(
            await submitEntry({
              store,
              election,
              action: { kind: 'enter', document: protocols[0], actor, reason: null },
              signer: keySigner(signer),
            }),
          );
          await expectSignedHead(store, key);
        }
        // A commission's decision.
        okValue(
          await decide({
            store,
            election,
            signer: deciderSigner(keyring, election, { kind: 'approve', contestId: other }),
            decision: { kind: 'approve', contestId: other },
          }),
        );
        await expectSignedHead(store, key);
        // A refused write appends nothing and signs nothing new.
        const before = await store.latestCheckpoint();
        expect(
          (
            await decide({
              store,
              election,
              signer: deciderSigner(keyring, election, { kind: 'certify' }),
              decision: { kind: 'certify', bodyId: 'majilis' },
            })
          ).ok,
        ).toBe(false);
        expect(await store.latestCheckpoint()).toEqual(before);
      } finally {
        await store.close();
      }
    });

    it('readers hold no snapshot while they wait: a current tree answers at once, one behind is read up once', async () => {
      const { store, key, keyring, log } = await loggedElection(engine);
      try {
        await ingestProtocols({
          store,
          election,
          documents: dataset.protocols.slice(0, 30),
          signer: importerSigner(keyring),
        });
        const size = (await store.latestCheckpoint())!.size;
        // What a reader does inside a read transaction (which holds a pooled connection on PostgreSQL) is counted
        // apart: only reading the checkpoint, never waiting for the journal.
        const { store: counted, calls } = countingStore(store);
        const readers = Array.from({ length: 20 }, (_, index) => index);
        const entries = { level: 'entries' as const, index: 0, width: size };

        // The writing process's log: its tree holds every signed leaf already.
        const proofs = await Promise.all(readers.map((index) => log.inclusion(counted, index)));
        expect(calls.journalRowsAfter).toBe(0);
        const bundle = okValue(await log.tile(counted, entries));
        expect(calls.journalRowsAfter).toBe(1);

        // Another node's log over the same database starts with no tree: twenty readers at once wait for one reading
        // of the journal (one page), none of them in a read transaction meanwhile, and get the same answers.
        const other = new TransparencyLog({ origin: key.origin, verifierKey: key.verifierKey });
        const behind = await Promise.all(readers.map((index) => other.inclusion(counted, index)));
        expect(calls.journalRowsAfter).toBe(2);
        expect(new Set(calls.inSnapshots)).toEqual(new Set(['latestCheckpoint']));
        expect(behind.map(okValue)).toEqual(proofs.map(okValue));
        expect(okValue(await other.tile(counted, entries))).toEqual(bundle);
      } finally {
        await store.close();
      }
    });

    it('a transaction that appends then fails signs nothing, and the next commit is signed over the real journal', async () => {
      const { store, key, keyring } = await loggedElection(engine);
      try {
        const before = await store.latestCheckpoint();
        await expect(
          store.write(async (writer) => {
            await appendSigned(
              writer,
              election.event.id,
              [{ payload: { type: 'results-certified', bodyId: 'majilis' }, key: keyring.cec }],
              new Date().toISOString(),
            );
            throw new Error('a failure after the append');
          }),
        ).rejects.toThrow('a failure after the append');
        expect(await store.latestCheckpoint()).toEqual(before);
        await ingestProtocols({
          store,
          election,
          documents: dataset.protocols.slice(0, 2),
          signer: importerSigner(keyring),
        });
        await expectSignedHead(store, key);
      } finally {
        await store.close();
      }
    });

    it('the table refuses a second checkpoint of a size already signed', async () => {
      const { store, db } = await loggedElection(engine);
      const latest = (await store.latestCheckpoint())!;
      await store.close();
      await expect(
        rawSql(engine, db, [
          `INSERT INTO checkpoints (size, root, note, signed_at) VALUES (${latest.size}, '${'0'.repeat(64)}', 'forged', 'now')`,
        ]),
      ).rejects.toThrow();
    });

    it('a journal rewritten under the log: it refuses to open, and never signs a second root for a size', async () => {
      const { store, db, key } = await loggedElection(engine);
      const latest = (await store.latestCheckpoint())!;
      await store.close();
      // The operator edits an event the log signed (its hash chain too would have to be forged: not the point here).
      await rawSql(engine, db, [`UPDATE journal SET at = '2000-01-01T00:00:00.000Z' WHERE seq = 2`]);
      const reopened = (await engine.fresh().then(() => undefined), db);
      const { SqliteStore } = await import('../src/store/sqlite-store.ts');
      const { PostgresStore } = await import('../src/store/postgres-store.ts');
      const again = engine.name === 'sqlite' ? new SqliteStore(reopened) : new PostgresStore(reopened);
      try {
        const log = new TransparencyLog(key);
        await expect(log.open(again)).rejects.toMatchObject({
          code: 'LOG_ROOT_CONFLICT',
          params: { size: latest.size },
        });
        expect((await again.checkpointAt(latest.size))?.root).toBe(latest.root);
      } finally {
        await again.close();
      }
    });

    it('reopening over the same journal (after kill -9, say) gives the same root and signs nothing new', async () => {
      const { store, db, key, keyring } = await loggedElection(engine);
      await ingestProtocols({
        store,
        election,
        documents: dataset.protocols.slice(0, 5),
        signer: importerSigner(keyring),
      });
      const latest = (await store.latestCheckpoint())!;
      await store.close();
      const { SqliteStore } = await import('../src/store/sqlite-store.ts');
      const { PostgresStore } = await import('../src/store/postgres-store.ts');
      const again = engine.name === 'sqlite' ? new SqliteStore(db) : new PostgresStore(db);
      try {
        const log = new TransparencyLog(key);
        expect(await log.open(again)).toEqual(latest);
        expect(b64(log.rootAt(latest.size))).toBe(Buffer.from(latest.root, 'hex').toString('base64'));
      } finally {
        await again.close();
      }
    });

    it('a head appended without the log is signed when the log opens', async () => {
      const { store: plain, db } = await engine.fresh();
      const keyring = createKeyring(election);
      const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/late')), 'memory'));
      try {
        okValue(await initWithKeyring({ store: plain, electionText, keyring, logKey: key }));
        await ingestProtocols({
          store: plain,
          election,
          documents: dataset.protocols.slice(0, 3),
          signer: importerSigner(keyring),
        });
        expect(await plain.latestCheckpoint()).toBeNull();
        const log = new TransparencyLog(key);
        await log.open(plain);
        await expectSignedHead(plain, key);
        void db;
      } finally {
        await plain.close();
      }
    });

    it('a key the journal does not register signs nothing: the append is refused', async () => {
      const { store, keyring } = await loggedElection(engine);
      try {
        const stranger = okValue(logKeyOf(okValue(newLogKeyText('saylau/test-2023')), 'memory'));
        new TransparencyLog(stranger).attach(store);
        const before = await store.journalHead();
        await expect(
          ingestProtocols({
            store,
            election,
            documents: dataset.protocols.slice(0, 1),
            signer: importerSigner(keyring),
          }),
        ).rejects.toMatchObject({ code: 'LOG_KEY_NOT_REGISTERED' });
        expect(await store.journalHead()).toEqual(before);
      } finally {
        await store.close();
      }
    });

    describe('served over HTTP', () => {
      let logged: Logged;
      let server: SaylauServer;
      let admin: string;

      beforeAll(async () => {
        logged = await loggedElection(engine);
        logged.keyring = (
          await addPerson({
            store: logged.store,
            election,
            keyring: logged.keyring,
            id: 'admin',
            role: 'administrator',
            commission: null,
            passwordHash: await hashPassword(PASSWORD),
          })
        ).keyring;
        const keysPath = join(mkdtempSync(join(tmpdir(), 'saylau-log-keys-')), 'keys.json');
        saveKeyring(keysPath, logged.keyring);
        await ingestProtocols({
          store: logged.store,
          election,
          documents: dataset.protocols,
          signer: importerSigner(logged.keyring),
        });
        // Events beyond 256, so that a full tile, a level-1 tile and partial tiles all exist: people's keys registered.
        const { generateSigningKey } = await import('../src/journal/keys.ts');
        await logged.store.write(async (writer) => {
          const keys = Array.from({ length: 300 }, () => generateSigningKey());
          const events = await appendSigned(
            writer,
            election.event.id,
            keys.map((key, i) => ({
              payload: {
                type: 'key-registered' as const,
                holder: `observer-${i}`,
                role: 'observer' as const,
                publicKey: key.publicKey,
                fingerprint: key.fingerprint,
              },
              key: logged.keyring.cec,
            })),
            new Date().toISOString(),
          );
          await writer.putKeys(
            events.map((event, i) => ({
              fingerprint: keys[i]!.fingerprint,
              holder: `observer-${i}`,
              role: 'observer',
              publicKey: keys[i]!.publicKey,
              commission: null,
            })),
          );
        });
        server = await buildServer({
          store: logged.store,
          election,
          keysPath,
          limits: DEFAULT_LIMITS,
          log: new TransparencyLog(logged.key),
        });
        admin = await bearer(server, 'admin');
      }, 60_000);

      afterAll(async () => {
        await server?.close();
        await logged?.store.close();
      });

      const get = (url: string, headers: Record<string, string> = {}) =>
        server.app.inject({ method: 'GET', url, headers });

      it('GET /checkpoint is the latest signed checkpoint, not cached; /api/log says the same', async () => {
        const response = await get('/checkpoint');
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(response.headers['cache-control']).toBe('no-cache');
        const latest = (await logged.store.latestCheckpoint())!;
        expect(response.body).toBe(latest.note);
        const opened = okValue(openCheckpoint(response.body, logged.key.origin, verifierOf(logged.key)));
        expect(opened.checkpoint.size).toBe((await logged.store.journalHead()).seq);
        const api = (await get('/api/log')).json<Body>();
        expect(api).toEqual({
          origin: logged.key.origin,
          verifierKey: logged.key.verifierKey,
          size: latest.size,
          checkpoint: latest.note,
        });
        expect((await get(`/api/log/checkpoints/${latest.size}`)).body).toBe(latest.note);
        expect((await get(`/api/log/checkpoints/${latest.size + 1}`)).json<Body>().error.code).toBe(
          'LOG_CHECKPOINT_NOT_FOUND',
        );
      });

      it('tiles are the bytes computed independently from the journal; full ones immutable, partial ones not', async () => {
        const { tree, lines } = await independentTree(logged.store);
        const size = tree.size;
        expect(size).toBeGreaterThan(256);
        const hashes = (level: number, from: number, count: number) =>
          Buffer.concat(Array.from({ length: count }, (_, i) => tree.hashAt(level, from + i)));
        const full = await get('/tile/0/000');
        expect(full.statusCode).toBe(200);
        expect(full.headers['content-type']).toBe('application/octet-stream');
        expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(full.rawPayload.equals(hashes(0, 0, 256))).toBe(true);
        const width = size % 256;
        const partial = await get(`/tile/0/${String(Math.floor(size / 256)).padStart(3, '0')}.p/${width}`);
        expect(partial.statusCode).toBe(200);
        expect(partial.headers['cache-control']).toBe('no-cache');
        expect(partial.rawPayload.equals(hashes(0, Math.floor(size / 256) * 256, width))).toBe(true);
        const level1 = await get(`/tile/1/000.p/${Math.floor(size / 256)}`);
        expect(level1.rawPayload.equals(hashes(8, 0, Math.floor(size / 256)))).toBe(true);
        const entries = await get('/tile/entries/000');
        const expected = okValue(encodeEntryBundle(lines.slice(0, 256).map((line) => utf8.encode(line))));
        expect(entries.rawPayload.equals(Buffer.from(expected))).toBe(true);
        // Length-prefixed lines, checked by hand for the first entry.
        expect(entries.rawPayload.readUInt16BE(0)).toBe(Buffer.byteLength(lines[0]!));
        const gzipped = await get('/tile/entries/000', { 'accept-encoding': 'gzip' });
        expect(gzipped.headers['content-encoding']).toBe('gzip');
      });

      it('proofs from the API verify against the signed root', async () => {
        const latest = (await logged.store.latestCheckpoint())!;
        const root = new Uint8Array(Buffer.from(latest.root, 'hex'));
        const { lines } = await independentTree(logged.store);
        for (const index of [0, 1, 255, 256, latest.size - 1]) {
          const body = (await get(`/api/log/proof/inclusion?index=${index}`)).json<Body>();
          expect(body.size).toBe(latest.size);
          const leaf = leafHash(utf8.encode(lines[index] ?? ''));
          expect(body.leafHash).toBe(b64(leaf));
          const proof = body.proof.map((p) => new Uint8Array(Buffer.from(p, 'base64')));
          expect(verifyInclusion(index, latest.size, leaf, proof, root)).toBe(true);
        }
        const earlier = (await logged.store.checkpointAt(latest.size - 1)) ?? (await logged.store.eventCount(), null);
        const from = 7;
        const fromTree = new MerkleTree();
        for (const line of lines.slice(0, from)) fromTree.append(leafHash(utf8.encode(line)));
        const consistency = (await get(`/api/log/proof/consistency?from=${from}`)).json<Body>();
        const proof = consistency.proof.map((p) => new Uint8Array(Buffer.from(p, 'base64')));
        expect(verifyConsistency(from, latest.size, fromTree.root(), root, proof)).toBe(true);
        void earlier;
        expect((await get(`/api/log/proof/inclusion?index=${latest.size}`)).json<Body>().error.code).toBe(
          'TLOG_INDEX_OUT_OF_RANGE',
        );
        expect((await get(`/api/log/proof/inclusion?index=0&size=${latest.size + 1}`)).json<Body>().error.code).toBe(
          'TLOG_SIZE_OUT_OF_RANGE',
        );
        expect((await get(`/api/log/proof/inclusion?index=-1`)).statusCode).toBe(422);
      });

      it('an import through the API extends the tree and the checkpoint before it answers', async () => {
        const before = (await logged.store.latestCheckpoint())!;
        const changed: Protocol = {
          ...dataset.protocols[0]!,
          version: 2,
          lines: { ...dataset.protocols[0]!.lines },
        };
        const response = await server.app.inject({
          method: 'POST',
          url: '/api/protocols/import',
          headers: { authorization: admin },
          payload: { protocols: [changed] },
        });
        expect(response.statusCode).toBe(200);
        const after = (await logged.store.latestCheckpoint())!;
        if (response.json<Body>().accepted + response.json<Body>().warned > 0)
          expect(after.size).toBeGreaterThan(before.size);
        await expectSignedHead(logged.store, logged.key);
        expect((await get('/checkpoint')).body).toBe(after.note);
      });

      it('a hostile caller: non-canonical paths 400, beyond the tree 404, traversal refused', async () => {
        const size = (await logged.store.latestCheckpoint())!.size;
        for (const path of [
          '/tile/0/0',
          '/tile/0/1',
          '/tile/00/000',
          '/tile/0/x000/001',
          '/tile/0/000.p/0',
          '/tile/0/000.p/256',
          '/tile/0/000.p/07',
          '/tile/64/000',
          '/tile/entries/000.p/',
          '/tile/0/000/',
          '/tile/..%2f..%2fetc/passwd',
          '/tile/0/%2e%2e/000',
        ]) {
          const response = await get(path);
          expect(response.statusCode, path).toBe(400);
          expect(response.json<Body>().error.code, path).toBe('TLOG_TILE_PATH_INVALID');
        }
        const beyond = await get(`/tile/0/${String(Math.floor(size / 256) + 1).padStart(3, '0')}`);
        expect(beyond.statusCode).toBe(404);
        expect(beyond.json<Body>().error.code).toBe('LOG_TILE_NOT_FOUND');
        expect((await get('/tile/0/000.p/255')).statusCode).toBe(200);
        expect((await get('/tile/5/000')).json<Body>().error.code).toBe('LOG_TILE_NOT_FOUND');
        expect((await get('/tile/0/x999/x999/x999/x999/999')).statusCode).toBe(404);
        expect((await get(`/tile/0/${'x999/'.repeat(40)}999`)).statusCode).toBeGreaterThanOrEqual(400);
        expect((await get('/tile/0/000.p/3')).statusCode).toBe(200);
      });
    });
  },
);
