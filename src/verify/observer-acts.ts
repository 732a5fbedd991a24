import { formatMessage } from '../i18n/messages.ts';
import type { JournalPayload } from '../journal/events.ts';
import { commissionActedFor, type KeyHolder } from '../journal/key-authority.ts';
import type { ProjectionState } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import type { Accreditation, CopySample, Irregularity, ProtocolCopy } from '../model/observer.ts';
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
  sampleKey,
} from '../tally/observers.ts';

// `verify`'s replay of observers' acts (docs/law.md §10.2): each decided again from the journal before it, by the rules
// the service decided it by, so that an act written past the service is named.

/** Why an accreditation or a protocol copy is one the service would not have taken, or null. */
export function observerActProblem(
  payload: Extract<
    JournalPayload,
    { type: 'observer-accredited' | 'protocol-copy-entered' | 'copy-sample-drawn' | 'irregularity-reported' }
  >,
  signer: KeyHolder & { readonly fingerprint: string },
  at: string,
  state: ProjectionState,
  election: Election,
): string | null {
  const decision =
    payload.type === 'observer-accredited'
      ? accreditationDecision(payload.accreditation, signer, at, state, election)
      : payload.type === 'protocol-copy-entered'
        ? copyDecision(payload.copy, signer.fingerprint, at, state, election)
        : payload.type === 'copy-sample-drawn'
          ? sampleDecision(payload.sample, signer.fingerprint, state, election)
          : irregularityDecision(payload.report, signer.fingerprint, at, state, election);
  if (!decision.ok) return `refused: ${formatMessage(decision.error.code, 'en', decision.error.params)}`;
  return decision.value.kind === 'unchanged' ? 'an act the journal held already' : null;
}

function accreditationDecision(
  accreditation: Accreditation,
  signer: KeyHolder,
  at: string,
  state: ProjectionState,
  election: Election,
) {
  const held = state.dayRecords.get(accreditationKey(accreditation.id));
  const observerKey = state.keys.get(accreditation.key);
  const heldBy = state.dayRecords.get(accreditationKeyOfKey(accreditation.key));
  return decideAccreditation(accreditation, {
    election,
    accreditor: commissionActedFor(signer),
    observerKey,
    at,
    held: held === undefined ? undefined : observerRecordOf<Accreditation>(held).value,
    keyHeldBy: heldBy === undefined ? undefined : observerRecordOf<string>(heldBy).value,
  });
}

function copyDecision(copy: ProtocolCopy, signer: string, at: string, state: ProjectionState, election: Election) {
  const accreditation = state.dayRecords.get(accreditationKey(copy.accreditation));
  const held = state.dayRecords.get(copyKey(copy.protocol.stationId, copy.protocol.contestId, copy.accreditation));
  return decideCopy(copy, {
    election,
    accreditation: accreditation === undefined ? undefined : observerRecordOf<Accreditation>(accreditation).value,
    signer,
    at,
    held: held === undefined ? undefined : observerRecordOf<ProtocolCopy>(held).value,
  });
}

function sampleDecision(sample: CopySample, signer: string, state: ProjectionState, election: Election) {
  const accreditation = state.dayRecords.get(accreditationKey(sample.accreditation));
  const held = state.dayRecords.get(sampleKey(sample.accreditation, sample.contestId));
  return decideSample(sample, {
    election,
    accreditation: accreditation === undefined ? undefined : observerRecordOf<Accreditation>(accreditation).value,
    signer,
    counted: (state.totals.get(sample.contestId)?.stations ?? 0) > 0,
    held: held === undefined ? undefined : observerRecordOf<CopySample>(held).value,
  });
}

function irregularityDecision(
  report: Irregularity,
  signer: string,
  at: string,
  state: ProjectionState,
  election: Election,
) {
  const accreditation = state.dayRecords.get(accreditationKey(report.accreditation));
  return decideIrregularity(report, {
    election,
    accreditation: accreditation === undefined ? undefined : observerRecordOf<Accreditation>(accreditation).value,
    signer,
    at,
    held: state.dayRecords.has(irregularityKey(report)),
  });
}
