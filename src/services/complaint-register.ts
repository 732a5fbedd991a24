import type { Complaint, ComplaintDecision, ViolationCase } from '../model/complaint.ts';
import type { Accreditation } from '../model/observer.ts';
import type { Election } from '../model/election.ts';
import { csvDocument } from '../export/csv.ts';
import { complaintDue, complaintStatus, initials } from '../tally/complaints.ts';
import { observerRecordOf } from '../tally/observers.ts';

// The public register of complaints and administrative cases (docs/site.md, "The register"): from the records of
// election day, each complaint with its history and where it stands; private persons by initials only.

export interface RegisterComplaint {
  readonly id: string;
  readonly complainantKind: Complaint['complainant']['kind'];
  /**
   * Who complains, in each language, never as filed: a party's or candidate's name from the election, an observer's
   * organisation from the accreditation, a private person's initials (the filed name is the operator's to type).
   */
  readonly complainant: { readonly kk: string; readonly ru: string; readonly en: string };
  readonly commissionId: string;
  readonly stationId: string | null;
  readonly regionId: string | null;
  readonly subject: string;
  readonly filedAt: string;
  readonly due: string;
  readonly status: ReturnType<typeof complaintStatus>;
  /** The journal entries of the filing and the decision: the complaint's history, each signed act in turn. */
  readonly filedSeq: number;
  readonly decision: (ComplaintDecision & { readonly seq: number }) | null;
}

export interface ComplaintRegister {
  readonly complaints: readonly RegisterComplaint[];
  readonly violations: readonly (ViolationCase & { readonly seq: number })[];
}

/** The region of a commission: its id's first segment when that is a region, or none (the CEC, commissions abroad). */
function regionOfCommission(election: Election, commissionId: string): string | null {
  const prefix = commissionId.split('/')[0];
  return prefix !== undefined && election.regions.some((region) => region.id === prefix) ? prefix : null;
}

/** The register at `now` (an instant in UTC): complaints latest filed first, cases latest recorded first. */
export function complaintRegister(
  records: ReadonlyMap<string, string>,
  election: Election,
  now: string,
): ComplaintRegister {
  const filed = new Map<string, { complaint: Complaint; seq: number }>();
  const decisions = new Map<string, ComplaintDecision & { seq: number }>();
  const violations: (ViolationCase & { seq: number })[] = [];
  for (const [key, text] of records) {
    if (key.startsWith('complaint-decision ')) {
      const { value, eventSeq } = observerRecordOf<ComplaintDecision>(text);
      decisions.set(value.complaintId, { ...value, seq: eventSeq });
    } else if (key.startsWith('complaint ')) {
      const { value, eventSeq } = observerRecordOf<Complaint>(text);
      filed.set(value.id, { complaint: value, seq: eventSeq });
    } else if (key.startsWith('violation ')) {
      const { value, eventSeq } = observerRecordOf<ViolationCase>(text);
      violations.push({ ...value, seq: eventSeq });
    }
  }
  const organisations = new Map<string, string>();
  for (const [key, text] of records)
    if (key.startsWith('observer ')) {
      const { value } = observerRecordOf<Accreditation>(text);
      organisations.set(value.id, value.organisation);
    }
  const shownName = ({ kind, name, ref }: Complaint['complainant']) => {
    const same = (text: string) => ({ kk: text, ru: text, en: text });
    if (kind === 'party') {
      const party = election.parties.find((candidate) => candidate.id === ref);
      if (party !== undefined) return party.name;
    } else if (kind === 'candidate') {
      const candidate = election.candidates.find((other) => other.id === ref);
      if (candidate !== undefined) return { kk: candidate.name.kk, ru: candidate.name.ru, en: candidate.name.latin };
    } else if (kind === 'observer' && ref !== null) {
      const organisation = organisations.get(ref);
      if (organisation !== undefined) return same(organisation);
    }
    return same(initials(name));
  };
  const stationRegion = new Map(election.stations.map((station) => [station.id as string, station.regionId]));
  const complaints = [...filed.values()].map(({ complaint, seq }): RegisterComplaint => {
    const decision = decisions.get(complaint.id);
    const { kind } = complaint.complainant;
    const { commissionId, stationId } = complaint.against;
    return {
      id: complaint.id,
      complainantKind: kind,
      complainant: shownName(complaint.complainant),
      commissionId,
      stationId,
      regionId:
        stationId === null
          ? regionOfCommission(election, commissionId)
          : (stationRegion.get(stationId) ?? regionOfCommission(election, commissionId)),
      subject: complaint.subject,
      filedAt: complaint.filedAt,
      due: complaintDue(complaint.filedAt),
      status: complaintStatus(complaint, decision, now),
      filedSeq: seq,
      decision: decision ?? null,
    };
  });
  // Latest first, by instant (texts of instants with and without seconds do not sort as times).
  complaints.sort((a, b) => Date.parse(b.filedAt) - Date.parse(a.filedAt) || b.filedSeq - a.filedSeq);
  violations.sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || b.seq - a.seq);
  return { complaints, violations };
}

/** The register's complaints as CSV, one row each, with what the decision ordered. */
export function complaintsCsv(register: ComplaintRegister): string {
  return csvDocument(
    [
      'id',
      'status',
      'complainant_kind',
      'complainant',
      'commission',
      'station',
      'region',
      'subject',
      'filed_at',
      'due',
      'decision_reason',
      'consequences',
      'filed_seq',
      'decided_seq',
    ],
    register.complaints.map((row) => [
      row.id,
      row.status,
      row.complainantKind,
      row.complainant.kk,
      row.commissionId,
      row.stationId ?? '',
      row.regionId ?? '',
      row.subject,
      row.filedAt,
      row.due,
      row.decision?.reason ?? '',
      (row.decision?.consequences ?? [])
        .map((c) =>
          c.kind === 'referral' ? 'referral:prosecutor' : `${c.kind}:${c.stationId}:${c.contestIds.join('+')}`,
        )
        .join(' '),
      row.filedSeq,
      row.decision?.seq ?? '',
    ]),
  );
}
