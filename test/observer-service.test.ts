import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertDefined } from '../src/law/assert.ts';
import type { Accreditation, ProtocolCopy } from '../src/model/observer.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { stationIdSchema } from '../src/model/ids.ts';
import { keySigner } from '../src/journal/act.ts';
import type { SigningKey } from '../src/journal/keys.ts';
import type { JournalPayload } from '../src/journal/events.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { accreditObservers, drawSamples, enterCopies } from '../src/services/observer-service.ts';
import { rebuildProjections } from '../src/services/projection-service.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import {
  addPerson,
  appendSigned,
  cecSigner,
  commissionSigner,
  importerSigner,
  initWithKeyring,
} from './fixtures/test-keys.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';

// Observers journaled (docs/law.md §10.2): accredited by a commission, entering the copies they were handed with their
// own keys; refused with a code and nothing written; a copy never moves an official figure; `verify` decides each act
// again and names one written past the service.

const { dataset, electionText } = tinyElection();
const { election } = dataset;
const DAY = election.event.date;
const onDay = () => `${DAY}T10:00:00.000Z`;
const officialOf = (stationId: string, contestId: string): Protocol =>
  assertDefined(dataset.protocols.find((p) => p.stationId === stationId && p.contestId === contestId));
const copyOf = (protocol: Protocol, accreditation = 'city-watch'): ProtocolCopy => {
  const { stationId, contestId, lines, votes } = protocol;
  return { accreditation, protocol: { stationId, contestId, lines, votes } };
};

