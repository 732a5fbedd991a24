import { type Body, checkEligibility } from '../law/candidate-eligibility.ts';
import { parseCalendarDate } from '../law/calendar-date.ts';
import { checkMandates, type QuotaRounding } from '../law/mandate-check.ts';
import { checkPartyList } from '../law/party-list-check.ts';
import {
  depositRequired,
  type ElectionCalendar,
  isLocalDateTime,
  missingDocuments,
  nominationTiming,
  registrationTiming,
  withdrawalTiming,
} from '../law/registration-rules.ts';
import type { MessageCode } from '../i18n/messages.ts';
import type { Election } from '../model/election.ts';
import type { CandidateDossier, DeputiesChoice, Nomination, Withdrawal } from '../model/nomination.ts';
import { err, ok, type Result } from '../model/result.ts';
import { listKey, mandateKey, type Refusal, type Registry } from './registry.ts';
import { assertDefined } from '../law/assert.ts';

/** A request the registry cannot take at all (nothing is journaled): a code and values for the message. */
export interface RegistrationError {
  readonly code: MessageCode;
  readonly params: Readonly<Record<string, string | number>>;
}

const NONE: ReadonlySet<string> = new Set();

const fail = (
  code: MessageCode,
  params: Record<string, string | number> = {},
): { ok: false; error: RegistrationError } => err({ code, params });

function bodyOf(election: Election, bodyId: string): Body {
  return election.bodies.find((body) => body.id === bodyId)?.kind === 'majilis' ? 'majilis' : 'maslikhat';
}

/**
 * Whether a nomination can be received at all: a known contest of the right kind, a known party
 * for a list, candidate ids of that contest and not used before, one list per party. Deadlines,
 * eligibility and the list rules are the registration's to judge, so a late or flawed nomination
 * is still received and journaled — and then refused with its reasons.
 */
export function checkSubmission({
  nomination,
  election,
  registry,
  counting = NONE,
}: {
  nomination: Nomination;
  election: Election;
  registry: Registry;
  counting?: ReadonlySet<string>;
}): Result<null, RegistrationError> {
  const contest = election.contests.find((c) => c.id === nomination.contestId);
  if (contest === undefined) return fail('NOMINATION_UNKNOWN_CONTEST', { contest: nomination.contestId });
  if (counting.has(contest.id)) return fail('CONTEST_COUNTING', { contest: contest.id });
  if ((contest.kind === 'list') !== (nomination.nomination === 'list'))
    return fail('NOMINATION_WRONG_KIND', { contest: contest.id, nomination: nomination.nomination });
  if (registry.nominations.has(nomination.id)) return fail('NOMINATION_DUPLICATE_ID', { id: nomination.id });
  const needsParty = nomination.nomination === 'list' || nomination.nomination === 'party';
  if (needsParty && !election.parties.some((party) => party.id === nomination.nominatedBy))
    return fail('NOMINATION_UNKNOWN_PARTY', { party: nomination.nominatedBy ?? '' });
  for (const dossier of nomination.candidates) {
    if (!dossier.id.startsWith(`${contest.id}/`))
      return fail('NOMINATION_CANDIDATE_ID', { id: dossier.id, contest: contest.id });
    if (registry.index.usedCandidateIds.has(dossier.id))
      return fail('NOMINATION_CANDIDATE_ID_USED', { id: dossier.id });
  }
  if (new Set(nomination.candidates.map((d) => d.id)).size < nomination.candidates.length)
    return fail('NOMINATION_CANDIDATE_ID_USED', { id: nomination.id });
  if (nomination.nomination === 'list') {
    const open = registry.index.openLists.get(listKey(contest.id, nomination.nominatedBy));
    if (open !== undefined) return fail('NOMINATION_SECOND_LIST', { party: nomination.nominatedBy ?? '', id: open });
  }
  return ok(null);
}

export interface RegistrationDecision {
  readonly registered: readonly string[];
  readonly refusals: readonly Refusal[];
}

/**
 * The commission's decision on a nomination (docs/registration.md), with the law engine's own
 * checks so that a refusal here carries the code `saylau check-candidate` or `check-list` gives:
 * deadlines; each candidate's eligibility, deposit, documents and other candidacies; a list's
 * length, quota, membership and repeated people. A candidate refused on a list is struck off it,
 * and the rest of the list must still meet the list rules.
 */
