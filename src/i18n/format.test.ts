import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../law/rational.ts';
import {
  formatCalendarDate,
  formatCount,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMonth,
  formatPercent,
  formatRational,
  formatScientific,
  formatShare,
  formatTimeOfDay,
  numberStyle,
  parseCount,
  percentThreshold,
  roundPercent,
} from './format.ts';
import { LANGUAGES } from './language.ts';

const NBSP = '\u00A0';
const share = (num: bigint, den: bigint): Rational => Rational.of(num, den);
const FIVE = percentThreshold(5);

describe('counts', () => {
  it('group by thousands with a no-break space in kk and ru, a comma in en', () => {
    expect(formatCount(3_430_707, 'kk')).toBe(`3${NBSP}430${NBSP}707`);
    expect(formatCount(6_364_879n, 'ru')).toBe(`6${NBSP}364${NBSP}879`);
    expect(formatCount(3_430_707, 'en')).toBe('3,430,707');
  });

  it('group every number of four digits or more, and none shorter', () => {
    expect(formatCount(1000, 'kk')).toBe(`1${NBSP}000`);
    expect(formatCount(999, 'ru')).toBe('999');
    expect(formatCount(0, 'en')).toBe('0');
    expect(formatCount(0n, 'kk')).toBe('0');
  });

  it('keep the sign of a negative count outside the groups', () => {
    expect(formatCount(-1234567, 'kk')).toBe(`-1${NBSP}234${NBSP}567`);
    expect(formatCount(-12n, 'en')).toBe('-12');
    expect(formatCount(-123_456n, 'en')).toBe('-123,456');
  });

  it('write a bigint past 2^53 digit for digit', () => {
    const huge = 2n ** 70n + 1n;
    expect(parseCount(formatCount(huge, 'ru'))).toBe(huge);
    expect(formatCount(huge, 'en')).toBe('1,180,591,620,717,411,303,425');
  });

  it('refuse a number that is not a whole count', () => {
    expect(() => formatCount(1.5, 'kk')).toThrow(RangeError);
    expect(() => formatCount(Number.NaN, 'kk')).toThrow(RangeError);
    expect(() => parseCount('12 abc')).toThrow(RangeError);
  });

  it('round-trip through parseCount in every language (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.constantFrom(...LANGUAGES),
        (value, language) => {
          const text = formatCount(value, language);
          expect(parseCount(text)).toBe(value);
          // Groups of three after the first, of one to three: the separator is never doubled or leading.
          const { group } = numberStyle(language);
          const groups = text.replace(/^-/, '').split(group);
          expect(groups.slice(1).every((part) => /^\d{3}$/.test(part))).toBe(true);
          expect(groups[0]).toMatch(/^\d{1,3}$/);
        },
      ),
    );
  });
});

describe('decimals', () => {
  it('use the decimal comma in kk and ru, the point in en, and group the whole part', () => {
    expect(formatDecimal(1022, 'kk', 1)).toBe(`1${NBSP}022,0`);
    expect(formatDecimal(0.5, 'ru', 3)).toBe('0,500');
    expect(formatDecimal(1022, 'en', 1)).toBe('1,022.0');
  });

  it('round half away from zero from the decimal a number prints as, not its binary value', () => {
    // 1.005 is stored as 1.00499999999999989…; toFixed gives 1.00.
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatDecimal(1.005, 'en', 2)).toBe('1.01');
    expect(formatDecimal(-2.345, 'en', 2)).toBe('-2.35');
    expect(formatDecimal(-0.004, 'en', 2)).toBe('0.00');
    expect(formatDecimal(2.5, 'kk', 0)).toBe('3');
  });

  it('write a rational with four decimals by default', () => {
    expect(formatRational(Rational.of(2n, 3n), 'ru')).toBe('0,6667');
    expect(formatRational(Rational.of(5_971_719n, 69n), 'kk')).toBe(`86${NBSP}546,6522`);
  });

  it('write tiny and huge numbers as powers of ten, never as 3.5e-7', () => {
    expect(formatScientific(3.5e-7, 'kk')).toBe(`3,5${NBSP}×${NBSP}10⁻⁷`);
    expect(formatScientific(3.5e-7, 'en')).toBe(`3.5${NBSP}×${NBSP}10⁻⁷`);
    expect(formatScientific(1.234e12, 'ru', 3)).toBe(`1,23${NBSP}×${NBSP}10¹²`);
    expect(formatScientific(0, 'en')).toBe('0');
    expect(() => formatScientific(Number.POSITIVE_INFINITY, 'en')).toThrow(RangeError);
  });
});

