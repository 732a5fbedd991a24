import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { previousFromDataset } from '../src/analysis/forecast/previous-2023.ts';
import { nationalDataset } from './server-harness.ts';

describe("the forecast's default previous election", () => {
  it('data/previous/majilis-2023.json is what scripts/write-forecast-previous.ts writes from the generated 2023 dataset', () => {
    const expected = previousFromDataset(nationalDataset().dataset);
    const shipped = JSON.parse(
      readFileSync(new URL('../data/previous/majilis-2023.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(shipped).toEqual(expected);
    const winners = expected.districts.map(
      (district) => [...district.candidates].sort((a, b) => b.votes - a.votes)[0]?.nomination,
    );
    expect(winners.filter((nomination) => nomination === 'amanat')).toHaveLength(22);
    expect(winners.filter((nomination) => nomination === 'self-nominated')).toHaveLength(7);
  });
});
