import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okValue } from '../src/model/result.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { buildServer, type SaylauServer } from '../src/server/app.ts';
import { witnessesResponse } from '../src/server/routes/witness-routes.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';
import { logKeyOf, newLogKeyText, type LogKey } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { MAX_WITNESSES, registerWitness } from '../src/services/witness-service.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import {
  decodeBase64Strict,
  decodeEntryBundle,
  encodeEntryBundle,
  openNote,
  TILE_WIDTH,
  tilePath,
} from '../src/tlog/index.ts';
import { actDigest, actScopeOf } from '../src/journal/act.ts';
import { eventHash, eventLine } from '../src/journal/event.ts';
import type { JournalEvent } from '../src/journal/events.ts';
import { generateSigningKey, signDigest } from '../src/journal/keys.ts';
import { checkEvidence } from '../src/witness/evidence.ts';
import { type LogClient, witnessOnce, type WitnessRun } from '../src/witness/follow.ts';
import { logKeyFromJournal, logVerifier } from '../src/witness/log-key.ts';
import { generateWitnessKey, parseWitnessKey, type WitnessKey, witnessVerifier } from '../src/witness/witness-key.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

// The server side of witnessing (docs/witness.md): registration by the CEC, cosignatures accepted only from
// registered witnesses and served with the checkpoint, the witnesses' status — and the operator who rebuilds the
// journal with one accepted protocol changed, whom a witness that cosigned before refuses.

const { dataset, electionText } = tinyElection();
const election = dataset.election;

/** The witness's view of a server: the same routes it would reach over HTTP, through Fastify's inject. */
function injectClient(server: SaylauServer): LogClient {
  return {
    url: 'inject://server',
    checkpoint: async () => (await server.app.inject({ method: 'GET', url: '/checkpoint' })).body,
    tile: async (path) => {
      const response = await server.app.inject({ method: 'GET', url: `/${path}` });
      return response.statusCode === 200 ? new Uint8Array(response.rawPayload) : null;
    },
    consistencyProof: async (from, to) => {
      const response = await server.app.inject({
        method: 'GET',
        url: `/api/log/proof/consistency?from=${from}&to=${to}`,
      });
      if (response.statusCode !== 200) return null;
      return response.json<{ proof: string[] }>().proof.map((hash) => decodeBase64Strict(hash) ?? new Uint8Array());
    },
    postCosignature: async (checkpoint, cosignature) => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/log/cosignatures',
        payload: { checkpoint, cosignature },
      });
      return { status: response.statusCode, body: response.body };
    },
  };
}

/** An election with its log, the protocols ingested (one of them with two parties' votes swapped when `rewritten`). */
async function election_(
  engineIndex: number,
  keyring: Keyring,
  logKey: LogKey,
  rewritten: boolean,
): Promise<{ store: Store; server: SaylauServer }> {
  const engine = engines()[engineIndex]!;
  const { store } = await engine.fresh();
  const log = new TransparencyLog(logKey);
  log.attach(store);
  okValue(await initWithKeyring({ store, electionText, keyring, logKey }));
  const documents = dataset.protocols.map((protocol, index): Protocol => {
    if (!rewritten || index !== 3) return protocol;
    const votes = { ...protocol.votes } as Record<string, number>;
    const [first, second] = Object.keys(votes);
    [votes[first!], votes[second!]] = [votes[second!]!, votes[first!]!];
    return { ...protocol, votes };
  });
  await ingestProtocols({ store, election, documents, signer: importerSigner(keyring) });
  const keysPath = join(mkdtempSync(join(tmpdir(), 'saylau-witness-keys-')), 'keys.json');
  const server = await buildServer({ store, election, keysPath, log });
  return { store, server };
}

function witnessKey(name: string): WitnessKey {
  return okValue(parseWitnessKey(generateWitnessKey(name).signerKeyText));
}

