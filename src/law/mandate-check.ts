import type { CalendarDate } from './calendar-date.ts';
import { countsTowardQuota, type QuotaPerson } from './quota-groups.ts';

/** How 30 % of the mandates is rounded to a number of people [U: default up]. */
export type QuotaRounding = 'up' | 'down' | 'nearest';

export type MandateReason = 'MANDATE_NOT_ON_LIST' | 'MANDATE_DUPLICATE' | 'MANDATE_TOO_MANY' | 'MANDATE_QUOTA_NOT_MET';

export interface MandateCheckInput {
  readonly seatsWon: number;
  readonly electionDate: CalendarDate;
  readonly list: readonly QuotaPerson[];
  /** Candidate ids the party chose to take its mandates (not list order: docs/law.md §4). */
  readonly chosen: readonly string[];
  readonly rounding?: QuotaRounding | undefined;
}

export interface MandateCheckOutcome {
  readonly ok: boolean;
  readonly required: number;
  readonly quotaCount: number;
  readonly reasons: readonly MandateReason[];
}

/** 30 % of `seats` as a number of people, rounded as the parameter says (exact, in integers). */
export function requiredQuotaMandates(seats: number, rounding: QuotaRounding): number {
  switch (rounding) {
    case 'up':
      return Math.ceil((seats * 3) / 10);
    case 'down':
      return Math.floor((seats * 3) / 10);
    case 'nearest':
      // Half up: floor((3s + 5) / 10).
      return Math.floor((seats * 3 + 5) / 10);
  }
}

/**
 * docs/law.md §4 (EL Art. 89, Art. 97-1): the deputies a party chose, checked against its list and
 * the 30 % quota on mandates.
 */
export function checkMandates({
  seatsWon,
  electionDate,
  list,
  chosen,
  rounding = 'up',
}: MandateCheckInput): MandateCheckOutcome {
  const onList = new Map(list.map((person) => [person.id, person]));
  const reasons: MandateReason[] = [];
  const distinct = new Set(chosen);
  if (chosen.some((id) => !onList.has(id))) reasons.push('MANDATE_NOT_ON_LIST');
  if (distinct.size < chosen.length) reasons.push('MANDATE_DUPLICATE');
  if (distinct.size > seatsWon) reasons.push('MANDATE_TOO_MANY');
  const required = requiredQuotaMandates(distinct.size, rounding);
  const quotaCount = [...distinct].filter((id) => {
    const person = onList.get(id);
    return person !== undefined && countsTowardQuota(person, electionDate);
  }).length;
  if (quotaCount < required) reasons.push('MANDATE_QUOTA_NOT_MET');
  return { ok: reasons.length === 0, required, quotaCount, reasons };
}
