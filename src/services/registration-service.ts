import { eventBodyOf, type JournalPayload } from '../journal/events.ts';
import type { ActSigner } from '../journal/act.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import { CALENDAR_2023, type ElectionCalendar, MINIMUM_WAGE_2023 } from '../law/registration-rules.ts';
import type { QuotaRounding } from '../law/mandate-check.ts';
import type { Election } from '../model/election.ts';
import type { InputError } from '../model/input-error.ts';
import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import { type DeputiesChoice, nominationSchema, type Withdrawal } from '../model/nomination.ts';
import { parseWith } from '../model/parse-document.ts';
import {
  checkDeputiesChoice,
  checkFill,
  checkSubmission,
  checkVacate,
  checkWithdrawal,
  decideRegistration,
  type RegistrationError,
} from '../registration/decide.ts';
import { listSeatsOfBody } from '../registration/list-seats.ts';
import type { Refusal, Registry } from '../registration/registry.ts';
import type { RegisteredKey } from '../store/store.ts';
import { notAuthorised } from './act-author.ts';
import { receivesNominationsFor, registersFor } from '../journal/key-authority.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { append } from './journal-append.ts';

/**
 * What a registration step did: for a decision, whom it registered and the law's refusals of the rest (a
 * registration refused by the commission is a decision, not a refusal of the request); for a withdrawal, the contest
 * it postponed, if any.
 */
export interface RegistrationDone {
  readonly registered?: readonly string[];
  readonly refusals?: readonly Refusal[];
  readonly postponed?: string | null;
}

/** What became of one document or request, by its id: done, or a coded refusal with nothing journaled for it. */
export interface RegistrationOutcome {
  readonly id: string;
  readonly result: Result<RegistrationDone, CodedRefusal>;
}

export async function readRegistry(store: Store): Promise<Registry> {
  await store.migrate();
  return store.registry();
}

/** The commission that decides on a contest's registration: the CEC for the Majilis list, a district's for an SMD. */
function contestCommission(election: Election, contestId: string): string {
  return election.contests.find((contest) => contest.id === contestId)?.commissionId ?? 'cec';
}

/** The commission establishing a body's list seats. */
function bodyCommission(election: Election, bodyId: string): string {
  const listContest = election.contests.find((contest) => contest.bodyId === bodyId && contest.kind === 'list');
  return listContest === undefined ? 'cec' : contestCommission(election, listContest.id);
}

/** Null when the signer's key may act for `commissionId`, else why not (docs/keys.md; the rule `verify` applies). */
function authorityOf(
  author: RegisteredKey | null,
  fingerprint: string,
): (commissionId: string, act: string) => CodedRefusal | null {
  return (commissionId, act) =>
    author === null
      ? { code: 'KEY_NOT_REGISTERED', params: { fingerprint }, subject: 'keys' }
      : (act === 'nomination-submitted' ? receivesNominationsFor : registersFor)(author, commissionId)
        ? null
        : notAuthorised(author, act);
}

/** Who signs a registration request: one signer, or each commission's own (`signerFor(commissionId)`). */
export type Signers = ActSigner | ((commissionId: string) => ActSigner);

/**
 * Runs one registration transaction: the registry read under the chain-head lock, `work` deciding
 * and collecting payloads (applied to the registry as it goes, so that later items see earlier
 * ones), then the events appended and the registry rows written with them.
 */
async function registrationWrite<T>(
  store: Store,
  signers: Signers,
  work: (
    registry: Registry,
    add: (payload: JournalPayload) => void,
    counting: ReadonlySet<string>,
    authority: (commissionId: string, act: string) => CodedRefusal | null,
  ) => T,
  election: Election,
  refused: (refusal: CodedRefusal) => T,
): Promise<T> {
  await store.migrate();
  return store.write(async (writer: StoreWriter) => {
    await writer.head();
    const registry = await writer.registry();
    const counting = await countingContests(writer, election);
    const payloads: { payload: JournalPayload; signer: ActSigner }[] = [];
    const state = { ...emptyProjection(), registry };
    // One signer, or one per commission (each commission's own key, in one transaction): the keys read first, since
    // the work decides synchronously. The act added next is signed by the signer whose authority was asked last.
    const registered =
      typeof signers === 'function'
        ? new Map((await store.keys()).map((key) => [key.fingerprint, key]))
        : new Map([[signers.fingerprint, await writer.signingKey(signers.fingerprint)]]);
    let signer: ActSigner = typeof signers === 'function' ? signers('cec') : signers;
    const authority = (commissionId: string, act: string) => {
      if (typeof signers === 'function') signer = signers(commissionId);
      return authorityOf(registered.get(signer.fingerprint) ?? null, signer.fingerprint)(commissionId, act);
    };
    const result = work(
      registry,
      (payload) => {
        payloads.push({ payload, signer });
        // Applied now, so the next decision in this transaction sees this one.
        applyEvent(
          state,
          { seq: 0, prev: '', actor: signer.fingerprint, at: '', hash: '', signature: '', ...eventBodyOf(payload) },
          election,
        );
      },
      counting,
      authority,
    );
    const appended = await append(writer, election.event.id, payloads);
    // Nothing written: the registry read under the lock changed only in memory.
    if (!appended.ok) return refused(appended.error);
    await writer.putRegistry(registry);
    return result;
  });
}

