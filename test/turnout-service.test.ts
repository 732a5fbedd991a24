import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stationIdSchema } from '../src/model/ids.ts';
import { type TurnoutReport } from '../src/model/turnout-report.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { sealChain } from '../src/services/journal-append.ts';
import { rebuildProjections } from '../src/services/projection-service.ts';
import { ingestTurnout } from '../src/services/turnout-service.ts';
import { actDigest } from '../src/journal/act.ts';
import { signDigest } from '../src/journal/keys.ts';
import { journalActScope } from '../src/store/act-scope.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import Database from 'better-sqlite3';
import { createKeyring } from '../src/store/keyring.ts';
import { SCHEMA_VERSION, SCHEMA_VERSION_META } from '../src/store/schema.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { isTurnoutKey, sumTurnout, turnoutRecordOf } from '../src/tally/turnout-day.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { commissionSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';

// Turnout reports through election day journaled (docs/law.md §10.1): each signed by the commission that reports it,
// checked against the station's other hours and its protocol, refused with a code and nothing written.

const { dataset, electionText } = tinyElection();
const { election } = dataset;
const station = TINY.cityStations[0];
const reportsOf = (id: string) => dataset.turnout.filter((report) => report.stationId === id);

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'turnout through the day on %s',
  (_name, engine) => {
    const setUp = async () => {
      const { store } = await engine.fresh();
      const keyring = createKeyring(election);
      await initWithKeyring({ store, electionText, keyring });
      await ingestProtocols({ store, election, documents: dataset.protocols, signer: importerSigner(keyring) });
      return { store, keyring };
    };
    const records = async (store: Store) =>
      [...(await store.storedText('election_day'))].flatMap(([key, text]) =>
        isTurnoutKey(key) ? [turnoutRecordOf(text).report] : [],
      );

    it('journals the day’s reports, which the integrity check replays and sums exactly; again, nothing changes', async () => {
      const { store, keyring } = await setUp();
      try {
        const summary = await ingestTurnout({
          store,
          election,
          documents: dataset.turnout,
          signer: importerSigner(keyring),
        });
        expect(summary).toMatchObject({
          reported: dataset.turnout.length,
          corrected: 0,
          unchanged: 0,
          refused: 0,
          warned: 0,
        });
        const head = await store.journalHead();
        expect(
          await ingestTurnout({ store, election, documents: dataset.turnout, signer: importerSigner(keyring) }),
        ).toMatchObject({
          reported: 0,
          unchanged: dataset.turnout.length,
        });
        expect(await store.journalHead()).toEqual(head);
        const stored = await records(store);
        const area = (id: string) => id.slice(0, 5);
        expect(sumTurnout(stored, area)).toEqual(sumTurnout(dataset.turnout, area));
        expect(await checkIntegrity({ store, definition: election, full: true })).toMatchObject({ head });
        // The table is a projection: rebuilt from the journal alone, the same rows.
        const before = await store.storedText('election_day');
        await rebuildProjections({ store, election });
        expect(await store.storedText('election_day')).toEqual(before);
      } finally {
        await store.close();
      }
    }, 60_000);

    it('refuses with a code and writes nothing: a bad document, an unknown station, a decrease, another commission’s station', async () => {
      const { store, keyring } = await setUp();
      try {
        const own = reportsOf(station);
        await ingestTurnout({ store, election, documents: own.slice(0, 3), signer: importerSigner(keyring) });
        const head = await store.journalHead();
        const fourth = own[3]!;
        const summary = await ingestTurnout({
          store,
          election,
          documents: [
            { ...fourth, received: -1 },
            { ...fourth, stationId: 'KZ-35/PS-0999' },
            { ...fourth, received: own[2]!.received - 1 },
            { ...fourth, received: fourth.votersOnList + 1 },
          ],
          signer: importerSigner(keyring),
        });
        expect(summary.refusals.map((refusal) => refusal.code)).toEqual([
          'DATASET_SCHEMA',
          'DATASET_UNKNOWN_REFERENCE',
          'TURNOUT_DECREASED',
          'TURNOUT_RECEIVED_EXCEEDS_LIST',
        ]);
        // A regional commission beside the station's, not above it.
        const beside = await ingestTurnout({
          store,
          election,
          documents: [fourth],
          signer: commissionSigner(keyring, TINY.otherRegionalCommission),
        });
        expect(beside.refusals.map((refusal) => refusal.code)).toEqual(['ENTRY_OUT_OF_SCOPE']);
        expect(await store.journalHead()).toEqual(head);
        // The station's own regional commission may.
        expect(
          await ingestTurnout({
            store,
            election,
            documents: [fourth],
            signer: commissionSigner(keyring, TINY.regionalCommission),
          }),
        ).toMatchObject({ reported: 1, refused: 0 });
      } finally {
        await store.close();
      }
    }, 60_000);

    it('a correction says why; a close that is not the protocol’s lines 3 + 4 is taken with a warning', async () => {
      const { store, keyring } = await setUp();
      try {
        const own = reportsOf(station);
        await ingestTurnout({ store, election, documents: own, signer: importerSigner(keyring) });
        const close = own[5]!;
        // One more than the protocol's lines 3 + 4 (the list has room: no station of the fixture has everyone vote).
        const changed: TurnoutReport = { ...close, received: close.received + 1 };
        expect(changed.received).toBeLessThanOrEqual(changed.votersOnList);
        const unexplained = await ingestTurnout({
          store,
          election,
          documents: [changed],
          signer: importerSigner(keyring),
        });
        expect(unexplained.refusals.map((refusal) => refusal.code)).toEqual(['TURNOUT_CORRECTION_NEEDS_REASON']);
        const corrected = await ingestTurnout({
          store,
          election,
          documents: [changed],
          signer: importerSigner(keyring),
          reason: 'miscounted at 20:00',
        });
        expect(corrected).toMatchObject({ corrected: 1, warned: 1, refused: 0 });
        expect(corrected.warnings.map((warning) => warning.code)).toEqual([
          'TURNOUT_EXCEEDS_PROTOCOL',
          'TURNOUT_CLOSE_DIFFERS_FROM_PROTOCOL',
        ]);
        const [event] = await store.eventsAfter((await store.eventCount()) - 1, 1);
        expect(event).toMatchObject({
          type: 'turnout-reported',
          payload: { report: changed, reason: 'miscounted at 20:00' },
        });
        expect(
          (await records(store)).find((report) => report.hour === '20:00' && report.stationId === station),
        ).toEqual(changed);
      } finally {
        await store.close();
      }
    }, 60_000);

    for (const { name, report, reason, says } of [
      {
        name: 'fewer than an hour before',
        report: (own: TurnoutReport[]) => ({ ...own[2]!, received: own[1]!.received - 1 }),
        reason: null,
        says: /never goes down/,
      },
      {
        name: 'of a station the election does not have',
        report: (own: TurnoutReport[]) => ({ ...own[2]!, stationId: stationIdSchema.parse('KZ-35/PS-0999') }),
        reason: null,
        says: /no station of the election/,
      },
      {
        name: 'a first report with a reason',
        report: (own: TurnoutReport[]) => own[2]!,
        reason: 'why not',
        says: /a first report with a reason/,
      },
    ])
      it(`a report the service would have refused (${name}), written past it with a valid signature, fails verify`, async () => {
        const { store, keyring } = await setUp();
        try {
          const own = reportsOf(station);
          await ingestTurnout({ store, election, documents: own.slice(0, 2), signer: importerSigner(keyring) });
          const importer = keyring.users.get('importer')!;
          const act = {
            type: 'turnout-reported',
            actor: importer.fingerprint,
            at: '2023-03-19T09:00:00.000Z',
            payload: { report: report(own), reason },
          };
          const signature = signDigest(actDigest(await journalActScope(store, election.event.id), act), importer);
          const seq = await store.write(async (writer) => {
            const head = await writer.head();
            const [sealed] = sealChain([{ seq: head.seq + 1, ...act }], head.hash, [signature]);
            await writer.appendEvents([sealed as never]);
            return head.seq + 1;
          });
          const out = join(mkdtempSync(join(tmpdir(), 'saylau-turnout-bundle-')), 'bundle');
          await exportBundle({ store, election, electionText, out, cec: keyring.cec });
          const failed = (await verifyBundle(out, { trust: keyring.cec.fingerprint })).find((check) => !check.ok);
          expect([failed?.name, failed?.detail]).toEqual(['authority', expect.stringMatching(new RegExp(`${seq}`))]);
          expect(failed?.detail).toMatch(says);
        } finally {
          await store.close();
        }
      }, 60_000);
  },
);

