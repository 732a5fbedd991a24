import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcInstantOf } from '../src/cli/commands/key-commands.ts';
import {
  type Act,
  actDigest,
  type ActSigner,
  isCanonicalSignature,
  isUtcInstant,
  keySigner,
} from '../src/journal/act.ts';
import {
  fingerprintOf,
  generateSigningKey,
  publicKeyObject,
  signDigest,
  type SigningKey,
  verifyDigest,
} from '../src/journal/keys.ts';
import { applyEvent, emptyProjection } from '../src/journal/projection.ts';
import { ELECTION_META } from '../src/services/election-service.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { ok, okValue } from '../src/model/result.ts';
import { toSignResponse } from '../src/server/act-signing.ts';
import type { SaylauServer } from '../src/server/app.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { append, MAX_LINE_BYTES, sealChain } from '../src/services/journal-append.ts';
import { registerKey, revokeKey } from '../src/services/key-service.ts';
import { journalActScope } from '../src/store/act-scope.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { StoreError } from '../src/store/store-error.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { otherSignature } from './fixtures/ed25519-other-signature.ts';
import { cecSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { bearer } from './server-harness.ts';
import { signingServer } from './signing-fixture.ts';
import { engines } from './store-engines.ts';

// What a stolen key, a replaying client or a dishonest operator can try against the journal's signatures, and how
// each is refused by `append` and the API, named by the integrity check and failed by `verify` (docs/keys.md).

const at = (time: string) => () => time;

/** A spelling of the same 64 signature bytes that a lenient decoder reads alike: another last character. */
function respelled(signature: string): string {
  const last = signature.at(-1) as string;
  return `${signature.slice(0, -1)}${last === 'A' ? 'B' : last === 'Q' ? 'R' : last === 'g' ? 'h' : 'x'}`;
}

describe('the spelling of times and signatures', () => {
  it('an instant is the journal’s one spelling of it in UTC; a day a lenient parser would roll over is not one', () => {
    expect(isUtcInstant('2023-03-19T20:00:00.000Z')).toBe(true);
    for (const text of [
      '2023-02-30T00:00:00.000Z',
      '2023-03-19T24:00:00.000Z',
      '2023-03-19T20:00:00Z',
      '2023-03-19T20:00:00.000+00:00',
      '2023-03-19T20:00:00.000',
      ' 2023-03-19T20:00:00.000Z',
    ])
      expect([text, isUtcInstant(text)]).toEqual([text, false]);
    // What a person types on the command line, in the journal's spelling; anything else refused, never guessed.
    expect(utcInstantOf('2023-03-19T21:00Z')).toBe('2023-03-19T21:00:00.000Z');
    expect(utcInstantOf('2023-03-19T21:00:05Z')).toBe('2023-03-19T21:00:05.000Z');
    expect(utcInstantOf('2023-03-19T21:00:05.250Z')).toBe('2023-03-19T21:00:05.250Z');
    for (const text of ['2023-03-19T21:00', '2023-03-19T21:00+05:00', '2023-02-29T21:00Z', '19.03.2023 21:00'])
      expect(() => utcInstantOf(text)).toThrow(expect.objectContaining({ code: 'KEY_VOID_FROM_INVALID' }) as Error);
  });

  it('a signature has one canonical spelling; the 15 others a decoder accepts are refused', () => {
    const key = generateSigningKey();
    for (let i = 0; i < 50; i++) {
      const signature = signDigest(createDigest(i), key);
      expect(isCanonicalSignature(signature)).toBe(true);
      expect(isCanonicalSignature(respelled(signature))).toBe(false);
      // The respelling decodes to the same bytes: exactly why it must be refused.
      expect(Buffer.from(respelled(signature), 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      expect(isCanonicalSignature(`${signature}=`)).toBe(false);
    }
  });
});

function createDigest(i: number): string {
  return i.toString(16).padStart(64, '0');
}

/** Journals `act` with `signature`, past `append` and its checks, as an operator with a database shell could. */
async function writtenPastAppend(store: Store, act: Act, signature: string): Promise<number> {
  return store.write(async (writer) => {
    const head = await writer.head();
    const [sealed] = sealChain([{ seq: head.seq + 1, ...act }], head.hash, [signature]);
    await writer.appendEvents([sealed as never]);
    return head.seq + 1;
  });
}

describe.each(engines().map((engine) => [engine.name, engine] as const))('key custody on %s', (_name, engine) => {
  const setUp = async () => {
    const { dataset, electionText } = tinyElection();
    const { store } = await engine.fresh();
    const keyring = createKeyring(dataset.election);
    await initWithKeyring({ store, electionText, keyring });
    return { store, keyring, election: dataset.election, protocols: dataset.protocols };
  };
  const verifyOf = async (store: Store, cec: SigningKey) => {
    const fixture = tinyElection();
    const out = join(mkdtempSync(join(tmpdir(), 'saylau-custody-bundle-')), 'bundle');
    await exportBundle({
      store,
      election: fixture.dataset.election,
      electionText: fixture.electionText,
      out,
      cec,
    });
    return verifyBundle(out, { trust: cec.fingerprint });
  };
  const integrityProblem = async (store: Store, definition: ReturnType<typeof tinyElection>['dataset']['election']) => {
    try {
      await checkIntegrity({ store, definition, full: true });
      return null;
    } catch (error) {
      if (error instanceof StoreError) return error.params;
      throw error;
    }
  };

  it('a revoked key signs nothing more, whatever time it claims; the integrity check and verify name a later act', async () => {
    const { store, keyring, election, protocols } = await setUp();
    try {
      const stolen = generateSigningKey();
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'importer-2', role: 'user', commission: null, publicKey: stolen.publicKey },
        }),
      );
      // voidFrom far in the future: a revocation by date alone would still let the key sign today.
      const revocation = okValue(
        await revokeKey({
          store,
          election,
          signer: cecSigner(keyring),
          fingerprint: stolen.fingerprint,
          reason: 'laptop stolen',
          voidFrom: '2099-01-01T00:00:00.000Z',
        }),
      );
      for (const time of ['2000-01-01T00:00:00.000Z', new Date().toISOString(), '2100-01-01T00:00:00.000Z']) {
        const refused = await ingestProtocols({
          store,
          election,
          documents: protocols.slice(0, 1),
          signer: keySigner(stolen, at(time)),
        });
        expect([time, refused.refusals[0]?.code]).toEqual([time, 'KEY_REVOKED']);
      }
      // A malformed voidFrom is refused by the service, not journaled.
      const other = generateSigningKey();
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'importer-3', role: 'user', commission: null, publicKey: other.publicKey },
        }),
      );
      for (const voidFrom of ['2023-02-30T00:00:00.000Z', '2023-03-19T21:00:00+05:00', 'yesterday'])
        expect(
          await revokeKey({
            store,
            election,
            signer: cecSigner(keyring),
            fingerprint: other.fingerprint,
            reason: 'x',
            voidFrom,
          }),
        ).toMatchObject({ ok: false, error: { code: 'KEY_VOID_FROM_INVALID' } });

      // The operator writes an act of the revoked key past append, back-dated to 2000: named, and verify fails.
      const act: Act = {
        type: 'protocol-accepted',
        actor: stolen.fingerprint,
        at: '2000-01-01T00:00:00.000Z',
        payload: { protocol: protocols[0], acknowledged: [], via: 'import', reason: null },
      };
      const seq = await writtenPastAppend(
        store,
        act,
        signDigest(actDigest(await journalActScope(store, election.event.id), act), stolen),
      );
      expect(await integrityProblem(store, election)).toMatchObject({
        seq,
        problem: 'signed by a key revoked earlier in the journal',
      });
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect(failed?.name).toBe('signers');
      expect(failed?.detail).toMatch(
        new RegExp(`line ${seq}: a protocol-accepted signed by a key revoked at line ${revocation.seq} `),
      );
    } finally {
      await store.close();
    }
  }, 60_000);

  it('an act whose time is not the journal’s spelling of an instant is refused; written past append, it fails verify', async () => {
    const { store, keyring, election, protocols } = await setUp();
    try {
      for (const time of ['2023-02-30T10:00:00.000Z', '2023-03-19T20:00:00Z', '2023-03-19T20:00:00.000+00:00']) {
        const refused = await ingestProtocols({
          store,
          election,
          documents: protocols.slice(0, 1),
          signer: importerSigner(keyring, at(time)),
        });
        expect([time, refused.refusals[0]?.code]).toEqual([time, 'ACT_TIME_INVALID']);
      }
      const importer = keyring.users.get('importer') as SigningKey;
      const act: Act = {
        type: 'protocol-accepted',
        actor: importer.fingerprint,
        at: '2023-02-30T10:00:00.000Z',
        payload: { protocol: protocols[0], acknowledged: [], via: 'import', reason: null },
      };
      const seq = await writtenPastAppend(
        store,
        act,
        signDigest(actDigest(await journalActScope(store, election.event.id), act), importer),
      );
      expect(await integrityProblem(store, election)).toMatchObject({ seq });
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signatures',
        expect.stringMatching(new RegExp(`line ${seq}: a protocol-accepted whose time is not an ISO instant`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('the same act under another spelling of its signature, or under a second valid signature, is refused', async () => {
    const { store, keyring, election, protocols } = await setUp();
    try {
      const importer = keyring.users.get('importer') as SigningKey;
      const time = '2023-03-19T20:00:00.000Z';
      expect(
        (
          await ingestProtocols({
            store,
            election,
            documents: protocols.slice(0, 1),
            signer: keySigner(importer, at(time)),
          })
        ).accepted,
      ).toBe(1);
      const [accepted] = await store.eventsAfter((await store.eventCount()) - 1, 1);
      const again = async (sign: (digest: string) => string) =>
        store.write(async (writer) => {
          const signer: ActSigner = {
            fingerprint: importer.fingerprint,
            at: at(time),
            sign: (_acts, digests) => Promise.resolve(ok(digests.map(sign))),
          };
          return append(writer, election.event.id, [
            { payload: { ...(accepted!.payload as object), type: accepted!.type } as never, signer },
          ]);
        });
      // Respelled: the same 64 bytes, another string.
      expect(await again((digest) => respelled(signDigest(digest, importer)))).toMatchObject({
        ok: false,
        error: { code: 'ACT_SIGNATURE_NOT_CANONICAL' },
      });
      // A second valid signature (another nonce) over the same act: a lookup by signature would not see it.
      const second = await again((digest) => otherSignature(digest, importer));
      expect(second).toMatchObject({ ok: false, error: { code: 'ACT_REPLAYED' } });
      expect(await store.eventCount()).toBe(accepted!.seq);

      // Written past append, each fails verify, naming the line.
      const write = async (signature: string) =>
        store.write(async (writer) => {
          const head = await writer.head();
          const [sealed] = sealChain(
            [{ seq: head.seq + 1, type: accepted!.type, actor: accepted!.actor, at: time, payload: accepted!.payload }],
            head.hash,
            [signature],
          );
          await writer.appendEvents([sealed as never]);
          return head.seq + 1;
        });
      const digest = actDigest(await journalActScope(store, election.event.id), accepted!);
      const replayedSeq = await write(otherSignature(digest, importer));
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signatures',
        expect.stringMatching(new RegExp(`line ${replayedSeq}: a protocol-accepted, the same act as an earlier entry`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a respelled signature written past append is named by the integrity check and fails verify', async () => {
    const { store, keyring, election, protocols } = await setUp();
    try {
      const importer = keyring.users.get('importer') as SigningKey;
      const act: Act = {
        type: 'protocol-accepted',
        actor: importer.fingerprint,
        at: '2023-03-19T20:00:00.000Z',
        payload: { protocol: protocols[0], acknowledged: [], via: 'import', reason: null },
      };
      const seq = await writtenPastAppend(
        store,
        act,
        respelled(signDigest(actDigest(await journalActScope(store, election.event.id), act), importer)),
      );
      expect(await integrityProblem(store, election)).toMatchObject({
        seq,
        problem: 'its signature is not canonical base64url',
      });
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signatures',
        expect.stringMatching(new RegExp(`line ${seq}: a protocol-accepted whose signature is not canonical`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('an act signed in a rehearsal’s journal is no act of the real night’s, though the election and keys are the same', async () => {
    const rehearsal = await setUp();
    const { store, keyring, election, protocols } = rehearsal;
    const night = (await engine.fresh()).store;
    try {
      await initWithKeyring({ store: night, electionText: tinyElection().electionText, keyring });
      const rehearsalScope = await journalActScope(store, election.event.id);
      const nightScope = await journalActScope(night, election.event.id);
      expect(rehearsalScope.journal).toMatch(/^[0-9a-f]{32}$/);
      expect(nightScope.journal).not.toBe(rehearsalScope.journal);
      // The importer's act, taken in the rehearsal.
      const time = '2023-03-19T20:00:00.000Z';
      await ingestProtocols({ store, election, documents: [protocols[0]], signer: importerSigner(keyring, at(time)) });
      const [taken] = await store.eventsAfter((await store.journalHead()).seq - 1, 1);
      const act: Act = { type: taken!.type, actor: taken!.actor, at: taken!.at, payload: taken!.payload };
      expect(taken).toMatchObject({ type: 'protocol-accepted', actor: keyring.users.get('importer')!.fingerprint });

      // Sent to the night's journal with its signature, as an operator who kept it would: refused, nothing written.
      const before = await night.journalHead();
      const replayed = await night.write((writer) =>
        append(writer, election.event.id, [
          {
            payload: { type: 'protocol-accepted', ...(act.payload as object) } as never,
            signer: { fingerprint: act.actor, at: () => act.at, sign: () => Promise.resolve(ok([taken!.signature])) },
          },
        ]),
      );
      expect(replayed).toMatchObject({ ok: false, error: { code: 'ACT_SIGNATURE_INVALID' } });
      expect(await night.journalHead()).toEqual(before);

      // Written past append: the integrity check names it, and verify fails on it.
      const seq = await writtenPastAppend(night, act, taken!.signature);
      expect(await integrityProblem(night, election)).toMatchObject({ seq });
      const failed = (await verifyOf(night, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signatures',
        expect.stringMatching(new RegExp(`line ${seq}: a protocol-accepted whose author's signature does not verify`)),
      ]);
      // The same signature over the same act, with the night's journal id, is what the importer would have to make.
      expect(actDigest(nightScope, act)).not.toBe(actDigest(rehearsalScope, act));
    } finally {
      await store.close();
      await night.close();
    }
  }, 60_000);

  it('a journal made before journals had ids signs saylau-act/1, bound to its election: checked and verified as before', async () => {
    const { dataset, electionText } = tinyElection();
    const election = dataset.election;
    const { store } = await engine.fresh();
    const keyring = createKeyring(election);
    const cec = cecSigner(keyring);
    try {
      // As `saylau init` made a journal before: the CEC's root registration names no journal.
      await store.migrate();
      await store.write(async (writer) => {
        const root = { type: 'key-registered' as const, holder: 'cec', role: 'central-commission' as const };
        const sha = createHash('sha256').update(electionText).digest('hex');
        const events = okValue(
          await append(
            writer,
            election.event.id,
            [
              {
                payload: { ...root, publicKey: keyring.cec.publicKey, fingerprint: keyring.cec.fingerprint },
                signer: cec,
              },
              {
                payload: { type: 'election-defined', electionId: election.event.id, electionSha256: sha },
                signer: cec,
              },
            ],
            { registering: [{ fingerprint: keyring.cec.fingerprint, publicKey: keyring.cec.publicKey }] },
          ),
        );
        await writer.setMeta(ELECTION_META, electionText);
        const state = emptyProjection();
        for (const event of events) applyEvent(state, event, election);
        await writer.putKeys([...state.keys.values()]);
      });
      const importer = keyring.users.get('importer') as SigningKey;
      okValue(
        await registerKey({
          store,
          election,
          signer: cec,
          key: { holder: 'importer', role: 'user', commission: null, publicKey: importer.publicKey },
        }),
      );
      // In batches of 3, so that the checking thread makes acts ahead in the old format too.
      await ingestProtocols({
        store,
        election,
        documents: dataset.protocols,
        signer: importerSigner(keyring),
        batchSize: 3,
      });
      const scope = await journalActScope(store, election.event.id);
      expect(scope).toEqual({ election: election.event.id });
      const events = await store.eventsAfter(0, 10_000);
      expect(events.filter((event) => event.type === 'protocol-accepted')).toHaveLength(dataset.protocols.length);
      for (const event of events) {
        const key = event.actor === importer.fingerprint ? importer : keyring.cec;
        expect(verifyDigest(actDigest(scope, event), event.signature, publicKeyObject(key.publicKey))).toBe(true);
      }
      expect(await integrityProblem(store, election)).toBeNull();
      expect((await verifyOf(store, keyring.cec)).filter((check) => !check.ok)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a journal id is the first entry’s alone: a later registration naming one is a defect of append, and fails verify', async () => {
    const { store, keyring, election } = await setUp();
    try {
      const other = generateSigningKey();
      const registration = {
        type: 'key-registered' as const,
        holder: 'importer-9',
        role: 'user' as const,
        publicKey: other.publicKey,
        fingerprint: other.fingerprint,
        commission: null,
        journal: 'cd'.repeat(16),
      };
      await expect(
        store.write((writer) =>
          append(writer, election.event.id, [{ payload: registration, signer: cecSigner(keyring) }]),
        ),
      ).rejects.toThrow(/a journal id outside the root registration/);
      const { type, ...payload } = registration;
      const act: Act = { type, actor: keyring.cec.fingerprint, at: '2023-03-19T20:00:00.000Z', payload };
      const seq = await writtenPastAppend(
        store,
        act,
        signDigest(actDigest(await journalActScope(store, election.event.id), act), keyring.cec),
      );
      expect(await integrityProblem(store, election)).toMatchObject({
        seq,
        problem: "a journal id outside the first entry's key registration",
      });
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signers',
        expect.stringMatching(new RegExp(`line ${seq}: a journal id in a key registration other than the first`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('an act whose journal line would pass 65,535 bytes is refused with its size; one just under is taken', async () => {
    const { store, keyring, election } = await setUp();
    try {
      const target = generateSigningKey();
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'importer-2', role: 'user', commission: null, publicKey: target.publicKey },
        }),
      );
      const before = await store.eventCount();
      const long = await revokeKey({
        store,
        election,
        signer: cecSigner(keyring),
        fingerprint: target.fingerprint,
        reason: 'x'.repeat(MAX_LINE_BYTES),
        voidFrom: '2023-03-19T21:00:00.000Z',
      });
      expect(long).toMatchObject({
        ok: false,
        error: { code: 'JOURNAL_LINE_TOO_LONG', params: { type: 'key-revoked', max: MAX_LINE_BYTES } },
      });
      expect(await store.eventCount()).toBe(before);
      // The line's other fields take under 1,000 bytes: a reason of 64,000 fits.
      okValue(
        await revokeKey({
          store,
          election,
          signer: cecSigner(keyring),
          fingerprint: target.fingerprint,
          reason: 'x'.repeat(64_000),
          voidFrom: '2023-03-19T21:00:00.000Z',
        }),
      );
    } finally {
      await store.close();
    }
  }, 60_000);

  it('verify checks each act against the key registered before it: a key registered later fails, naming the event', async () => {
    const { store, keyring, election, protocols } = await setUp();
    try {
      const late = generateSigningKey();
      // The operator journals an act of a key first, and registers the key after it.
      const act: Act = {
        type: 'protocol-accepted',
        actor: late.fingerprint,
        at: '2023-03-19T20:00:00.000Z',
        payload: { protocol: protocols[0], acknowledged: [], via: 'import', reason: null },
      };
      const seq = await writtenPastAppend(
        store,
        act,
        signDigest(actDigest(await journalActScope(store, election.event.id), act), late),
      );
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'importer-2', role: 'user', commission: null, publicKey: late.publicKey },
        }),
      );
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signers',
        expect.stringMatching(new RegExp(`line ${seq}: a protocol-accepted signed by a key not registered before it`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('an administrator registers no chair of the CEC, whose key would speak for the CEC; written past it, verify fails', async () => {
    const { store, keyring, election } = await setUp();
    try {
      const admin = generateSigningKey();
      okValue(
        await registerKey({
          store,
          election,
          signer: cecSigner(keyring),
          key: { holder: 'admin-1', role: 'administrator', commission: null, publicKey: admin.publicKey },
        }),
      );
      const territorial = election.commissions.find((commission) => commission.level === 'territorial')!.id;
      const chairOf = (commission: string) => ({
        holder: `chair-of-${commission}`,
        role: 'chair' as const,
        commission,
        publicKey: generateSigningKey().publicKey,
      });
      // A chair of a territorial commission: the administrator's to register.
      okValue(await registerKey({ store, election, signer: keySigner(admin), key: chairOf(territorial) }));
      const refused = await registerKey({ store, election, signer: keySigner(admin), key: chairOf('cec') });
      expect(refused).toMatchObject({ ok: false, error: { code: 'KEY_REGISTRATION_FORBIDDEN' } });

      // The operator writes the same registration past the service, signed by the administrator's key.
      const { publicKey } = chairOf('cec');
      const act: Act = {
        type: 'key-registered',
        actor: admin.fingerprint,
        at: '2023-03-19T20:00:00.000Z',
        payload: {
          holder: 'chair-of-cec',
          role: 'chair',
          commission: 'cec',
          publicKey,
          fingerprint: fingerprintOf(publicKey),
        },
      };
      const seq = await writtenPastAppend(
        store,
        act,
        signDigest(actDigest(await journalActScope(store, election.event.id), act), admin),
      );
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signers',
        expect.stringMatching(new RegExp(`line ${seq}: a chair key registered by a administrator key`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  /** The key a chair of the city's commission would hand over: the holder is the same whatever the key. */
  const chair = (publicKey: string) => ({
    holder: 'chair-1',
    role: 'chair' as const,
    commission: TINY.cityCommission,
    publicKey,
  });

  it('one live key per holder: a second is refused until the first is revoked; written past it, verify fails', async () => {
    const { store, keyring, election } = await setUp();
    try {
      const first = generateSigningKey();
      okValue(await registerKey({ store, election, signer: cecSigner(keyring), key: chair(first.publicKey) }));
      // Whoever registers it, a second key in the same name while the first is live would make two people of one.
      const second = generateSigningKey();
      const refused = await registerKey({ store, election, signer: cecSigner(keyring), key: chair(second.publicKey) });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'KEY_REPLACEMENT_NEEDS_REVOCATION',
          params: { user: 'chair-1', fingerprint: first.fingerprint },
          subject: 'keys',
        },
      });
      expect((await store.keys()).filter((key) => key.holder === 'chair-1')).toHaveLength(1);

      // Written past the service by an operator with the CEC's key file: verify names the line.
      const act: Act = {
        type: 'key-registered',
        actor: keyring.cec.fingerprint,
        at: '2023-03-19T20:00:00.000Z',
        payload: { ...chair(second.publicKey), fingerprint: second.fingerprint },
      };
      const seq = await writtenPastAppend(
        store,
        act,
        signDigest(actDigest(await journalActScope(store, election.event.id), act), keyring.cec),
      );
      const failed = (await verifyOf(store, keyring.cec)).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual([
        'signers',
        expect.stringMatching(new RegExp(`line ${seq}: a second key for chair-1, whose key registered at line \\d+`)),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('after the revocation of the live key, its replacement is registered and verify passes', async () => {
    const { store, keyring, election } = await setUp();
    try {
      const first = generateSigningKey();
      okValue(await registerKey({ store, election, signer: cecSigner(keyring), key: chair(first.publicKey) }));
      okValue(
        await revokeKey({
          store,
          election,
          signer: cecSigner(keyring),
          fingerprint: first.fingerprint,
          reason: 'laptop stolen',
          voidFrom: new Date().toISOString(),
        }),
      );
      const second = generateSigningKey();
      okValue(await registerKey({ store, election, signer: cecSigner(keyring), key: chair(second.publicKey) }));
      // A third, while the second is live, is refused again.
      const third = await registerKey({
        store,
        election,
        signer: cecSigner(keyring),
        key: chair(generateSigningKey().publicKey),
      });
      expect(third).toMatchObject({ ok: false, error: { params: { fingerprint: second.fingerprint } } });
      expect((await verifyOf(store, keyring.cec)).filter((check) => !check.ok)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe.each(engines())('signatures over HTTP on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;
  let keys: Map<string, SigningKey>;
  let token: string;
  const protocol = (): Protocol =>
    tinyElection().dataset.protocols.filter((p) => p.stationId === TINY.cityStations[0])[0]!;

  beforeAll(async () => {
    ({ server, store, keys } = await signingServer(engine, [
      { username: 'op-1', role: 'operator', commission: TINY.cityCommission, withKey: true },
    ]));
    token = await bearer(server, 'op-1');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  const call = (payload: unknown) =>
    server.app.inject({
      method: 'POST',
      url: '/api/protocols/entries',
      headers: { authorization: token },
      payload: payload as never,
    });

  it('a respelled signature is refused at the door, and nothing is written; the canonical one is taken', async () => {
    const key = keys.get('op-1')!;
    const first = await call({ protocol: protocol() });
    const acts = toSignResponse.parse(first.json()).toSign;
    const digest = actDigest(acts[0]!, acts[0]!);
    const signature = signDigest(digest, key);
    const before = (await store.journalHead()).seq;
    const respelledAnswer = await call({
      protocol: protocol(),
      signed: { at: acts[0]!.at, signatures: [respelled(signature)] },
    });
    expect([respelledAnswer.statusCode, respelledAnswer.json<{ error: { field: string } }>().error.field]).toEqual([
      422,
      'signed.signatures[0]',
    ]);
    expect((await store.journalHead()).seq).toBe(before);
    const done = await call({ protocol: protocol(), signed: { at: acts[0]!.at, signatures: [signature] } });
    expect(done.statusCode, done.body).toBe(200);
    expect((await store.journalHead()).seq).toBe(before + 1);
  });
});
