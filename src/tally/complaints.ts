import { canonicalJson } from '../model/canonical-json.ts';
import type { Complaint, ComplaintDecision, ViolationCase } from '../model/complaint.ts';
import type { Election } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { commissionCovers, commissionParents } from './entry-authority.ts';
import { indexElection } from './intake.ts';
import { astanaDate, CEC_COMMISSION, scopeIncludes } from './observers.ts';
import type { Accreditation } from '../model/observer.ts';

// Complaints, their decisions and administrative cases (docs/law.md §10.3). Pure: the service that journals them and
// `verify`, which replays the journal, decide alike; the projection applies an annulment (src/journal/projection.ts).

/**
 * Days the deciding commission has to decide a complaint, from its filing: [U], a parameter (the law gives
 * law-enforcement bodies 3 days, and 5 for an application made on or just after election day).
 */
export const COMPLAINT_DECISION_DAYS = 5;

/** The instant a complaint filed at `filedAt` must be decided by. */
export function complaintDue(filedAt: string): string {
  return new Date(Date.parse(filedAt) + COMPLAINT_DECISION_DAYS * 86_400_000).toISOString();
}

/**
 * The commission that decides a complaint against `commissionId`: the one above it ([A], Art. 20-1). A complaint
 * against the CEC goes to a court, outside the system: null.
 */
export function decidingCommission(election: Election, commissionId: string): string | null {
  return commissionParents(election).get(commissionId) ?? null;
}

export interface FilingContext {
  readonly election: Election;
  /** The commission the signing key acts for, or null. */
  readonly filer: string | null;
  /** The accreditation the signing key holds, if it is an observer's. */
  readonly filerAccreditation: Accreditation | undefined;
  /** When the act is signed (an ISO instant in UTC): a complaint is not filed after it is registered. */
  readonly at: string;
  readonly held: Complaint | undefined;
}

/** How far a complaint's filing time may lie after the act that registers it: clocks that differ by a little. */
const CLOCK_SKEW_MS = 5 * 60_000;

export type ComplaintStep = { readonly kind: 'unchanged' } | { readonly kind: 'taken' };

/**
 * Whether a complaint is registered: by the commission that decides it (or one above), or by an accredited observer
 * filing their own; against a commission of the election other than the CEC, about one of its stations if it names
 * one; a candidate or party complaining must be of the election. A complaint is never changed.
 */
export function decideFiling(complaint: Complaint, context: FilingContext): Result<ComplaintStep, CodedRefusal> {
  const { election, held } = context;
  const { id } = complaint;
  if (held !== undefined)
    return canonicalJson(held) === canonicalJson(complaint)
      ? ok({ kind: 'unchanged' })
      : refuse('COMPLAINT_ALREADY_FILED', { id });
  const parents = commissionParents(election);
  const { commissionId, stationId } = complaint.against;
  if (!parents.has(commissionId)) return refuse('DATASET_UNKNOWN_REFERENCE', { id: commissionId });
  if (stationId !== null) {
    const station = indexElection(election).stations.get(stationId);
    if (station === undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: stationId });
    if (!commissionCovers(commissionId, station.commissionId, parents))
      return refuse('COMPLAINT_STATION_OUTSIDE_COMMISSION', { id, station: stationId, commission: commissionId });
  }
  const deciding = decidingCommission(election, commissionId);
  if (deciding === null) return refuse('COMPLAINT_NO_DECIDING_COMMISSION', { id, commission: commissionId });
  if (Date.parse(complaint.filedAt) > Date.parse(context.at) + CLOCK_SKEW_MS)
    return refuse('COMPLAINT_FILED_AFTER_RECORDED', { id, filedAt: complaint.filedAt, at: context.at });
  const accreditation = context.filerAccreditation;
  const ownObserverComplaint =
    complaint.complainant.kind === 'observer' &&
    accreditation !== undefined &&
    complaint.complainant.ref === accreditation.id;
  if (!ownObserverComplaint && (context.filer === null || !commissionCovers(context.filer, deciding, parents)))
    return refuse('COMPLAINT_NOT_RECEIVER', { id, commission: deciding });
  if (ownObserverComplaint && context.filer === null) {
    // An observer complains of a station they watch, while their accreditation holds.
    if (stationId === null || !scopeIncludes(election, accreditation, stationId))
      return refuse('OBSERVER_OUT_OF_SCOPE', { id: accreditation.id, station: stationId ?? commissionId });
    const day = astanaDate(context.at);
    if (day < accreditation.from || day > accreditation.until)
      return refuse('OBSERVER_OUT_OF_TERM', { id: accreditation.id, day, until: accreditation.until });
  }
  const { kind, ref } = complaint.complainant;
  const known =
    kind === 'candidate'
      ? election.candidates.some((candidate) => candidate.id === ref)
      : kind === 'party'
        ? election.parties.some((party) => party.id === ref)
        : kind === 'observer'
          ? ref !== null
          : ref === null;
  if (!known) return refuse('COMPLAINT_COMPLAINANT_UNKNOWN', { id, kind, ref: ref ?? '' });
  return ok({ kind: 'taken' });
}

