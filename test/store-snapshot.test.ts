import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';

import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

describe.each(engines().map((engine) => [engine.name, engine] as const))('Store.snapshot on %s', (_name, engine) => {
  const { dataset, electionText } = tinyElection();
  let store: Store;
  let other: Store;
  let keyring: Keyring;

  beforeAll(async () => {
    let db: string;
    ({ store, db } = await engine.fresh());
    keyring = createKeyring(dataset.election);
    await initWithKeyring({ store, electionText, keyring });
    // A second connection to the same database, as a worker thread or another process has.
    other = openStore(db);
  }, 120_000);

  afterAll(async () => {
    await other?.close();
    await store?.close();
  });

  it('reads one committed state to the end while another connection appends, without holding the append back', async () => {
    const [first, second] = dataset.protocols.filter((protocol) => protocol.contestId === 'majilis/list');
    await ingestProtocols({
      store: other,
      election: dataset.election,
      documents: [first!],
      signer: importerSigner(keyring),
    });
    const seen = await store.snapshot(async (reader) => {
      const before = {
        head: await reader.journalHead(),
        events: await reader.eventCount(),
        protocols: (await reader.allProtocols()).length,
        totals: await reader.allContestTotals(),
      };
      // Completes inside the snapshot: it takes no lock the append waits for.
      const appended = await ingestProtocols({
        store: other,
        election: dataset.election,
        documents: [second!],
        signer: importerSigner(keyring),
      });
      const after = {
        head: await reader.journalHead(),
        events: await reader.eventCount(),
        protocols: (await reader.allProtocols()).length,
        totals: await reader.allContestTotals(),
      };
      return { before, after, accepted: appended.accepted };
    });
    expect(seen.accepted).toBe(1);
    expect(seen.after).toEqual(seen.before);
    expect(seen.before.protocols).toBe(1);
    // Outside the snapshot, the append is there.
    expect((await store.journalHead()).seq).toBe(seen.before.head.seq + 1);
    expect((await store.allProtocols()).length).toBe(2);
  }, 60_000);

  it('ends its transaction when the work fails, and the store goes on', async () => {
    await expect(store.snapshot(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: dataset.protocols.filter((protocol) => protocol.contestId === 'majilis/list').slice(2, 3),
      signer: importerSigner(keyring),
    });
    expect((await store.allProtocols()).length).toBe(3);
  }, 60_000);
});
