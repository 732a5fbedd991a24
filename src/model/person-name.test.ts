import { describe, expect, it } from 'vitest';
import { nominationSchema } from './nomination.ts';
import { parseWith } from './parse-document.ts';
import { isPersonName } from './person-name.ts';

const dossier = (name: { kk: string; ru: string; latin: string }) => ({
  id: 'majilis/smd-09/n-1',
  personId: 'P1',
  name,
  birthDate: '1980-01-01',
  gender: 'female',
  disability: false,
  citizen: true,
  residenceYears: 30,
  residesInRegion: true,
  criminalRecord: false,
  corruptionOffence: false,
  legallyIncapable: false,
  partyMember: null,
  depositPaid: 1_050_000,
  documents: ['consent'],
});
const nomination = (name: { kk: string; ru: string; latin: string }, nominatedBy: string | null = null) => ({
  id: 'n-1',
  contestId: 'majilis/smd-09',
  nomination: nominatedBy === null ? 'self-nominated' : 'public-association',
  nominatedBy,
  submittedAt: '2023-02-01T10:00',
  candidates: [dossier(name)],
});
const AIGERIM = {
  kk: 'Әбілқасымова Айгерім Нұрланқызы',
  ru: 'Абилкасымова Айгерим Нурлановна',
  latin: "Abilqasymova Aigerim Nurlan-qyzy O'Neil",
};

describe("a person's name at nomination", () => {
  it('takes names of every script the lists use, with hyphens, apostrophes and initials', () => {
    expect(parseWith(nominationSchema, nomination(AIGERIM)).ok).toBe(true);
    for (const name of ['Ж.', 'Ли', 'Жан-Поль', 'Oʼzbek Ә. Б.', 'Müller']) expect(isPersonName(name)).toBe(true);
  });

  it('refuses a formula, digits, control and bidirectional characters, double spaces and a trailing hyphen, naming the field', () => {
    for (const bad of [
      "=cmd|' /C calc'!A0",
      '=HYPERLINK("x")',
      '+7 777',
      '-x',
      '@SUM(A1)',
      'Кандидат 1',
      'A\u202eB',
      'A\u0000B',
      'A  B',
      'Ab-',
      ' Ab',
      'A'.repeat(121),
    ]) {
      const result = parseWith(nominationSchema, nomination({ ...AIGERIM, ru: bad }));
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INPUT_INVALID_NAME', field: 'candidates[0].name.ru' },
      });
    }
  });

  it("takes an association's name with quotes and digits, refuses one that starts like a formula or hides control characters", () => {
    expect(parseWith(nominationSchema, nomination(AIGERIM, '«Ел үміті» 2020')).ok).toBe(true);
    for (const bad of ['=1+1', '@x', '-x', 'A\u202eB', 'A\tB'])
      expect(parseWith(nominationSchema, nomination(AIGERIM, bad))).toMatchObject({
        ok: false,
        error: { code: 'INPUT_INVALID_NOMINATOR', field: 'nominatedBy' },
      });
  });

  it('answers at once for a long name that almost fits: no pattern tries every way to split it', () => {
    // Each of these took time doubling with every character under a pattern with overlapping
    // alternatives (ʼ is a letter as well as an apostrophe): hours at 60 characters.
    for (const name of [
      'A' + 'ʼ'.repeat(60) + '1',
      'A' + 'ʼA'.repeat(55) + '=',
      'A' + ' A'.repeat(59) + '1',
      'Ab' + "'".repeat(100) + '1',
    ])
      expect(isPersonName(name)).toBe(false);
  });
});
