import {
  type Complaint,
  type ComplaintDecision,
  complaintDecisionSchema,
  complaintSchema,
  type ViolationCase,
  violationCaseSchema,
} from '../model/complaint.ts';
import { commissionActedFor } from '../journal/key-authority.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import {
  annulledKey,
  complaintDecisionKey,
  complaintKey,
  decideComplaint,
  decideFiling,
  decideViolation,
  violationKey,
} from '../tally/complaints.ts';
import { accreditationKey, accreditationKeyOfKey, observerRecordOf, observerRecordText } from '../tally/observers.ts';
import type { Accreditation } from '../model/observer.ts';
import {
  type ActIntakeOptions,
  type ActIntakeSummary,
  ingestSignedActs,
  outcome,
  refused,
  schemaRefusal,
} from './signed-acts-intake.ts';

// Complaints, decisions on them and administrative cases journaled (docs/law.md §10.3), each signed by its author
// and decided by the rules `verify` replays (src/tally/complaints.ts).

const recordOf = <T>(text: string | undefined): T | undefined =>
  text === undefined ? undefined : observerRecordOf<T>(text).value;

/**
 * `saylau complaints`: complaints registered by the commission that decides them (its key or its chair's), or filed
 * by an accredited observer with their own key. A complaint is never changed.
 */
export function fileComplaints(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
    keysOf: (documents) => [
      accreditationKeyOfKey(options.signer.fingerprint),
      ...documents.flatMap((document) => {
        const parsed = complaintSchema.safeParse(document);
        return parsed.success ? [complaintKey(parsed.data.id)] : [];
      }),
    ],
    decide: async (document, { writer, election, held, signer }) => {
      const parsed = complaintSchema.safeParse(document);
      if (!parsed.success) return schemaRefusal(parsed.error.issues[0]?.message);
      const complaint = parsed.data;
      const author = await writer.signingKey(signer.fingerprint);
      if (author === null) return refused({ code: 'KEY_NOT_REGISTERED', params: { fingerprint: signer.fingerprint } });
      const accreditationId = recordOf<string>(held.get(accreditationKeyOfKey(signer.fingerprint)));
      const accreditation =
        accreditationId === undefined
          ? undefined
          : recordOf<Accreditation>(
              (await writer.dayRecords([accreditationKey(accreditationId)])).get(accreditationKey(accreditationId)),
            );
      const decision = decideFiling(complaint, {
        election,
        filer: commissionActedFor(author),
        filerAccreditation: accreditation,
        at: signer.at(),
        held: recordOf<Complaint>(held.get(complaintKey(complaint.id))),
      });
      return outcome(decision, complaint.id, () => ({
        payload: { type: 'complaint-filed', complaint },
        records: new Map([[complaintKey(complaint.id), observerRecordText(complaint, 0)]]),
      }));
    },
  });
}

/**
 * `saylau complaints --decisions`: decisions on complaints, each signed by the deciding commission; an annulment takes
 * the station's protocols of the named contests out of the current protocols and totals in the same transaction.
 */
export function decideComplaints(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
    keysOf: (documents) =>
      documents.flatMap((document) => {
        const parsed = complaintDecisionSchema.safeParse(document);
        const id = parsed.success ? parsed.data.complaintId : null;
        return id === null ? [] : [complaintKey(id), complaintDecisionKey(id)];
      }),
    decide: async (document, { writer, election, held, signer }) => {
      const parsed = complaintDecisionSchema.safeParse(document);
      if (!parsed.success) return schemaRefusal(parsed.error.issues[0]?.message);
      const decision = parsed.data;
      const author = await writer.signingKey(signer.fingerprint);
      if (author === null) return refused({ code: 'KEY_NOT_REGISTERED', params: { fingerprint: signer.fingerprint } });
      const decided = decideComplaint(decision, {
        election,
        decider: commissionActedFor(author),
        complaint: recordOf<Complaint>(held.get(complaintKey(decision.complaintId))),
        held: recordOf<ComplaintDecision>(held.get(complaintDecisionKey(decision.complaintId))),
      });
      return outcome(decided, decision.complaintId, () => ({
        payload: { type: 'complaint-decided', decision },
        records: new Map([[complaintDecisionKey(decision.complaintId), observerRecordText(decision, 0)]]),
      }));
    },
    // An annulment subtracts the station's current protocol from its contest's totals: both are read first.
    preload: async (writer, payloads, state) => {
      const keys: [string, string][] = [];
      for (const payload of payloads)
        if (payload.type === 'complaint-decided' && payload.decision.outcome === 'upheld')
          for (const consequence of payload.decision.consequences)
            if (consequence.kind === 'annulment')
              for (const contestId of consequence.contestIds) keys.push([consequence.stationId, contestId]);
      if (keys.length === 0) return;
      for (const [key, row] of await writer.protocols(keys)) state.protocols.set(key, row);
      for (const [id, totals] of await writer.contestTotals([...new Set(keys.map(([, contest]) => contest))]))
        state.totals.set(id, totals);
      // Already annulled: the decision row stays the first one's.
      const { annulled } = await writer.decisions();
      for (const [stationId, contestId] of keys)
        if (annulled.has(protocolKeyOf(stationId, contestId)))
          state.decisions.set(annulledKey(stationId, contestId), 'held');
    },
  });
}

/** `saylau violations`: administrative cases, entered by the CEC from the competent authority's reports. */
export function recordViolations(options: ActIntakeOptions): Promise<ActIntakeSummary> {
  return ingestSignedActs(options, {
    keysOf: (documents) =>
      documents.flatMap((document) => {
        const parsed = violationCaseSchema.safeParse(document);
        return parsed.success ? [violationKey(parsed.data.id)] : [];
      }),
    decide: async (document, { writer, election, held, signer }) => {
      const parsed = violationCaseSchema.safeParse(document);
      if (!parsed.success) return schemaRefusal(parsed.error.issues[0]?.message);
      const violation = parsed.data;
      const author = await writer.signingKey(signer.fingerprint);
      if (author === null) return refused({ code: 'KEY_NOT_REGISTERED', params: { fingerprint: signer.fingerprint } });
      const decided = decideViolation(violation, {
        election,
        recorder: commissionActedFor(author),
        held: recordOf<ViolationCase>(held.get(violationKey(violation.id))),
      });
      return outcome(decided, violation.id, () => ({
        payload: { type: 'violation-recorded', violation },
        records: new Map([[violationKey(violation.id), observerRecordText(violation, 0)]]),
      }));
    },
  });
}