/** The contests with accepted protocols, read under the lock: their ballots are fixed (CONTEST_COUNTING). */
async function countingContests(writer: StoreWriter, election: Election): Promise<Set<string>> {
  const totals = await writer.contestTotals(election.contests.map((contest) => contest.id));
  return new Set([...totals].filter(([, totals]) => totals.stations > 0).map(([id]) => id));
}

/**
 * `saylau nominate`: nominations received by the contest's commission — each checked for what
 * makes it receivable, journaled, and left for the commission's decision.
 */
export async function submitNominations({
  store,
  definition,
  signer,
  documents,
}: {
  store: Store;
  definition: Election;
  /** The receiving commission's signer, or the CEC's, or each contest's commission's own (docs/keys.md). */
  signer: Signers;
  documents: readonly unknown[];
}): Promise<RegistrationOutcome[]> {
  return registrationWrite(
    store,
    signer,
    (registry, add, counting, authority) =>
      documents.map((document, index): RegistrationOutcome => {
        const fallbackId =
          typeof (document as { id?: unknown } | null)?.id === 'string'
            ? (document as { id: string }).id
            : `#${index + 1}`;
        const parsed = parseWith(nominationSchema, document);
        if (!parsed.ok) return inputRefusal(fallbackId, parsed.error);
        const nomination = parsed.value;
        const unauthorised = authority(contestCommission(definition, nomination.contestId), 'nomination-submitted');
        if (unauthorised !== null) return refusal(nomination.id, unauthorised);
        const receivable = checkSubmission({ nomination, election: definition, registry, counting });
        if (!receivable.ok) return refusal(nomination.id, receivable.error);
        add({ type: 'nomination-submitted', nomination });
        return done(nomination.id);
      }),
    definition,
    (error) => documents.map((_, index) => refusal(`#${index + 1}`, error)),
  );
}

/**
 * `saylau register`: the commission's decision on nominations — registered, or refused with the
 * law's codes — journaled with the calendar it applied.
 */
export async function registerNominations({
  store,
  definition,
  signer,
  nominationIds,
  decidedAt,
  calendar = CALENDAR_2023,
  minimumWage = MINIMUM_WAGE_2023,
}: {
  store: Store;
  definition: Election;
  /** The deciding commission's signer, or the CEC's, or each contest's commission's own (docs/keys.md). */
  signer: Signers;
  /** Null: every nomination still waiting. */
  nominationIds: readonly string[] | null;
  decidedAt: string;
  calendar?: ElectionCalendar;
  minimumWage?: number;
}): Promise<RegistrationOutcome[]> {
  return registrationWrite(
    store,
    signer,
    (registry, add, counting, authority) => {
      const ids =
        nominationIds ??
        [...registry.nominations.values()]
          .filter((record) => record.status === 'submitted')
          .map((record) => record.nomination.id);
      return ids.map((id): RegistrationOutcome => {
        const unauthorised = authority(
          contestCommission(definition, registry.nominations.get(id)?.nomination.contestId ?? ''),
          'registration-decided',
        );
        if (unauthorised !== null) return refusal(id, unauthorised);
        const decision = decideRegistration({
          nominationId: id,
          election: definition,
          registry,
          calendar,
          decidedAt,
          minimumWage,
          counting,
        });
        if (!decision.ok) return refusal(id, decision.error);
        add({
          type: 'registration-decided',
          nominationId: id,
          decidedAt,
          calendar,
          minimumWage,
          registered: decision.value.registered,
          refusals: decision.value.refusals,
        });
        return done(id, { registered: decision.value.registered, refusals: decision.value.refusals });
      });
    },
    definition,
    (error) => (nominationIds ?? ['*']).map((id) => refusal(id, error)),
  );
}

/** `saylau withdraw`: a withdrawal, deregistration or death, and the postponement it may bring (docs/law.md §5). */
export async function withdrawCandidate({
  store,
  definition,
  signer,
  withdrawal,
  calendar = CALENDAR_2023,
  actingFor,
}: {
  store: Store;
  definition: Election;
  signer: ActSigner;
  withdrawal: Withdrawal;
  calendar?: ElectionCalendar;
  /**
   * The commission a chair acts for: checked under the lock against the candidate's contest (undefined: no
   * restriction).
   */
  actingFor?: string;
}): Promise<RegistrationOutcome> {
  return registrationWrite(
    store,
    signer,
    (registry, add, counting, authority): RegistrationOutcome => {
      const contestId = registry.candidates.get(withdrawal.candidateId)?.contestId ?? '';
      const commissionId = definition.contests.find((contest) => contest.id === contestId)?.commissionId;
      if (actingFor !== undefined && commissionId !== undefined && commissionId !== actingFor)
        return refusal(withdrawal.candidateId, {
          code: 'AUTH_WRONG_COMMISSION',
          params: { own: actingFor, commission: commissionId },
        });
      const unauthorised = authority(contestCommission(definition, contestId), 'candidate-withdrawn');
      if (unauthorised !== null) return refusal(withdrawal.candidateId, unauthorised);
      const checked = checkWithdrawal({ withdrawal, registry, calendar, counting });
      if (!checked.ok) return refusal(withdrawal.candidateId, checked.error);
      add({ type: 'candidate-withdrawn', withdrawal, calendar });
      if (checked.value.postpone !== null)
        add({
          type: 'contest-postponed',
          contestId: checked.value.postpone,
          at: withdrawal.at,
          reason: 'all-candidates-withdrawn',
        });
      return done(withdrawal.candidateId, { postponed: checked.value.postpone });
    },
    definition,
    (error) => refusal(withdrawal.candidateId, error),
  );
}

