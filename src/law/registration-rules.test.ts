import { describe, expect, it } from 'vitest';
import {
  CALENDAR_2023,
  compareKazakh,
  depositOutcome,
  depositRequired,
  isLocalDateTime,
  missingDocuments,
  nominationTiming,
  registrationTiming,
  withdrawalTiming,
} from './registration-rules.ts';

describe('the 2023 election calendar (docs/law.md §6)', () => {
  it('reads only real local date-times in one fixed form', () => {
    expect(isLocalDateTime('2023-02-08T18:00')).toBe(true);
    expect(isLocalDateTime('2024-02-29T00:00')).toBe(true);
    for (const text of [
      '2023-02-29T10:00',
      '2023-13-01T10:00',
      '2023-00-10T10:00',
      '2023-04-31T10:00',
      '2023-02-08T24:00',
      '2023-02-08T18:60',
      '2023-02-08 18:00',
      '2023-02-08T18:00:00',
      '2023-2-8T18:00',
    ]) {
      expect(isLocalDateTime(text), text).toBe(false);
    }
  });

  it('takes nominations from 20 January to 8 February 2023 18:00, both ends included', () => {
    expect(nominationTiming(CALENDAR_2023, '2023-01-19T23:59')).toBe('NOMINATION_TOO_EARLY');
    expect(nominationTiming(CALENDAR_2023, '2023-01-20T00:00')).toBeNull();
    expect(nominationTiming(CALENDAR_2023, '2023-02-08T18:00')).toBeNull();
    expect(nominationTiming(CALENDAR_2023, '2023-02-08T18:01')).toBe('NOMINATION_TOO_LATE');
  });

  it('registers until 18 February 18:00 and takes withdrawals until election day begins', () => {
    expect(registrationTiming(CALENDAR_2023, '2023-02-18T18:00')).toBeNull();
    expect(registrationTiming(CALENDAR_2023, '2023-02-18T18:01')).toBe('REGISTRATION_TOO_LATE');
    expect(withdrawalTiming(CALENDAR_2023, '2023-03-18T23:59')).toBeNull();
    expect(withdrawalTiming(CALENDAR_2023, '2023-03-19T00:00')).toBe('WITHDRAWAL_TOO_LATE');
  });
});

describe('electoral deposits (docs/law.md §6)', () => {
  it('is 15 minimum wages for the Majilis and 5 for a maslikhat: 1,050,000 and 350,000 tenge in 2023', () => {
    expect(depositRequired('majilis')).toBe(1_050_000);
    expect(depositRequired('maslikhat')).toBe(350_000);
    expect(depositRequired('majilis', 85_000)).toBe(1_275_000);
  });

  it('is returned when elected, on death, or with at least 5 % of the votes — exactly', () => {
    expect(depositOutcome({ elected: true, votes: 0n, base: 100n, died: false })).toBe('returned-elected');
    expect(depositOutcome({ elected: false, votes: 0n, base: 100n, died: true })).toBe('returned-death');
    expect(depositOutcome({ elected: false, votes: 5n, base: 100n, died: false })).toBe('returned-five-percent');
    expect(depositOutcome({ elected: false, votes: 4n, base: 80n, died: false })).toBe('returned-five-percent');
    expect(depositOutcome({ elected: false, votes: 4n, base: 81n, died: false })).toBe('kept');
    expect(depositOutcome({ elected: false, votes: 0n, base: 0n, died: false })).toBe('kept');
  });
});

describe('documents and ballot order', () => {
  it('names the missing documents; an organisation adds its nominating decision', () => {
    expect(missingDocuments(['consent', 'declaration'], false)).toEqual([]);
    expect(missingDocuments(['consent', 'declaration'], true)).toEqual(['nominating-decision']);
    expect(missingDocuments([], false)).toEqual(['consent', 'declaration']);
  });

  it('orders names by the Kazakh alphabet: Ә after А, Ө after О, Ұ and Ү after У, others last', () => {
    const names = ['Өмірбеков', 'Омаров', 'Әлиев', 'Абаев', 'Бекова', 'Үсенов', 'Ұлықбек', 'Уәли', 'Smith', 'Абаев'];
    expect([...names].sort(compareKazakh)).toEqual([
      'Абаев',
      'Абаев',
      'Әлиев',
      'Бекова',
      'Омаров',
      'Өмірбеков',
      'Уәли',
      'Ұлықбек',
      'Үсенов',
      'Smith',
    ]);
    expect(compareKazakh('абай', 'Абай')).toBe(0);
    expect(compareKazakh('Аба', 'Абай')).toBeLessThan(0);
  });
});
