import { z } from 'zod';
import { parseCalendarDate } from '../law/calendar-date.ts';
import { codedIssue } from './input-error.ts';

/**
 * A count (votes, seats, voters): a non-negative integer no larger than 2^53 − 1, so that JSON
 * carried it exactly. Each way of failing has its own code.
 */
export const countSchema = z.number().superRefine((value, ctx) => {
  if (!Number.isInteger(value)) ctx.addIssue(codedIssue('INPUT_NOT_INTEGER', [], { value }));
  else if (value < 0) ctx.addIssue(codedIssue('INPUT_NEGATIVE', [], { value }));
  else if (!Number.isSafeInteger(value)) ctx.addIssue(codedIssue('INPUT_UNSAFE_INTEGER', [], { value: String(value) }));
});

/** More seats than any assembly has; a bound that keeps seat-by-seat methods quick. */
export const MAXIMUM_SEATS = 10_000;

/** A number of seats: a count, not zero, at most MAXIMUM_SEATS. */
export const seatCountSchema = countSchema.superRefine((value, ctx) => {
  if (value === 0) ctx.addIssue(codedIssue('INPUT_ZERO_SEATS'));
  else if (value > MAXIMUM_SEATS)
    ctx.addIssue(codedIssue('INPUT_OUT_OF_RANGE', [], { value, minimum: 1, maximum: MAXIMUM_SEATS }));
});

export const idSchema = z.string().superRefine((value, ctx) => {
  if (value.length === 0) ctx.addIssue(codedIssue('INPUT_EMPTY'));
});

/** `YYYY-MM-DD`, a real date, turned into the law's CalendarDate. */
export const calendarDateSchema = z.string().transform((value, ctx) => {
  const date = parseCalendarDate(value);
  if (date === null) {
    ctx.addIssue(codedIssue('INPUT_INVALID_DATE', [], { value }));
    return z.NEVER;
  }
  return date;
});
