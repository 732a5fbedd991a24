import { describe, expect, it } from 'vitest';
import { parseAllocationRequest, registrationRanks } from './allocation-request.ts';
import { parseJsonText } from './parse-document.ts';

const valid = {
  rules: 'kz-2023-majilis',
  seats: 69,
  parties: [
    { id: 'a', votes: 100 },
    { id: 'b', votes: 50 },
  ],
};
const errorOf = (document: unknown) => {
  const parsed = parseAllocationRequest(document);
  if (parsed.ok) throw new Error('expected an error');
  return parsed.error;
};

describe('the allocate document', () => {
  it('accepts the contract and ignores unknown keys at every level', () => {
    const parsed = parseAllocationRequest({
      ...valid,
      expected: {},
      note: 'x',
      parties: [{ id: 'a', votes: 1, ballotNumber: 3, name: 'A' }],
      rules: 'kz-2009-majilis',
    });
    expect(parsed.ok).toBe(true);
    const custom = parseAllocationRequest({
      ...valid,
      rules: { thresholdPercent: 5, thresholdBase: 'valid', method: 'dhondt', extra: 1 },
    });
    expect(custom.ok && custom.value.rules.json.method).toBe('dhondt');
  });

  it.each([
    ['missing seats', { rules: valid.rules, parties: valid.parties }, 'INPUT_MISSING_FIELD', 'seats'],
    ['seats as text', { ...valid, seats: '69' }, 'INPUT_WRONG_TYPE', 'seats'],
    ['zero seats', { ...valid, seats: 0 }, 'INPUT_ZERO_SEATS', 'seats'],
    ['negative votes', { ...valid, parties: [{ id: 'a', votes: -1 }] }, 'INPUT_NEGATIVE', 'parties[0].votes'],
    ['fractional votes', { ...valid, parties: [{ id: 'a', votes: 1.5 }] }, 'INPUT_NOT_INTEGER', 'parties[0].votes'],
    ['unsafe votes', { ...valid, parties: [{ id: 'a', votes: 2 ** 53 }] }, 'INPUT_UNSAFE_INTEGER', 'parties[0].votes'],
    [
      'duplicate ids',
      {
        ...valid,
        parties: [
          { id: 'a', votes: 1 },
          { id: 'a', votes: 2 },
        ],
      },
      'INPUT_DUPLICATE_ID',
      'parties[1].id',
    ],
    ['empty id', { ...valid, parties: [{ id: '', votes: 1 }] }, 'INPUT_EMPTY', 'parties[0].id'],
    ['no parties', { ...valid, parties: [] }, 'INPUT_EMPTY', 'parties'],
    ['unknown rule set', { ...valid, rules: 'kz-1995' }, 'INPUT_UNKNOWN_RULE_SET', 'rules'],
    ['rules of the wrong type', { ...valid, rules: 5 }, 'INPUT_WRONG_TYPE', 'rules'],
    ['rules missing', { seats: 1, parties: valid.parties }, 'INPUT_MISSING_FIELD', 'rules'],
    [
      'threshold over 100',
      { ...valid, rules: { thresholdPercent: 101, thresholdBase: 'valid', method: 'dhondt' } },
      'INPUT_OUT_OF_RANGE',
      'rules.thresholdPercent',
    ],
    [
      'unknown base',
      { ...valid, rules: { thresholdPercent: 5, thresholdBase: 'all', method: 'dhondt' } },
      'INPUT_INVALID_VALUE',
      'rules.thresholdBase',
    ],
    [
      'quota with a divisor method',
      { ...valid, rules: { thresholdPercent: 5, thresholdBase: 'valid', method: 'dhondt', quota: 'hare' } },
      'INPUT_QUOTA_WITH_DIVISOR',
      'rules.quota',
    ],
    [
      'bad correction',
      {
        ...valid,
        rules: {
          thresholdPercent: 5,
          thresholdBase: 'valid',
          method: 'dhondt',
          runnerUpAdmission: { correction: 'x', minimumSeats: 2 },
        },
      },
      'INPUT_WRONG_TYPE',
      'rules.runnerUpAdmission.correction',
    ],
    [
      'runner-up of the wrong type',
      { ...valid, rules: { thresholdPercent: 5, thresholdBase: 'valid', method: 'dhondt', runnerUpAdmission: 'yes' } },
      'INPUT_WRONG_TYPE',
      'rules.runnerUpAdmission',
    ],
    [
      'ballots base without invalid',
      { ...valid, rules: { thresholdPercent: 5, thresholdBase: 'ballots', method: 'dhondt' } },
      'INPUT_REQUIRED_FOR_BASE',
      'invalid',
    ],
    [
      'participants base without participants',
      { ...valid, rules: { thresholdPercent: 5, thresholdBase: 'participants', method: 'dhondt' } },
      'INPUT_REQUIRED_FOR_BASE',
      'participants',
    ],
    ['unknown id drawn', { ...valid, lotsOrder: ['z'] }, 'INPUT_UNKNOWN_ID', 'lotsOrder[0]'],
    ['id drawn twice', { ...valid, lotsOrder: ['a', 'a'] }, 'INPUT_DUPLICATE_ID', 'lotsOrder[1]'],
    [
      'shared registration order',
      {
        ...valid,
        parties: [
          { id: 'a', votes: 1, registrationOrder: 1 },
          { id: 'b', votes: 1, registrationOrder: 1 },
        ],
      },
      'INPUT_DUPLICATE_REGISTRATION_ORDER',
      'parties[1].registrationOrder',
    ],
    ['not an object', [1, 2], 'INPUT_WRONG_TYPE', ''],
    ['too many seats', { ...valid, seats: 10_001 }, 'INPUT_OUT_OF_RANGE', 'seats'],
    [
      'fewer participants than ballots',
      { ...valid, againstAll: 10, invalid: 5, participants: 164 },
      'INPUT_PARTICIPANTS_BELOW_BALLOTS',
      'participants',
    ],
  ])('refuses %s', (_name, document, code, field) => {
    expect(errorOf(document)).toMatchObject({ code, field });
  });

  it('reports text that is not JSON', () => {
    expect(parseJsonText('{"seats": ')).toMatchObject({ ok: false, error: { code: 'INPUT_NOT_JSON', field: '' } });
    expect(parseJsonText('{"seats": 1}')).toEqual({ ok: true, value: { seats: 1 } });
  });

  it('registration order: given values first, then the order of appearance', () => {
    expect(registrationRanks([undefined, 5, undefined, 2])).toEqual([3, 2, 4, 1]);
    expect(registrationRanks([undefined, undefined])).toEqual([1, 2]);
    expect(registrationRanks([2, undefined, 1, undefined])).toEqual([2, 3, 1, 4]);
  });

  it('passes counts to the law as BigInt', () => {
    const parsed = parseAllocationRequest({ ...valid, againstAll: 7, invalid: 8, participants: 165 });
    expect(parsed.ok && [parsed.value.againstAll, parsed.value.invalid, parsed.value.participants]).toEqual([
      7n,
      8n,
      165n,
    ]);
  });
});
