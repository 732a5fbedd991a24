import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TURNOUT_FILE, writeDataset } from '../src/dataset/files.ts';
import { validateDataset } from '../src/dataset/validate.ts';
import { generateDataset, type GeneratedDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { baseName, baseRegionIso, scaleKzData } from '../src/generate/scale.ts';
import { assertDefined } from '../src/law/assert.ts';
import { electionSchema } from '../src/model/election.ts';
import { contestIdSchema, regionIdSchema } from '../src/model/ids.ts';

// `generate --scale K` (docs/scale.md): a country twice Kazakhstan's size, here, to keep the test short; the benchmark
// measures K = 10.
const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
const SEED = 2023;
let once: GeneratedDataset;
let twice: GeneratedDataset;
let directory: string;

beforeAll(() => {
  once = generateDataset({ data, names, seed: SEED });
  twice = generateDataset({ data: scaleKzData(data, 2), names, seed: SEED });
  directory = mkdtempSync(join(tmpdir(), 'saylau-scaled-'));
  writeDataset(
    directory,
    twice.election,
    twice.protocols,
    { name: 'saylau', version: 'test', seed: SEED, scale: 2 },
    [],
    {
      [TURNOUT_FILE]: twice.turnout.map((report) => `${JSON.stringify(report)}\n`).join(''),
    },
  );
}, 120_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('a country twice the size', () => {
  it('is the 2023 data itself at K = 1, and refuses a scale out of range', () => {
    expect(scaleKzData(data, 1)).toBe(data);
    for (const scale of [0, 13, 1.5]) expect(() => scaleKzData(data, scale)).toThrow(RangeError);
  });

  it('names each copy after its 2023 region, and reads the 2023 region back', () => {
    expect(baseRegionIso('KZ-35-2')).toBe('KZ-35');
    expect(baseRegionIso('KZ-35')).toBe('KZ-35');
    expect(baseName('Aksuat District (2)')).toBe('Aksuat District');
    // Copies 2 to 12 only (the first is the region itself), and districts past 99 without a leading zero.
    const valid = (schema: { safeParse: (value: unknown) => { success: boolean } }, value: string) =>
      schema.safeParse(value).success;
    expect(['KZ-35-2', 'KZ-35-12', 'KZ-35'].map((id) => valid(regionIdSchema, id))).toEqual([true, true, true]);
    expect(['KZ-35-1', 'KZ-35-0', 'KZ-35-02', 'KZ-35-13'].map((id) => valid(regionIdSchema, id))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['majilis/smd-07', 'majilis/smd-290', 'majilis/smd-007'].map((id) => valid(contestIdSchema, id))).toEqual([
      true,
      true,
      false,
    ]);
    const copy = assertDefined(twice.election.regions.find((region) => region.id === 'KZ-35-2'));
    const original = assertDefined(once.election.regions.find((region) => region.id === 'KZ-35'));
    expect(copy.name).toEqual({
      kk: `${original.name.kk} (2)`,
      ru: `${original.name.ru} (2)`,
      en: `${original.name.en} (2)`,
    });
  });

  it('has every unit twice, the one national list contest once, and the Majilis districts numbered on', () => {
    const count = (dataset: GeneratedDataset) => ({
      regions: dataset.election.regions.length,
      territories: dataset.election.territories.length,
      stations: dataset.election.stations.length,
      maslikhats: dataset.election.bodies.filter((body) => body.kind !== 'majilis').length,
      protocols: dataset.protocols.length,
      turnout: dataset.turnout.length,
    });
    const single = count(once);
    expect(count(twice)).toEqual(Object.fromEntries(Object.entries(single).map(([key, value]) => [key, value * 2])));
    expect(twice.election.contests).toHaveLength(once.election.contests.length * 2 - 1);
    const majilis = assertDefined(twice.election.bodies.find((body) => body.kind === 'majilis'));
    expect([majilis.seats, majilis.listSeats, majilis.smdSeats]).toEqual([69 + 58, 69, 58]);
    expect(twice.election.contests.some((contest) => contest.id === 'majilis/smd-58')).toBe(true);
    expect(() => electionSchema.parse(twice.election)).not.toThrow();
  });

  it('counts the national list exactly twice the official 2023 votes, and each copy of Karaganda as published', () => {
    const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
    const votesFor = (contestId: string, option: string): number =>
      sum(twice.protocols.filter((p) => p.contestId === contestId).map((p) => p.votes[option] ?? 0));
    const official = assertDefined(data.results.majilisList);
    for (const [party, votes] of Object.entries(official.votes))
      expect(votesFor('majilis/list', party), party).toBe(votes * 2);
    const karaganda = assertDefined(data.results['KZ-35']);
    for (const iso of ['KZ-35', 'KZ-35-2'])
      for (const [party, votes] of Object.entries(karaganda.votes))
        expect(votesFor(`${iso}/maslikhat/list`, party), `${iso} ${party}`).toBe(votes);
  });

  it('validates with no error and no warning', () => {
    const report = validateDataset(directory);
    expect([report.errors, report.warnings, report.protocols]).toEqual([0, 0, twice.protocols.length]);
    expect(report.turnoutReports).toBe(twice.turnout.length);
  });
});
