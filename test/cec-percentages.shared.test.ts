import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundPercent } from '../src/i18n/format.ts';
import { decimalToRational, Rational } from '../src/law/rational.ts';

// Every percentage ../shared/data/kz/results-2023.json carries, reproduced by the rule of
// docs/formatting.md ("Percentages"), wherever the file gives the whole base: all lists' votes and "against all".
const file = join(
  process.env.SAYLAU_SHARED ?? new URL('../../shared', import.meta.url).pathname,
  'data',
  'kz',
  'results-2023.json',
);

interface PublishedResult {
  readonly election: string;
  readonly parties: readonly { readonly name: string; readonly votes?: number; readonly pct?: number }[];
  readonly against_all: number | null;
  readonly against_all_pct?: number;
}

const results = JSON.parse(readFileSync(file, 'utf8')) as PublishedResult[];
const withBase = results.filter(
  (result) => result.against_all !== null && result.parties.some((p) => p.pct !== undefined),
);
const rows = withBase.flatMap((result) => {
  const lists = result.parties.filter((party) => party.votes !== undefined);
  const valid = BigInt(lists.reduce((sum, party) => sum + (party.votes as number), 0) + (result.against_all as number));
  const published = lists
    .filter((party) => party.pct !== undefined)
    .map((party) => ({ name: party.name, votes: BigInt(party.votes as number), pct: party.pct as number }));
  if (result.against_all_pct !== undefined)
    published.push({ name: 'against all', votes: BigInt(result.against_all as number), pct: result.against_all_pct });
  return published.map((row) => ({ ...row, election: result.election, valid }));
});

describe('published percentages in ../shared/data/kz/results-2023.json', () => {
  it('has the Majilis and at least one maslikhat with a whole base', () => {
    expect(withBase.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeGreaterThanOrEqual(14);
  });

  it.each(rows.map((row) => [`${row.election}: ${row.name} ${row.pct} %`, row] as const))('%s', (_label, row) => {
    const { scaled, digits } = roundPercent(Rational.of(row.votes, row.valid), 2);
    expect(Rational.of(scaled, 10n ** BigInt(digits)).equals(decimalToRational(row.pct))).toBe(true);
  });
});
