import { describe, expect, it } from 'vitest';
import { NAMED_RULE_SETS } from '../law/named-rule-sets.ts';
import { parseEligibilityRequest, parseListCheckRequest, parseMandateCheckRequest } from './candidate-requests.ts';
import { parseRecallRequest, parseSmdRequest } from './contest-requests.ts';
import { rulesJsonSchema } from './rules-schema.ts';

const candidate = {
  id: 'c',
  birthDate: '1980-01-01',
  citizen: true,
  residenceYears: 20,
  criminalRecord: false,
  corruptionOffence: false,
  legallyIncapable: false,
};

describe('request documents', () => {
  it('every named rule set is a valid rules object', () => {
    for (const set of Object.values(NAMED_RULE_SETS)) expect(rulesJsonSchema.safeParse(set.rules).success).toBe(true);
  });

  it('check-candidate: dates must be real; maslikhat needs residesInRegion', () => {
    expect(parseEligibilityRequest({ body: 'majilis', electionDate: '2023-03-19', candidate }).ok).toBe(true);
    expect(parseEligibilityRequest({ body: 'majilis', electionDate: '2023-02-30', candidate })).toMatchObject({
      error: { code: 'INPUT_INVALID_DATE', field: 'electionDate' },
    });
    expect(parseEligibilityRequest({ body: 'maslikhat', electionDate: '2023-03-19', candidate })).toMatchObject({
      error: { code: 'INPUT_MISSING_FIELD', field: 'candidate.residesInRegion' },
    });
    expect(parseEligibilityRequest({ body: 'senate', electionDate: '2023-03-19', candidate })).toMatchObject({
      error: { code: 'INPUT_INVALID_VALUE', field: 'body' },
    });
  });

  it('check-list and check-mandates', () => {
    const person = { id: 'p', gender: 'female', birthDate: '1990-01-01', disability: false };
    expect(
      parseListCheckRequest({
        body: 'majilis',
        seats: 69,
        electionDate: '2023-03-19',
        party: 'x',
        list: [{ ...person, partyMember: true }],
      }).ok,
    ).toBe(true);
    expect(
      parseListCheckRequest({
        body: 'majilis',
        seats: 69,
        electionDate: '2023-03-19',
        party: 'x',
        list: [{ ...person, gender: 'f', partyMember: true }],
      }),
    ).toMatchObject({ error: { field: 'list[0].gender' } });
    expect(
      parseMandateCheckRequest({
        electionDate: '2023-03-19',
        seatsWon: 1,
        list: [person],
        chosen: ['p'],
        rounding: 'nearest',
      }).ok,
    ).toBe(true);
  });

  it('smd: duplicate candidates and unknown drawn ids are refused; defaults are filled', () => {
    const parsed = parseSmdRequest({ candidates: [{ id: 'x', votes: 3 }] });
    expect(parsed).toMatchObject({
      ok: true,
      value: { againstAll: 0n, rules: { againstAllVoids: false, tieDecision: 'lots' } },
    });
    expect(
      parseSmdRequest({
        candidates: [
          { id: 'x', votes: 3 },
          { id: 'x', votes: 1 },
        ],
      }),
    ).toMatchObject({ error: { code: 'INPUT_DUPLICATE_ID', field: 'candidates[1].id' } });
    expect(parseSmdRequest({ candidates: [{ id: 'x', votes: 3 }], lotsOrder: ['y'] })).toMatchObject({
      error: { code: 'INPUT_UNKNOWN_ID', field: 'lotsOrder[0]' },
    });
    expect(
      parseSmdRequest({
        candidates: [{ id: 'x', votes: 3 }],
        againstAll: 2,
        againstAllVoids: true,
        tieDecision: 'repeat-election',
      }),
    ).toMatchObject({
      ok: true,
      value: { againstAll: 2n, rules: { againstAllVoids: true, tieDecision: 'repeat-election' } },
    });
  });

  it('recall: participants within the electorate, votes for recall within the participants', () => {
    expect(parseRecallRequest({ registeredVoters: 10, participants: 5, forRecall: 3 })).toEqual({
      ok: true,
      value: { registeredVoters: 10n, participants: 5n, forRecall: 3n },
    });
    expect(parseRecallRequest({ registeredVoters: 10, participants: 11, forRecall: 3 })).toMatchObject({
      error: { code: 'INPUT_EXCEEDS', field: 'participants' },
    });
    expect(parseRecallRequest({ registeredVoters: 10, participants: 5, forRecall: 6 })).toMatchObject({
      error: { code: 'INPUT_EXCEEDS', field: 'forRecall' },
    });
    expect(parseRecallRequest({ registeredVoters: 10, participants: 5 })).toMatchObject({
      error: { code: 'INPUT_MISSING_FIELD', field: 'forRecall' },
    });
  });
});
