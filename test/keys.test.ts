import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientKeyDirectory, registerKeys, signingCommissions } from '../src/cli/demo-clients.ts';
import { ingestDemoBatch, registerDemoCandidates } from '../src/cli/commands/demo-steps.ts';
import { type Act, actDigest, type ActSigner, keySigner } from '../src/journal/act.ts';
import { journalActScope } from '../src/store/act-scope.ts';
import { readKeyFile, writeKeyFile } from '../src/journal/key-file.ts';
import { generateSigningKey, signDigest } from '../src/journal/keys.ts';
import { assertDefined } from '../src/law/assert.ts';
import { okValue } from '../src/model/result.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';
import { addUser } from '../src/services/account-service.ts';
import { initElection } from '../src/services/election-service.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { sealChain } from '../src/services/journal-append.ts';
import { registerKey, revokeKey } from '../src/services/key-service.ts';
import { createKeyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { cecSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { engines } from './store-engines.ts';

// Signers hold their own keys (docs/keys.md): what the server is given is public keys and signed acts.

const at = (time: string) => () => time;

describe('key files', () => {
  it('keygen writes mode 0600, never over a file, and reads back the same key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'saylau-keygen-')), 'op.key');
    const key = okValue(writeKeyFile(path));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.pub`, 'utf8').trim()).toBe(key.publicKey);
    expect(okValue(readKeyFile(path)).fingerprint).toBe(key.fingerprint);
    const again = writeKeyFile(path);
    expect(again).toMatchObject({ ok: false, error: { code: 'KEY_FILE_EXISTS' } });
    // The file is still the first key.
    expect(okValue(readKeyFile(path)).fingerprint).toBe(key.fingerprint);
    expect(readKeyFile(`${path}.pub`)).toMatchObject({ ok: false, error: { code: 'KEY_FILE_UNREADABLE' } });
  });
});

describe.each(engines().map((engine) => [engine.name, engine] as const))('acts and keys on %s', (_name, engine) => {
  const setUp = async () => {
    const { dataset, electionText } = tinyElection();
    const { store } = await engine.fresh();
    const keyring = createKeyring(dataset.election);
    await initWithKeyring({ store, electionText, keyring });
    return { store, keyring, election: dataset.election, electionText, protocols: dataset.protocols };
  };
  const bundleOf = async (
    store: Store,
    election: ReturnType<typeof tinyElection>,
    cec: ReturnType<typeof createKeyring>['cec'],
  ) => {
    const out = join(mkdtempSync(join(tmpdir(), 'saylau-keys-bundle-')), 'bundle');
    await exportBundle({ store, election: election.dataset.election, electionText: election.electionText, out, cec });
    return verifyBundle(out, { trust: cec.fingerprint });
  };

  it('refuses an unregistered key, a replayed act, and a payload changed after its author signed it', async () => {
    const { store, keyring, election, protocols } = await setUp();
    try {
      const stranger = keySigner(generateSigningKey());
      const refused = await ingestProtocols({ store, election, documents: [protocols[0]], signer: stranger });
      expect(refused.refusals[0]?.code).toBe('KEY_NOT_REGISTERED');

      // The same act twice — same signer, same time, same payload — is refused the second time.
      const fixed = importerSigner(keyring, at('2023-03-19T20:00:00.000Z'));
      const first = await ingestProtocols({ store, election, documents: [protocols[0]], signer: fixed });
      expect(first.accepted).toBe(1);
      const corrected = { ...protocols[0]!, version: 2 };
      // A new version is another act; the same version again is unchanged, not a replay — so replay the act itself.
      const replay = await store.write(async (writer) => {
        const { append } = await import('../src/services/journal-append.ts');
        const [event] = await store.eventsAfter((await store.eventCount()) - 1, 1);
        return append(writer, election.event.id, [
          { payload: { ...(event!.payload as object), type: event!.type } as never, signer: fixed },
        ]);
      });
      expect(replay).toMatchObject({ ok: false, error: { code: 'ACT_REPLAYED' } });

      // The author signs the protocol it entered; the service (the server) journals another. Refused.
      const honest = importerSigner(keyring);
      const scope = await journalActScope(store, election.event.id);
      const forging: ActSigner = {
        fingerprint: honest.fingerprint,
        at: () => '2023-03-19T21:00:00.000Z',
        sign: async (acts, _digests) => {
          const signed: Act[] = acts.map((act) => ({
            ...act,
            payload: { ...(act.payload as object), reason: 'what the author signed' },
          }));
          return honest.sign(
            signed,
            signed.map((act) => actDigest(scope, act)),
          );
        },
      };
      const changed = await ingestProtocols({ store, election, documents: [corrected], signer: forging });
      expect(changed.refusals[0]?.code).toBe('ACT_SIGNATURE_INVALID');
      expect(await store.eventCount()).toBe((await store.eventsAfter(0, 100000)).length);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a payload changed after signing, or an act twice, written past append, fails verify', async () => {
    const { store, keyring, election, protocols } = await setUp();
    const fixture = tinyElection();
    try {
      okValue({
        ok: true,
        value: await ingestProtocols({
          store,
          election,
          documents: protocols.slice(0, 2),
          signer: importerSigner(keyring),
        }),
      });
      const good = await bundleOf(store, fixture, keyring.cec);
      expect(good.filter((check) => !check.ok)).toEqual([]);
      // The operator changes a payload and seals it with the author's signature of the original: the chain is whole.
      const [last] = await store.eventsAfter((await store.eventCount()) - 1, 1);
      const edited = { ...(last!.payload as Record<string, unknown>), reason: 'changed by the server' };
      await store.write(async (writer) => {
        const head = await writer.head();
        const [sealed] = sealChain(
          [{ seq: head.seq + 1, type: last!.type, actor: last!.actor, at: last!.at, payload: edited }],
          head.hash,
          [last!.signature],
        );
        await writer.appendEvents([sealed as never]);
      });
      const forged = await bundleOf(store, fixture, keyring.cec);
      const failed = forged.find((check) => !check.ok);
      expect(failed?.name).toBe('signatures');
      expect(failed?.detail).toMatch(/the same act|does not verify/);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('revocation: every later act of the key is refused, whatever its time; acts journaled before stand and are named', async () => {
    const { store, keyring, election, protocols } = await setUp();
    const fixture = tinyElection();
    try {
      const lost = generateSigningKey();
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'KZ-35/rec-2', role: 'commission', commission: null, publicKey: lost.publicKey },
        }),
      );
      const region = protocols.filter((p) => p.stationId.startsWith('KZ-35/'));
      // One act at 20:00 (before voidFrom) and one at 22:00 (after it), both journaled before the revocation.
      const before = await ingestProtocols({
        store,
        election,
        documents: region.slice(0, 1),
        signer: keySigner(lost, at('2023-03-19T20:00:00.000Z')),
      });
      expect(before.refused).toBe(1); // the holder is not a commission of the election: no station is its own
      // The regional commission's own key, registered at init: a holder has one live key (docs/keys.md, "Revocation").
      const regional = assertDefined(keyring.commissions.get('KZ-35/rec'));
      expect(
        (
          await ingestProtocols({
            store,
            election,
            documents: region.slice(0, 1),
            signer: keySigner(regional, at('2023-03-19T20:00:00.000Z')),
          })
        ).accepted,
      ).toBe(1);
      expect(
        (
          await ingestProtocols({
            store,
            election,
            documents: region.slice(1, 2),
            signer: keySigner(regional, at('2023-03-19T22:00:00.000Z')),
          })
        ).accepted,
      ).toBe(1);
      // The chair finds the key stolen at 21:00; the CEC revokes it from then.
      const revoked = await revokeKey({
        store,
        election,
        signer: cecSigner(keyring),
        fingerprint: regional.fingerprint,
        reason: 'laptop stolen',
        voidFrom: '2023-03-19T21:00:00.000Z',
      });
      expect(revoked.ok).toBe(true);
      // A second revocation, and one by a key that may not revoke, are refused.
      expect(
        await revokeKey({
          store,
          election,
          signer: cecSigner(keyring),
          fingerprint: regional.fingerprint,
          reason: 'again',
          voidFrom: '2023-03-19T20:00:00.000Z',
        }),
      ).toMatchObject({ ok: false, error: { code: 'KEY_ALREADY_REVOKED' } });
      expect(
        await revokeKey({
          store,
          election,
          signer: keySigner(lost),
          fingerprint: keyring.cec.fingerprint,
          reason: 'x',
          voidFrom: '2023-03-19T20:00:00.000Z',
        }),
      ).toMatchObject({ ok: false, error: { code: 'KEY_REVOCATION_FORBIDDEN' } });
      // From the revocation on, the key signs nothing more — dated after voidFrom, or back-dated before it (a thief
      // can claim any time).
      const late = await ingestProtocols({
        store,
        election,
        documents: region.slice(2, 3),
        signer: keySigner(regional, at('2023-03-19T21:30:00.000Z')),
      });
      expect(late.refusals[0]?.code).toBe('KEY_REVOKED');
      const backDated = await ingestProtocols({
        store,
        election,
        documents: region.slice(3, 4),
        signer: keySigner(regional, at('2023-03-19T20:59:00.000Z')),
      });
      expect([backDated.accepted, backDated.refusals[0]?.code]).toEqual([0, 'KEY_REVOKED']);
      // A replacement key, registered the normal way, signs on.
      const replacement = generateSigningKey();
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'KZ-35/rec', role: 'commission', commission: null, publicKey: replacement.publicKey },
        }),
      );
      expect(
        (await ingestProtocols({ store, election, documents: region.slice(2, 3), signer: keySigner(replacement) }))
          .accepted,
      ).toBe(1);
      const checks = await bundleOf(store, fixture, keyring.cec);
      expect(checks.filter((check) => !check.ok)).toEqual([]);
      // The 22:00 act, journaled before the revocation, stands and is named.
      expect(checks.find((check) => check.name === 'signatures')?.detail).toMatch(
        /1 signed after a voidFrom but journaled before the revocation/,
      );
      // An act of the revoked key back-dated before voidFrom, written past append after the revocation: verify fails,
      // naming the line, the event and the revocation.
      await store.write(async (writer) => {
        const head = await writer.head();
        const act = {
          type: 'protocol-accepted',
          actor: regional.fingerprint,
          at: '2023-03-19T20:30:00.000Z',
          payload: {
            protocol: { ...region[4]!, lines: { ...region[4]!.lines, lost: 0, unaccounted: 0 } },
            acknowledged: [],
            via: 'import',
            reason: null,
          },
        };
        const [sealed] = sealChain([{ seq: head.seq + 1, ...act }], head.hash, [
          signDigest(actDigest(await journalActScope(store, election.event.id), act), regional),
        ]);
        await writer.appendEvents([sealed as never]);
      });
      const after = await bundleOf(store, fixture, keyring.cec);
      expect(after.find((check) => !check.ok)?.detail).toMatch(
        /line \d+: a protocol-accepted signed by a key revoked at line \d+ \(void from 2023-03-19T21:00:00.000Z\), dated 2023-03-19T20:30:00.000Z/,
      );
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('the demo holds no private key in the server files', () => {
  it('after the demo steps, no file beside the database and no row of it holds a private key', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-demo-keys-'));
    const { dataset, electionText } = tinyElection();
    const db = join(directory, 'election.db');
    const store = new SqliteStore(db);
    const clients = new ClientKeyDirectory(join(directory, 'clients'));
    try {
      const cec = okValue(clients.make('cec'));
      okValue(await initElection({ store, electionText, cec: clients.signer('cec'), cecPublicKey: cec.publicKey }));
      okValue(
        await registerKeys(
          store,
          dataset.election,
          clients.signer('cec'),
          signingCommissions(dataset.election).map((id) => ({
            holder: id,
            role: 'commission' as const,
            commission: null,
            publicKey: okValue(clients.make(id)).publicKey,
          })),
        ),
      );
      okValue(
        await addUser({
          store,
          election: dataset.election,
          signer: clients.signer('cec'),
          id: 'admin',
          role: 'administrator',
          commission: null,
          publicKey: okValue(clients.make('admin')).publicKey,
        }),
      );
      okValue(
        await addUser({
          store,
          election: dataset.election,
          signer: clients.signer('admin'),
          id: 'operator-1',
          role: 'operator',
          commission: 'KZ-35/C01/tec',
          publicKey: okValue(clients.make('operator-1')).publicKey,
        }),
      );
      okValue(
        await registerDemoCandidates({
          store,
          definition: dataset.election,
          clients,
          nominations: nominationsFromElection(dataset.election),
          language: 'en',
        }),
      );
      okValue(
        await ingestDemoBatch({
          store,
          election: dataset.election,
          clients,
          protocols: dataset.protocols,
          language: 'en',
        }),
      );
      // Every row of every table, as text.
      const rows = (store as unknown as { db: { prepare(sql: string): { all(): Record<string, unknown>[] } } }).db;
      const tables = rows
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .all()
        .map((row) => String(row.name));
      const dump = tables.map((table) => JSON.stringify(rows.prepare(`SELECT * FROM "${table}"`).all())).join('\n');
      expect(dump.length).toBeGreaterThan(1000);
      const privateKeys = Object.values(
        Object.fromEntries(
          [...['cec', 'admin', 'operator-1', ...signingCommissions(dataset.election)]].map((holder) => [
            holder,
            clients.key(holder),
          ]),
        ),
      );
      const secrets = privateKeys.flatMap((key) => {
        const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
        const seed = der.subarray(der.length - 32);
        return [seed.toString('base64url'), seed.toString('base64'), seed.toString('hex')];
      });
      const pattern = /PRIVATE KEY|PRIVATE\+KEY|MC4CAQAwBQYDK2Vw/;
      expect(pattern.test(dump)).toBe(false);
      for (const secret of secrets) expect(dump.includes(secret)).toBe(false);
      // The files the server writes: everything in the directory but the clients'.
      for (const name of readdirSync(directory).filter((name) => name !== 'clients')) {
        const text = readFileSync(join(directory, name)).toString('latin1');
        expect(pattern.test(text), name).toBe(false);
        for (const secret of secrets) expect(text.includes(secret), name).toBe(false);
      }
      // The clients' directory does hold them: the scan would have found one there.
      expect(pattern.test(readFileSync(clients.path('cec'), 'utf8'))).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
