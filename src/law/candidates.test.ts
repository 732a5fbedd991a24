import { describe, expect, it } from 'vitest';
import { ageOn, isLeapYear, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import { checkEligibility, type CandidateFacts } from './candidate-eligibility.ts';
import { checkMandates, requiredQuotaMandates } from './mandate-check.ts';
import { checkPartyList, maximumListLength, type ListCandidate } from './party-list-check.ts';

const date = (text: string): CalendarDate => {
  const parsed = parseCalendarDate(text);
  if (parsed === null) throw new Error(text);
  return parsed;
};
const ELECTION = date('2023-03-19');

describe('calendar dates and ages', () => {
  it('parses real dates only', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('2023-13-01')).toBeNull();
    expect(parseCalendarDate('2023-00-10')).toBeNull();
    expect(parseCalendarDate('2023-04-31')).toBeNull();
    expect(parseCalendarDate('2023-04-00')).toBeNull();
    expect(parseCalendarDate('19.03.2023')).toBeNull();
  });

  it('knows leap years', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
  });

  it('counts full years, the birthday itself included', () => {
    expect(ageOn(date('1998-03-19'), ELECTION)).toBe(25);
    expect(ageOn(date('1998-03-20'), ELECTION)).toBe(24);
    expect(ageOn(date('1998-04-01'), ELECTION)).toBe(24);
    expect(ageOn(date('1998-02-01'), ELECTION)).toBe(25);
  });

  it('someone born on 29 February comes of age on 1 March in a common year', () => {
    expect(ageOn(date('2004-02-29'), date('2023-02-28'))).toBe(18);
    expect(ageOn(date('2004-02-29'), date('2023-03-01'))).toBe(19);
  });
});

describe('candidate eligibility (docs/law.md §6)', () => {
  const fit: CandidateFacts = {
    id: 'c1',
    birthDate: date('1980-01-01'),
    citizen: true,
    residenceYears: 40,
    residesInRegion: true,
    criminalRecord: false,
    corruptionOffence: false,
    legallyIncapable: false,
  };

  it('an eligible candidate has no reasons', () => {
    expect(checkEligibility({ body: 'majilis', electionDate: ELECTION, candidate: fit })).toEqual({
      eligible: true,
      age: 43,
      reasons: [],
    });
  });

  it('gives every reason at once', () => {
    const outcome = checkEligibility({
      body: 'majilis',
      electionDate: ELECTION,
      candidate: {
        ...fit,
        birthDate: date('1998-03-20'),
        citizen: false,
        residenceYears: 9,
        criminalRecord: true,
        corruptionOffence: true,
        legallyIncapable: true,
      },
    });
    expect(outcome.reasons).toEqual([
      'ELIGIBILITY_NOT_CITIZEN',
      'ELIGIBILITY_UNDER_AGE',
      'ELIGIBILITY_RESIDENCE_TOO_SHORT',
      'ELIGIBILITY_CRIMINAL_RECORD',
      'ELIGIBILITY_CORRUPTION_OFFENCE',
      'ELIGIBILITY_LEGALLY_INCAPABLE',
    ]);
  });

  it('maslikhat: 20 years, and residence in the region instead of ten years in the country', () => {
    const young = { ...fit, birthDate: date('2003-03-19'), residenceYears: 1 };
    expect(checkEligibility({ body: 'maslikhat', electionDate: ELECTION, candidate: young }).eligible).toBe(true);
    expect(checkEligibility({ body: 'majilis', electionDate: ELECTION, candidate: young }).reasons).toEqual([
      'ELIGIBILITY_UNDER_AGE',
      'ELIGIBILITY_RESIDENCE_TOO_SHORT',
    ]);
    expect(
      checkEligibility({ body: 'maslikhat', electionDate: ELECTION, candidate: { ...fit, residesInRegion: false } })
        .reasons,
    ).toEqual(['ELIGIBILITY_NOT_RESIDENT_IN_REGION']);
    expect(
      checkEligibility({
        body: 'maslikhat',
        electionDate: ELECTION,
        candidate: { ...young, birthDate: date('2003-03-20') },
      }).reasons,
    ).toEqual(['ELIGIBILITY_UNDER_AGE']);
  });
});

