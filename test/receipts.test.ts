import { exportPrivateKey } from '../src/journal/keys.ts';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { eventHash, eventLine, type SealedEvent } from '../src/journal/event.ts';
import type { JournalEvent } from '../src/journal/events.ts';
import { generateSigningKey, signDigest, type SigningKey } from '../src/journal/keys.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { okValue } from '../src/model/result.ts';
import { buildServer, DEFAULT_LIMITS, type SaylauServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth.ts';

import { exportBundle } from '../src/services/export-bundle.ts';
import { defaultLogKeyPath, logKeyOf, newLogKeyText, saveNewLogKey } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { createKeyring, type Keyring, saveKeyring } from '../src/store/keyring.ts';
import { PostgresStore } from '../src/store/postgres-store.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import {
  ed25519NoteVerifier,
  encodeBase64,
  openCheckpoint,
  parseTlogProof,
  parseVerifierKey,
  tilesForConsistencyProof,
  tilePath,
  tileWidth,
  verifyInclusion,
} from '../src/tlog/index.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { PASSWORD, bearer } from './server-harness.ts';
import { type Engine, engines, rawSql } from './store-engines.ts';
import { addPerson, initWithKeyring } from './fixtures/test-keys.ts';
import { signedInject } from './signing-fixture.ts';

/** The CLI in-process; files are real (receipts are files a person keeps). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => readFileSync(path, 'utf8'),
  };
  return { code: await runCli(args, io, { LANG: 'en_US.UTF-8' }), stdout, stderr };
}

/** SHA-256(0x00 ‖ line), written out here rather than taken from the module under test. */
const leafOf = (line: string): Uint8Array =>
  new Uint8Array(
    createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(line, 'utf8')]))
      .digest(),
  );

const reopen = (engine: Engine, db: string): Store =>
  engine.name === 'sqlite' ? new SqliteStore(db) : new PostgresStore(db);

