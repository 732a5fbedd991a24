import type { Election } from '../model/election.ts';
import {
  type Accreditation,
  accreditationSchema,
  type CopySample,
  copySampleSchema,
  irregularitySchema,
  type ProtocolCopy,
  protocolCopySchema,
} from '../model/observer.ts';
import type { CodedRefusal, RefusalParams } from '../model/refusal.ts';
import type { Result } from '../model/result.ts';
import type { MessageCode } from '../i18n/messages.ts';
import type { ActSigner } from '../journal/act.ts';
import { commissionActedFor } from '../journal/key-authority.ts';
import type { JournalPayload } from '../journal/events.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import {
  accreditationKey,
  accreditationKeyOfKey,
  copyKey,
  decideAccreditation,
  decideCopy,
  decideIrregularity,
  decideSample,
  irregularityKey,
  observerRecordOf,
  observerRecordText,
  sampleKey,
} from '../tally/observers.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import { append, type PlannedAct } from './journal-append.ts';
import { TurnoutIngestRefused as JournalRefused } from './turnout-service.ts';

/** What an import of observers' acts did with each document (docs/law.md §10.2). */
export interface ObserverIngestSummary {
  taken: number;
  unchanged: number;
  refused: number;
  readonly refusals: { index: number; id?: string; code: MessageCode; params: RefusalParams }[];
}

/**
 * A document decided: refused, the same as the journal holds, or a payload to sign and the records it will make (held
 * for the rest of the batch, written from the appended events).
 */
type Decided =
  | { readonly kind: 'refused'; readonly refusal: CodedRefusal; readonly id?: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'taken'; readonly payload: JournalPayload; readonly records: ReadonlyMap<string, string> };

/**
 * `saylau observers accredit`: accreditations, each signed by `signer` (the CEC, or a commission or its chair) and
 * journaled as `observer-accredited`; a document refused is named with its code, nothing of it written.
 */
export function accreditObservers(options: ObserverIngestOptions): Promise<ObserverIngestSummary> {
  return ingestObserverActs(options, {
    keysOf: (documents) =>
      documents.flatMap((document) => {
        const parsed = accreditationSchema.safeParse(document);
        return parsed.success ? [accreditationKey(parsed.data.id), accreditationKeyOfKey(parsed.data.key)] : [];
      }),
    decide: async (document, { writer, election, held, signer }) => {
      const parsed = accreditationSchema.safeParse(document);
      if (!parsed.success) return schemaRefusal(parsed.error.issues[0]?.message);
      const accreditation = parsed.data;
      const author = await writer.signingKey(signer.fingerprint);
      if (author === null) return refused({ code: 'KEY_NOT_REGISTERED', params: { fingerprint: signer.fingerprint } });
      const observerKey = await writer.signingKey(accreditation.key);
      const heldText = held.get(accreditationKey(accreditation.id));
      const decision = decideAccreditation(accreditation, {
        election,
        accreditor: commissionActedFor(author),
        observerKey: observerKey ?? undefined,
        at: signer.at(),
        held: heldText === undefined ? undefined : observerRecordOf<Accreditation>(heldText).value,
        keyHeldBy: heldBy(held.get(accreditationKeyOfKey(accreditation.key))),
      });
      return outcome(decision, accreditation.id, () => ({
        payload: { type: 'observer-accredited', accreditation },
        records: new Map([
          [accreditationKey(accreditation.id), observerRecordText(accreditation, 0)],
          [accreditationKeyOfKey(accreditation.key), observerRecordText(accreditation.id, 0)],
        ]),
      }));
    },
  });
}

/**
 * `saylau copies`: an observer's protocol copies, each signed with the observer's own key and journaled as
 * `protocol-copy-entered`. A copy is compared with the official protocol on the site; it never changes one.
 */
