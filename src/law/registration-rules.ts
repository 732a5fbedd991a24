import type { Body } from './candidate-eligibility.ts';
import { assertDefined } from './assert.ts';

/**
 * A local date and time as commissions write it, `YYYY-MM-DDTHH:MM`, in the time of the
 * commission that receives the document. One fixed format, so that comparing two as strings
 * compares them in time.
 */
export type LocalDateTime = string;

/** The deadlines of docs/law.md §6 (Registration) that registration enforces. */
export interface ElectionCalendar {
  /** Nominations are received from this moment… */
  readonly nominationOpens: LocalDateTime;
  /** …up to and including this one. */
  readonly nominationCloses: LocalDateTime;
  /** The commission decides on registration by then. */
  readonly registrationCloses: LocalDateTime;
  /**
   * Withdrawal and deregistration end before this moment [U: the law says "before election day";
   * the statute's exact day is not in our sources, so the default is the start of election day].
   */
  readonly withdrawalCloses: LocalDateTime;
}

/** docs/law.md §6 [V]: nomination 20 Jan – 8 Feb 18:00, registration until 18 Feb 18:00, vote 19 Mar 2023. */
export const CALENDAR_2023: ElectionCalendar = {
  nominationOpens: '2023-01-20T00:00',
  nominationCloses: '2023-02-08T18:00',
  registrationCloses: '2023-02-18T18:00',
  withdrawalCloses: '2023-03-19T00:00',
};

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** True for a well-formed `YYYY-MM-DDTHH:MM` with a real month, day, hour and minute. */
export function isLocalDateTime(text: string): boolean {
  const match = LOCAL_DATE_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59;
}

export type CalendarReason =
  'NOMINATION_TOO_EARLY' | 'NOMINATION_TOO_LATE' | 'REGISTRATION_TOO_LATE' | 'WITHDRAWAL_TOO_LATE';

/** Whether a nomination received at `submittedAt` falls inside the nomination period (both ends included). */
export function nominationTiming(calendar: ElectionCalendar, submittedAt: LocalDateTime): CalendarReason | null {
  if (submittedAt < calendar.nominationOpens) return 'NOMINATION_TOO_EARLY';
  if (submittedAt > calendar.nominationCloses) return 'NOMINATION_TOO_LATE';
  return null;
}

export function registrationTiming(calendar: ElectionCalendar, decidedAt: LocalDateTime): CalendarReason | null {
  return decidedAt > calendar.registrationCloses ? 'REGISTRATION_TOO_LATE' : null;
}

export function withdrawalTiming(calendar: ElectionCalendar, at: LocalDateTime): CalendarReason | null {
  return at >= calendar.withdrawalCloses ? 'WITHDRAWAL_TOO_LATE' : null;
}

/** The monthly minimum wage of 2023 in tenge, on which deposits are based. */
export const MINIMUM_WAGE_2023 = 70_000;

/**
 * docs/law.md §6 (EL Art. 88) [V]: 15 minimum wages per Majilis candidate, 5 per maslikhat
 * candidate (list or SMD alike).
 */
export function depositRequired(body: Body, minimumWage = MINIMUM_WAGE_2023): number {
  return (body === 'majilis' ? 15 : 5) * minimumWage;
}

export interface DepositFacts {
  readonly elected: boolean;
  /** The candidate's votes (SMD) or the list's votes (list candidates). */
  readonly votes: bigint;
  /** The base the 5 % is taken of: the contest's valid votes (options + against all, docs/law.md §1.1). */
  readonly base: bigint;
  readonly died: boolean;
}

export type DepositOutcome = 'returned-elected' | 'returned-five-percent' | 'returned-death' | 'kept';

/**
 * docs/law.md §6 (EL Art. 88) [V]: returned if elected, with at least 5 % of the votes, or on
 * death; kept otherwise. Exact.
 */
export function depositOutcome({ elected, votes, base, died }: DepositFacts): DepositOutcome {
  if (elected) return 'returned-elected';
  if (died) return 'returned-death';
  if (base > 0n && votes * 100n >= 5n * base) return 'returned-five-percent';
  return 'kept';
}

/**
 * The documents each candidate's file must hold, and those a nominating party or association
 * adds [U: the statute's full list is not in our sources; these are the ones every report names].
 */
export const REQUIRED_CANDIDATE_DOCUMENTS = ['consent', 'declaration'] as const;
export const REQUIRED_NOMINATOR_DOCUMENTS = ['nominating-decision'] as const;

/** The required documents missing from `present`, in the order above. */
export function missingDocuments(present: readonly string[], nominatedByOrganisation: boolean): string[] {
  const required: readonly string[] = nominatedByOrganisation
    ? [...REQUIRED_CANDIDATE_DOCUMENTS, ...REQUIRED_NOMINATOR_DOCUMENTS]
    : REQUIRED_CANDIDATE_DOCUMENTS;
  return required.filter((document) => !present.includes(document));
}

/**
 * The order of the letters of the Kazakh Cyrillic alphabet, by which SMD candidates appear on the
 * ballot [U: the statute says alphabetical; we take the state language's alphabet].
 */
const KAZAKH_ALPHABET = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';

/** Compares two names letter by letter in the Kazakh alphabet; other characters after it, by code point. */
export function compareKazakh(a: string, b: string): number {
  const rank = (character: string): number => {
    const index = KAZAKH_ALPHABET.indexOf(character);
    return index >= 0 ? index : KAZAKH_ALPHABET.length + (character.codePointAt(0) as number);
  };
  const left = [...a.toLowerCase()];
  const right = [...b.toLowerCase()];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = rank(assertDefined(left[index])) - rank(assertDefined(right[index]));
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
