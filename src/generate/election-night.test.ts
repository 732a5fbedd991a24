import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { electionNight, WESTERN_REGIONS } from './election-night.ts';
import { generateDataset } from './generate.ts';
import type { KzData } from './kz-data.ts';
import type { NameLists } from './people.ts';
import { assertDefined } from '../law/assert.ts';

describe('election night, as the demo replays it', () => {
  const data = JSON.parse(readFileSync(new URL('../../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
  const names = JSON.parse(readFileSync(new URL('../../data/names.json', import.meta.url), 'utf8')) as NameLists;
  const dataset = generateDataset({ data, names, seed: 2023 });

  it('every protocol once; the east first, the big cities last; the same seed, the same night', () => {
    const night = electionNight({ election: dataset.election, protocols: dataset.protocols, seed: 7 });
    expect(night).toHaveLength(dataset.protocols.length);
    expect(new Set(night.map((item) => item.protocol))).toEqual(new Set(dataset.protocols));
    const region = (stationId: string) => assertDefined(stationId.split('/')[0]);
    const mean = (filter: (stationId: string) => boolean) => {
      const times = night.filter((item) => filter(item.protocol.stationId)).map((item) => item.at);
      return times.reduce((a, b) => a + b, 0) / times.length;
    };
    expect(mean((id) => WESTERN_REGIONS.has(region(id)))).toBeGreaterThan(
      mean((id) => !WESTERN_REGIONS.has(region(id)) && !['KZ-71', 'KZ-75', 'KZ-79'].includes(region(id))),
    );
    expect(mean((id) => ['KZ-71', 'KZ-75', 'KZ-79'].includes(region(id)))).toBeGreaterThan(0.45);
    // The first five hundred protocols in are all eastern.
    expect(night.slice(0, 500).every((item) => !WESTERN_REGIONS.has(region(item.protocol.stationId)))).toBe(true);
    expect(
      electionNight({ election: dataset.election, protocols: dataset.protocols, seed: 7 }).map((item) => item.at),
    ).toEqual(night.map((item) => item.at));
  }, 60_000);
});
