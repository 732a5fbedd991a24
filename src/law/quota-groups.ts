import { ageOn, type CalendarDate } from './calendar-date.ts';

export interface QuotaPerson {
  readonly id: string;
  readonly gender: 'female' | 'male';
  readonly birthDate: CalendarDate;
  readonly disability: boolean;
}

/**
 * docs/law.md §4 (EL Art. 89, A105): the 30 % quota counts women, people under 29 and people with
 * disabilities, each once.
 */
export const QUOTA_AGE_LIMIT = 29;

export function countsTowardQuota(person: QuotaPerson, electionDate: CalendarDate): boolean {
  return person.gender === 'female' || person.disability || ageOn(person.birthDate, electionDate) < QUOTA_AGE_LIMIT;
}

/** Exact share test: count / total ≥ numerator / denominator, in integers. */
export function meetsShare(count: number, total: number, numerator: number, denominator: number): boolean {
  return count * denominator >= numerator * total;
}
