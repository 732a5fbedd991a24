import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveResults } from '../src/server/live-results.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { preparedDatabase } from './server-harness.ts';
import { engines } from './store-engines.ts';
import { importerSigner } from './fixtures/test-keys.ts';

/**
 * The results follow the journal, recomputed at most five times a second (docs/server.md, "Live updates and
 * caching"); a read that catches up first (nominations, ballots after a registration) waits only when there is
 * something to recompute. SQLite: its reads answer without the event loop's timers, which are frozen here.
 */
describe('LiveResults.changed', () => {
  afterEach(() => vi.useRealTimers());

  it('resolves at once when the journal has not moved since the last refresh, and waits for its turn when it has', async () => {
    const { dataset } = tinyElection();
    const { store, keyring } = await preparedDatabase(engines()[0]!, []);
    const live = new LiveResults(store, dataset.election);
    await live.start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      await live.changed();
      const settled = (promise: Promise<void>) => {
        const state = { done: false };
        void promise.then(() => (state.done = true));
        return state;
      };
      // Nothing new: on the code before, this waited for the next refresh slot, 200 ms after the last.
      const unchanged = settled(live.changed());
      await vi.advanceTimersByTimeAsync(0);
      expect(unchanged.done).toBe(true);

      const [protocol] = dataset.protocols;
      await ingestProtocols({
        store,
        election: dataset.election,
        documents: [protocol!],
        signer: importerSigner(keyring),
      });
      const head = await store.journalHead();
      const moved = settled(live.changed());
      await vi.advanceTimersByTimeAsync(0);
      // Recomputing keeps its pace under a stream of writes.
      expect(moved.done).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      expect(moved.done).toBe(true);
      expect(live.current().seq).toBe(head.seq);
    } finally {
      // A refresh still waiting for its slot (on a failure above) ends before the clock is real again.
      await vi.advanceTimersByTimeAsync(1000);
      vi.useRealTimers();
      await live.close();
      await store.close();
    }
  });

  it('recomputes at once after a write when no pace is set (a server whose limits set resultsRefreshMs to 0)', async () => {
    const { dataset } = tinyElection();
    const { store, keyring } = await preparedDatabase(engines()[0]!, []);
    const live = new LiveResults(store, dataset.election, undefined, undefined, 0);
    await live.start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      await live.changed();
      await ingestProtocols({
        store,
        election: dataset.election,
        documents: [dataset.protocols[0]!],
        signer: importerSigner(keyring),
      });
      const head = await store.journalHead();
      let done = false;
      void live.changed().then(() => (done = true));
      await vi.advanceTimersByTimeAsync(0);
      expect([done, live.current().seq]).toEqual([true, head.seq]);
    } finally {
      await vi.advanceTimersByTimeAsync(1000);
      vi.useRealTimers();
      await live.close();
      await store.close();
    }
  });

  it('never rejects: a head that cannot be read before its turn is left to the refresh, which catches up', async () => {
    const { dataset } = tinyElection();
    const { store } = await preparedDatabase(engines()[0]!, []);
    const live = new LiveResults(store, dataset.election);
    await live.start();
    const journalHead = store.journalHead.bind(store);
    try {
      await live.changed();
      // The next call comes before its turn: on the code before, the failed read of the head rejected it.
      let failures = 1;
      store.journalHead = () => (failures-- > 0 ? Promise.reject(new Error('the database restarting')) : journalHead());
      await expect(live.changed()).resolves.toBeUndefined();
      expect([failures, live.current().seq]).toEqual([-1, (await journalHead()).seq]);
    } finally {
      await live.close();
      await store.close();
    }
  });
});
