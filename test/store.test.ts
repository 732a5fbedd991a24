import { describe, expect, it } from 'vitest';
import { nationalDataset } from '../src/export/test-helpers.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import { resultsToJson } from '../src/tally/results-json.ts';
import type { Store, StoredProtocol } from '../src/store/store.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';
import { rebuildProjections } from '../src/services/projection-service.ts';
import { currentTally } from '../src/services/results-service.ts';
import { datasetTexts } from '../src/dataset/files.ts';
import { tallyElection } from '../src/tally/tally-election.ts';
import { tallyToJson } from '../src/tally/tally-json.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

let tinyKeyring: Keyring | undefined;
/** The tiny election with a keyring, for the tests where the national size is not the point. */
const tiny = () => ({ ...tinyElection(), keyring: (tinyKeyring ??= createKeyring(tinyElection().dataset.election)) });

const snapshot = async (store: Store) => ({
  events: await store.eventCount(),
  protocols: await store.allProtocols(),
  totals: [...(await store.allContestTotals())].sort(),
  keys: await store.keys(),
});

describe('PostgreSQL in CI', () => {
  it('is there whenever CI runs, so its half of the store suite cannot be skipped silently', () => {
    if (process.env.CI !== undefined && process.env.CI !== '')
      expect(process.env.SAYLAU_PG_URL).toMatch(/^postgres:\/\//);
  });
});

describe.each(engines().map((engine) => [engine.name, engine] as const))('the store on %s', (_name, engine) => {
  it('the protocols ingested give exactly the results of saylau tally; ingesting again changes nothing; replay rebuilds the same projections', async () => {
    const { dataset, electionText, keyring } = tiny();
    const { store } = await engine.fresh();
    // Seven protocols a transaction: the later ones see what the earlier committed.
    const batchSize = 7;
    try {
      await initWithKeyring({ store, electionText, keyring });
      const first = await ingestProtocols({
        store,
        election: dataset.election,
        documents: dataset.protocols,
        signer: importerSigner(keyring),
        batchSize,
      });
      expect({ accepted: first.accepted, warned: first.warned, refused: first.refused }).toEqual({
        accepted: dataset.protocols.length,
        warned: 0,
        refused: 0,
      });
      const results = tallyToJson(await currentTally({ store, election: dataset.election }));
      expect(results).toEqual(tallyToJson(tallyElection({ election: dataset.election, protocols: dataset.protocols })));
      expect(
        (
          resultsToJson(await currentTally({ store, election: dataset.election })) as {
            contests: Record<string, { stage: string; counted: string }>;
          }
        ).contests['majilis/list'],
      ).toMatchObject({ stage: 'preliminary', counted: '1/1' });

      // One contest's protocols, read alone (an analysis of one contest reads no other), as they are among all.
      for (const contestId of ['majilis/list', dataset.protocols.at(-1)?.contestId ?? '', 'majilis/smd-99'])
        expect(await store.currentProtocolsOf(contestId)).toEqual(
          (await store.allProtocols()).filter((row) => row.contestId === contestId),
        );
      expect((await store.currentProtocolsOf('majilis/list')).length).toBeGreaterThan(1);

      const before = await snapshot(store);
      const again = await ingestProtocols({
        store,
        election: dataset.election,
        documents: dataset.protocols,
        signer: importerSigner(keyring),
        batchSize,
      });
      expect(again.unchanged).toBe(dataset.protocols.length);
      expect(await snapshot(store)).toEqual(before);

      expect(await rebuildProjections({ store, election: dataset.election })).toBe(before.events);
      expect(await snapshot(store)).toEqual(before);
    } finally {
      await store.close();
    }
  }, 60_000);

  // The national election, for its size: one transaction of more rows than one INSERT of the PostgreSQL store holds
  // (1,000; src/store/postgres-store.ts), in the intake and in the replay. The smallest region that has more:
  // Shymkent, 1,324 protocols.
  it('a region of the national dataset in one transaction gives the results of saylau tally, ingested and replayed', async () => {
    const national = nationalDataset();
    const protocols = national.protocols.filter((p) => p.stationId.startsWith('KZ-79/'));
    expect(protocols.length).toBeGreaterThan(1_000);
    const keyring = createKeyring(national.election);
    const { store } = await engine.fresh();
    try {
      await initWithKeyring({ store, electionText: datasetTexts(national.election, []).election, keyring });
      const ingested = await ingestProtocols({
        store,
        election: national.election,
        documents: protocols,
        signer: importerSigner(keyring),
      });
      expect([ingested.accepted, ingested.refused]).toEqual([protocols.length, 0]);
      const expected = tallyToJson(tallyElection({ election: national.election, protocols }));
      expect(tallyToJson(await currentTally({ store, election: national.election }))).toEqual(expected);
      const before = await snapshot(store);
      expect(await rebuildProjections({ store, election: national.election })).toBe(before.events);
      expect(await snapshot(store)).toEqual(before);

      // The table a row at a time gives what it gives whole, in the same order: over the store and twice in one
      // snapshot (on PostgreSQL, a cursor in the snapshot's transaction, closed after each reading).
      const visited = async (reader: Pick<Store, 'eachProtocol'>) => {
        const rows: StoredProtocol[] = [];
        await reader.eachProtocol((row) => rows.push(row));
        return rows;
      };
      expect(await visited(store)).toEqual(before.protocols);
      expect(await store.snapshot(async (reader) => [await visited(reader), await visited(reader)])).toEqual([
        before.protocols,
        before.protocols,
      ]);
      // A reader that fails ends the reading with its error, and the store reads on.
      let seen = 0;
      const failing = store.eachProtocol(() => {
        if (++seen === 10) throw new Error('the reader stopped');
      });
      await expect(failing).rejects.toThrow('the reader stopped');
      expect(seen).toBe(10);
      expect(
        await store.snapshot(async (reader) => {
          await expect(
            reader.eachProtocol(() => {
              throw new Error('stopped at once');
            }),
          ).rejects.toThrow('stopped at once');
          return (await visited(reader)).length;
        }),
      ).toBe(protocols.length);
      expect((await visited(store)).length).toBe(protocols.length);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses every kind of bad protocol with its code and changes nothing', async () => {
    const { dataset, electionText, keyring } = tiny();
    const { store } = await engine.fresh();
    try {
      await initWithKeyring({ store, electionText, keyring });
      const sample = dataset.protocols.slice(0, 20);
      await ingestProtocols({ store, election: dataset.election, documents: sample, signer: importerSigner(keyring) });
      const good = sample[0] as Protocol;
      const smd = sample.find((p) => p.contestId.includes('smd')) as Protocol;
      const with_ = (lines: Partial<Protocol['lines']>, extra: Partial<Protocol> = {}): Protocol => ({
        ...good,
        version: 2,
        ...extra,
        lines: { ...good.lines, ...lines },
      });
      const firstParty = Object.keys(good.votes)[0] as string;
      const corpus: [string, unknown][] = [
        ['PROTOCOL_MALFORMED', { malformed: '{ not json' }],
        ['PROTOCOL_MALFORMED', { ...good, version: 2, votes: { ...good.votes, [firstParty]: '5' } }],
        ['PROTOCOL_MALFORMED', with_({ invalid: -1 })],
        ['PROTOCOL_MALFORMED', with_({ invalid: 2 ** 53 })],
        ['PROTOCOL_MALFORMED', with_({ invalid: 1.5 })],
        ['DATASET_UNKNOWN_REFERENCE', { ...good, stationId: 'KZ-10/PS-9999' }],
        ['DATASET_CONTEST_NOT_AT_STATION', { ...good, contestId: 'KZ-75/maslikhat/list' }],
        ['PROTOCOL_UNKNOWN_OPTION', { ...smd, version: 2, votes: { ...smd.votes, 'majilis/smd-01/c-99': 0 } }],
        [
          'PROTOCOL_MISSING_OPTION',
          {
            ...good,
            version: 2,
            votes: Object.fromEntries(Object.entries(good.votes).slice(1)),
            lines: { ...good.lines, invalid: good.lines.invalid + (good.votes[firstParty] ?? 0) },
          },
        ],
        [
          'PROTOCOL_ISSUED_EXCEEDS_LIST',
          with_({ votersOnList: good.lines.issuedInPremises + good.lines.issuedOutside - 1 }),
        ],
        ['PROTOCOL_BALLOT_BALANCE', with_({ cancelled: good.lines.cancelled + 1 })],
        ['PROTOCOL_VOTE_BALANCE', with_({ invalid: good.lines.invalid + 1 })],
        [
          'PROTOCOL_FOUND_EXCEEDS_ISSUED',
          with_({ foundStationary: good.lines.foundStationary + 5, invalid: good.lines.invalid + 5 }),
        ],
        [
          'PROTOCOL_MOBILE_EXCEEDS_OUTSIDE',
          with_({ foundMobile: good.lines.issuedOutside + 1, foundStationary: good.lines.foundStationary - 1 }),
        ],
        [
          'PROTOCOL_ABSENTEE_EXCEEDS_ISSUED',
          with_({ absentee: good.lines.issuedInPremises + good.lines.issuedOutside + 1 }),
        ],
        [
          'PROTOCOL_VERSION_CONFLICT',
          { ...good, lines: { ...good.lines, invalid: good.lines.invalid + 1, againstAll: good.lines.againstAll - 1 } },
        ],
        ['PROTOCOL_STALE_VERSION', { ...good, version: 0 }],
        // Versions follow double entry's rule: the accepted one + 1, nothing beyond.
        [
          'ENTRY_WRONG_VERSION',
          {
            ...good,
            version: 3,
            lines: { ...good.lines, invalid: good.lines.invalid + 1, againstAll: good.lines.againstAll - 1 },
          },
        ],
        [
          'ENTRY_WRONG_VERSION',
          {
            ...good,
            version: Number.MAX_SAFE_INTEGER,
            lines: { ...good.lines, invalid: good.lines.invalid + 1, againstAll: good.lines.againstAll - 1 },
          },
        ],
        ['ENTRY_WRONG_VERSION', { ...(dataset.protocols.find((p) => !sample.includes(p)) as Protocol), version: 2 }],
      ];
      const before = await snapshot(store);
      for (const [code, document] of corpus) {
        const summary = await ingestProtocols({
          store,
          election: dataset.election,
          documents: [document],
          signer: importerSigner(keyring),
        });
        expect([summary.refused, summary.refusals[0]?.code], code).toEqual([1, code]);
      }
      const replay = await ingestProtocols({
        store,
        election: dataset.election,
        documents: [good],
        signer: importerSigner(keyring),
      });
      expect(replay.unchanged).toBe(1);
      expect(await snapshot(store)).toEqual(before);

      // A correction is a new version; the old one is then stale.
      const corrected = {
        ...good,
        version: 2,
        lines: { ...good.lines, invalid: good.lines.invalid + 1, againstAll: good.lines.againstAll - 1 },
      };
      expect(
        (
          await ingestProtocols({
            store,
            election: dataset.election,
            documents: [corrected],
            signer: importerSigner(keyring),
          })
        ).accepted,
      ).toBe(1);
      expect(
        (
          await ingestProtocols({
            store,
            election: dataset.election,
            documents: [good],
            signer: importerSigner(keyring),
          })
        ).refusals[0]?.code,
      ).toBe('PROTOCOL_STALE_VERSION');
      expect((await snapshot(store)).events).toBe(before.events + 1);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('two submissions of the same station at the same moment: one version wins, the other is told why', async () => {
    const { dataset, electionText, keyring } = tiny();
    const { store } = await engine.fresh();
    try {
      await initWithKeyring({ store, electionText, keyring });
      const good = dataset.protocols[0] as Protocol;
      await ingestProtocols({ store, election: dataset.election, documents: [good], signer: importerSigner(keyring) });
      const a = {
        ...good,
        version: 2,
        lines: { ...good.lines, invalid: good.lines.invalid + 1, againstAll: good.lines.againstAll - 1 },
      };
      const b = {
        ...good,
        version: 2,
        lines: { ...good.lines, invalid: good.lines.invalid + 2, againstAll: good.lines.againstAll - 2 },
      };
      const outcomes = await Promise.all(
        [a, b].map((document) =>
          ingestProtocols({
            store,
            election: dataset.election,
            documents: [document],
            signer: importerSigner(keyring),
          }),
        ),
      );
      expect(outcomes.map((o) => o.accepted).sort()).toEqual([0, 1]);
      expect(outcomes.flatMap((o) => o.refusals.map((r) => r.code))).toEqual(['PROTOCOL_VERSION_CONFLICT']);
      expect(
        (await store.allProtocols()).find((p) => p.stationId === good.stationId && p.contestId === good.contestId)
          ?.version,
      ).toBe(2);
    } finally {
      await store.close();
    }
  }, 60_000);
});