describe.each(engines().map((engine, index) => [engine.name, index] as const))('witnesses on %s', (_name, index) => {
  const keyring = createKeyring(election);
  const logKey = okValue(logKeyOf(okValue(newLogKeyText('saylau/witness-test')), 'memory'));
  let honest: { store: Store; server: SaylauServer };
  const osce = witnessKey('osce.example/odihr');
  const monitor = witnessKey('monitor.example/w1');
  const stranger = witnessKey('stranger.example/w');
  const folders = { osce: '', monitor: '', stranger: '' };
  const runOf = (key: WitnessKey, folder: string, server: SaylauServer): WitnessRun => ({
    client: injectClient(server),
    log: okValue(logVerifier(logKey.verifierKey)),
    logKey: logKey.verifierKey,
    key,
    stateFolder: folder,
  });

  beforeAll(async () => {
    honest = await election_(index, keyring, logKey, false);
    for (const [key, organisation] of [
      [osce, 'OSCE/ODIHR'],
      [monitor, 'Domestic monitor'],
    ] as const)
      okValue(
        await registerWitness({ store: honest.store, cec: keyring.cec, organisation, verifierKey: key.verifierKey }),
      );
    for (const name of Object.keys(folders) as (keyof typeof folders)[])
      folders[name] = mkdtempSync(join(tmpdir(), `saylau-witness-${name}-`));
  }, 60_000);

  afterAll(async () => {
    await honest?.server.close();
    await honest?.store.close();
  });

  it('accepts the cosignatures of registered witnesses and serves /checkpoint with them', async () => {
    const result = okValue(await witnessOnce(runOf(osce, folders.osce, honest.server)));
    expect(result.kind).toBe('cosigned');
    expect(result.kind === 'cosigned' && result.posted.status).toBe(200);
    okValue(await witnessOnce(runOf(monitor, folders.monitor, honest.server)));
    const served = (await honest.server.app.inject({ method: 'GET', url: '/checkpoint' })).body;
    const verifiers = [osce, monitor].map((key) => okValue(witnessVerifier(key.verifierKey)));
    const opened = okValue(openNote(served, verifiers));
    expect(opened.verified.map((signature) => signature.name).sort()).toEqual([
      'monitor.example/w1',
      'osce.example/odihr',
    ]);
    const status = witnessesResponse.parse(
      (await honest.server.app.inject({ method: 'GET', url: '/api/log/witnesses' })).json(),
    );
    expect(status.witnesses.map((witness) => [witness.organisation, witness.behind])).toEqual([
      ['OSCE/ODIHR', 0],
      ['Domestic monitor', 0],
    ]);
  });

  it('finds the log key the CEC endorsed in the journal, trusting only the CEC fingerprint', async () => {
    const size = (await honest.store.latestCheckpoint())!.size;
    const client = injectClient(honest.server);
    expect(okValue(await logKeyFromJournal(client, keyring.cec.fingerprint, logKey.origin, size))).toBe(
      logKey.verifierKey,
    );
    const other = await logKeyFromJournal(client, '0'.repeat(64), logKey.origin, size);
    expect(other.ok ? other.value : other.error.code).toBe('WITNESS_LOG_KEY_UNKNOWN');
    const wrongOrigin = await logKeyFromJournal(client, keyring.cec.fingerprint, 'saylau/another', size);
    expect(wrongOrigin.ok ? wrongOrigin.value : wrongOrigin.error.code).toBe('WITNESS_LOG_KEY_UNKNOWN');
  });

  it("refuses a journal whose first entry pairs the pinned fingerprint with a key of the server's making", async () => {
    // A hostile server keeps the CEC's fingerprint in the root entry but puts its own public key beside it, and
    // signs the root, the election and the log key's endorsement with that key over the act digests.
    const size = (await honest.store.latestCheckpoint())!.size;
    const client = injectClient(honest.server);
    const width = Math.min(TILE_WIDTH, size);
    const path = tilePath({ level: 'entries', index: 0, width });
    const real = okValue(decodeEntryBundle((await client.tile(path))!, width, path));
    const events = real.map((entry) => JSON.parse(new TextDecoder().decode(entry)) as JournalEvent);
    const forger = generateSigningKey();
    const cecFingerprint = keyring.cec.fingerprint;
    const electionId = events.find((event) => event.type === 'election-defined')!.payload as { electionId: string };
    const forged = events.map((event) => {
      const changed: JournalEvent =
        event.type === 'key-registered' && event.seq === 1
          ? { ...event, payload: { ...event.payload, publicKey: forger.publicKey } }
          : event;
      if (changed.actor !== cecFingerprint) return changed;
      const hash = eventHash(changed);
      const signature = signDigest(actDigest(actScopeOf(electionId.electionId, events[0]), changed), forger);
      return { ...changed, hash, signature };
    });
    const bundle = okValue(encodeEntryBundle(forged.map((event) => new TextEncoder().encode(eventLine(event)))));
    const hostile = { ...client, tile: async (at: string) => (at === path ? bundle : client.tile(at)) };
    const found = await logKeyFromJournal(hostile, cecFingerprint, logKey.origin, size);
    expect(found.ok ? found.value : found.error.code).toBe('WITNESS_LOG_KEY_UNKNOWN');
    // The same journal with the real key still answers: the refusal is the key's, not the bundle's making.
    const honestAgain = await logKeyFromJournal(
      { ...client, tile: async (at: string) => (at === path ? okValue(encodeEntryBundle(real)) : client.tile(at)) },
      cecFingerprint,
      logKey.origin,
      size,
    );
    expect(okValue(honestAgain)).toBe(logKey.verifierKey);
  });

  it('refuses a cosignature from a key the CEC did not register, a forged one, and one of a checkpoint never signed', async () => {
    const refused = await witnessOnce(runOf(stranger, folders.stranger, honest.server));
    expect(refused.ok && refused.value.kind === 'cosigned' && refused.value.posted.status).toBe(403);
    expect(refused.ok && refused.value.kind === 'cosigned' && refused.value.posted.body).toContain(
      'COSIGNATURE_UNKNOWN_WITNESS',
    );
    const checkpoint = (await honest.store.latestCheckpoint())!.note;
    // The OSCE's line with one byte of the signature changed.
    const real = (await honest.store.cosignaturesOf((await honest.store.latestCheckpoint())!.size)).find(
      (row) => row.name === 'osce.example/odihr',
    )!.line;
    const bytes = Buffer.from(real.split(' ')[2]!, 'base64');
    bytes[20] = bytes[20]! ^ 1;
    const forged = await honest.server.app.inject({
      method: 'POST',
      url: '/api/log/cosignatures',
      payload: { checkpoint, cosignature: `— osce.example/odihr ${bytes.toString('base64')}` },
    });
    expect(forged.statusCode).toBe(422);
    expect(forged.json()).toMatchObject({ error: { code: 'COSIGNATURE_INVALID' } });
    const other = checkpoint.replace(/\n[0-9]+\n/, '\n999999\n');
    const unsigned = await honest.server.app.inject({
      method: 'POST',
      url: '/api/log/cosignatures',
      payload: { checkpoint: other, cosignature: real },
    });
    expect(unsigned.statusCode).toBe(404);
    expect(unsigned.json()).toMatchObject({ error: { code: 'COSIGNATURE_NO_CHECKPOINT' } });
  });

  it('shows how far behind a witness is once the log grows', async () => {
    okValue(
      await registerWitness({
        store: honest.store,
        cec: keyring.cec,
        organisation: 'Party proxies',
        verifierKey: stranger.verifierKey,
      }),
    );
    const status = witnessesResponse.parse(
      (await honest.server.app.inject({ method: 'GET', url: '/api/log/witnesses' })).json(),
    );
    expect(status.witnesses.map((witness) => witness.behind)).toEqual([1, 1, null]);
    okValue(await witnessOnce(runOf(osce, folders.osce, honest.server)));
    const after = witnessesResponse.parse(
      (await honest.server.app.inject({ method: 'GET', url: '/api/log/witnesses' })).json(),
    );
    expect(after.witnesses.map((witness) => witness.behind)).toEqual([0, 1, null]);
  });

  it('the operator rebuilds the journal with an accepted protocol changed and signs new checkpoints: the witness refuses, and its evidence convinces a third party', async () => {
    const rebuilt = await election_(index, keyring, logKey, true);
    try {
      // The rebuilt log registers the same witnesses, so that the server would take their cosignatures.
      for (const [key, organisation] of [
        [osce, 'OSCE/ODIHR'],
        [monitor, 'Domestic monitor'],
        [stranger, 'Party proxies'],
      ] as const)
        okValue(
          await registerWitness({ store: rebuilt.store, cec: keyring.cec, organisation, verifierKey: key.verifierKey }),
        );
      const refused = await witnessOnce(runOf(osce, folders.osce, rebuilt.server));
      expect(refused.ok ? refused.value.kind : refused.error.code).toBe('WITNESS_REFUSED_INCONSISTENT');
      expect(await rebuilt.store.cosignaturesOf((await rebuilt.store.latestCheckpoint())!.size)).toEqual([]);
      const evidence = readdirSync(folders.osce).find((name) => name.startsWith('evidence-'))!;
      const finding = okValue(checkEvidence(join(folders.osce, evidence), logKey.verifierKey));
      expect(finding.proved).toBe(true);
      expect(finding.kind).toMatch(/^(fork|inconsistent)$/);

      // A split view: the party proxies' witness, new to the log, is shown the rebuilt journal and cosigns it; the
      // OSCE's cosigned the honest one. Their checkpoints meet in verify.
      okValue(await witnessOnce(runOf(stranger, mkdtempSync(join(tmpdir(), 'saylau-witness-split-')), rebuilt.server)));
      okValue(await witnessOnce(runOf(monitor, folders.monitor, honest.server)));
      const bundle = mkdtempSync(join(tmpdir(), 'saylau-witness-bundle-'));
      await exportBundle({ store: honest.store, election, electionText, out: join(bundle, 'b'), cec: keyring.cec });
      const size = (await honest.store.latestCheckpoint())!.size;
      expect((await rebuilt.store.latestCheckpoint())!.size).toBe(size);
      const served = async (server: SaylauServer, file: string): Promise<string> => {
        const path = join(bundle, file);
        writeFileSync(path, (await server.app.inject({ method: 'GET', url: `/api/log/checkpoints/${size}` })).body);
        return path;
      };
      const honestFile = await served(honest.server, 'honest.checkpoint');
      const splitFile = await served(rebuilt.server, 'split.checkpoint');
      const keys = [osce, monitor, stranger].map((key) => key.verifierKey);
      // The honest checkpoint alone: the OSCE's and the monitor's cosignatures make a quorum of 2 of 3, not of 3.
      const two = await verifyBundle(join(bundle, 'b'), {
        checkpoints: [honestFile],
        witnesses: { keys, quorum: 2 },
      });
      expect(two.at(-1)).toMatchObject({ name: 'witnesses', ok: true });
      const three = await verifyBundle(join(bundle, 'b'), {
        checkpoints: [honestFile],
        witnesses: { keys, quorum: 3 },
      });
      expect(three.at(-1)).toMatchObject({ name: 'witnesses', ok: false });
      // Both: the split view is named, with who cosigned each side.
      const split = await verifyBundle(join(bundle, 'b'), {
        checkpoints: [honestFile, splitFile],
        witnesses: { keys, quorum: 1 },
      });
      const last = split.at(-1)!;
      expect(last).toMatchObject({ name: 'witnesses', ok: false });
      expect(last.detail).toContain('split view');
      expect(last.detail).toContain('stranger.example/w');
      expect(last.detail).toContain('osce.example/odihr');
      // The rebuilt checkpoint alone: the checkpoint check names the first entry where it parts from the journal.
      const alone = await verifyBundle(join(bundle, 'b'), {
        checkpoints: [splitFile],
        witnesses: { keys, quorum: 1 },
      });
      expect(alone.at(-1)).toMatchObject({ name: 'checkpoint', ok: false });
      // An earlier checkpoint of the rebuilt log: no other of its size, but its root is not the journal's prefix.
      const earlier = join(bundle, 'earlier.checkpoint');
      writeFileSync(earlier, (await rebuilt.store.checkpointAt(size - 1))!.note);
      const prefix = await verifyBundle(join(bundle, 'b'), {
        checkpoints: [earlier, honestFile],
        witnesses: { keys, quorum: 0 },
      });
      expect(prefix.at(-1)).toMatchObject({ name: 'witnesses', ok: false });
      expect(prefix.at(-1)!.detail).toContain(`the first ${size - 1} entries of journal.ndjson hash to another root`);
    } finally {
      await rebuilt.server.close();
      await rebuilt.store.close();
    }
  });
});

describe('the number of witnesses', () => {
  it('a 100th witness is refused: the checkpoint would carry more signatures than a signed note holds', async () => {
    const [engine] = engines();
    const { dataset, electionText } = tinyElection();
    const { store } = await engine!.fresh();
    const keyring = createKeyring(dataset.election);
    await initWithKeyring({ store, electionText, keyring });
    try {
      for (let index = 1; index <= MAX_WITNESSES; index += 1)
        okValue(
          await registerWitness({
            store,
            cec: keyring.cec,
            organisation: `Observers ${index}`,
            verifierKey: generateWitnessKey(`w${index}.example/w`).verifierKey,
          }),
        );
      const head = (await store.journalHead()).seq;
      const refused = await registerWitness({
        store,
        cec: keyring.cec,
        organisation: 'One too many',
        verifierKey: generateWitnessKey('w100.example/w').verifierKey,
      });
      expect(refused).toEqual({ ok: false, error: { code: 'WITNESS_LIMIT_REACHED', params: { limit: 99 } } });
      expect((await store.journalHead()).seq).toBe(head);
    } finally {
      await store.close();
    }
  }, 60_000);
});