export function decideRegistration({
  nominationId,
  election,
  registry,
  calendar,
  decidedAt,
  minimumWage,
  counting = NONE,
}: {
  nominationId: string;
  election: Election;
  registry: Registry;
  calendar: ElectionCalendar;
  decidedAt: string;
  minimumWage?: number;
  /** Contests with accepted protocols: their ballots are fixed. */
  counting?: ReadonlySet<string>;
}): Result<RegistrationDecision, RegistrationError> {
  const record = registry.nominations.get(nominationId);
  if (record === undefined) return fail('NOMINATION_UNKNOWN', { id: nominationId });
  if (record.status !== 'submitted')
    return fail('NOMINATION_ALREADY_DECIDED', { id: nominationId, status: record.status });
  const { nomination } = record;
  const contest = election.contests.find((c) => c.id === nomination.contestId);
  if (contest === undefined) return fail('NOMINATION_UNKNOWN_CONTEST', { contest: nomination.contestId });
  if (counting.has(contest.id)) return fail('CONTEST_COUNTING', { contest: contest.id });
  if (!isLocalDateTime(decidedAt)) return fail('INPUT_INVALID_DATE', { value: decidedAt });
  // A decision cannot come before the nomination it decides was received.
  if (decidedAt < nomination.submittedAt)
    return fail('REGISTRATION_BEFORE_RECEIPT', { at: decidedAt, submitted: nomination.submittedAt });
  const electionDate = parseCalendarDate(election.event.date);
  if (electionDate === null) return fail('NOMINATION_UNKNOWN_CONTEST', { contest: nomination.contestId });

  const wholeNomination: Refusal[] = [];
  // A postponed contest reopens nomination (docs/law.md §5, EL Art. 93-2); its new calendar is the one given.
  const timing = nominationTiming(calendar, nomination.submittedAt);
  if (timing !== null) wholeNomination.push({ code: timing, candidateIds: [], params: { at: nomination.submittedAt } });
  const late = registrationTiming(calendar, decidedAt);
  if (late !== null) wholeNomination.push({ code: late, candidateIds: [], params: { at: decidedAt } });
  if (wholeNomination.length > 0) return ok({ registered: [], refusals: wholeNomination });

  const body = bodyOf(election, contest.bodyId);
  const refusals: Refusal[] = [];
  const refusedIds = new Set<string>();
  const refuse = (code: MessageCode, dossier: CandidateDossier, params: Record<string, string | number> = {}): void => {
    refusals.push({ code, candidateIds: [dossier.id], params });
    refusedIds.add(dossier.id);
  };
  const organisation = nomination.nomination !== 'self-nominated';
  for (const dossier of nomination.candidates) {
    const birthDate = parseCalendarDate(dossier.birthDate);
    if (birthDate === null) {
      refuse('INPUT_INVALID_DATE', dossier, { value: dossier.birthDate });
      continue;
    }
    const eligibility = checkEligibility({ body, electionDate, candidate: { ...dossier, birthDate } });
    for (const reason of eligibility.reasons) refuse(reason, dossier, { age: eligibility.age });
    const required = depositRequired(body, minimumWage);
    if (dossier.depositPaid < required)
      refuse('NOMINATION_DEPOSIT_NOT_PAID', dossier, { required, paid: dossier.depositPaid });
    const missing = missingDocuments(dossier.documents, organisation);
    if (missing.length > 0) refuse('NOMINATION_DOCUMENTS_MISSING', dossier, { documents: missing.join(', ') });
    const other = otherCandidacy(registry, election, dossier.personId, contest.bodyId, body);
    if (other !== null) refuse(other.code, dossier, { candidate: other.candidateId });
  }

  if (nomination.nomination === 'list') {
    const asList = (dossiers: readonly CandidateDossier[]) =>
      checkPartyList({
        seats: contest.kind === 'list' ? contest.seats : 1,
        electionDate,
        list: dossiers.map((d) => ({
          id: d.personId,
          gender: d.gender,
          birthDate: parseCalendarDate(d.birthDate) ?? electionDate,
          disability: d.disability,
          partyMember: d.partyMember === nomination.nominatedBy,
        })),
      });
    // The list as submitted must meet the statute; then what is left after refusals must, too.
    const submitted = asList(nomination.candidates);
    const remaining = submitted.ok ? asList(nomination.candidates.filter((d) => !refusedIds.has(d.id))) : submitted;
    if (!remaining.ok) {
      const entriesOf = new Map<string, string[]>();
      for (const d of nomination.candidates) entriesOf.set(d.personId, [...(entriesOf.get(d.personId) ?? []), d.id]);
      const listRefusals = remaining.findings.map((finding) => {
        // A repeated person is named by the entries after their first.
        const ids = finding.candidateIds.flatMap((person) =>
          finding.code === 'LIST_DUPLICATE_PERSON'
            ? (entriesOf.get(person) ?? []).slice(1)
            : (entriesOf.get(person) ?? []),
        );
        return {
          code: finding.code,
          candidateIds: ids,
          params: { maximum: remaining.maximumLength, quota: remaining.quotaCount, ids: ids.join(', ') },
        };
      });
      return ok({ registered: [], refusals: [...listRefusals, ...refusals] });
    }
  }
  return ok({ registered: nomination.candidates.filter((d) => !refusedIds.has(d.id)).map((d) => d.id), refusals });
}

