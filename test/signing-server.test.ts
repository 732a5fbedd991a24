import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actDigest, keySigner } from '../src/journal/act.ts';
import { journalActScope } from '../src/store/act-scope.ts';
import { registerDemoBrowserKeys } from '../src/cli/demo-browser-keys.ts';
import { currentKeyOf } from '../src/services/key-enrolment-service.ts';
import { generateSigningKey, signDigest, type SigningKey } from '../src/journal/keys.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { PresignedSigner, toSignResponse, type ActToSign } from '../src/server/act-signing.ts';
import { ImportQueue } from '../src/server/import-queue.ts';
import type { SaylauServer } from '../src/server/app.ts';
import type { Store } from '../src/store/store.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { bearer } from './server-harness.ts';
import { signedInject, signingServer } from './signing-fixture.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { engines } from './store-engines.ts';

// Two-phase signing of acts over HTTP (docs/server.md, "Signing in the client"), on every store engine.
const ACCOUNTS = [
  { username: 'admin', role: 'administrator', commission: null, withKey: true },
  { username: 'op-1', role: 'operator', commission: TINY.cityCommission, withKey: true },
  { username: 'op-2', role: 'operator', commission: TINY.cityCommission, withKey: true },
  { username: 'op-new', role: 'operator', commission: TINY.cityCommission, withKey: false },
  { username: 'demo-op', role: 'operator', commission: TINY.cityCommission, withKey: true },
  { username: 'cec-chair', role: 'chair', commission: 'cec', withKey: true },
] as const;

