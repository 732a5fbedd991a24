import type { z } from 'zod';
import { ApiError } from './api-error.ts';
import type { RegistrationReads } from './registration-reads.ts';
import type { registrationRequest } from './registration-schemas.ts';
import type { AccountPrincipal, ServerContext } from './server-context.ts';

/**
 * Who may act on registration (docs/registration.md): only the staff of the commission whose decision it is, or an
 * administrator; and what the registry cannot take refuses a request whole, before any service runs.
 */
export function registrationScope(context: ServerContext, reads: RegistrationReads) {
  const registry = () => context.live.registered.registry;

  const inScope = (principal: AccountPrincipal, commission: string): void => {
    if (principal.role === 'administrator' || principal.commission === commission) return;
    throw new ApiError('AUTH_WRONG_COMMISSION', { own: principal.commission ?? '—', commission });
  };

  return {
    /** Each nomination's contest must be the sender's commission's; one that names none is the core's to refuse. */
    nominations: (principal: AccountPrincipal, documents: readonly unknown[]): void => {
      for (const document of documents) {
        const contestId = (document as { contestId?: unknown } | null)?.contestId;
        const commission = typeof contestId === 'string' ? reads.contestCommission(contestId) : undefined;
        if (commission !== undefined) inScope(principal, commission);
      }
    },

    /**
     * A decision on nominations: each known, the sender's commission's and still waiting, none twice; another
     * calendar or minimum wage than the law's is an administrator's act.
     */
    registration: (principal: AccountPrincipal, body: z.infer<typeof registrationRequest>): void => {
      for (const [index, nominationId] of body.nominationIds.entries()) {
        const record = registry().nominations.get(nominationId);
        if (record === undefined)
          throw new ApiError('NOMINATION_UNKNOWN', { id: nominationId }, `nominationIds[${index}]`);
        inScope(principal, reads.contestCommission(record.nomination.contestId) ?? 'cec');
        if (record.status !== 'submitted')
          throw new ApiError(
            'NOMINATION_ALREADY_DECIDED',
            { id: nominationId, status: record.status },
            `nominationIds[${index}]`,
          );
      }
      if (new Set(body.nominationIds).size < body.nominationIds.length)
        throw new ApiError(
          'INPUT_DUPLICATE_ID',
          { id: body.nominationIds.find((id, index) => body.nominationIds.indexOf(id) !== index) ?? '' },
          'nominationIds',
        );
      if (principal.role !== 'administrator' && (body.calendar !== undefined || body.minimumWage !== undefined))
        throw new ApiError(
          'REGISTRATION_OVERRIDE_FORBIDDEN',
          {},
          body.calendar === undefined ? 'minimumWage' : 'calendar',
        );
    },

    /** Another calendar than the law's, for a withdrawal, is an administrator's act. */
    calendarOverride: (principal: AccountPrincipal, calendar: unknown): void => {
      if (principal.role !== 'administrator' && calendar !== undefined)
        throw new ApiError('REGISTRATION_OVERRIDE_FORBIDDEN', {}, 'calendar');
    },

    /**
     * A withdrawal of a candidate of the sender's commission; the commission the service checks again under the lock
     * (undefined for an administrator), in case the candidate was registered a moment ago by another process.
     */
    withdrawal: (principal: AccountPrincipal, candidateId: string): string | undefined => {
      const record = registry().candidates.get(candidateId);
      // An unknown candidate is the core's to refuse (CANDIDATE_NOT_REGISTERED): it names no commission.
      if (record !== undefined) inScope(principal, reads.contestCommission(record.contestId) ?? 'cec');
      return principal.role === 'administrator' ? undefined : (principal.commission ?? '');
    },

    /** A body's deputies and mandates: the commission establishing its results decides them. */
    body: (principal: AccountPrincipal, bodyId: string): void => {
      reads.knownBody(bodyId);
      inScope(principal, reads.bodyCommission(bodyId));
    },
  };
}
