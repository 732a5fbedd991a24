import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllocationRequest } from '../../model/allocation-request.ts';
import { NAMED_VARIANTS, ruleVariant, type RuleVariant } from './rule-variants.ts';
import { whatIf, type WhatIfContest } from './whatif.ts';

/** The what-if decks (docs/whatif.md, Decks): a source deck, the rule sets to re-run it under, the seats each gives. */
const DECKS = new URL('../../../decks/whatif/', import.meta.url);

interface WhatIfDeck {
  readonly description: string;
  readonly source: string;
  readonly variants: readonly string[];
  readonly expected: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

function contestOf(source: URL): WhatIfContest {
  const parsed = parseAllocationRequest(JSON.parse(readFileSync(source, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.code);
  const { seats, lists, againstAll, invalid, participants } = parsed.value;
  return {
    id: 'deck',
    listSeats: seats,
    bodySeats: seats,
    lists,
    againstAll,
    invalid,
    participants,
    districtSeats: {},
  };
}

const variant = (name: string): RuleVariant => {
  const found = ruleVariant(name);
  if (found === null) throw new Error(`no variant ${name}`);
  return found;
};

describe('what-if decks', () => {
  for (const file of readdirSync(DECKS).filter((name) => name.endsWith('.json'))) {
    const deck = JSON.parse(readFileSync(new URL(file, DECKS), 'utf8')) as WhatIfDeck;
    it(`${file}: ${deck.description}`, () => {
      const outcomes = whatIf({
        contest: contestOf(new URL(deck.source, DECKS)),
        variants: deck.variants.map(variant),
      });
      expect(Object.fromEntries(outcomes.map((outcome) => [outcome.variant, outcome.listSeats]))).toEqual(
        deck.expected,
      );
      expect(outcomes.every((outcome) => outcome.status === 'complete')).toBe(true);
    });
  }
});

describe('what if', () => {
  const contest: WhatIfContest = {
    id: 'body/list',
    listSeats: 10,
    bodySeats: 20,
    lists: [
      { id: 'a', votes: 600n, registrationOrder: 1 },
      { id: 'b', votes: 300n, registrationOrder: 2 },
      { id: 'c', votes: 100n, registrationOrder: 3 },
    ],
    againstAll: 50n,
    invalid: 20n,
    participants: 1100n,
    districtSeats: { a: 6, 'self-nominated': 4 },
  };

  it('adds the district seats to the list seats, except where every seat goes to the lists, and differs from the first', () => {
    const [first, allList] = whatIf({ contest, variants: [variant('kz-2023-majilis'), variant('all-list-2021')] });
    expect(first?.listSeats).toEqual({ a: 6, b: 3, c: 1 });
    expect(first?.totalSeats).toEqual({ a: 12, b: 3, c: 1, 'self-nominated': 4 });
    expect(first?.difference).toEqual({ a: 0, b: 0, c: 0, 'self-nominated': 0 });
    // 7 %: c (9.5 % of valid) stays; all 20 seats by list.
    expect(allList?.totalSeats).toEqual({ a: 12, b: 6, c: 2 });
    expect(allList?.difference).toEqual({ a: 0, b: 3, c: 1, 'self-nominated': -4 });
  });

  it('reports a tie needing lots as a status, never breaking it', () => {
    const tied: WhatIfContest = {
      ...contest,
      listSeats: 1,
      lists: [
        { id: 'x', votes: 100n, registrationOrder: 1 },
        { id: 'y', votes: 100n, registrationOrder: 2 },
      ],
      districtSeats: {},
    };
    const lots = {
      id: 'lots',
      description: 'ties by lot',
      rules: { ...variant('kz-2023-majilis').rules, remainderTie: 'lots' as const, runnerUpAdmission: null },
      allSeatsByList: false,
    };
    expect(whatIf({ contest: tied, variants: [lots] })[0]?.status).toBe('lots-required');
  });

  it('reads threshold-N for any percentage and knows every named variant', () => {
    expect(ruleVariant('threshold-4.5')?.rules.json.thresholdPercent).toBe(4.5);
    expect(ruleVariant('threshold-100')?.rules.json.thresholdPercent).toBe(100);
    expect(ruleVariant('threshold-101')).toBeNull();
    expect(ruleVariant('nosuch')).toBeNull();
    expect(NAMED_VARIANTS.map((named) => named.id)).toEqual([
      'kz-2023-majilis',
      'kz-2023-maslikhat',
      'kz-2009-majilis',
      'kz-2007-majilis',
      'threshold-7',
      'threshold-3',
      'base-without-against-all',
      'base-ballots',
      'dhondt',
      'sainte-lague',
      'droop',
      'all-list-2021',
    ]);
  });
});