/**
 * Another candidacy that bars this one: the same person already standing for the same body [U: one
 * candidacy per body], or for another maslikhat (docs/law.md §2.1: one person sits in one
 * maslikhat, read as one maslikhat candidacy) [U: parameter of this function].
 */
function otherCandidacy(
  registry: Registry,
  election: Election,
  personId: string,
  bodyId: string,
  body: Body,
): { code: MessageCode; candidateId: string } | null {
  for (const candidateId of registry.index.candidaciesOfPerson.get(personId) ?? []) {
    const record = registry.candidates.get(candidateId);
    if (record === undefined || record.status !== 'registered') continue;
    const otherBody = election.contests.find((c) => c.id === record.contestId)?.bodyId ?? '';
    if (otherBody === bodyId) return { code: 'NOMINATION_ALREADY_CANDIDATE', candidateId: record.dossier.id };
    if (body === 'maslikhat' && bodyOf(election, otherBody) === 'maslikhat')
      return { code: 'NOMINATION_TWO_MASLIKHATS', candidateId: record.dossier.id };
  }
  return null;
}

/**
 * A withdrawal, deregistration or death before election day (docs/registration.md, Withdrawal).
 * When it leaves a contest with nobody standing, that contest is postponed and nomination reopens.
 */
export function checkWithdrawal({
  withdrawal,
  registry,
  calendar,
  counting = NONE,
}: {
  withdrawal: Withdrawal;
  registry: Registry;
  calendar: ElectionCalendar;
  counting?: ReadonlySet<string>;
}): Result<{ readonly postpone: string | null }, RegistrationError> {
  const record = registry.candidates.get(withdrawal.candidateId);
  if (record === undefined) return fail('CANDIDATE_NOT_REGISTERED', { candidate: withdrawal.candidateId });
  if (record.status !== 'registered')
    return fail('CANDIDATE_NOT_STANDING', { candidate: withdrawal.candidateId, status: record.status });
  // Once its protocols count, a contest's ballot is what the voters had: nobody leaves it, not even by death.
  if (counting.has(record.contestId)) return fail('CONTEST_COUNTING', { contest: record.contestId });
  // Death is not a choice with a deadline.
  const late = withdrawal.kind === 'died' ? null : withdrawalTiming(calendar, withdrawal.at);
  if (late !== null) return fail(late, { at: withdrawal.at });
  const othersStanding = [...(registry.index.candidatesOfContest.get(record.contestId) ?? [])].some(
    (id) => id !== record.dossier.id && registry.candidates.get(id)?.status === 'registered',
  );
  return ok({ postpone: othersStanding || registry.postponed.has(record.contestId) ? null : record.contestId });
}

/** A postponement is due only when nobody stands in the contest any more (docs/law.md §5, EL Art. 93-2). */
export function checkPostponement({
  contestId,
  registry,
  counting = NONE,
}: {
  contestId: string;
  registry: Registry;
  counting?: ReadonlySet<string>;
}): Result<null, RegistrationError> {
  if (registry.postponed.has(contestId)) return fail('CONTEST_POSTPONED', { contest: contestId });
  if (counting.has(contestId)) return fail('CONTEST_COUNTING', { contest: contestId });
  const standing = [...(registry.index.candidatesOfContest.get(contestId) ?? [])].filter(
    (id) => registry.candidates.get(id)?.status === 'registered',
  );
  return standing.length === 0
    ? ok(null)
    : fail('CONTEST_NOT_EMPTY', { contest: contestId, standing: standing.length });
}

/** The registered list of a party in a body's list contest, as the law's quota check wants it. */
function partyList(registry: Registry, election: Election, bodyId: string, partyId: string) {
  const contest = election.contests.find((c) => c.bodyId === bodyId && c.kind === 'list');
  return [...(registry.index.candidatesOfContest.get(contest?.id ?? '') ?? [])]
    .map((id) => assertDefined(registry.candidates.get(id)))
    .filter((record) => record.nominatedBy === partyId && record.status === 'registered');
}

