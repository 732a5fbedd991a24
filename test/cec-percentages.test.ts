import { describe, expect, it } from 'vitest';
import { formatShare, roundPercent } from '../src/i18n/format.ts';
import { Rational } from '../src/law/rational.ts';

/**
 * The CEC's percentages as published, beside the votes they were computed from
 * (docs/formatting.md, "Percentages"; the same figures as ../shared/data/kz/results-2023.json, whose
 * `source` fields name the publications). `published` is the CEC's figure; a trailing zero the
 * press dropped (53.9) is the CEC's 53.90.
 */
const PUBLISHED = [
  {
    election: 'Majilis 2023, party lists',
    againstAll: 248_291n,
    // Ballots received, the other candidate base: the percentages are not over it.
    ballotsReceived: 6_521_860n,
    rows: [
      ['Amanat', 3_431_510n, '53.90'],
      ['Auyl', 693_938n, '10.90'],
      ['Respublica', 547_154n, '8.59'],
      ['Ak Zhol', 535_139n, '8.41'],
      ["People's Party of Kazakhstan", 432_920n, '6.80'],
      ['OSDP', 331_058n, '5.20'],
      ['Baitaq', 146_431n, '2.30'],
    ],
    againstAllPublished: '3.90',
  },
  {
    election: 'Karaganda regional maslikhat 2023, party lists',
    againstAll: 8_905n,
    ballotsReceived: 452_538n,
    rows: [
      ['Amanat', 231_843n, '51.67'],
      ['Auyl', 57_998n, '12.92'],
      ['Ak Zhol', 48_323n, '10.77'],
      ["People's Party of Kazakhstan", 46_790n, '10.43'],
      ['Baitaq', 27_590n, '6.15'],
      ['Respublica', 27_292n, '6.08'],
    ],
    againstAllPublished: undefined,
  },
] as const;

const cases = PUBLISHED.flatMap((election) => {
  const valid = election.rows.reduce((sum, [, votes]) => sum + votes, 0n) + election.againstAll;
  const rows: { name: string; votes: bigint; published: string }[] = election.rows.map(([name, votes, published]) => ({
    name,
    votes,
    published,
  }));
  if (election.againstAllPublished !== undefined)
    rows.push({ name: 'against all', votes: election.againstAll, published: election.againstAllPublished });
  return rows.map((row) => ({ ...row, election: election.election, valid, received: election.ballotsReceived }));
});

const truncated = (votes: bigint, base: bigint): string => {
  const hundredths = (votes * 10_000n) / base;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
};

describe("the CEC's percentages: votes over party votes + against all, two decimals, half up", () => {
  it.each(cases.map((row) => [`${row.election}: ${row.name} ${row.published} %`, row] as const))(
    '%s',
    (_label, { votes, valid, published }) => {
      expect(formatShare(votes, valid, 'en')).toBe(`${published}\u00A0%`);
      expect(formatShare(votes, valid, 'kk')).toBe(`${published.replace('.', ',')}\u00A0%`);
    },
  );

  it('no other rule tried reproduces them: truncation, or ballots received as the base', () => {
    const truncationMisses = cases.filter((row) => truncated(row.votes, row.valid) !== row.published);
    expect(truncationMisses.map((row) => row.name)).toContain('Ak Zhol');
    const receivedMisses = cases.filter((row) => {
      const { scaled } = roundPercent(Rational.of(row.votes, row.received), 2);
      return (Number(scaled) / 100).toFixed(2) !== row.published;
    });
    expect(receivedMisses.length).toBe(cases.length);
  });
});
