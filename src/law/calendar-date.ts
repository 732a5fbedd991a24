import { assertDefined } from './assert.ts';
/** A calendar date as written in documents, `YYYY-MM-DD`; no time zone is involved. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Parses `YYYY-MM-DD`, refusing impossible dates such as 2023-02-29; null when not a date. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return null;
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : assertDefined(DAYS_IN_MONTH[month - 1]);
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day };
}

/**
 * Full years of age on `date`. A person born on 29 February comes of age on 1 March in a common
 * year — the day after 28 February — which is the reading we take where the law is silent.
 */
export function ageOn(birth: CalendarDate, date: CalendarDate): number {
  const hadBirthday = date.month > birth.month || (date.month === birth.month && date.day >= birth.day);
  return date.year - birth.year - (hadBirthday ? 0 : 1);
}
