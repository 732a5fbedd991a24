import { CALENDAR_2023 } from '../law/registration-rules.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { Election } from '../model/election.ts';
import type { DeputiesChoice } from '../model/nomination.ts';
import {
  checkDeputiesChoice,
  checkFill,
  checkPostponement,
  checkSubmission,
  checkVacate,
  checkWithdrawal,
  decideRegistration,
} from './decide.ts';
import type { RegistrationPayload, Registry } from './registry.ts';

/**
 * What a replay knows at an event: the registry so far, the contests already counting, a body's list seats as counted.
 */
export interface RecheckContext {
  readonly definition: Election;
  readonly registry: Registry;
  readonly counting: ReadonlySet<string>;
  readonly listSeats: (
    bodyId: string,
  ) => { readonly seats: Readonly<Record<string, number>>; readonly established: boolean } | null;
}

/**
 * Why a registration event is not one the law and the registry would have allowed at its place in
 * the journal, or null: every check the store makes before writing it, taken again (`saylau
 * verify`). A registration decision must be the very decision the law takes, with the calendar it
 * recorded.
 */
export function registrationEventProblem(payload: RegistrationPayload, context: RecheckContext): string | null {
  const { definition, registry, counting } = context;
  const problem = (result: { ok: true } | { ok: false; error: { code: string } }): string | null =>
    result.ok ? null : result.error.code;
  switch (payload.type) {
    case 'nomination-submitted':
      return problem(checkSubmission({ nomination: payload.nomination, election: definition, registry, counting }));
    case 'registration-decided': {
      const retaken = decideRegistration({
        nominationId: payload.nominationId,
        election: definition,
        registry,
        calendar: payload.calendar,
        decidedAt: payload.decidedAt,
        minimumWage: payload.minimumWage,
        counting,
      });
      if (!retaken.ok) return retaken.error.code;
      const same =
        canonicalJson({ registered: retaken.value.registered, refusals: retaken.value.refusals }) ===
        canonicalJson({ registered: payload.registered, refusals: payload.refusals });
      return same ? null : "the registration decision differs from the law's";
    }
    case 'candidate-withdrawn':
      // Journals written before the calendar was recorded applied 2023's.
      return problem(
        checkWithdrawal({
          withdrawal: payload.withdrawal,
          registry,
          calendar: (payload as { calendar?: typeof CALENDAR_2023 }).calendar ?? CALENDAR_2023,
          counting,
        }),
      );
    case 'contest-postponed':
      return problem(checkPostponement({ contestId: payload.contestId, registry, counting }));
    case 'deputies-chosen': {
      const list = context.listSeats(payload.bodyId);
      const seatsWon = list?.seats[payload.partyId] ?? 0;
      if (payload.seats !== seatsWon) return `records ${payload.seats} seats where the count gives ${seatsWon}`;
      const choice = {
        bodyId: payload.bodyId,
        partyId: payload.partyId,
        chosen: [...payload.chosen],
      } as DeputiesChoice;
      return problem(
        checkDeputiesChoice({
          choice,
          election: definition,
          registry,
          seatsWon,
          established: list?.established ?? false,
        }),
      );
    }
    case 'mandate-vacated':
      return problem(
        checkVacate({ bodyId: payload.bodyId, partyId: payload.partyId, candidateId: payload.candidateId, registry }),
      );
    case 'mandate-filled':
      return problem(
        checkFill({
          bodyId: payload.bodyId,
          partyId: payload.partyId,
          candidateId: payload.candidateId,
          registry,
          election: definition,
        }),
      );
  }
}
