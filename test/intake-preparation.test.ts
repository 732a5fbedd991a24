import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actDigestOfText } from '../src/journal/act.ts';
import { verifyDigest } from '../src/journal/keys.ts';
import { assertDefined } from '../src/law/assert.ts';
import { checkedEventBody } from '../src/journal/events.ts';
import { canonicalJson } from '../src/model/canonical-json.ts';
import type { Protocol } from '../src/model/protocol.ts';
import {
  type ChunkMessage,
  checkAhead,
  checkClaimedChunks,
  firstVersionPayload,
  firstVersionText,
  IntakePreparation,
} from '../src/services/intake-preparation.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring } from '../src/store/keyring.ts';
import { indexElection } from '../src/tally/intake.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerAhead, importTwice, sameAsOneThread, waysToImport } from './fixtures/import-ways.ts';

// A bulk import checks, digests and signs each batch on another thread while the one before it is written
// (src/services/intake-preparation.ts). What it journals must be exactly what the import on one thread journals.

const AT = '2023-03-20T20:30:00.000Z';
const clock = () => AT;

/** Every kind of document an import meets: first versions, a correction, repeats, conflicts and refusals. */
function mixedDocuments(protocols: readonly Protocol[]): unknown[] {
  const [first, second, third] = protocols as [Protocol, Protocol, Protocol];
  const lines = { ...second.lines, invalid: second.lines.invalid + 1, againstAll: second.lines.againstAll - 1 };
  const correction = { ...second, version: 2, lines };
  return [
    ...protocols.slice(0, 20),
    { stationId: 'KZ-35/PS-0001' },
    { ...first },
    correction,
    { ...third, stationId: 'KZ-99/PS-0001' },
    ...protocols.slice(20),
    correction,
    { ...third, lines: { ...third.lines, againstAll: third.lines.againstAll + 1 } },
    { ...first, version: 3 },
  ];
}

describe.each(engines().map((engine) => [engine.name, engine] as const))('a bulk import on %s', (_name, engine) => {
  it('journals the same acts, with the same signatures and outcomes, whether prepared ahead or not', async () => {
    const { dataset, electionText } = tinyElection();
    const keyring = createKeyring(dataset.election);
    // And one that is not JSON: its batch is done on the main thread, and it is refused there as on one thread.
    const documents = [...mixedDocuments(dataset.protocols), { ...dataset.protocols[2], version: 1n }];
    const runs = [];
    for (const way of waysToImport(documents.length)) {
      const { store } = await engine.fresh();
      try {
        // One journal id for every run, so that their journals can be compared byte for byte.
        await initWithKeyring({ store, electionText, keyring, journalId: '1c'.repeat(16) });
        // Run again, as after an interruption: nothing new, and after two batches no act is made ahead.
        runs.push(
          await importTwice(store, () =>
            ingestProtocols({
              store,
              election: dataset.election,
              documents,
              signer: importerSigner(keyring, clock),
              ...way,
            }),
          ),
        );
      } finally {
        await store.close();
      }
    }
    const oneThread = sameAsOneThread(runs);
    // All but the refused and the first version of the corrected protocol, stale now.
    expect(oneThread.again.unchanged).toBe(55);
    // 53 first versions and the one correction; the rest repeated, stale, in conflict or refused.
    expect(oneThread.events).toHaveLength(54);
    expect(oneThread.summary.outcomes.filter((outcome) => outcome === 'refused')).toHaveLength(5);
    expect(oneThread.summary.unchanged).toBe(2);
  });

  it('with a clock that moves, each act made ahead is signed at its batch’s time, and the journal checks', async () => {
    const { dataset, electionText } = tinyElection();
    const keyring = createKeyring(dataset.election);
    const { store } = await engine.fresh();
    try {
      await initWithKeyring({ store, electionText, keyring });
      const { seq } = await store.journalHead();
      let tick = Date.parse(AT);
      const moving = () => new Date((tick += 7)).toISOString();
      await ingestProtocols({
        store,
        election: dataset.election,
        documents: mixedDocuments(dataset.protocols),
        signer: importerSigner(keyring, moving),
        batchSize: 8,
        sharing: { chunk: 2, mainTakesChunks: false },
      });
      const times = new Set((await store.eventsAfter(seq, 10_000)).map((event) => event.at));
      expect(times.size).toBeGreaterThan(5);
      // The check on open recomputes every act's digest and checks its signature against the author's key.
      await checkIntegrity({ store, definition: dataset.election, full: true });
    } finally {
      await store.close();
    }
  });
});

