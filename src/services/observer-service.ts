import {
  type Accreditation,
  accreditationSchema,
  type CopySample,
  copySampleSchema,
  irregularitySchema,
  type ProtocolCopy,
  protocolCopySchema,
} from '../model/observer.ts';
import { commissionActedFor } from '../journal/key-authority.ts';
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
import {
  type ActIntakeOptions,
  type ActIntakeSummary,
  ingestSignedActs,
  outcome,
  schemaRefusal,
  refused,
} from './signed-acts-intake.ts';

/**
 * `saylau observers accredit`: accreditations, each signed by `signer` (the CEC, or a commission or its chair) and
 * journaled as `observer-accredited`; a document refused is named with its code, nothing of it written.
 */
export function accreditObservers(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
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
export function enterCopies(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
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
export function drawSamples(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
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
export function reportIrregularities(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
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

/** The accreditation a key's record names, if there is one. */
function heldBy(text: string | undefined): string | undefined {
  return text === undefined ? undefined : observerRecordOf<string>(text).value;
}