describe.each(engines().map((engine) => [engine.name, engine] as const))('receipts on %s', (_name, engine) => {
  const { dataset, electionText } = tinyElection();
  const election = dataset.election;
  const protocol = dataset.protocols.find(
    (p) => p.stationId.startsWith('KZ-35/') && p.contestId === 'majilis/list',
  ) as Protocol;
  const station = election.stations.find((s) => s.id === protocol.stationId)!;
  const territorial = election.commissions.find((c) => c.id === station.commissionId)!.parentId!;
  const logKeyText = okValue(newLogKeyText('saylau/receipts-test'));
  const logKey = okValue(logKeyOf(logKeyText, 'memory'));
  const otherKey = okValue(logKeyOf(okValue(newLogKeyText('saylau/receipts-test')), 'memory'));

  let store: Store;
  let db: string;
  let keysPath: string;
  let keyring: Keyring;
  let server: SaylauServer;
  let url: string;
  const auth: Record<string, string> = {};
  const work = mkdtempSync(join(tmpdir(), 'saylau-receipts-'));
  /** The receipts the API gave, by route. */
  const given: Record<string, string[]> = {};

  const start = async () => {
    server = await buildServer({ store, election, keysPath, limits: DEFAULT_LIMITS, log: new TransparencyLog(logKey) });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    ({ store, db } = await engine.fresh());
    keyring = createKeyring(election);
    const log = new TransparencyLog(logKey);
    log.attach(store);
    okValue(await initWithKeyring({ store, electionText, keyring, logKey }));
    const passwordHash = await hashPassword(PASSWORD);
    for (const [id, role, commission] of [
      ['admin', 'administrator', null],
      ['op-1', 'operator', territorial],
      ['op-2', 'operator', territorial],
      ['chair', 'chair', territorial],
    ] as const)
      keyring = (await addPerson({ store, election, keyring, id, role, commission, passwordHash })).keyring;
    store.setAppendHook(null);
    keysPath = join(work, 'keys.json');
    saveKeyring(keysPath, keyring);
    // The log key file where the CLI's acts look for it: beside the SQLite file, named after a PostgreSQL URL.
    okValue(saveNewLogKey(defaultLogKeyPath(db), logKeyText));
    await start();
    for (const id of ['admin', 'op-1', 'op-2', 'chair']) auth[id] = await bearer(server, id);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
    if (engine.name === 'postgres') rmSync(defaultLogKeyPath(db), { force: true });
  });

  const post = async (as: string, route: string, payload: object) => {
    // Signed in two phases by the person's own key (docs/server.md, "Signing in the client").
    const response = await signedInject(
      server,
      {
        method: 'POST',
        url: route,
        headers: { authorization: auth[as] as string },
        payload: payload as Record<string, unknown>,
      },
      keyring.users.get(as)!,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ receipts: string[] } & Record<string, unknown>>();
  };

  const journal = async (): Promise<JournalEvent[]> => store.eventsAfter(0, 100_000);
  const verifier = () => {
    const parsed = okValue(parseVerifierKey(logKey.verifierKey));
    return ed25519NoteVerifier(parsed.name, parsed.publicKey);
  };
  const saved = (name: string, text: string): string => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };

  it('every accepted act through the API answers a receipt per event, and each verifies on its own', async () => {
    given.enter1 = (await post('op-1', '/api/protocols/entries', { protocol })).receipts;
    given.enter2 = (await post('op-2', '/api/protocols/entries', { protocol })).receipts;
    given.accept = (
      await post('chair', '/api/protocols/acceptances', {
        stationId: protocol.stationId,
        contestId: protocol.contestId,
      })
    ).receipts;
    given.account = // With the person's public key (`saylau keygen`): its registration is the act journaled.
      (
        await post('admin', '/api/accounts', {
          username: 'watcher',
          password: PASSWORD,
          role: 'observer',
          publicKey: generateSigningKey().publicKey,
        })
      ).receipts;
    const events = await journal();
    const types: string[] = [];
    for (const receipts of Object.values(given)) {
      expect(receipts).toHaveLength(1);
      const proof = okValue(parseTlogProof(receipts[0]!));
      const event = events[proof.index]!;
      // The line is the journal's event at seq = index + 1, byte for byte.
      expect(Buffer.from(proof.extra!).toString('utf8')).toBe(eventLine(event));
      expect(event.seq).toBe(proof.index + 1);
      types.push(event.type);
      // The checkpoint is the one the log signed in that commit, as stored; the proof binds the line to its root.
      const signed = okValue(openCheckpoint(proof.checkpoint, logKey.origin, verifier()));
      expect(proof.checkpoint).toBe((await store.checkpointAt(signed.checkpoint.size))!.note);
      expect(signed.checkpoint.size).toBe(event.seq);
      expect(
        verifyInclusion(
          proof.index,
          signed.checkpoint.size,
          leafOf(eventLine(event)),
          proof.proof,
          signed.checkpoint.root,
        ),
      ).toBe(true);
    }
    expect(types).toEqual(['protocol-entered', 'protocol-entered', 'protocol-accepted', 'key-registered']);
  });

  it('a refused act answers no receipt and appends nothing', async () => {
    const before = (await store.journalHead()).seq;
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/protocols/acceptances',
      headers: { authorization: auth.chair as string },
      payload: { stationId: protocol.stationId, contestId: protocol.contestId },
    });
    expect(response.statusCode).not.toBe(200);
    expect(response.json()).not.toHaveProperty('receipts');
    expect((await store.journalHead()).seq).toBe(before);
  });

  it('receipt check holds on the untouched log: the key read from the log, pinned, and from a copy of its files', async () => {
    const file = saved('accept.tlog-proof', given.accept![0]!);
    const held = await cli(['receipt', 'check', file, '--log', url, '--json']);
    expect([held.code, held.stderr]).toEqual([0, '']);
    const index = okValue(parseTlogProof(given.accept![0]!)).index;
    expect(JSON.parse(held.stdout)).toMatchObject({
      holds: true,
      index,
      leafHash: Buffer.from(leafOf(eventLine((await journal())[index]!))).toString('hex'),
      currentSize: (await store.journalHead()).seq,
      keyPinned: false,
      verifierKey: logKey.verifierKey,
    });
    const pinned = await cli(['receipt', 'check', file, '--log', url, '--log-key', logKey.verifierKey]);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain('RECEIPT HOLDS');
    expect(pinned.stdout).not.toContain('taken from the log itself');
    const russian = await cli(['receipt', 'check', file, '--log', url, '--lang', 'ru']);
    expect(russian.stdout).toContain('КВИТАНЦИЯ ДЕЙСТВИТЕЛЬНА');

    // A bundle as `saylau export --format bundle` writes it: its log/ folder answers the same.
    const exported = join(work, 'bundle');
    await exportBundle({ store, out: exported, cec: keyring.cec });
    const fromBundle = await cli(['receipt', 'check', file, '--bundle', exported, '--log-key', logKey.verifierKey]);
    expect([fromBundle.code, fromBundle.stderr]).toEqual([0, '']);

    // The same files fetched from the server into a folder: the check reads them from disk.
    const bundle = await copyOfLog(url, index);
    expect((await cli(['receipt', 'check', file, '--bundle', bundle, '--log-key', logKey.verifierKey])).code).toBe(0);
    // A log that serves another entry at the index, with every hash right: the entry differs.
    const entriesPath = join(bundle, 'log', entryTile(index, (await store.journalHead()).seq));
    const entries = readFileSync(entriesPath);
    const line = Buffer.from(eventLine((await journal())[index]!));
    const at = entries.indexOf(line);
    expect(at).toBeGreaterThan(0);
    const flipped = at + line.indexOf('"at":"') + 7;
    entries.writeUInt8(entries.readUInt8(flipped) ^ 1, flipped);
    writeFileSync(entriesPath, entries);
    const differs = await cli(['receipt', 'check', file, '--bundle', bundle, '--log-key', logKey.verifierKey]);
    expect([differs.code, differs.stderr]).toEqual([1, expect.stringContaining('RECEIPT_ENTRY_DIFFERS')]);
  });

  /** The checkpoint and the tiles a check of leaf `index` reads, fetched into a folder laid out as a bundle's log/. */
  async function copyOfLog(base: string, index: number): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'saylau-receipt-bundle-'));
    const fetchInto = async (path: string) => {
      const response = await fetch(`${base}/${path}`);
      expect(response.status, path).toBe(200);
      const target = join(dir, 'log', path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, Buffer.from(await response.arrayBuffer()));
    };
    await fetchInto('checkpoint');
    const size = Number(readFileSync(join(dir, 'log', 'checkpoint'), 'utf8').split('\n')[1]);
    const receiptSize = okValue(parseTlogProof(given.accept![0]!)).checkpoint.split('\n')[1];
    for (const tile of okValue(tilesForConsistencyProof(Number(receiptSize), size))) await fetchInto(tilePath(tile));
    await fetchInto(entryTile(index, size));
    if (index >= 256) await fetchInto(entryTile(0, size));
    return dir;
  }

  const entryTile = (index: number, size: number): string => {
    const tileIndex = Math.floor(index / 256);
    return tilePath({ level: 'entries', index: tileIndex, width: tileWidth('entries', tileIndex, size) });
  };

  it('a tampered receipt fails, each with the code of what broke; an unreachable log is another code and exit', async () => {
    const text = given.enter2![0]!;
    const proof = okValue(parseTlogProof(text));
    const check = async (name: string, body: string, extra: string[] = []) =>
      cli(['receipt', 'check', saved(name, body), '--log', url, '--log-key', logKey.verifierKey, ...extra]);
    const codeOf = (result: { stderr: string }) => /saylau: (\w+)/.exec(result.stderr)?.[1];

    // The line: one character of the event changed, the proof left as it was.
    const line = Buffer.from(proof.extra!).toString('utf8');
    const forgedLine = line.replace(/"invalid":(\d+)/, (_all, n: string) => `"invalid":${Number(n) + 1}`);
    expect(forgedLine).not.toBe(line);
    const lineTampered = text.replace(
      `extra ${encodeBase64(proof.extra!)}`,
      `extra ${Buffer.from(forgedLine).toString('base64')}`,
    );
    const badLine = await check('line.tlog-proof', lineTampered);
    expect([badLine.code, codeOf(badLine)]).toEqual([1, 'RECEIPT_INCLUSION_FAILED']);
    expect(badLine.stderr).toContain('RECEIPT INVALID');

    // A proof hash.
    if (proof.proof.length > 0) {
      const first = encodeBase64(proof.proof[0]!);
      const flipped = Buffer.from(proof.proof[0]!);
      flipped[0]! ^= 1;
      const badProof = await check(
        'proof.tlog-proof',
        text.replace(`\n${first}\n`, `\n${flipped.toString('base64')}\n`),
      );
      expect([badProof.code, codeOf(badProof)]).toEqual([1, 'RECEIPT_INCLUSION_FAILED']);
    }
    // The index.
    const badIndex = await check(
      'index.tlog-proof',
      text.replace(`\nindex ${proof.index}\n`, `\nindex ${proof.index + 1}\n`),
    );
    expect([badIndex.code, codeOf(badIndex)]).toEqual([1, 'RECEIPT_INCLUSION_FAILED']);

    // The checkpoint: its size changed (the signature no longer covers it).
    const [origin, size] = proof.checkpoint.split('\n');
    const badCheckpoint = await check(
      'checkpoint.tlog-proof',
      text.replace(`\n\n${origin}\n${size}\n`, `\n\n${origin}\n${Number(size) + 1}\n`),
    );
    expect([badCheckpoint.code, codeOf(badCheckpoint)]).toEqual([1, 'RECEIPT_SIGNATURE_INVALID']);
    // Signed by another key than the log's.
    const otherKeyCheck = await check('other-key.tlog-proof', text, []);
    expect(otherKeyCheck.code).toBe(0);
    const wrongKey = await cli([
      'receipt',
      'check',
      join(work, 'other-key.tlog-proof'),
      '--log',
      url,
      '--log-key',
      otherKey.verifierKey,
    ]);
    expect([wrongKey.code, codeOf(wrongKey)]).toEqual([1, 'RECEIPT_SIGNATURE_INVALID']);

    // Not a receipt at all.
    const garbage = await check('garbage.tlog-proof', 'hello\n');
    expect([garbage.code, codeOf(garbage)]).toEqual([1, 'RECEIPT_MALFORMED']);

    // Nobody listening: nothing is said of the receipt, with its own exit code.
    const closed = await cli([
      'receipt',
      'check',
      join(work, 'other-key.tlog-proof'),
      '--log',
      'http://127.0.0.1:9',
      '--log-key',
      logKey.verifierKey,
    ]);
    expect([closed.code, codeOf(closed)]).toEqual([3, 'RECEIPT_LOG_UNREACHABLE']);

    // A hostile log that answers without end: the checker stops reading past the largest file a log can have.
    const endless = createServer((_request, response) => {
      const chunk = Buffer.alloc(1 << 20, 0x41);
      const more = () => {
        while (response.write(chunk));
      };
      response.on('drain', more);
      response.on('error', () => undefined);
      more();
    });
    await new Promise<void>((done) => endless.listen(0, '127.0.0.1', done));
    try {
      const port = (endless.address() as AddressInfo).port;
      const flooded = await cli([
        'receipt',
        'check',
        join(work, 'other-key.tlog-proof'),
        '--log',
        `http://127.0.0.1:${port}`,
        '--log-key',
        logKey.verifierKey,
      ]);
      expect([flooded.code, codeOf(flooded)]).toEqual([3, 'RECEIPT_LOG_UNREACHABLE']);
      expect(flooded.stderr).toContain('bytes');
    } finally {
      endless.closeAllConnections();
      await new Promise((done) => endless.close(done));
    }
  });

  it('the CLI acts save their receipts with --receipt-dir, and those hold against the served log', async () => {
    const other = dataset.protocols.find(
      (p) => p.stationId !== protocol.stationId && p.stationId.startsWith('KZ-35/') && p.contestId === 'majilis/list',
    )!;
    const file = saved('other.json', JSON.stringify(other));
    // Each operator's own key file (docs/keys.md): the act is signed where the operator is.
    const keyFile = (id: string) => saved(`${id}.key`, exportPrivateKey(keyring.users.get(id)!));
    const hint = await cli(['enter', file, '--db', db, '--keys', keysPath, '--key', keyFile('op-1')]);
    expect(hint.code, hint.stderr).toBe(0);
    expect(hint.stdout).toContain('give --receipt-dir DIR to save their receipts');
    const dir = join(work, 'cli-receipts');
    const entered = await cli([
      'enter',
      file,
      '--db',
      db,
      '--keys',
      keysPath,
      '--key',
      keyFile('op-2'),
      '--receipt-dir',
      dir,
    ]);
    expect(entered.code, entered.stderr).toBe(0);
    const [name] = readdirSync(dir);
    expect(entered.stdout).toContain(`saved: ${join(dir, name!)}`);
    const receipt = readFileSync(join(dir, name!), 'utf8');
    const proof = okValue(parseTlogProof(receipt));
    expect(Buffer.from(proof.extra!).toString('utf8')).toBe(eventLine((await journal())[proof.index]!));
    const held = await cli(['receipt', 'check', join(dir, name!), '--log', url, '--log-key', logKey.verifierKey]);
    expect([held.code, held.stderr]).toEqual([0, '']);
  });

  it('after the operator rewrites the accepted protocol, rebuilds the journal and re-signs checkpoints, the receipt fails', async () => {
    const acceptReceipt = given.accept![0]!;
    const enterReceipt = given.enter1![0]!;
    const accepted = okValue(parseTlogProof(acceptReceipt)).index + 1;
    await server.close();
    await store.close();
    // The dishonest operator: the accepted protocol's figures changed, every later event re-hashed and re-signed
    // with the keys the server holds, the checkpoints deleted and signed again with the same log key.
    const events = await (async () => {
      const reader = reopen(engine, db);
      try {
        return await reader.eventsAfter(0, 100_000);
      } finally {
        await reader.close();
      }
    })();
    const signers = new Map<string, SigningKey>(
      [keyring.cec, ...keyring.commissions.values(), ...keyring.users.values()].map((key) => [key.fingerprint, key]),
    );
    const rewritten: SealedEvent[] = [];
    let prev = events[accepted - 2]!.hash;
    for (const event of events.slice(accepted - 1)) {
      let payload = event.payload as Record<string, unknown>;
      if (event.seq === accepted) {
        const original = payload.protocol as Protocol;
        payload = {
          ...payload,
          protocol: {
            ...original,
            lines: {
              ...original.lines,
              invalid: original.lines.invalid + 7,
              againstAll: original.lines.againstAll - 7,
            },
          },
        };
      }
      const unsigned = { seq: event.seq, prev, type: event.type, actor: event.actor, at: event.at, payload };
      const hash = eventHash(unsigned);
      rewritten.push({ ...unsigned, hash, signature: signDigest(hash, signers.get(event.actor)!) });
      prev = hash;
    }
    await rawSql(engine, db, [`DELETE FROM journal WHERE seq >= ${accepted}`, 'DELETE FROM checkpoints']);
    store = reopen(engine, db);
    await store.write(async (writer) => {
      await writer.head();
      await writer.appendEvents(rewritten);
    });
    await new TransparencyLog(logKey).open(store);
    expect((await store.latestCheckpoint())?.size).toBe(events.length);
    await start();

    const check = async (name: string, text: string) =>
      cli(['receipt', 'check', saved(name, text), '--log', url, '--log-key', logKey.verifierKey]);
    // The receipt of the rewritten act itself, and of a later act (re-hashed onto the forged chain): both name
    // trees the log no longer extends.
    for (const [name, text] of [
      ['accept-after.tlog-proof', acceptReceipt],
      ['account-after.tlog-proof', given.account![0]!],
    ] as const) {
      const failed = await check(name, text);
      expect([failed.code, /saylau: (\w+)/.exec(failed.stderr)?.[1]], name).toEqual([1, 'RECEIPT_CONSISTENCY_FAILED']);
      expect(failed.stderr).toContain('LOG CHANGED');
    }
    // An act before the rewrite is still there, byte for byte: its receipt still holds.
    const earlier = await check('enter-after.tlog-proof', enterReceipt);
    expect([earlier.code, earlier.stderr]).toEqual([0, '']);
    // The key read from the rewritten log itself is the same key: the failure does not depend on pinning.
    const unpinned = await cli(['receipt', 'check', join(work, 'accept-after.tlog-proof'), '--log', url]);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stderr).toContain('RECEIPT_CONSISTENCY_FAILED');
  });
});