describe('the checking thread', () => {
  const { dataset } = tinyElection();
  const keyring = createKeyring(dataset.election);
  const index = indexElection(dataset.election);
  const { signer, scope, ahead } = importerAhead(keyring, dataset.election.event.id, AT);

  it('makes the act of a first version as the schema every reader parses the journal with takes it', () => {
    for (const protocol of dataset.protocols) {
      const checked = checkAhead(protocol, index, ahead);
      if (checked.kind !== 'checked' || checked.firstVersion === null) throw new Error('a first version expected');
      const payloadText = canonicalJson(checkedEventBody(firstVersionPayload(protocol, [])).payload);
      expect(firstVersionText(checked.protocolText, [])).toBe(payloadText);
      // Digested and signed over that text, as `append` digests it again.
      expect(checked.firstVersion.digest).toBe(
        actDigestOfText(scope, { type: 'protocol-accepted', actor: signer.fingerprint, at: AT }, payloadText),
      );
      expect(
        verifyDigest(
          checked.firstVersion.digest,
          checked.firstVersion.signature,
          createPublicKey(assertDefined(ahead.key ?? undefined)),
        ),
      ).toBe(true);
      // The text the main thread journals, written around the protocol's, with warnings as without.
      for (const warnings of [[], ['PROTOCOL_TURNOUT_HIGH', 'PROTOCOL_ROUND_SHARES']])
        expect(firstVersionText(canonicalJson(protocol), warnings)).toBe(
          canonicalJson(checkedEventBody(firstVersionPayload(protocol, warnings)).payload),
        );
    }
  });

  it('does only the chunks it claims, front to back, and stops at the first the main thread took', () => {
    const chunks = [0, 2, 4].map((start) => JSON.stringify(dataset.protocols.slice(start, start + 2)));
    const claims = new Int32Array(new SharedArrayBuffer(12));
    claims[1] = 2;
    const posted: ChunkMessage[] = [];
    checkClaimedChunks(
      { id: 7, kind: 'protocols', chunks, claims, ahead },
      (document) => checkAhead(document, index, ahead),
      (message) => posted.push(message),
    );
    expect(posted.map(({ id, chunk }) => [id, chunk])).toEqual([[7, 0]]);
    expect([...claims]).toEqual([1, 2, 0]);
  });

  it('never leaves the main thread waiting for a chunk when it stops', async () => {
    const preparation = new IntakePreparation(index, scope, signer, {
      chunk: 1,
      mainTakesChunks: false,
    });
    const batch = preparation.post(dataset.protocols, { actsAhead: true });
    await preparation.close();
    await expect(preparation.collect(batch)).rejects.toThrow(/the intake worker stopped/);
  });

  it('answers from its own thread exactly what this thread would', async () => {
    const preparation = new IntakePreparation(index, scope, signer);
    try {
      const documents = mixedDocuments(dataset.protocols);
      const batch = preparation.post(documents, { actsAhead: true });
      // Left alone until the checking thread has claimed every chunk, so that none is done here.
      for (let waited = 0; !batch.claims.every((claim) => claim !== 0); waited += 10) {
        if (waited > 20_000) throw new Error('the checking thread never claimed the batch');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect([...batch.claims].every((claim) => claim === 1)).toBe(true);
      // Its answers arrive before anyone collects them, as they do while the main thread writes the batch before.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const prepared = await preparation.collect(batch);
      const here = documents.map((document) => checkAhead(document, index, batch.ahead));
      expect(
        prepared.map((document) =>
          document.kind === 'refuse'
            ? document
            : { protocolText: canonicalJson(document.protocol), act: document.firstVersion?.prepared ?? null },
        ),
      ).toEqual(
        here.map((document) =>
          document.kind === 'refuse'
            ? document
            : {
                protocolText: document.protocolText,
                act:
                  document.firstVersion === null
                    ? null
                    : {
                        at: AT,
                        payloadText: firstVersionText(document.protocolText, document.warnings),
                        ...document.firstVersion,
                      },
              },
        ),
      );
    } finally {
      await preparation.close();
    }
  });
});