describe('a database made before the records of election day (schema version 7)', () => {
  it('takes protocols and passes its integrity check as it is; once migrated, it takes turnout reports', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'saylau-schema-7-')), 'election.db');
    const keyring = createKeyring(election);
    const made = new SqliteStore(file);
    await initWithKeyring({ store: made, electionText, keyring });
    await made.close();
    const raw = new Database(file);
    raw.exec(`DROP TABLE election_day; UPDATE meta SET value = '7' WHERE key = '${SCHEMA_VERSION_META}'`);
    raw.close();
    const store = new SqliteStore(file);
    try {
      expect(await store.schemaVersion()).toBe(7);
      const summary = await ingestProtocols({
        store,
        election,
        documents: dataset.protocols,
        signer: importerSigner(keyring),
      });
      expect(summary.refused).toBe(0);
      expect(await checkIntegrity({ store, definition: election, full: true })).toMatchObject({ from: 0 });
      await store.migrate();
      expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
      const day = await ingestTurnout({ store, election, documents: dataset.turnout, signer: importerSigner(keyring) });
      expect(day).toMatchObject({ reported: dataset.turnout.length, refused: 0 });
      expect(await checkIntegrity({ store, definition: election })).toMatchObject({
        eventsChecked: dataset.turnout.length,
      });
    } finally {
      await store.close();
    }
  }, 60_000);
});