export function enterCopies(options: ObserverIngestOptions): Promise<ObserverIngestSummary> {
  return ingestObserverActs(options, {
    keysOf: (documents) =>
      documents.flatMap((document) => {
        const parsed = protocolCopySchema.safeParse(document);
        if (!parsed.success) return [];
        const { accreditation, protocol } = parsed.data;
        return [accreditationKey(accreditation), copyKey(protocol.stationId, protocol.contestId, accreditation)];
      }),
    decide: (document, { election, held, signer }) => {
      const parsed = protocolCopySchema.safeParse(document);
      if (!parsed.success) return Promise.resolve(schemaRefusal(parsed.error.issues[0]?.message));
      const copy = parsed.data;
      const { stationId, contestId } = copy.protocol;
      const key = copyKey(stationId, contestId, copy.accreditation);
      const accreditationText = held.get(accreditationKey(copy.accreditation));
      const heldCopy = held.get(key);
      const decision = decideCopy(copy, {
        election,
        accreditation:
          accreditationText === undefined ? undefined : observerRecordOf<Accreditation>(accreditationText).value,
        signer: signer.fingerprint,
        at: signer.at(),
        held: heldCopy === undefined ? undefined : observerRecordOf<ProtocolCopy>(heldCopy).value,
      });
      return Promise.resolve(
        outcome(decision, `${stationId} ${contestId}`, () => ({
          payload: { type: 'protocol-copy-entered', copy },
          records: new Map([[key, observerRecordText(copy, 0)]]),
        })),
      );
    },
  });
}

/**
 * `saylau observers --samples`: samples of stations for a parallel vote tabulation, each signed with the drawing
 * organisation's observer key before any official protocol of its contest is in (docs/law.md §10.2).
 */
export function drawSamples(options: ObserverIngestOptions): Promise<ObserverIngestSummary> {
  return ingestObserverActs(options, {
    keysOf: (documents) =>
      documents.flatMap((document) => {
        const parsed = copySampleSchema.safeParse(document);
        if (!parsed.success) return [];
        const { accreditation, contestId } = parsed.data;
        return [accreditationKey(accreditation), sampleKey(accreditation, contestId)];
      }),
    decide: async (document, { writer, election, held, signer }) => {
      const parsed = copySampleSchema.safeParse(document);
      if (!parsed.success) return schemaRefusal(parsed.error.issues[0]?.message);
      const sample = parsed.data;
      const key = sampleKey(sample.accreditation, sample.contestId);
      const accreditationText = held.get(accreditationKey(sample.accreditation));
      const heldSample = held.get(key);
      const totals = await writer.contestTotals([sample.contestId]);
      const decision = decideSample(sample, {
        election,
        accreditation:
          accreditationText === undefined ? undefined : observerRecordOf<Accreditation>(accreditationText).value,
        signer: signer.fingerprint,
        counted: (totals.get(sample.contestId)?.stations ?? 0) > 0,
        held: heldSample === undefined ? undefined : observerRecordOf<CopySample>(heldSample).value,
      });
      return outcome(decision, `${sample.accreditation} ${sample.contestId}`, () => ({
        payload: { type: 'copy-sample-drawn', sample },
        records: new Map([[key, observerRecordText(sample, 0)]]),
      }));
    },
  });
}

/**
 * `saylau irregularities`: what observers saw at stations, each signed with the observer's own key and journaled as
 * `irregularity-reported`; public at once as the observer's statement (docs/law.md §10.2).
 */
export function reportIrregularities(options: ObserverIngestOptions): Promise<ObserverIngestSummary> {
  return ingestObserverActs(options, {
    keysOf: (documents) =>
      documents.flatMap((document) => {
        const parsed = irregularitySchema.safeParse(document);
        return parsed.success ? [accreditationKey(parsed.data.accreditation), irregularityKey(parsed.data)] : [];
      }),
    decide: (document, { election, held, signer }) => {
      const parsed = irregularitySchema.safeParse(document);
      if (!parsed.success) return Promise.resolve(schemaRefusal(parsed.error.issues[0]?.message));
      const report = parsed.data;
      const key = irregularityKey(report);
      const accreditationText = held.get(accreditationKey(report.accreditation));
      const decision = decideIrregularity(report, {
        election,
        accreditation:
          accreditationText === undefined ? undefined : observerRecordOf<Accreditation>(accreditationText).value,
        signer: signer.fingerprint,
        at: signer.at(),
        held: held.has(key),
      });
      return Promise.resolve(
        outcome(decision, `${report.accreditation} ${report.stationId}`, () => ({
          payload: { type: 'irregularity-reported', report },
          records: new Map([[key, observerRecordText(report, 0)]]),
        })),
      );
    },
  });
}

