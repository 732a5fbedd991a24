import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okValue } from '../src/model/result.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import {
  acceptCosignature,
  cosignedCheckpoint,
  deregisterWitness,
  registeredWitnesses,
  registerWitness,
  witnessStatuses,
} from '../src/services/witness-service.ts';
import { createKeyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { parseNote } from '../src/tlog/index.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { cosignLine } from '../src/witness/follow.ts';
import { generateWitnessKey, parseWitnessKey, type WitnessKey } from '../src/witness/witness-key.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { appendSigned, initWithKeyring } from './fixtures/test-keys.ts';
import { engines } from './store-engines.ts';

// Deregistering a witness (docs/witness.md, "Deregistering a witness"): by the CEC, with a reason, in the journal.

const { dataset, electionText } = tinyElection();
const election = dataset.election;
const witnessKey = (name: string): WitnessKey => okValue(parseWitnessKey(generateWitnessKey(name).signerKeyText));

/** The same public key under another name: `<name>+<key id>+<key>`, the key id a hash of name and key (signed-note). */
function renamed(verifierKey: string, name: string): string {
  const key = verifierKey.split('+').slice(2).join('+');
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from(key, 'base64')]))
    .digest()
    .subarray(0, 4)
    .toString('hex');
  return `${name}+${id}+${key}`;
}

async function loggedElection(store: Store) {
  const keyring = createKeyring(election);
  const logKey = okValue(logKeyOf(okValue(newLogKeyText('saylau/deregistration-test')), 'memory'));
  new TransparencyLog(logKey).attach(store);
  okValue(await initWithKeyring({ store, electionText, keyring, logKey }));
  return keyring;
}

