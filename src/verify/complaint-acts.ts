import { formatMessage } from '../i18n/messages.ts';
import type { JournalPayload } from '../journal/events.ts';
import { commissionActedFor, type KeyHolder } from '../journal/key-authority.ts';
import type { ProjectionState } from '../journal/projection.ts';
import type { Complaint, ComplaintDecision, ViolationCase } from '../model/complaint.ts';
import type { Election } from '../model/election.ts';
import {
  complaintDecisionKey,
  complaintKey,
  decideComplaint,
  decideFiling,
  decideViolation,
  violationKey,
} from '../tally/complaints.ts';
import { accreditationKey, accreditationKeyOfKey, observerRecordOf } from '../tally/observers.ts';
import type { Accreditation } from '../model/observer.ts';

// `verify`'s replay of complaints, their decisions and administrative cases (docs/law.md §10.3): each decided again
// from the journal before it, by the rules the service decided it by.

/** Why a complaint, a decision or a case is one the service would not have taken, or null. */
export function complaintActProblem(
  payload: Extract<JournalPayload, { type: 'complaint-filed' | 'complaint-decided' | 'violation-recorded' }>,
  signer: KeyHolder & { readonly fingerprint: string },
  at: string,
  state: ProjectionState,
  election: Election,
): string | null {
  const record = <T>(key: string): T | undefined => {
    const text = state.dayRecords.get(key);
    return text === undefined ? undefined : observerRecordOf<T>(text).value;
  };
  const acting = commissionActedFor(signer);
  const filerAccreditation = () => {
    const id = record<string>(accreditationKeyOfKey(signer.fingerprint));
    return id === undefined ? undefined : record<Accreditation>(accreditationKey(id));
  };
  const decision =
    payload.type === 'complaint-filed'
      ? decideFiling(payload.complaint, {
          election,
          filer: acting,
          filerAccreditation: filerAccreditation(),
          at,
          held: record<Complaint>(complaintKey(payload.complaint.id)),
        })
      : payload.type === 'complaint-decided'
        ? decideComplaint(payload.decision, {
            election,
            decider: acting,
            complaint: record<Complaint>(complaintKey(payload.decision.complaintId)),
            held: record<ComplaintDecision>(complaintDecisionKey(payload.decision.complaintId)),
          })
        : decideViolation(payload.violation, {
            election,
            recorder: acting,
            held: record<ViolationCase>(violationKey(payload.violation.id)),
          });
  if (!decision.ok) return `refused: ${formatMessage(decision.error.code, 'en', decision.error.params)}`;
  return decision.value.kind === 'unchanged' ? 'an act the journal held already' : null;
}