interface ObserverIngestOptions {
  readonly store: Store;
  readonly election: Election;
  readonly documents: readonly unknown[];
  readonly signer: ActSigner;
  readonly batchSize?: number;
  readonly onProgress?: (done: number) => void;
}

interface DecideContext {
  readonly writer: StoreWriter;
  readonly election: Election;
  /** The records of election day the batch touches, updated as each document is taken. */
  readonly held: Map<string, string>;
  readonly signer: ActSigner;
}

interface ObserverActKind {
  /** The records of election day a batch of documents needs to be decided. */
  keysOf(documents: readonly unknown[]): string[];
  decide(document: unknown, context: DecideContext): Promise<Decided>;
}

/** The accreditation a key's record names, if there is one. */
function heldBy(text: string | undefined): string | undefined {
  return text === undefined ? undefined : observerRecordOf<string>(text).value;
}

function refused(refusal: CodedRefusal, id?: string): Decided {
  return id === undefined ? { kind: 'refused', refusal } : { kind: 'refused', refusal, id };
}

function schemaRefusal(message: string | undefined): Decided {
  return refused({ code: 'DATASET_SCHEMA', params: { detail: message ?? 'not of the schema' } });
}

function outcome(
  decision: Result<{ kind: string }, CodedRefusal>,
  id: string,
  taken: () => { payload: JournalPayload; records: ReadonlyMap<string, string> },
): Decided {
  if (!decision.ok) return refused(decision.error, id);
  return decision.value.kind === 'unchanged' ? { kind: 'unchanged' } : { kind: 'taken', ...taken() };
}

/**
 * The batches of an import, each decided against the journal as it stands and committed in one transaction (safe to
 * run again: what the journal holds is unchanged).
 */
async function ingestObserverActs(
  { store, election, documents, signer, batchSize = 5000, onProgress }: ObserverIngestOptions,
  kind: ObserverActKind,
): Promise<ObserverIngestSummary> {
  // The records of election day have a table of their own since schema version 8.
  await store.migrate();
  const summary: ObserverIngestSummary = { taken: 0, unchanged: 0, refused: 0, refusals: [] };
  for (let start = 0; start < documents.length; start += batchSize) {
    const batch = documents.slice(start, start + batchSize);
    await store.write(async (writer) => {
      await writer.head();
      const held = new Map(await writer.dayRecords(kind.keysOf(batch)));
      const planned: PlannedAct[] = [];
      let taken = 0;
      for (const [offset, document] of batch.entries()) {
        const decided = await kind.decide(document, { writer, election, held, signer });
        if (decided.kind === 'unchanged') summary.unchanged += 1;
        else if (decided.kind === 'refused') {
          summary.refused += 1;
          summary.refusals.push({
            index: start + offset,
            ...(decided.id === undefined ? {} : { id: decided.id }),
            code: decided.refusal.code,
            params: decided.refusal.params,
          });
        } else {
          // Held at once, so that a second document of the batch is decided against the first.
          for (const [key, value] of decided.records) held.set(key, value);
          planned.push({ payload: decided.payload, signer });
          taken += 1;
        }
      }
      if (planned.length === 0) return;
      const appended = await append(writer, election.event.id, planned);
      if (!appended.ok) throw new JournalRefused(appended.error.code, appended.error.params);
      // The records as the projection makes them from the events appended, so that a live write and a replay agree.
      const state = emptyProjection();
      for (const event of appended.value) applyEvent(state, event, election);
      await writer.putDayRecords(state.dayRecords);
      summary.taken += taken;
    });
    onProgress?.(Math.min(documents.length, start + batchSize));
  }
  return summary;
}