/** `saylau deputies --choose`: the party's choice for the list seats it won, checked against its list and the quota. */
export async function chooseDeputies({
  store,
  definition,
  election,
  signer,
  choice,
  rounding = 'up',
}: {
  store: Store;
  definition: Election;
  election: Election;
  signer: ActSigner;
  choice: DeputiesChoice;
  rounding?: QuotaRounding;
}): Promise<RegistrationOutcome> {
  await store.migrate();
  // The seats come from the results as they stand, read under the same lock as the choice.
  return store.write(async (writer) => {
    await writer.head();
    const unauthorised = authorityOf(await writer.signingKey(signer.fingerprint), signer.fingerprint)(
      bodyCommission(definition, choice.bodyId),
      'deputies-chosen',
    );
    if (unauthorised !== null) return refusal(`${choice.bodyId} ${choice.partyId}`, unauthorised);
    const listContests = election.contests
      .filter((contest) => contest.bodyId === choice.bodyId && contest.kind === 'list')
      .map((contest) => contest.id);
    const totals = await writer.contestTotals(listContests);
    const list = listSeatsOfBody({
      election,
      totals,
      decisions: await writer.decisions(),
      bodyId: choice.bodyId,
    });
    const seatsWon = list?.seats[choice.partyId] ?? 0;
    const registry = await writer.registry();
    const checked = checkDeputiesChoice({
      choice,
      election: definition,
      registry,
      seatsWon,
      established: list?.established ?? false,
      rounding,
    });
    if (!checked.ok) return refusal(`${choice.bodyId} ${choice.partyId}`, checked.error);
    const payload: JournalPayload = {
      type: 'deputies-chosen',
      bodyId: choice.bodyId,
      partyId: choice.partyId,
      seats: seatsWon,
      chosen: choice.chosen,
    };
    const appended = await append(writer, election.event.id, [{ payload, signer }]);
    if (!appended.ok) return refusal(`${choice.bodyId} ${choice.partyId}`, appended.error);
    const state = { ...emptyProjection(), registry };
    for (const event of appended.value) applyEvent(state, event, election);
    await writer.putRegistry(registry);
    return done(`${choice.bodyId} ${choice.partyId}`);
  });
}

/** `saylau deputies --vacate` / `--fill`: a list mandate given up, and a vacancy filled from the same list. */
export async function changeMandate({
  store,
  definition,
  signer,
  change,
}: {
  store: Store;
  definition: Election;
  signer: ActSigner;
  change:
    | {
        readonly kind: 'vacate';
        readonly bodyId: string;
        readonly partyId: string;
        readonly candidateId: string;
        readonly reason: string;
      }
    | { readonly kind: 'fill'; readonly bodyId: string; readonly partyId: string; readonly candidateId: string };
}): Promise<RegistrationOutcome> {
  return registrationWrite(
    store,
    signer,
    (registry, add, _counting, authority): RegistrationOutcome => {
      const unauthorised = authority(bodyCommission(definition, change.bodyId), `mandate-${change.kind}`);
      if (unauthorised !== null) return refusal(change.candidateId, unauthorised);
      switch (change.kind) {
        case 'vacate': {
          const checked = checkVacate({ ...change, registry });
          if (!checked.ok) return refusal(change.candidateId, checked.error);
          add({
            type: 'mandate-vacated',
            bodyId: change.bodyId,
            partyId: change.partyId,
            candidateId: change.candidateId,
            reason: change.reason,
          });
          return done(change.candidateId);
        }
        case 'fill': {
          const checked = checkFill({ ...change, registry, election: definition });
          if (!checked.ok) return refusal(change.candidateId, checked.error);
          add({
            type: 'mandate-filled',
            bodyId: change.bodyId,
            partyId: change.partyId,
            candidateId: change.candidateId,
          });
          return done(change.candidateId);
        }
      }
    },
    definition,
    (error) => refusal(change.candidateId, error),
  );
}

function done(id: string, value: RegistrationDone = {}): RegistrationOutcome {
  return { id, result: ok(value) };
}

function refusal(id: string, error: RegistrationError): RegistrationOutcome {
  return { id, result: err({ code: error.code, params: error.params }) };
}

/** A document its schema refuses: the refusal names the path in the document. */
function inputRefusal(id: string, error: InputError): RegistrationOutcome {
  return { id, result: err({ code: error.code, params: error.params ?? {}, path: error.field }) };
}