describe('party lists and mandates (docs/law.md §4)', () => {
  const person = (
    id: string,
    gender: 'female' | 'male',
    birth = '1970-05-05',
    extra: Partial<ListCandidate> = {},
  ): ListCandidate => ({
    id,
    gender,
    birthDate: date(birth),
    disability: false,
    partyMember: true,
    ...extra,
  });
  const men = (count: number, prefix = 'm'): ListCandidate[] =>
    Array.from({ length: count }, (_, i) => person(`${prefix}${i}`, 'male'));

  it('allows ceil(seats × 1.3) names: 90 for 69 seats', () => {
    expect(maximumListLength(69)).toBe(90);
    expect(maximumListLength(10)).toBe(13);
  });

  it('a list of 7 men and 3 women meets the 30 % quota; one more man breaks it', () => {
    const list = [...men(7), person('w1', 'female'), person('w2', 'female'), person('w3', 'female')];
    expect(checkPartyList({ seats: 10, electionDate: ELECTION, list })).toMatchObject({
      ok: true,
      quotaCount: 3,
      reasons: [],
    });
    expect(
      checkPartyList({ seats: 10, electionDate: ELECTION, list: [...list, person('m9', 'male')] }).reasons,
    ).toEqual(['LIST_QUOTA_NOT_MET']);
  });

  it('counts the young and people with disabilities, each person once', () => {
    const list = [
      ...men(2),
      person('y', 'male', '1995-01-01'),
      person('d', 'male', '1970-01-01', { disability: true }),
      person('yw', 'female', '1999-01-01'),
    ];
    expect(checkPartyList({ seats: 10, electionDate: ELECTION, list }).quotaCount).toBe(3);
    // 28 on election day counts; 29 does not.
    expect(
      checkPartyList({ seats: 10, electionDate: ELECTION, list: [person('a', 'male', '1994-03-20')] }).quotaCount,
    ).toBe(1);
    expect(
      checkPartyList({ seats: 10, electionDate: ELECTION, list: [person('a', 'male', '1994-03-19')] }).quotaCount,
    ).toBe(0);
  });

  it('finds long lists, non-members and repeated people, naming them', () => {
    const list = [...men(13), person('w', 'female', undefined, { partyMember: false }), ...men(1)];
    const outcome = checkPartyList({ seats: 10, electionDate: ELECTION, list });
    expect(outcome.reasons).toEqual([
      'LIST_TOO_LONG',
      'LIST_QUOTA_NOT_MET',
      'LIST_NOT_PARTY_MEMBER',
      'LIST_DUPLICATE_PERSON',
    ]);
    expect(outcome.findings.find((f) => f.code === 'LIST_DUPLICATE_PERSON')?.candidateIds).toEqual(['m0']);
    expect(outcome.findings.find((f) => f.code === 'LIST_NOT_PARTY_MEMBER')?.candidateIds).toEqual(['w']);
  });

  it('a non-member entered twice is found even when the first entry says member', () => {
    const list = [person('x', 'female'), person('x', 'female', undefined, { partyMember: false })];
    expect(checkPartyList({ seats: 10, electionDate: ELECTION, list }).reasons).toEqual([
      'LIST_NOT_PARTY_MEMBER',
      'LIST_DUPLICATE_PERSON',
    ]);
  });

  it('an empty list is refused', () => {
    expect(checkPartyList({ seats: 10, electionDate: ELECTION, list: [] }).reasons).toEqual(['LIST_EMPTY']);
  });

  it('rounds 30 % of mandates as the parameter says', () => {
    expect([40, 6, 5, 1].map((n) => requiredQuotaMandates(n, 'up'))).toEqual([12, 2, 2, 1]);
    expect([40, 6, 5, 1].map((n) => requiredQuotaMandates(n, 'down'))).toEqual([12, 1, 1, 0]);
    expect([40, 6, 5, 1].map((n) => requiredQuotaMandates(n, 'nearest'))).toEqual([12, 2, 2, 0]);
  });

  it('checks chosen deputies against the list and the quota', () => {
    const list = [...men(4), person('w1', 'female'), person('w2', 'female')];
    const base = { seatsWon: 4, electionDate: ELECTION, list };
    expect(checkMandates({ ...base, chosen: ['m0', 'm1', 'w1', 'w2'] })).toEqual({
      ok: true,
      required: 2,
      quotaCount: 2,
      reasons: [],
    });
    expect(checkMandates({ ...base, chosen: ['m0', 'm1', 'm2', 'w1'] }).reasons).toEqual(['MANDATE_QUOTA_NOT_MET']);
    expect(checkMandates({ ...base, chosen: ['m0', 'm1', 'm2', 'w1'], rounding: 'down' }).ok).toBe(true);
    expect(checkMandates({ ...base, chosen: ['x', 'w1', 'w1', 'w2', 'm0', 'm1'] }).reasons).toEqual([
      'MANDATE_NOT_ON_LIST',
      'MANDATE_DUPLICATE',
      'MANDATE_TOO_MANY',
    ]);
  });
});