describe.each(engines().map((engine) => [engine.name, engine] as const))('observers on %s', (_name, engine) => {
  const setUp = async () => {
    const { store } = await engine.fresh();
    let keyring = createKeyring(election);
    await initWithKeyring({ store, electionText, keyring });
    await ingestProtocols({ store, election, documents: dataset.protocols, signer: importerSigner(keyring) });
    const added = await addPerson({ store, election, keyring, id: 'observer-1', role: 'observer', commission: null });
    keyring = added.keyring;
    const accreditation: Accreditation = {
      id: 'city-watch',
      person: 'Асель Сейітова',
      organisation: 'City Watch',
      sender: 'public-association',
      senderId: null,
      scope: { kind: 'stations', stationIds: TINY.cityStations.map((id) => stationIdSchema.parse(id)) },
      from: DAY,
      until: DAY,
      key: added.key.fingerprint,
    };
    return { store, keyring, observer: added.key, accreditation };
  };
  const observerSigner = (key: SigningKey) => keySigner(key, onDay);
  const tables = async (store: Store) => ({
    protocols: await store.storedText('contest_totals'),
    head: await store.journalHead(),
  });

  it('a commission accredits; the observer’s copies are taken, compared, and change no official figure', async () => {
    const { store, keyring, observer, accreditation } = await setUp();
    try {
      const accredited = await accreditObservers({
        store,
        election,
        documents: [accreditation],
        signer: commissionSigner(keyring, TINY.cityCommission, onDay),
      });
      expect(accredited).toMatchObject({ taken: 1, refused: 0 });
      const totals = await store.storedText('contest_totals');
      const first = officialOf(TINY.cityStations[0], TINY.majilisList);
      const changed = copyOf({ ...first, lines: { ...first.lines, invalid: first.lines.invalid + 5 } });
      const copies = [changed, copyOf(officialOf(TINY.cityStations[1], TINY.majilisList))];
      expect(await enterCopies({ store, election, documents: copies, signer: observerSigner(observer) })).toMatchObject(
        { taken: 2, unchanged: 0, refused: 0 },
      );
      // A copy never moves an official figure: the totals are those of the protocols alone.
      expect(await store.storedText('contest_totals')).toEqual(totals);
      // Again: nothing new; the same station with other figures: refused, nothing written.
      const head = await store.journalHead();
      expect(await enterCopies({ store, election, documents: copies, signer: observerSigner(observer) })).toMatchObject(
        { taken: 0, unchanged: 2 },
      );
      const other = await enterCopies({
        store,
        election,
        documents: [copyOf(first)],
        signer: observerSigner(observer),
      });
      expect(other.refusals.map((refusal) => refusal.code)).toEqual(['OBSERVER_COPY_ALREADY_ENTERED']);
      expect(await store.journalHead()).toEqual(head);
      // The records are a projection: the integrity check replays them, a rebuild makes the same rows.
      expect(await checkIntegrity({ store, definition: election, full: true })).toMatchObject({ head });
      const before = await store.storedText('election_day');
      await rebuildProjections({ store, election });
      expect(await store.storedText('election_day')).toEqual(before);
      // All of it is in the bundle, and verify passes it.
      const out = join(mkdtempSync(join(tmpdir(), 'saylau-observers-')), 'bundle');
      await exportBundle({ store, election, electionText, out, cec: keyring.cec });
      expect((await verifyBundle(out, { trust: keyring.cec.fingerprint })).filter((check) => !check.ok)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refusals are coded and write nothing: out of scope, another key, a commission’s key as observer', async () => {
    const { store, keyring, observer, accreditation } = await setUp();
    try {
      const before = await tables(store);
      // The district commission does not cover the city's stations; the importer's key is not an observer's.
      const refused = await accreditObservers({
        store,
        election,
        documents: [
          accreditation,
          { ...accreditation, id: 'other', key: keyring.users.get('importer')?.fingerprint },
          {},
        ],
        signer: commissionSigner(keyring, TINY.districtCommission, onDay),
      });
      expect(refused.refusals.map((refusal) => refusal.code)).toEqual([
        'OBSERVER_SCOPE_OUTSIDE_COMMISSION',
        'OBSERVER_KEY_NOT_OBSERVER',
        'DATASET_SCHEMA',
      ]);
      expect(await tables(store)).toEqual(before);
      await accreditObservers({ store, election, documents: [accreditation], signer: cecSigner(keyring, onDay) });
      const middle = await tables(store);
      const outside = copyOf(officialOf(TINY.districtStations[0], TINY.majilisList));
      const byOther = await enterCopies({
        store,
        election,
        documents: [outside, copyOf(officialOf(TINY.cityStations[0], TINY.majilisList))],
        signer: importerSigner(keyring, onDay),
      });
      expect(byOther.refusals.map((refusal) => refusal.code)).toEqual([
        'OBSERVER_NOT_ACCREDITED',
        'OBSERVER_NOT_ACCREDITED',
      ]);
      const byObserver = await enterCopies({ store, election, documents: [outside], signer: observerSigner(observer) });
      expect(byObserver.refusals.map((refusal) => refusal.code)).toEqual(['OBSERVER_OUT_OF_SCOPE']);
      expect(await tables(store)).toEqual(middle);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a sample is drawn before the count and refused after it; verify names one written past the service', async () => {
    const { store } = await engine.fresh();
    try {
      let keyring = createKeyring(election);
      await initWithKeyring({ store, electionText, keyring });
      const added = await addPerson({ store, election, keyring, id: 'pvt', role: 'observer', commission: null });
      keyring = added.keyring;
      const accreditation: Accreditation = {
        id: 'pvt',
        person: 'Асель Сейітова',
        organisation: 'PVT',
        sender: 'public-association',
        senderId: null,
        scope: { kind: 'country' },
        from: DAY,
        until: DAY,
        key: added.key.fingerprint,
      };
      await accreditObservers({ store, election, documents: [accreditation], signer: cecSigner(keyring, onDay) });
      const sample = { accreditation: 'pvt', contestId: TINY.majilisList, seed: 'ef'.repeat(32), size: 3 };
      const signer = observerSigner(added.key);
      expect(await drawSamples({ store, election, documents: [sample], signer })).toMatchObject({ taken: 1 });
      await ingestProtocols({ store, election, documents: dataset.protocols, signer: importerSigner(keyring) });
      // The same sample again changes nothing; a new one after the count is refused, nothing written.
      expect(await drawSamples({ store, election, documents: [sample], signer })).toMatchObject({ unchanged: 1 });
      const head = await store.journalHead();
      const late = await drawSamples({
        store,
        election,
        documents: [{ ...sample, contestId: TINY.regionalList }],
        signer,
      });
      expect(late.refusals.map((refusal) => refusal.code)).toEqual(['OBSERVER_SAMPLE_AFTER_COUNT']);
      expect(await store.journalHead()).toEqual(head);
      // Written past the service with a valid signature, the late sample fails verify.
      // Past every service: signed by its author, journaled without the rules' check.
      await store.write((writer) =>
        appendSigned(
          writer,
          election.event.id,
          [
            {
              payload: {
                type: 'copy-sample-drawn',
                sample: { ...sample, contestId: TINY.regionalList },
              } as JournalPayload,
              key: added.key,
            },
          ],
          onDay(),
        ),
      );
      const out = join(mkdtempSync(join(tmpdir(), 'saylau-observers-')), 'bundle');
      await exportBundle({ store, election, electionText, out, cec: keyring.cec });
      const failed = (await verifyBundle(out, { trust: keyring.cec.fingerprint })).find((check) => !check.ok);
      expect([failed?.name, failed?.detail]).toEqual(['authority', expect.stringMatching(/too late/)]);
    } finally {
      await store.close();
    }
  }, 60_000);

  for (const { name, payload, says } of [
    {
      name: 'a copy of a station outside the accreditation',
      payload: () => ({
        type: 'protocol-copy-entered',
        copy: copyOf(officialOf(TINY.districtStations[0], TINY.majilisList)),
      }),
      says: /outside the accreditation/,
    },
    {
      name: 'a copy under no accreditation',
      payload: () => ({
        type: 'protocol-copy-entered',
        copy: copyOf(officialOf(TINY.cityStations[0], TINY.majilisList), 'none'),
      }),
      says: /no accreditation "none"/,
    },
    {
      name: 'a report of an irregularity at a station outside the accreditation',
      payload: () => ({
        type: 'irregularity-reported',
        report: {
          accreditation: 'city-watch',
          stationId: TINY.districtStations[0],
          category: 'ballot-stuffing',
          observedAt: `${DAY}T09:00:00Z`,
          text: 'seen',
        },
      }),
      says: /outside the accreditation/,
    },
  ])
    it(`an act the service would have refused (${name}), written past it with a valid signature, fails verify`, async () => {
      const { store, keyring, observer, accreditation } = await setUp();
      try {
        await accreditObservers({ store, election, documents: [accreditation], signer: cecSigner(keyring, onDay) });
        // Past every service: signed by its author, journaled without the rules' check.
        const [written] = await store.write((writer) =>
          appendSigned(writer, election.event.id, [{ payload: payload() as JournalPayload, key: observer }], onDay()),
        );
        const seq = assertDefined(written).seq;
        const out = join(mkdtempSync(join(tmpdir(), 'saylau-observers-')), 'bundle');
        await exportBundle({ store, election, electionText, out, cec: keyring.cec });
        const failed = (await verifyBundle(out, { trust: keyring.cec.fingerprint })).find((check) => !check.ok);
        expect([failed?.name, failed?.detail]).toEqual(['authority', expect.stringMatching(new RegExp(`${seq}`))]);
        expect(failed?.detail).toMatch(says);
      } finally {
        await store.close();
      }
    }, 60_000);
});
