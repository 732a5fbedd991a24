import { describe, expect, it } from 'vitest';
import type { ElectionSource } from '../src/analysis/election-source.ts';
import { previousFromSource } from '../src/analysis/forecast-data.ts';
import { previousFromTotals } from '../src/analysis/forecast/previous-election.ts';
import { loadRecorded } from '../src/analysis/forensics-sources/load-source.ts';
import { recordsFromProtocols } from '../src/analysis/forensics/from-protocols.ts';
import { storeElectionSource } from '../src/cli/store-election-source.ts';
import { createKeyring } from '../src/store/keyring.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';
import { addProtocol, emptyTotals, type Totals } from '../src/tally/aggregate.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

/**
 * The analyses read a recorded election through ElectionSource only (src/analysis/election-source.ts):
 * the CLI's adapter over a database gives them what the same protocols give without one.
 */
describe('analyses over an election source', () => {
  const { dataset, electionText } = tinyElection();
  const election = dataset.election;
  // Two regions' Majilis list protocols: the stations of the others are not counted yet.
  const protocols = dataset.protocols.filter(
    (p) =>
      p.contestId === TINY.majilisList &&
      (p.stationId.startsWith(`${TINY.region}/`) || p.stationId.startsWith('KZ-10/')),
  );
  const totalsOf = (): Map<string, Totals> => {
    const totals = new Map<string, Totals>();
    for (const protocol of protocols) {
      const contest = election.contests.find((c) => c.id === protocol.contestId)!;
      let entry = totals.get(contest.id);
      if (entry === undefined) totals.set(contest.id, (entry = emptyTotals(contest.options.map((o) => o.id))));
      addProtocol(entry, protocol);
    }
    return totals;
  };

  it('a literal source is all forensics and the forecast need: no database', async () => {
    const source: ElectionSource = {
      election: () => Promise.resolve(election),
      contestTotals: () => Promise.resolve(totalsOf()),
      protocolsOf: (contestId) => Promise.resolve(protocols.filter((p) => p.contestId === contestId)),
    };
    const input = await loadRecorded(source, 'memory', 'majilis/list');
    expect(input.ok && input.value.stations.length).toBe(protocols.length);
    expect(input.ok && input.value.source).toBe('db memory majilis/list');
    expect(await previousFromSource(source, 'memory')).toEqual(previousFromTotals(election, totalsOf(), 'memory'));
  });

  it.each(engines())(
    "the CLI's adapter over a database on $name gives the same as the protocols alone",
    async (engine) => {
      const { store } = await engine.fresh();
      try {
        const keyring = createKeyring(election);
        await initWithKeyring({ store, electionText, keyring });
        await ingestProtocols({ store, election, documents: protocols, signer: importerSigner(keyring) });
        const source = storeElectionSource(store);
        // Both engines give the protocols in the byte order of their station ids.
        const inIdOrder = [...protocols].sort((a, b) => (a.stationId < b.stationId ? -1 : 1));
        const input = await loadRecorded(source, 'test.db', 'majilis/list');
        expect(input.ok).toBe(true);
        expect(input.ok && input.value.stations).toEqual(
          recordsFromProtocols(election, inIdOrder, 'majilis/list')?.stations,
        );
        const previous = await previousFromSource(source, 'database test.db');
        expect(previous).toEqual(previousFromTotals(election, totalsOf(), 'database test.db'));
        const unknown = await loadRecorded(source, 'test.db', 'majilis/nowhere');
        expect(!unknown.ok && unknown.error.code).toBe('FORENSICS_CONTEST_UNKNOWN');
      } finally {
        await store.close();
      }
    },
    30_000,
  );
});
