import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okValue } from '../src/model/result.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import {
  acceptCosignature,
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

        // Once only; and the key is never registered again, while a new key of the same name may be.
        expect(
          await deregisterWitness({ store, cec: keyring.cec, verifierKey: osce.verifierKey, reason: 'again' }),
        ).toMatchObject({ ok: false, error: { code: 'WITNESS_NOT_REGISTERED' } });
        expect(
          await registerWitness({ store, cec: keyring.cec, organisation: 'OSCE/ODIHR', verifierKey: osce.verifierKey }),
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

        // `verify` passes the journal with all of it.
        const out = join(mkdtempSync(join(tmpdir(), 'saylau-deregistration-')), 'bundle');
        await exportBundle({ store, election, electionText, out, cec: keyring.cec });
        const checks = await verifyBundle(out);
        expect(checks.filter((check) => !check.ok)).toEqual([]);
      } finally {
        await store.close();
      }
    }, 60_000);

    it.each([
      ['deregisters a key that is not a registered witness', 'never registered'],
      ['registers a witness key registered before', 'registered again'],
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
          const payloads =
            kind === 'never registered'
              ? [deregistration]
              : [registration, deregistration, { ...registration, organisation: 'OSCE/ODIHR, again' }];
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