export interface DecisionContext {
  readonly election: Election;
  /** The commission the signing key acts for, or null. */
  readonly decider: string | null;
  readonly complaint: Complaint | undefined;
  readonly held: ComplaintDecision | undefined;
}

/**
 * Whether a decision on a complaint is taken: by the deciding commission (or one above), once; a rejection orders
 * nothing; a recount or annulment names stations of the commission complained against and contests of those stations.
 */
export function decideComplaint(
  decision: ComplaintDecision,
  context: DecisionContext,
): Result<ComplaintStep, CodedRefusal> {
  const { election, complaint, held } = context;
  const id = decision.complaintId;
  if (complaint === undefined) return refuse('COMPLAINT_UNKNOWN', { id });
  if (held !== undefined)
    return canonicalJson(held) === canonicalJson(decision)
      ? ok({ kind: 'unchanged' })
      : refuse('COMPLAINT_ALREADY_DECIDED', { id });
  const parents = commissionParents(election);
  const deciding = decidingCommission(election, complaint.against.commissionId);
  if (deciding === null || context.decider === null || !commissionCovers(context.decider, deciding, parents))
    return refuse('COMPLAINT_NOT_DECIDER', { id, commission: deciding ?? CEC_COMMISSION });
  if (decision.outcome === 'rejected' && decision.consequences.length > 0)
    return refuse('COMPLAINT_REJECTED_WITH_CONSEQUENCES', { id });
  for (const consequence of decision.consequences) {
    if (consequence.kind === 'referral') continue;
    const station = indexElection(election).stations.get(consequence.stationId);
    if (station === undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: consequence.stationId });
    if (!commissionCovers(complaint.against.commissionId, station.commissionId, parents))
      return refuse('COMPLAINT_STATION_OUTSIDE_COMMISSION', {
        id,
        station: consequence.stationId,
        commission: complaint.against.commissionId,
      });
    const stray = consequence.contestIds.find((contestId) => !station.contests.includes(contestId));
    if (stray !== undefined) return refuse('DATASET_UNKNOWN_REFERENCE', { id: stray });
  }
  return ok({ kind: 'taken' });
}

/**
 * Whether an administrative case is recorded: by the CEC, entering what the competent authority reported. A case
 * recorded again with another outcome is its new state; the journal keeps every one.
 */
export function decideViolation(
  violation: ViolationCase,
  context: { readonly election: Election; readonly recorder: string | null; readonly held: ViolationCase | undefined },
): Result<ComplaintStep, CodedRefusal> {
  if (context.recorder !== CEC_COMMISSION) return refuse('VIOLATION_NOT_CEC', { id: violation.id });
  if (violation.regionId !== null && !context.election.regions.some((region) => region.id === violation.regionId))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: violation.regionId });
  if (context.held !== undefined && canonicalJson(context.held) === canonicalJson(violation))
    return ok({ kind: 'unchanged' });
  return ok({ kind: 'taken' });
}

/** Where a complaint stands at `now`: decided one way or the other, waiting, or waiting past its deadline. */
export function complaintStatus(
  complaint: Complaint,
  decision: ComplaintDecision | undefined,
  now: string,
): 'upheld' | 'rejected' | 'pending' | 'overdue' {
  if (decision !== undefined) return decision.outcome;
  return now > complaintDue(complaint.filedAt) ? 'overdue' : 'pending';
}

/** The records of election day these acts make, and the decision row an annulment makes. */
export const complaintKey = (id: string): string => `complaint ${id}`;
export const complaintDecisionKey = (id: string): string => `complaint-decision ${id}`;
export const violationKey = (id: string): string => `violation ${id}`;
export const annulledKey = (stationId: string, contestId: string): string => `annulled:${stationId} ${contestId}`;

/** A private person's name by initials only ("Айгерім Сапарқызы Әбенова" → "А. С. Ә."), as the register shows it. */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/u)
    .filter((part) => part !== '')
    .map((part) => `${[...part][0]?.toLocaleUpperCase() ?? ''}.`)
    .join(' ');
}
