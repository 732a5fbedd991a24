import type { Language } from './language.ts';
import { decimalToRational, floorDiv, Rational } from '../law/rational.ts';

/**
 * How numbers, percentages and dates are written for people, the same in the CLI, the server and
 * the site (docs/formatting.md). Plain code with its own tables, no `Intl` locale data: Node's ICU
 * knows Kazakh, Debian's Chromium does not, and a page must not change with the browser it runs in.
 */

/**
 * BCP 47 tags of the three languages, for `lang` attributes and HTTP headers. Never hand them to
 * `Intl` for display: that is what this module replaces.
 */
export const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** U+00A0 NO-BREAK SPACE: between digit groups in kk and ru, and before the percent sign. */
export const NO_BREAK_SPACE = '\u00A0';

interface NumberStyle {
  readonly group: string;
  readonly decimal: string;
}

const NUMBER_STYLE: Readonly<Record<Language, NumberStyle>> = {
  kk: { group: NO_BREAK_SPACE, decimal: ',' },
  ru: { group: NO_BREAK_SPACE, decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** The digit-group separator and the decimal mark of a language. */
export function numberStyle(language: Language): NumberStyle {
  return NUMBER_STYLE[language];
}

function groupDigits(digits: string, separator: string): string {
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    grouped = grouped === '' ? digits.slice(start, end) : `${digits.slice(start, end)}${separator}${grouped}`;
  }
  return grouped;
}

/** A whole number with its sign, grouped by thousands (every number of four digits or more). */
function writeInteger(value: bigint, language: Language): string {
  const magnitude = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${groupDigits(magnitude.toString(), NUMBER_STYLE[language].group)}`;
}

function toBigInt(value: bigint | number): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isInteger(value)) throw new RangeError(`Not a whole number: ${value}`);
  return BigInt(value);
}

/** A count (votes, voters, stations) grouped by thousands: `6 364 879` in kk and ru, `6,364,879` in en. */
export function formatCount(value: bigint | number, language: Language): string {
  return writeInteger(toBigInt(value), language);
}

/** Reads back what formatCount wrote (any of the three languages' separators). */
export function parseCount(text: string): bigint {
  const compact = text.replace(/[\u00A0\u202F ,]/g, '');
  if (!/^-?\d+$/.test(compact)) throw new RangeError(`Not a count: ${text}`);
  return BigInt(compact);
}

function exact(value: Rational | number): Rational {
  return typeof value === 'number' ? decimalToRational(value) : value;
}

/** `value × 10^digits` rounded half away from zero: the digits of the shown decimal, as an integer. */
export function roundHalfUp(value: Rational, digits: number): bigint {
  const scaled = value.mul(Rational.of(10n ** BigInt(digits)));
  const magnitude = scaled.num < 0n ? -scaled.num : scaled.num;
  const rounded = floorDiv(2n * magnitude + scaled.den, 2n * scaled.den);
  return scaled.num < 0n ? -rounded : rounded;
}

/** An integer count of `10^-digits` steps written as a decimal with the language's marks. */
function writeScaled(scaled: bigint, digits: number, language: Language): string {
  const magnitude = scaled < 0n ? -scaled : scaled;
  const scale = 10n ** BigInt(digits);
  const whole = writeInteger(magnitude / scale, language);
  const sign = scaled < 0n ? '-' : '';
  if (digits === 0) return `${sign}${whole}`;
  const fraction = (magnitude % scale).toString().padStart(digits, '0');
  return `${sign}${whole}${NUMBER_STYLE[language].decimal}${fraction}`;
}

/**
 * A number with exactly `digits` decimals, rounded half away from zero from its exact value (a
 * JavaScript number is read as the decimal it prints as, so 1.005 gives 1.01, not toFixed's 1.00).
 */
export function formatDecimal(value: Rational | number, language: Language, digits = 2): string {
  return writeScaled(roundHalfUp(exact(value), digits), digits, language);
}

/** A rational shown with `digits` decimals (default 4), using the language's decimal mark. */
export function formatRational(value: Rational, language: Language, digits = 4): string {
  return formatDecimal(value, language, digits);
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * A very small or very large number as `3,5 × 10⁻⁷` (`significant` digits), the way a printed
 * table writes it; never the programmer's `3.5e-7`. Zero is `0`.
 */
export function formatScientific(value: number, language: Language, significant = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  if (value === 0) return '0';
  // toExponential rounds the binary value; the exponent it picks is the one to show.
  const [mantissa, exponent] = value.toExponential(significant - 1).split('e') as [string, string];
  const power = String(Number(exponent))
    .split('')
    .map((character) => SUPERSCRIPT[character])
    .join('');
  return `${mantissa.replace('.', NUMBER_STYLE[language].decimal)}${NO_BREAK_SPACE}×${NO_BREAK_SPACE}10${power}`;
}

/** The options of formatPercent. */
export interface PercentOptions {
  /** Decimals shown: the CEC publishes two. */
  readonly digits?: number;
  /**
   * Thresholds as fractions of one (5 % is 1/20). A share below one is never shown at or above
   * it, a share at or above one never below it (docs/formatting.md, "Near a threshold").
   */
  readonly thresholds?: readonly Rational[];
}

/**
 * The shown digits of a percentage (`percent × 10^digits`): rounded half up, then, where that
 * rounding crossed a threshold, the nearest shown value on the exact share's side of it. Where
 * two thresholds leave no such value at this precision, one more decimal is tried.
 */
export function roundPercent(
  share: Rational,
  digits: number,
  thresholds: readonly Rational[] = [],
): { scaled: bigint; digits: number } {
  const percent = share.mul(Rational.of(100n));
  const step = Rational.of(1n, 10n ** BigInt(digits));
  let scaled = roundHalfUp(percent, digits);
  const shown = (): Rational => Rational.of(scaled).mul(step);
  for (const threshold of thresholds) {
    const line = threshold.mul(Rational.of(100n));
    const below = percent.compare(line) < 0;
    if (below && shown().compare(line) >= 0) scaled = line.div(step).ceil() - 1n;
    if (!below && shown().compare(line) < 0) scaled = line.div(step).ceil();
  }
  const sideKept = thresholds.every((threshold) => {
    const line = threshold.mul(Rational.of(100n));
    return percent.compare(line) < 0 === shown().compare(line) < 0;
  });
  // Ten decimals more is far past any two thresholds a person sets apart; stop there regardless.
  if (sideKept || digits >= 12) return { scaled, digits };
  return roundPercent(share, digits + 1, thresholds);
}

/**
 * A share (a fraction of one, exact) as a percentage: `8,41 %` in kk and ru, `8.41 %` in en.
 * Rounded as the CEC publishes: half up, two decimals (docs/formatting.md, "Percentages").
 */
export function formatPercent(share: Rational | number, language: Language, options: PercentOptions = {}): string {
  const { scaled, digits } = roundPercent(exact(share), options.digits ?? 2, options.thresholds);
  return `${writeScaled(scaled, digits, language)}${NO_BREAK_SPACE}%`;
}

/** A threshold written in percent (5, or 5.5 read exactly as 11/2) as a fraction of one. */
export function percentThreshold(percent: number): Rational {
  return decimalToRational(percent).div(Rational.of(100n));
}

/** `numerator / denominator` as a percentage; `—` when the denominator is 0 (nothing counted yet). */
export function formatShare(
  numerator: bigint,
  denominator: bigint,
  language: Language,
  options: PercentOptions = {},
): string {
  return denominator === 0n ? '—' : formatPercent(Rational.of(numerator, denominator), language, options);
}

const KAZAKH_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
] as const;

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Month names: Kazakh writes them in lower case and the same in a date; Russian declines them. */
const MONTHS: Readonly<Record<Language, { readonly alone: readonly string[]; readonly inDate: readonly string[] }>> = {
  kk: { alone: KAZAKH_MONTHS, inDate: KAZAKH_MONTHS },
  ru: {
    alone: [
      'январь',
      'февраль',
      'март',
      'апрель',
      'май',
      'июнь',
      'июль',
      'август',
      'сентябрь',
      'октябрь',
      'ноябрь',
      'декабрь',
    ],
    inDate: [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ],
  },
  en: { alone: ENGLISH_MONTHS, inDate: ENGLISH_MONTHS },
};

/** A day of the calendar, with no time zone: what an ISO date `2023-03-19` names. */
export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

/** Where a moment is read: minutes east of UTC (Astana +300). Default: the clock of the machine. */
export interface ClockOptions {
  readonly offsetMinutes?: number;
  /** Show seconds (a page that refreshes itself shows when it last did to the second). */
  readonly seconds?: boolean;
}

function monthName(month: number, language: Language, form: 'alone' | 'inDate'): string {
  const name = MONTHS[language][form][month - 1];
  if (name === undefined) throw new RangeError(`No month ${month}`);
  return name;
}

/** `2023 жылғы 19 наурыз`, `19 марта 2023 г.`, `19 March 2023`. */
export function formatCalendarDate(date: CalendarDate, language: Language): string {
  const { year, month, day } = date;
  const name = monthName(month, language, 'inDate');
  if (language === 'kk') return `${year} жылғы ${day} ${name}`;
  if (language === 'ru') return `${day} ${name} ${year} г.`;
  return `${day} ${name} ${year}`;
}

/** A month of a year: `2023 жылғы наурыз`, `март 2023 г.`, `March 2023`. */
export function formatMonth(year: number, month: number, language: Language): string {
  const name = monthName(month, language, 'alone');
  if (language === 'kk') return `${year} жылғы ${name}`;
  if (language === 'ru') return `${name} ${year} г.`;
  return `${name} ${year}`;
}

/** The wall-clock fields of a moment, read at `offsetMinutes` east of UTC. */
function wallClock(moment: Date, offsetMinutes: number | undefined): Date {
  const offset = offsetMinutes ?? -moment.getTimezoneOffset();
  return new Date(moment.getTime() + offset * 60_000);
}

const two = (value: number): string => String(value).padStart(2, '0');

/** `20:00` (24-hour, the same in the three languages); `20:00:05` with seconds. */
export function formatTimeOfDay(moment: Date, options: ClockOptions = {}): string {
  const clock = wallClock(moment, options.offsetMinutes);
  const minutes = `${two(clock.getUTCHours())}:${two(clock.getUTCMinutes())}`;
  return options.seconds === true ? `${minutes}:${two(clock.getUTCSeconds())}` : minutes;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date in words. An ISO date (`2023-03-19`) is a calendar day and is shown as it is; a moment
 * (a Date or an ISO date-time) is shown on the clock of `offsetMinutes`.
 */
export function formatDate(value: Date | string, language: Language, options: ClockOptions = {}): string {
  if (typeof value === 'string') {
    const day = ISO_DATE.exec(value);
    if (day !== null)
      return formatCalendarDate({ year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) }, language);
    return formatDate(new Date(value), language, options);
  }
  const clock = wallClock(value, options.offsetMinutes);
  return formatCalendarDate(
    { year: clock.getUTCFullYear(), month: clock.getUTCMonth() + 1, day: clock.getUTCDate() },
    language,
  );
}

/** `2023 жылғы 19 наурыз, 20:00`, `19 марта 2023 г., 20:00`, `19 March 2023, 20:00`. */
export function formatDateTime(value: Date | string, language: Language, options: ClockOptions = {}): string {
  const moment = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(moment.getTime())) throw new RangeError(`Not a moment: ${String(value)}`);
  return `${formatDate(moment, language, options)}, ${formatTimeOfDay(moment, options)}`;
}