describe('percentages', () => {
  it('round half up to two decimals: Ak Zhol 535,139 of 6,366,441 is 8.41 %, not 8.40 %', () => {
    expect(formatPercent(share(535_139n, 6_366_441n), 'kk')).toBe(`8,41${NBSP}%`);
    expect(formatPercent(share(535_139n, 6_366_441n), 'en')).toBe(`8.41${NBSP}%`);
    expect(formatShare(3_431_510n, 6_366_441n, 'ru')).toBe(`53,90${NBSP}%`);
  });

  it('round an exact half up, and a hair below it down', () => {
    expect(formatPercent(share(12_345n, 10n ** 7n), 'en', { digits: 2 })).toBe(`0.12${NBSP}%`);
    expect(formatPercent(share(1_125n, 10n ** 6n), 'en', { digits: 2 })).toBe(`0.11${NBSP}%`);
    expect(formatPercent(share(11_255n, 10n ** 7n), 'en', { digits: 2 })).toBe(`0.11${NBSP}%`);
    expect(formatPercent(share(1_124_999n, 10n ** 9n), 'en', { digits: 2 })).toBe(`0.11${NBSP}%`);
    expect(formatPercent(share(1_125n, 10n ** 5n), 'en', { digits: 2 })).toBe(`1.13${NBSP}%`);
  });

  it('show nothing counted as a dash, and 0 and 100 % as such', () => {
    expect(formatShare(0n, 0n, 'kk')).toBe('—');
    expect(formatShare(0n, 7n, 'kk')).toBe(`0,00${NBSP}%`);
    expect(formatShare(7n, 7n, 'en', { digits: 1 })).toBe(`100.0${NBSP}%`);
  });

  it('never show a share below 5 % as 5.00 %: 4.996 % is 4.99 %', () => {
    expect(formatPercent(share(4_996n, 100_000n), 'kk', { thresholds: [FIVE] })).toBe(`4,99${NBSP}%`);
    // Without the threshold it rounds as any other number.
    expect(formatPercent(share(4_996n, 100_000n), 'kk')).toBe(`5,00${NBSP}%`);
  });

  it('show 4.995 % (which rounds up to the line) below it, and exactly 5 % at it', () => {
    expect(formatPercent(share(4_995n, 100_000n), 'en', { thresholds: [FIVE] })).toBe(`4.99${NBSP}%`);
    expect(formatPercent(share(4_994n, 100_000n), 'en', { thresholds: [FIVE] })).toBe(`4.99${NBSP}%`);
    expect(formatPercent(share(5n, 100n), 'en', { thresholds: [FIVE] })).toBe(`5.00${NBSP}%`);
    expect(formatPercent(share(5_004n, 100_000n), 'en', { thresholds: [FIVE] })).toBe(`5.00${NBSP}%`);
  });

  it('keep the 7 % threshold of 2007–2021 and a threshold off the two-decimal grid', () => {
    const seven = percentThreshold(7);
    expect(formatPercent(share(69_999n, 1_000_000n), 'ru', { thresholds: [seven] })).toBe(`6,99${NBSP}%`);
    // 5.004 % as a threshold: 5.004 % itself passes and must not read 5.00 %, which is below the line.
    const odd = percentThreshold(5.004);
    expect(formatPercent(share(5_004n, 100_000n), 'en', { thresholds: [odd] })).toBe(`5.01${NBSP}%`);
    expect(formatPercent(share(5_003n, 100_000n), 'en', { thresholds: [odd] })).toBe(`5.00${NBSP}%`);
  });

  it('add a decimal where two thresholds leave no two-decimal value between them', () => {
    // 5.005 % lies between 5.001 % and 5.009 %; 5.00 is below the first and 5.01 above the second.
    const thresholds = [percentThreshold(5.001), percentThreshold(5.009)];
    expect(roundPercent(share(5_005n, 100_000n), 2, thresholds)).toEqual({ scaled: 5_005n, digits: 3 });
    expect(formatPercent(share(5_005n, 100_000n), 'kk', { thresholds })).toBe(`5,005${NBSP}%`);
  });

  it('with thresholds at 5 % and 7 %, print no share on the other side of either (property)', () => {
    const lines = [percentThreshold(5), percentThreshold(7), percentThreshold(3.5)];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 4 }),
        (den, raw, digits) => {
          const exactShare = Rational.of(raw % (den + 1n), den);
          const { scaled, digits: shownDigits } = roundPercent(exactShare, digits, lines);
          const shown = Rational.of(scaled, 10n ** BigInt(shownDigits) * 100n);
          for (const line of lines) expect(shown.compare(line) < 0).toBe(exactShare.compare(line) < 0);
          // And no further from the exact share than one step of the shown precision.
          const distance = shown.sub(exactShare);
          const step = Rational.of(1n, 10n ** BigInt(shownDigits) * 100n);
          expect(distance.compare(step) <= 0 && distance.compare(Rational.of(0n).sub(step)) >= 0).toBe(true);
        },
      ),
    );
  });

  it('near a threshold, pick values near the line on purpose (property)', () => {
    const line = percentThreshold(5);
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 2000 }), fc.bigInt({ min: 10_000n, max: 10n ** 8n }), (offset, den) => {
        const votes = (den * 5n) / 100n + BigInt(offset);
        if (votes < 0n) return;
        const exactShare = Rational.of(votes, den);
        const text = formatPercent(exactShare, 'en', { thresholds: [line] });
        const shown = Number.parseFloat(text);
        expect(shown < 5).toBe(exactShare.compare(line) < 0);
      }),
    );
  });
});

