import { describe, expect, it } from 'vitest';
import type { JournalPayload } from '../src/journal/events.ts';

import { createKeyring } from '../src/store/keyring.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { appendSigned, initWithKeyring } from './fixtures/test-keys.ts';

// What the code appends is checked against the schema every reader parses the journal with, before it is signed:
// a malformed payload is a defect stopped at the door, not a signed event that every later open refuses.
describe.each(engines().map((engine) => [engine.name, engine] as const))('append on %s', (_name, engine) => {
  it('refuses to sign a payload its schema refuses, and writes nothing', async () => {
    const { dataset, electionText } = tinyElection();
    const keyring = createKeyring(dataset.election);
    const { store } = await engine.fresh();
    try {
      await initWithKeyring({ store, electionText, keyring });
      const before = await store.journalHead();
      const malformed = { type: 'lots-drawn', contestId: 'majilis/list', order: 'amanat' } as unknown as JournalPayload;
      await expect(
        store.write((writer) =>
          appendSigned(
            writer,
            dataset.election.event.id,
            [{ payload: malformed, key: keyring.cec }],
            '2023-03-20T10:00:00.000Z',
          ),
        ),
      ).rejects.toThrow(/lots-drawn event does not fit its schema: order/);
      expect(await store.journalHead()).toEqual(before);

      const wellFormed: JournalPayload = { type: 'lots-drawn', contestId: 'majilis/list', order: ['amanat', 'auyl'] };
      await store.write((writer) =>
        appendSigned(
          writer,
          dataset.election.event.id,
          [{ payload: wellFormed, key: keyring.cec }],
          '2023-03-20T10:00:00.000Z',
        ),
      );
      expect((await store.journalHead()).seq).toBe(before.seq + 1);
    } finally {
      await store.close();
    }
  });
});
