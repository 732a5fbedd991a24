import { describe, expect, it } from 'vitest';
import { allocationToJson } from './allocation-json.ts';
import { toJsonForm } from './json-form.ts';
import { isRuleSetName, NAMED_RULE_SETS, namedRuleSet, uncertainParameters } from './named-rule-sets.ts';
import { Rational } from './rational.ts';
import { resolveRules } from './rule-set.ts';
import { allocate, lists, PLAIN } from './test-helpers.ts';

describe('named rule sets', () => {
  it('are the four of docs/law.md §2', () => {
    expect(Object.keys(NAMED_RULE_SETS)).toEqual([
      'kz-2023-majilis',
      'kz-2023-maslikhat',
      'kz-2009-majilis',
      'kz-2007-majilis',
    ]);
    expect(isRuleSetName('kz-2023-majilis')).toBe(true);
    expect(isRuleSetName('toString')).toBe(false);
  });

  it('2023 uses 5 %, 2009 and 2007 use 7 %; only 2007 lacks runner-up admission', () => {
    expect(namedRuleSet('kz-2023-majilis').thresholdPercent.toString()).toBe('5/1');
    expect(namedRuleSet('kz-2009-majilis').thresholdPercent.toString()).toBe('7/1');
    expect(namedRuleSet('kz-2007-majilis').runnerUpAdmission).toBeNull();
    expect(namedRuleSet('kz-2023-maslikhat').runnerUpAdmission?.correction.toString()).toBe('7/10');
  });

  it('name their uncertain parameters', () => {
    expect(uncertainParameters(NAMED_RULE_SETS['kz-2023-majilis'])).toEqual([
      'thresholdBase',
      'runnerUpAdmission',
      'remainderTie',
      'exhaustedList',
    ]);
    expect(uncertainParameters(NAMED_RULE_SETS['kz-2009-majilis'])).toEqual(['thresholdBase', 'runnerUpAdmission']);
  });
});

describe('resolveRules', () => {
  it('fills the defaults of docs/law.md §1', () => {
    expect(resolveRules(PLAIN).json).toEqual({
      thresholdPercent: 0,
      thresholdBase: 'valid',
      method: 'largest-remainder',
      quota: 'hare',
      runnerUpAdmission: false,
      remainderTie: 'earlier-registration',
      exhaustedList: 'vacant',
    });
  });

  it('writes no quota for a divisor method', () => {
    expect(resolveRules({ ...PLAIN, method: 'dhondt' }).json).not.toHaveProperty('quota');
    expect(resolveRules({ ...PLAIN, method: 'dhondt' }).method).toEqual({ kind: 'dhondt' });
  });
});

describe('JSON form', () => {
  it('writes fractions as num/den and big integers as strings', () => {
    expect(
      toJsonForm({
        a: Rational.of(2n, 4n),
        b: 2n ** 53n,
        c: 2n ** 53n - 1n,
        d: -(2n ** 60n),
        e: [1, 'x', true, null, undefined],
        f: undefined,
      }),
    ).toEqual({
      a: '1/2',
      b: '9007199254740992',
      c: 9007199254740991,
      d: '-1152921504606846976',
      e: [1, 'x', true, null, null],
    });
  });

  it('an allocation document leads with its outcome; lots add the tie', () => {
    const complete = allocationToJson(allocate(PLAIN, 2, lists(['a', 200], ['b', 100], ['c', 100])));
    expect(Object.keys(complete as object)).toEqual([
      'status',
      'seats',
      'vacant',
      'vacantSeats',
      'admitted',
      'rules',
      'uncertain',
      'steps',
    ]);
    const lots = allocationToJson(
      allocate({ ...PLAIN, remainderTie: 'lots' }, 2, lists(['a', 200], ['b', 100], ['c', 100])),
    );
    expect(lots).toMatchObject({ status: 'lots-required', tied: ['b', 'c'], seatsAtStake: 1 });
  });
});

describe('a named set is its rules object', () => {
  it.each(Object.values(NAMED_RULE_SETS).map((set) => [set.name, set] as const))(
    '%s written out as JSON allocates identically',
    (_name, set) => {
      const votes = lists(['a', 900_000], ['b', 60_000], ['c', 40_000], ['d', 55_000]);
      const byName = allocate(set.name, 98, votes, { againstAll: 20_000n });
      const byObject = allocate(JSON.parse(JSON.stringify(set.rules)) as typeof set.rules, 98, votes, {
        againstAll: 20_000n,
      });
      expect(JSON.stringify(allocationToJson(byObject))).toBe(
        JSON.stringify(allocationToJson({ ...byName, ruleSetName: null, uncertain: [] })),
      );
    },
  );
});