describe.each(engines())('signing in the client on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;
  let keys: Map<string, SigningKey>;
  let cec: SigningKey;
  const election = tinyElection().dataset.election;
  const tokens = new Map<string, string>();
  const protocolAt = (index: number): Protocol =>
    tinyElection().dataset.protocols.filter((p) => p.stationId === TINY.cityStations[0])[index]!;

  const call = async (url: string, user: string, payload: unknown) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { authorization: tokens.get(user)! },
      payload: payload as never,
    });
  const head = async () => (await store.journalHead()).seq;

  /** Phase 1: the acts to sign, checked against the schema the OpenAPI document publishes. */
  const prepare = async (url: string, user: string, body: Record<string, unknown>): Promise<ActToSign[]> => {
    const before = await head();
    const response = await call(url, user, body);
    expect(response.statusCode, response.body).toBe(200);
    expect(await head(), 'phase 1 writes nothing').toBe(before);
    return toSignResponse.parse(response.json()).toSign;
  };
  /** What a client does: the digest computed from the act itself, never taken from the server, signed with its key. */
  const sign = (acts: readonly ActToSign[], key: SigningKey) => ({
    at: acts[0]!.at,
    signatures: acts.map((act) => signDigest(actDigest(act, act), key)),
  });

  beforeAll(async () => {
    ({ server, store, keys, cec } = await signingServer(engine, ACCOUNTS));
    for (const { username } of ACCOUNTS) tokens.set(username, await bearer(server, username));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('phase 1 gives the act; phase 2 journals it with the author’s own signature, and a replay is refused', async () => {
    const protocol = protocolAt(0);
    const acts = await prepare('/api/protocols/entries', 'op-1', { protocol });
    expect(acts).toHaveLength(1);
    const act = acts[0]!;
    expect(act).toMatchObject({
      election: election.event.id,
      type: 'protocol-entered',
      actor: keys.get('op-1')!.fingerprint,
    });
    expect((act.payload as { protocol: Protocol }).protocol.votes).toEqual(protocol.votes);
    expect(act.digest).toBe(actDigest(await journalActScope(store, election.event.id), act));

    const signed = sign(acts, keys.get('op-1')!);
    const before = await head();
    const done = await call('/api/protocols/entries', 'op-1', { protocol, signed });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ decision: 'entered', entry: 1 });
    expect(await head()).toBe(before + 1);
    const [event] = await store.eventsAfter(before, 1);
    expect(event).toMatchObject({
      type: 'protocol-entered',
      actor: keys.get('op-1')!.fingerprint,
      at: signed.at,
      signature: signed.signatures[0],
    });

    // The same signed request again: refused, nothing written.
    const replay = await call('/api/protocols/entries', 'op-1', { protocol, signed });
    expect(replay.statusCode).toBeGreaterThanOrEqual(400);
    expect(replay.statusCode).toBeLessThan(500);
    expect(await head()).toBe(before + 1);
  });

  it('a payload changed after its author signed it is refused with the act to sign now, and nothing is written', async () => {
    const protocol = protocolAt(1);
    const acts = await prepare('/api/protocols/entries', 'op-1', { protocol });
    const signed = sign(acts, keys.get('op-1')!);
    // The request the server receives holds other figures than those signed (a proxy, a server, a script changed it).
    const changed: Protocol = {
      ...protocol,
      lines: { ...protocol.lines, invalid: protocol.lines.invalid + 1, againstAll: protocol.lines.againstAll - 1 },
    };
    const before = await head();
    const refused = await call('/api/protocols/entries', 'op-1', { protocol: changed, signed });
    expect(refused.statusCode, refused.body).toBe(409);
    const error = refused.json<{ error: { code: string; toSign: ActToSign[] } }>().error;
    expect(error.code).toBe('ACT_SIGNATURE_MISMATCH');
    expect((error.toSign[0]!.payload as { protocol: Protocol }).protocol.lines.invalid).toBe(changed.lines.invalid);
    expect(await head()).toBe(before);
  });

  it('imports waiting together share one commit, each journaled with its own signatures, even from one key', async () => {
    // Straight to the queue, so that the last three surely wait together while the first is written.
    let writes = 0;
    const counted: Store = Object.assign(Object.create(store) as Store, {
      write: <T>(work: Parameters<Store['write']>[0]) => {
        writes += 1;
        return store.write(work) as Promise<T>;
      },
    });
    const queue = new ImportQueue(counted, () => election);
    const admin = keys.get('admin')!;
    const at = new Date().toISOString();
    const protocols = tinyElection().dataset.protocols.filter((p) => p.stationId === TINY.districtStations[1]);
    const before = await head();
    const scope = await journalActScope(store, election.event.id);
    const outcomes = await Promise.all(
      protocols.slice(0, 4).map((protocol, index) => {
        const payload = { protocol, acknowledged: [], via: 'import', reason: null };
        const act = { type: 'protocol-accepted', actor: admin.fingerprint, at, payload };
        // The third request's signature covers another act: it alone is refused.
        const signed = index === 2 ? { ...act, at: '2023-03-19T00:00:00.000Z' } : act;
        const signatures = [signDigest(actDigest(scope, signed), admin)];
        const signer = new PresignedSigner(admin.fingerprint, admin.publicKey, scope, { at, signatures });
        return queue.submit([protocol], signer);
      }),
    );
    expect(outcomes.map((outcome) => [outcome.accepted, outcome.refused])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(outcomes[2]?.refusals[0]?.code).toBe('ACT_SIGNATURE_MISMATCH');
    expect(await head()).toBe(before + 3);
    expect(writes).toBe(2);
  });

  it('another person’s signature, a key never registered, a stale time: each refused, nothing written', async () => {
    const protocol = protocolAt(2);
    const acts = await prepare('/api/protocols/entries', 'op-2', { protocol });
    const before = await head();
    // op-2's act, signed by op-1 (a stolen session of op-2 cannot sign as op-2 without op-2's key).
    const foreign = await call('/api/protocols/entries', 'op-2', { protocol, signed: sign(acts, keys.get('op-1')!) });
    expect(foreign.statusCode).toBe(409);
    // op-2's own signature sent by op-1's session: the act op-1 would make names op-1, so it is another act.
    const borrowed = await call('/api/protocols/entries', 'op-1', { protocol, signed: sign(acts, keys.get('op-2')!) });
    expect(borrowed.statusCode).toBe(409);
    // A fresh key no authority registered.
    const stranger = generateSigningKey();
    const unregistered = await call('/api/protocols/entries', 'op-2', { protocol, signed: sign(acts, stranger) });
    expect(unregistered.statusCode).toBe(409);
    // A signature made long ago (or on a computer whose clock is wrong).
    const old = { ...acts[0]!, at: new Date(Date.now() - 3_600_000).toISOString() };
    const stale = await call('/api/protocols/entries', 'op-2', { protocol, signed: sign([old], keys.get('op-2')!) });
    expect(stale.statusCode).toBe(422);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('ACT_TIME_SKEW');
    // An account whose key waits, or was never sent: refused before anything runs.
    const waiting = await call('/api/protocols/entries', 'op-new', { protocol });
    expect(waiting.statusCode).toBe(403);
    expect(waiting.json<{ error: { code: string } }>().error.code).toBe('KEY_NONE_REGISTERED');
    expect(await head()).toBe(before);
    // The right signature still works afterwards.
    const done = await call('/api/protocols/entries', 'op-2', { protocol, signed: sign(acts, keys.get('op-2')!) });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('a key made by the person waits, is registered by an administrator’s signed act, then signs', async () => {
    const key = generateSigningKey();
    const sent = await call('/api/me/key', 'op-new', { publicKey: key.publicKey });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ registered: null, pending: { fingerprint: key.fingerprint } });
    // A waiting key signs nothing.
    const protocol = protocolAt(3);
    expect((await call('/api/protocols/entries', 'op-new', { protocol })).statusCode).toBe(403);

    const list = await server.app.inject({
      method: 'GET',
      url: '/api/keys/pending',
      headers: { authorization: tokens.get('admin')! },
    });
    expect(list.json()).toMatchObject({
      pending: [{ username: 'op-new', fingerprint: key.fingerprint, role: 'operator' }],
    });
    // Not an administrator: refused before the body is read.
    expect(
      (await call('/api/keys/registrations', 'op-1', { username: 'op-new', fingerprint: key.fingerprint })).statusCode,
    ).toBe(403);
    // A fingerprint other than the waiting key's (the person made another meanwhile): refused.
    const wrong = await call('/api/keys/registrations', 'admin', { username: 'op-new', fingerprint: 'a'.repeat(64) });
    expect(wrong.statusCode).toBe(409);

    const body = { username: 'op-new', fingerprint: key.fingerprint };
    const acts = await prepare('/api/keys/registrations', 'admin', body);
    expect(acts[0]).toMatchObject({ type: 'key-registered', actor: keys.get('admin')!.fingerprint });
    expect(acts[0]!.payload).toMatchObject({
      holder: 'op-new',
      fingerprint: key.fingerprint,
      publicKey: key.publicKey,
    });
    const registered = await call('/api/keys/registrations', 'admin', {
      ...body,
      signed: sign(acts, keys.get('admin')!),
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const mine = await server.app.inject({
      method: 'GET',
      url: '/api/me/key',
      headers: { authorization: tokens.get('op-new')! },
    });
    expect(mine.json()).toMatchObject({ registered: { fingerprint: key.fingerprint }, pending: null });

    const entryActs = await prepare('/api/protocols/entries', 'op-new', { protocol });
    expect(entryActs[0]!.actor).toBe(key.fingerprint);
    const entered = await call('/api/protocols/entries', 'op-new', { protocol, signed: sign(entryActs, key) });
    expect(entered.statusCode, entered.body).toBe(200);
  });

  it('the demo, playing the CEC, registers its accounts’ browser keys, revoking a key file the browser does not hold', async () => {
    const old = keys.get('demo-op')!;
    const key = generateSigningKey();
    expect((await call('/api/me/key', 'demo-op', { publicKey: key.publicKey })).statusCode).toBe(200);
    const demo = registerDemoBrowserKeys({
      store,
      election,
      cec: keySigner(cec),
      usernames: ['demo-op'],
      intervalMs: 20,
    });
    try {
      for (let tries = 0; tries < 500; tries++) {
        if ((await currentKeyOf(store, 'demo-op'))?.fingerprint === key.fingerprint) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await demo.stop();
    }
    expect((await currentKeyOf(store, 'demo-op'))?.fingerprint).toBe(key.fingerprint);
    expect((await store.decisions()).revoked.has(old.fingerprint)).toBe(true);
    // The browser's key signs now (through the helper older tests use); the key file's no longer does.
    const request = {
      method: 'POST' as const,
      url: '/api/protocols/entries',
      headers: { authorization: tokens.get('demo-op')! },
      payload: { protocol: protocolAt(4) },
    };
    expect((await signedInject(server, request, old)).statusCode).toBe(409);
    const entered = await signedInject(server, request, key);
    expect(entered.statusCode, entered.body).toBe(200);
    // Someone else's waiting key is not the demo's to register.
    expect((await call('/api/me/key', 'op-1', { publicKey: generateSigningKey().publicKey })).statusCode).toBe(200);
    expect((await currentKeyOf(store, 'op-1'))?.fingerprint).toBe(keys.get('op-1')!.fingerprint);
  });

  it('a commission’s decision is signed by its chair’s own key in two phases, and journaled as the chair’s act', async () => {
    // Every protocol counted (imported by the CEC), so that the approval is due.
    await ingestProtocols({ store, election, documents: tinyElection().dataset.protocols, signer: keySigner(cec) });
    const body = { contestId: TINY.majilisList };
    const acts = await prepare('/api/decisions/approvals', 'cec-chair', body);
    expect(acts[0]).toMatchObject({ type: 'summary-approved', actor: keys.get('cec-chair')!.fingerprint });
    const before = await head();
    const done = await call('/api/decisions/approvals', 'cec-chair', {
      ...body,
      signed: sign(acts, keys.get('cec-chair')!),
    });
    expect(done.statusCode, done.body).toBe(200);
    const [event] = await store.eventsAfter(before, 1);
    expect(event).toMatchObject({ type: 'summary-approved', actor: keys.get('cec-chair')!.fingerprint });
  });
});