describe('dates and times', () => {
  const electionNight = new Date('2023-03-19T15:00:00Z');
  const astana = { offsetMinutes: 300 };

  it('write the day in words: Kazakh month names in lower case, Russian in the genitive', () => {
    expect(formatDateTime(electionNight, 'kk', astana)).toBe('2023 жылғы 19 наурыз, 20:00');
    expect(formatDateTime(electionNight, 'ru', astana)).toBe('19 марта 2023 г., 20:00');
    expect(formatDateTime(electionNight, 'en', astana)).toBe('19 March 2023, 20:00');
  });

  it('name all twelve months in each language', () => {
    const kk = Array.from({ length: 12 }, (_, index) =>
      formatCalendarDate({ year: 2026, month: index + 1, day: 1 }, 'kk'),
    );
    expect(kk.map((text) => text.split(' ').at(-1))).toEqual([
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
    ]);
    expect(formatCalendarDate({ year: 2026, month: 12, day: 2 }, 'ru')).toBe('2 декабря 2026 г.');
    expect(formatCalendarDate({ year: 2026, month: 5, day: 9 }, 'ru')).toBe('9 мая 2026 г.');
    expect(formatMonth(2023, 3, 'ru')).toBe('март 2023 г.');
    expect(formatMonth(2023, 3, 'kk')).toBe('2023 жылғы наурыз');
    expect(formatMonth(2023, 3, 'en')).toBe('March 2023');
    expect(() => formatMonth(2023, 13, 'en')).toThrow(RangeError);
  });

  it('read a moment on the clock asked for, crossing midnight and the year', () => {
    const newYear = new Date('2025-12-31T20:30:05Z');
    expect(formatDateTime(newYear, 'kk', astana)).toBe('2026 жылғы 1 қаңтар, 01:30');
    expect(formatDateTime(newYear, 'en', { offsetMinutes: 0, seconds: true })).toBe('31 December 2025, 20:30:05');
    expect(formatTimeOfDay(newYear, { offsetMinutes: -300 })).toBe('15:30');
  });

  it('show an ISO calendar date as that day on any clock, and an ISO moment on the clock', () => {
    expect(formatDate('1970-01-01', 'kk', { offsetMinutes: -600 })).toBe('1970 жылғы 1 қаңтар');
    expect(formatDate('2023-03-19T23:30:00Z', 'ru', astana)).toBe('20 марта 2023 г.');
    expect(formatDateTime('2023-03-19T15:00:00Z', 'en', astana)).toBe('19 March 2023, 20:00');
    expect(() => formatDateTime('not a date', 'en')).toThrow(RangeError);
  });

  it('default to the machine clock, as the browser shows the reader their own time', () => {
    const local = { offsetMinutes: -electionNight.getTimezoneOffset() };
    expect(formatDateTime(electionNight, 'kk')).toBe(formatDateTime(electionNight, 'kk', local));
  });

  it('owes nothing to Intl: the same text when Intl is gone', () => {
    const saved = globalThis.Intl;
    const before = [
      formatCount(6_364_879, 'kk'),
      formatShare(535_139n, 6_366_441n, 'ru'),
      formatDate('2023-03-19', 'kk'),
    ];
    try {
      // @ts-expect-error: a browser without locale data, at its most extreme
      delete globalThis.Intl;
      expect([
        formatCount(6_364_879, 'kk'),
        formatShare(535_139n, 6_366_441n, 'ru'),
        formatDate('2023-03-19', 'kk'),
      ]).toEqual(before);
    } finally {
      globalThis.Intl = saved;
    }
  });
});