/**
 * A party's choice of deputies for the list seats it won (docs/law.md §4, EL Art. 97-1): people
 * from its registered list, no more than its seats, at least 30 % of them women, under 29 or with a
 * disability (`checkMandates`, the law's check), and every seat filled while the list has people
 * for it.
 */
export function checkDeputiesChoice({
  choice,
  election,
  registry,
  seatsWon,
  established,
  rounding = 'up',
}: {
  choice: DeputiesChoice;
  election: Election;
  registry: Registry;
  seatsWon: number;
  /** Whether the body's list result is established: counted everywhere and approved by its commission. */
  established: boolean;
  rounding?: QuotaRounding;
}): Result<null, RegistrationError & { reasons?: readonly string[] }> {
  const body = election.bodies.find((candidate) => candidate.id === choice.bodyId);
  if (body === undefined) return fail('DATASET_UNKNOWN_REFERENCE', { id: choice.bodyId });
  // Seats given on partial or unapproved results could be taken back by the count.
  if (!established) return fail('DEPUTIES_RESULTS_NOT_ESTABLISHED', { body: choice.bodyId });
  if (seatsWon === 0) return fail('DEPUTIES_NO_SEATS', { party: choice.partyId, body: choice.bodyId });
  if (registry.mandates.has(mandateKey(choice.bodyId, choice.partyId)))
    return fail('DEPUTIES_ALREADY_CHOSEN', { party: choice.partyId, body: choice.bodyId });
  const list = partyList(registry, election, choice.bodyId, choice.partyId);
  const electionDate = parseCalendarDate(election.event.date);
  if (electionDate === null) return fail('DATASET_UNKNOWN_REFERENCE', { id: election.event.date });
  const outcome = checkMandates({
    seatsWon,
    electionDate,
    list: list.map((record) => ({
      id: record.dossier.id,
      gender: record.dossier.gender,
      birthDate: parseCalendarDate(record.dossier.birthDate) ?? electionDate,
      disability: record.dossier.disability,
    })),
    chosen: choice.chosen,
    rounding,
  });
  // docs/law.md §4 (EL Art. 89): the 30 % quota is on a party's Majilis mandates [U for maslikhats: not applied].
  const reasons =
    body.kind === 'majilis' ? outcome.reasons : outcome.reasons.filter((reason) => reason !== 'MANDATE_QUOTA_NOT_MET');
  if (reasons.length > 0)
    return err({
      code: assertDefined(reasons[0]),
      params: { required: outcome.required, quota: outcome.quotaCount },
      reasons,
    });
  const fillable = Math.min(seatsWon, list.length);
  if (choice.chosen.length < fillable)
    return fail('DEPUTIES_TOO_FEW', { chosen: choice.chosen.length, seats: fillable });
  return ok(null);
}

/** A list mandate given up (resignation, death, recall of the person): it becomes a vacancy. */
export function checkVacate({
  bodyId,
  partyId,
  candidateId,
  registry,
}: {
  bodyId: string;
  partyId: string;
  candidateId: string;
  registry: Registry;
}): Result<null, RegistrationError> {
  const record = registry.mandates.get(mandateKey(bodyId, partyId));
  if (record === undefined || !record.holders.includes(candidateId))
    return fail('MANDATE_NOT_HELD', { candidate: candidateId, body: bodyId });
  return ok(null);
}

/**
 * A vacancy filled by another candidate of the same list chosen by the party (docs/registration.md,
 * Deputies and vacancies). With nobody left on the list, the seat stays vacant until the next
 * election: nothing to check here.
 */
export function checkFill({
  bodyId,
  partyId,
  candidateId,
  registry,
  election,
}: {
  bodyId: string;
  partyId: string;
  candidateId: string;
  registry: Registry;
  election: Election;
}): Result<null, RegistrationError> {
  const record = registry.mandates.get(mandateKey(bodyId, partyId));
  if (record === undefined || record.holders.length >= record.seats)
    return fail('MANDATE_NO_VACANCY', { party: partyId, body: bodyId });
  if (record.holders.includes(candidateId)) return fail('MANDATE_DUPLICATE', {});
  if (record.vacated.some((vacancy) => vacancy.candidateId === candidateId))
    return fail('MANDATE_ALREADY_VACATED', { candidate: candidateId });
  if (!partyList(registry, election, bodyId, partyId).some((candidate) => candidate.dossier.id === candidateId))
    return fail('MANDATE_NOT_ON_LIST', {});
  return ok(null);
}
