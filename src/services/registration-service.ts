import { eventBodyOf, type JournalPayload } from '../journal/events.ts';
import type { SigningKey } from '../journal/keys.ts';
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
import type { Keyring } from '../store/keyring.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { append, type Clock, systemClock } from './journal-append.ts';

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

/** The key a contest's commission signs with: the CEC's for the Majilis list, a district commission's for an SMD. */
function commissionKey(keyring: Keyring, election: Election, contestId: string): SigningKey {
  const commissionId = election.contests.find((contest) => contest.id === contestId)?.commissionId ?? 'cec';
  return commissionId === 'cec' ? keyring.cec : (keyring.commissions.get(commissionId) ?? keyring.cec);
}

function bodyKey(keyring: Keyring, election: Election, bodyId: string): SigningKey {
  const listContest = election.contests.find((contest) => contest.bodyId === bodyId && contest.kind === 'list');
  return listContest === undefined ? keyring.cec : commissionKey(keyring, election, listContest.id);
}

/**
 * Runs one registration transaction: the registry read under the chain-head lock, `work` deciding
 * and collecting payloads (applied to the registry as it goes, so that later items see earlier
 * ones), then the events appended and the registry rows written with them.
 */
async function registrationWrite<T>(
  store: Store,
  clock: Clock,
  work: (
    registry: Registry,
    add: (payload: JournalPayload, key: SigningKey) => void,
    counting: ReadonlySet<string>,
  ) => T,
  election: Election,
): Promise<T> {
  await store.migrate();
  return store.write(async (writer: StoreWriter) => {
    await writer.head();
    const registry = await writer.registry();
    const counting = await countingContests(writer, election);
    const payloads: { payload: JournalPayload; key: SigningKey }[] = [];
    const state = { ...emptyProjection(), registry };
    const result = work(
      registry,
      (payload, key) => {
        payloads.push({ payload, key });
        // Applied now, so the next decision in this transaction sees this one.
        applyEvent(
          state,
          { seq: 0, prev: '', actor: key.fingerprint, at: '', hash: '', signature: '', ...eventBodyOf(payload) },
          election,
        );
      },
      counting,
    );
    await append(writer, payloads, clock());
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
  keyring,
  documents,
  clock = systemClock,
}: {
  store: Store;
  definition: Election;
  keyring: Keyring;
  documents: readonly unknown[];
  clock?: Clock;
}): Promise<RegistrationOutcome[]> {
  return registrationWrite(
    store,
    clock,
    (registry, add, counting) =>
      documents.map((document, index): RegistrationOutcome => {
        const fallbackId =
          typeof (document as { id?: unknown } | null)?.id === 'string'
            ? (document as { id: string }).id
            : `#${index + 1}`;
        const parsed = parseWith(nominationSchema, document);
        if (!parsed.ok) return inputRefusal(fallbackId, parsed.error);
        const nomination = parsed.value;
        const receivable = checkSubmission({ nomination, election: definition, registry, counting });
        if (!receivable.ok) return refusal(nomination.id, receivable.error);
        add({ type: 'nomination-submitted', nomination }, commissionKey(keyring, definition, nomination.contestId));
        return done(nomination.id);
      }),
    definition,
  );
}

/**
 * `saylau register`: the commission's decision on nominations — registered, or refused with the
 * law's codes — journaled with the calendar it applied.
 */
export async function registerNominations({
  store,
  definition,
  keyring,
  nominationIds,
  decidedAt,
  calendar = CALENDAR_2023,
  minimumWage = MINIMUM_WAGE_2023,
  clock = systemClock,
}: {
  store: Store;
  definition: Election;
  keyring: Keyring;
  /** Null: every nomination still waiting. */
  nominationIds: readonly string[] | null;
  decidedAt: string;
  calendar?: ElectionCalendar;
  minimumWage?: number;
  clock?: Clock;
}): Promise<RegistrationOutcome[]> {
  return registrationWrite(
    store,
    clock,
    (registry, add, counting) => {
      const ids =
        nominationIds ??
        [...registry.nominations.values()]
          .filter((record) => record.status === 'submitted')
          .map((record) => record.nomination.id);
      return ids.map((id): RegistrationOutcome => {
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
        const contestId = registry.nominations.get(id)?.nomination.contestId ?? '';
        add(
          {
            type: 'registration-decided',
            nominationId: id,
            decidedAt,
            calendar,
            minimumWage,
            registered: decision.value.registered,
            refusals: decision.value.refusals,
          },
          commissionKey(keyring, definition, contestId),
        );
        return done(id, { registered: decision.value.registered, refusals: decision.value.refusals });
      });
    },
    definition,
  );
}

/** `saylau withdraw`: a withdrawal, deregistration or death, and the postponement it may bring (docs/law.md §5). */
export async function withdrawCandidate({
  store,
  definition,
  keyring,
  withdrawal,
  calendar = CALENDAR_2023,
  actingFor,
  clock = systemClock,
}: {
  store: Store;
  definition: Election;
  keyring: Keyring;
  withdrawal: Withdrawal;
  calendar?: ElectionCalendar;
  /**
   * The commission a chair acts for: checked under the lock against the candidate's contest (undefined: no
   * restriction).
   */
  actingFor?: string;
  clock?: Clock;
}): Promise<RegistrationOutcome> {
  return registrationWrite(
    store,
    clock,
    (registry, add, counting): RegistrationOutcome => {
      const contestId = registry.candidates.get(withdrawal.candidateId)?.contestId ?? '';
      const commissionId = definition.contests.find((contest) => contest.id === contestId)?.commissionId;
      if (actingFor !== undefined && commissionId !== undefined && commissionId !== actingFor)
        return refusal(withdrawal.candidateId, {
          code: 'AUTH_WRONG_COMMISSION',
          params: { own: actingFor, commission: commissionId },
        });
      const checked = checkWithdrawal({ withdrawal, registry, calendar, counting });
      if (!checked.ok) return refusal(withdrawal.candidateId, checked.error);
      const key = commissionKey(keyring, definition, contestId);
      add({ type: 'candidate-withdrawn', withdrawal, calendar }, key);
      if (checked.value.postpone !== null)
        add(
          {
            type: 'contest-postponed',
            contestId: checked.value.postpone,
            at: withdrawal.at,
            reason: 'all-candidates-withdrawn',
          },
          key,
        );
      return done(withdrawal.candidateId, { postponed: checked.value.postpone });
    },
    definition,
  );
}

/** `saylau deputies --choose`: the party's choice for the list seats it won, checked against its list and the quota. */
export async function chooseDeputies({
  store,
  definition,
  election,
  keyring,
  choice,
  rounding = 'up',
  clock = systemClock,
}: {
  store: Store;
  definition: Election;
  election: Election;
  keyring: Keyring;
  choice: DeputiesChoice;
  rounding?: QuotaRounding;
  clock?: Clock;
}): Promise<RegistrationOutcome> {
  await store.migrate();
  // The seats come from the results as they stand, read under the same lock as the choice.
  return store.write(async (writer) => {
    await writer.head();
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
    const events = await append(writer, [{ payload, key: bodyKey(keyring, definition, choice.bodyId) }], clock());
    const state = { ...emptyProjection(), registry };
    for (const event of events) applyEvent(state, event, election);
    await writer.putRegistry(registry);
    return done(`${choice.bodyId} ${choice.partyId}`);
  });
}

/** `saylau deputies --vacate` / `--fill`: a list mandate given up, and a vacancy filled from the same list. */
export async function changeMandate({
  store,
  definition,
  keyring,
  change,
  clock = systemClock,
}: {
  store: Store;
  definition: Election;
  keyring: Keyring;
  change:
    | {
        readonly kind: 'vacate';
        readonly bodyId: string;
        readonly partyId: string;
        readonly candidateId: string;
        readonly reason: string;
      }
    | { readonly kind: 'fill'; readonly bodyId: string; readonly partyId: string; readonly candidateId: string };
  clock?: Clock;
}): Promise<RegistrationOutcome> {
  return registrationWrite(
    store,
    clock,
    (registry, add): RegistrationOutcome => {
      const key = bodyKey(keyring, definition, change.bodyId);
      switch (change.kind) {
        case 'vacate': {
          const checked = checkVacate({ ...change, registry });
          if (!checked.ok) return refusal(change.candidateId, checked.error);
          add(
            {
              type: 'mandate-vacated',
              bodyId: change.bodyId,
              partyId: change.partyId,
              candidateId: change.candidateId,
              reason: change.reason,
            },
            key,
          );
          return done(change.candidateId);
        }
        case 'fill': {
          const checked = checkFill({ ...change, registry, election: definition });
          if (!checked.ok) return refusal(change.candidateId, checked.error);
          add(
            { type: 'mandate-filled', bodyId: change.bodyId, partyId: change.partyId, candidateId: change.candidateId },
            key,
          );
          return done(change.candidateId);
        }
      }
    },
    definition,
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
