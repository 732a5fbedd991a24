import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actDigestOfText } from '../src/journal/act.ts';
import { checkedEventBody } from '../src/journal/events.ts';
import { verifyDigest } from '../src/journal/keys.ts';
import { assertDefined } from '../src/law/assert.ts';
import { canonicalJson } from '../src/model/canonical-json.ts';
import type { TurnoutReport } from '../src/model/turnout-report.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import {
  firstReportPayload,
  firstReportText,
  TurnoutPreparation,
  turnoutAhead,
} from '../src/services/turnout-preparation.ts';
import { ingestTurnout } from '../src/services/turnout-service.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring } from '../src/store/keyring.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { importerAhead, importTwice, sameAsOneThread, waysToImport } from './fixtures/import-ways.ts';

// A bulk turnout import parses each batch, and digests and signs its first reports' acts, on another thread while the
// batch before it is written (src/services/turnout-preparation.ts). What it journals must be exactly what the import on
// one thread journals.

const AT = '2023-03-20T20:30:00.000Z';
const clock = () => AT;
const { dataset, electionText } = tinyElection();

/** Every kind of document a turnout import meets: first reports, repeats, a correction without reason, refusals. */
function mixedReports(reports: readonly TurnoutReport[]): unknown[] {
  const [first, second] = reports as [TurnoutReport, TurnoutReport];
  return [
    ...reports.slice(0, 10),
    { stationId: first.stationId },
    { ...first },
    { ...second, received: second.received + 1 },
    { ...first, stationId: 'KZ-99/PS-0001' },
    ...reports.slice(10),
    { ...first, hour: '09:00' },
  ];
}

describe.each(engines().map((engine) => [engine.name, engine] as const))('a bulk turnout import on %s', (_, engine) => {
  it('journals the same acts, with the same signatures and outcomes, whether prepared ahead or not', async () => {
    const keyring = createKeyring(dataset.election);
    const documents = [...mixedReports(dataset.turnout), { ...dataset.turnout[3], received: 1n }];
    const runs = [];
    for (const way of waysToImport(documents.length)) {
      const { store } = await engine.fresh();
      try {
        await initWithKeyring({ store, electionText, keyring, journalId: '2d'.repeat(16) });
        await ingestProtocols({
          store,
          election: dataset.election,
          documents: dataset.protocols,
          signer: importerSigner(keyring, clock),
        });
        runs.push(
          await importTwice(store, () =>
            ingestTurnout({
              store,
              election: dataset.election,
              documents,
              signer: importerSigner(keyring, clock),
              ...way,
            }),
          ),
        );
        await checkIntegrity({ store, definition: dataset.election, full: true });
      } finally {
        await store.close();
      }
    }
    const oneThread = sameAsOneThread(runs);
    expect(oneThread.events).toHaveLength(dataset.turnout.length);
    // The missing fields, the unknown station, the hour that is none, the correction without a reason, the BigInt.
    expect(oneThread.summary.refused).toBe(5);
    expect(oneThread.summary.unchanged).toBe(1);
    expect(oneThread.again.unchanged).toBe(dataset.turnout.length + 1);
  });
});

describe('the checking thread, for turnout', () => {
  const keyring = createKeyring(dataset.election);
  const { signer, scope, ahead } = importerAhead(keyring, dataset.election.event.id, AT);

  it('makes the act of a first report as the schema every reader parses the journal with takes it', () => {
    for (const report of dataset.turnout) {
      const made = turnoutAhead(report, ahead);
      if (made.kind !== 'report' || made.firstReport === null) throw new Error('a report with its act expected');
      const payloadText = canonicalJson(checkedEventBody(firstReportPayload(report)).payload);
      expect(firstReportText(made.reportText)).toBe(payloadText);
      expect(made.firstReport.digest).toBe(
        actDigestOfText(scope, { type: 'turnout-reported', actor: signer.fingerprint, at: AT }, payloadText),
      );
      expect(
        verifyDigest(
          made.firstReport.digest,
          made.firstReport.signature,
          createPublicKey(assertDefined(ahead.key ?? undefined)),
        ),
      ).toBe(true);
    }
    expect(turnoutAhead({ stationId: 'KZ-1' }, ahead).kind).toBe('invalid');
  });

  it('answers from its own thread exactly what this thread would, and each first report carries its act', async () => {
    const preparation = new TurnoutPreparation(scope, signer, { chunk: 2, mainTakesChunks: false });
    try {
      const documents = mixedReports(dataset.turnout);
      const prepared = await preparation.collect(preparation.post(documents, { actsAhead: true }));
      const here = documents.map((document) => turnoutAhead(document, ahead));
      expect(
        prepared.map((offer) =>
          offer.kind === 'invalid' ? offer : { text: canonicalJson(offer.report), act: offer.firstReport?.prepared },
        ),
      ).toEqual(
        here.map((made) =>
          made.kind === 'invalid'
            ? made
            : {
                text: made.reportText,
                act: { at: AT, payloadText: firstReportText(made.reportText), ...made.firstReport },
              },
        ),
      );
    } finally {
      await preparation.close();
    }
  });
});
