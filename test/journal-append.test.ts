import { describe, expect, it } from 'vitest';
import { actDigestOfText, type ActSigner, keySigner } from '../src/journal/act.ts';
import { journalActScope } from '../src/store/act-scope.ts';
import { generateSigningKey, signDigest } from '../src/journal/keys.ts';
import { canonicalJson } from '../src/model/canonical-json.ts';
import { firstVersionText } from '../src/services/intake-preparation.ts';
import { append } from '../src/services/journal-append.ts';
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
  it('takes an act made ahead only as it was signed: another digest, a bad time or a forged signature writes nothing', async () => {
    const { dataset, electionText } = tinyElection();
    const keyring = createKeyring(dataset.election);
    const { store } = await engine.fresh();
    try {
      await initWithKeyring({ store, electionText, keyring });
      const before = await store.journalHead();
      const scope = await journalActScope(store, dataset.election.event.id);
      const protocol = dataset.protocols[0]!;
      const payload: JournalPayload = {
        type: 'protocol-accepted',
        protocol,
        acknowledged: [],
        via: 'import',
        reason: null,
      };
      const payloadText = firstVersionText(canonicalJson(protocol), []);
      const at = '2023-03-20T10:00:00.000Z';
      const cec = keyring.cec;
      const digestAt = (time: string) =>
        actDigestOfText(scope, { type: 'protocol-accepted', actor: cec.fingerprint, at: time }, payloadText);
      const made = (time: string, digest: string, signature: string) => ({ at: time, payloadText, digest, signature });
      const local = keySigner(cec, () => at);
      // A signer of another process: its signatures are checked against the registered key.
      const remote: ActSigner = {
        fingerprint: cec.fingerprint,
        at: () => at,
        sign: () => Promise.reject(new Error('not asked')),
      };
      const attempt = (prepared: ReturnType<typeof made>, signer: ActSigner = local) =>
        store.write((writer) => append(writer, dataset.election.event.id, [{ payload, signer, prepared }]));
      const other = digestAt('2023-03-20T10:00:00.001Z');
      await expect(attempt(made(at, other, signDigest(other, cec)))).rejects.toThrow(/signed over another digest/);
      const badTime = '2023-03-20T10:00:00Z';
      const timed = await attempt(made(badTime, digestAt(badTime), signDigest(digestAt(badTime), cec)));
      expect(timed.ok ? null : timed.error.code).toBe('ACT_TIME_INVALID');
      const stranger = generateSigningKey();
      const forged = await attempt(made(at, digestAt(at), signDigest(digestAt(at), stranger)), remote);
      expect(forged.ok ? null : forged.error.code).toBe('ACT_SIGNATURE_INVALID');
      expect(await store.journalHead()).toEqual(before);
      // The same act, signed by its author's key: journaled, its payload as the text that was signed.
      const signed = await attempt(made(at, digestAt(at), signDigest(digestAt(at), cec)), remote);
      expect(signed.ok).toBe(true);
      const [event] = await store.journalRowsAfter(before.seq, 1);
      expect(event?.payload).toBe(payloadText);
    } finally {
      await store.close();
    }
  });
});