/** A witness's cosignature of the log's latest checkpoint, as `saylau witness` posts it. */
async function cosign(store: Store, key: WitnessKey) {
  const note = (await store.latestCheckpoint())!.note;
  const { line } = cosignLine(key, okValue(parseNote(note)).text, () => Math.floor(Date.now() / 1000));
  return acceptCosignature({ store, checkpoint: note, cosignature: line });
}

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'deregistering a witness on %s',
  (_n, engine) => {
    it('the CEC deregisters with a reason: its cosignatures are refused from then on, the site lists it no more', async () => {
      const { store } = await engine.fresh();
      try {
        const keyring = await loggedElection(store);
        const osce = witnessKey('osce.example/odihr');
        const monitor = witnessKey('monitor.example/w1');
        for (const [key, organisation] of [
          [osce, 'OSCE/ODIHR'],
          [monitor, 'Domestic monitor'],
        ] as const)
          okValue(await registerWitness({ store, cec: keyring.cec, organisation, verifierKey: key.verifierKey }));
        expect(okValue(await cosign(store, osce)).stored).toBe(true);
        expect(okValue(await cosign(store, monitor)).stored).toBe(true);
        const cosignedSize = (await store.latestCheckpoint())!;

        const head = (await store.journalHead()).seq;
        // Only the CEC deregisters; a key that is no witness's is refused; a reason is required. Nothing is journaled.
        const admin = keyring.commissions.values().next().value!;
        expect(
          await deregisterWitness({ store, cec: admin, verifierKey: osce.verifierKey, reason: 'stolen' }),
        ).toMatchObject({ ok: false, error: { code: 'KEY_NOT_AUTHORISED' } });
        const stranger = generateWitnessKey('stranger.example/w').verifierKey;
        expect(await deregisterWitness({ store, cec: keyring.cec, verifierKey: stranger, reason: 'x' })).toMatchObject({
          ok: false,
          error: { code: 'WITNESS_NOT_REGISTERED' },
        });
        expect(
          await deregisterWitness({ store, cec: keyring.cec, verifierKey: osce.verifierKey, reason: '  ' }),
        ).toMatchObject({ ok: false, error: { code: 'INPUT_EMPTY' } });
        expect((await store.journalHead()).seq).toBe(head);

        const done = okValue(
          await deregisterWitness({
            store,
            cec: keyring.cec,
            verifierKey: osce.verifierKey,
            reason: 'the mission withdrew',
          }),
        );
        expect(done).toEqual({ name: 'osce.example/odihr', seq: head + 1 });
        const [event] = await store.eventsOfType('witness-deregistered');
        expect(event?.payload).toEqual({ verifierKey: osce.verifierKey, reason: 'the mission withdrew' });
        expect((await registeredWitnesses(store)).map((witness) => witness.name)).toEqual(['monitor.example/w1']);
        expect((await witnessStatuses(store)).witnesses.map((witness) => witness.name)).toEqual(['monitor.example/w1']);
        expect(await cosign(store, osce)).toMatchObject({ ok: false, error: { code: 'COSIGNATURE_UNKNOWN_WITNESS' } });
        expect(okValue(await cosign(store, monitor)).stored).toBe(true);
        // The checkpoint both cosigned is served with the current witness's cosignature only.
        const served = await cosignedCheckpoint(store, cosignedSize.note, cosignedSize.size);
        expect(served).toContain(`\u2014 monitor.example/w1 `);
        expect(served).not.toContain(`\u2014 osce.example/odihr `);

        // Once only; and the key is never registered again, while a new key of the same name may be.
        expect(
          await deregisterWitness({ store, cec: keyring.cec, verifierKey: osce.verifierKey, reason: 'again' }),
        ).toMatchObject({ ok: false, error: { code: 'WITNESS_NOT_REGISTERED' } });
        expect(
          await registerWitness({ store, cec: keyring.cec, organisation: 'OSCE/ODIHR', verifierKey: osce.verifierKey }),
        ).toMatchObject({ ok: false, error: { code: 'WITNESS_ALREADY_REGISTERED' } });
        // Nor under another name: the same public key is the same key.
        expect(
          await registerWitness({
            store,
            cec: keyring.cec,
            organisation: 'OSCE/ODIHR',
            verifierKey: renamed(osce.verifierKey, 'osce.example/renamed'),
          }),
        ).toMatchObject({ ok: false, error: { code: 'WITNESS_ALREADY_REGISTERED' } });
        const replacement = witnessKey('osce.example/odihr');
        okValue(
          await registerWitness({
            store,
            cec: keyring.cec,
            organisation: 'OSCE/ODIHR',
            verifierKey: replacement.verifierKey,
          }),
        );
        expect(okValue(await cosign(store, replacement)).stored).toBe(true);
        expect(okValue(await cosign(store, monitor)).stored).toBe(true);

        // `verify` passes the journal with all of it. A deregistered key an observer still names counts for nothing.
        const out = join(mkdtempSync(join(tmpdir(), 'saylau-deregistration-')), 'bundle');
        await exportBundle({ store, election, electionText, out, cec: keyring.cec });
        // The checkpoint as the server serves it, with its cosignatures, as an observer keeps it.
        const latest = (await store.latestCheckpoint())!;
        const kept = join(out, '..', 'checkpoint');
        writeFileSync(kept, await cosignedCheckpoint(store, latest.note, latest.size));
        const witnessed = (quorum: number) =>
          verifyBundle(out, {
            checkpoints: [kept],
            witnesses: { keys: [osce.verifierKey, monitor.verifierKey], quorum },
          });
        const checks = await witnessed(1);
        expect(checks.filter((check) => !check.ok)).toEqual([]);
        expect(checks.find((check) => check.name === 'witnesses')?.detail).toContain(
          '1 of 1 named witnesses cosigned size',
        );
        expect(checks.find((check) => check.name === 'witnesses')?.detail).toContain(
          'osce.example/odihr not counted: deregistered in journal.ndjson',
        );
        const two = await witnessed(2);
        expect(two.find((check) => !check.ok)).toMatchObject({ name: 'witnesses' });
      } finally {
        await store.close();
      }
    }, 60_000);

    it('a cosignature checked just before its key is deregistered is refused, not kept', async () => {
      const { store } = await engine.fresh();
      try {
        const keyring = await loggedElection(store);
        const osce = witnessKey('osce.example/odihr');
        okValue(
          await registerWitness({ store, cec: keyring.cec, organisation: 'OSCE/ODIHR', verifierKey: osce.verifierKey }),
        );
        // The deregistration commits between the cosignature's checks and its keeping: in the moment the service asks
        // for the write transaction it keeps the cosignature in.
        let raced = false;
        const racing = new Proxy(store, {
          get(target, name, receiver) {
            const value: unknown = Reflect.get(target, name, receiver);
            if (name !== 'write' || typeof value !== 'function') return value;
            return async (...args: unknown[]): Promise<unknown> => {
              if (!raced) {
                raced = true;
                okValue(
                  await deregisterWitness({ store, cec: keyring.cec, verifierKey: osce.verifierKey, reason: 'stolen' }),
                );
              }
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          },
        });
        const note = (await store.latestCheckpoint())!.note;
        const { line } = cosignLine(osce, okValue(parseNote(note)).text, () => Math.floor(Date.now() / 1000));
        expect(await acceptCosignature({ store: racing, checkpoint: note, cosignature: line })).toMatchObject({
          ok: false,
          error: { code: 'COSIGNATURE_UNKNOWN_WITNESS' },
        });
        expect(raced).toBe(true);
        expect(await store.latestCosignatures()).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it.each([
      ['deregisters a key that is not a registered witness', 'never registered'],
      ['registers a witness key registered before', 'registered again'],
      ['registers a witness key registered before', 'renamed'],
    ])(
      '`verify` fails a journal the CEC signed that %s',
      async (problem, kind) => {
        const { store } = await engine.fresh();
        try {
          const keyring = await loggedElection(store);
          const osce = witnessKey('osce.example/odihr');
          const registration = {
            type: 'witness-registered' as const,
            organisation: 'OSCE/ODIHR',
            name: osce.name,
            verifierKey: osce.verifierKey,
          };
          const deregistration = { type: 'witness-deregistered' as const, verifierKey: osce.verifierKey, reason: 'x' };
          // Appended around the service, as a dishonest operator holding the CEC's key could.
          const again =
            kind === 'renamed'
              ? {
                  ...registration,
                  name: 'osce.example/renamed',
                  verifierKey: renamed(osce.verifierKey, 'osce.example/renamed'),
                }
              : { ...registration, organisation: 'OSCE/ODIHR, again' };
          const payloads = kind === 'never registered' ? [deregistration] : [registration, deregistration, again];
          const seq = await store.write(async (writer) => {
            const events = await appendSigned(
              writer,
              election.event.id,
              payloads.map((payload) => ({ payload, key: keyring.cec })),
              new Date().toISOString(),
            );
            return events.at(-1)!.seq;
          });
          const out = join(mkdtempSync(join(tmpdir(), 'saylau-deregistration-')), 'bundle');
          await exportBundle({ store, election, electionText, out, cec: keyring.cec });
          const failed = (await verifyBundle(out)).find((check) => !check.ok);
          expect(failed).toMatchObject({ name: 'authority' });
          expect(failed?.detail).toContain(`journal.ndjson line ${seq}:`);
          expect(failed?.detail).toContain(problem);
        } finally {
          await store.close();
        }
      },
      60_000,
    );
  },
);
