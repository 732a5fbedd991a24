import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseForensics } from '../src/analysis/forensics/analyse.ts';
import { loadCsv } from '../src/analysis/forensics-sources/load-source.ts';

// The `shared` suite: the Russian CEC station files, read in place from ../shared/data/ru (never copied here).
const directory = join(process.env.SAYLAU_SHARED ?? new URL('../../shared', import.meta.url).pathname, 'data', 'ru');
const MAPPING = new URL('../data/mappings/ru-cec.json', import.meta.url).pathname;
const sumOf = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

describe.skipIf(!existsSync(directory))('forensics of the Russian CEC files through data/mappings/ru-cec.json', () => {
  it('imports the 2016 Duma file to the official figures exactly, and shows the published integer excess', () => {
    const input = loadCsv(join(directory, 'duma-2016-stations.csv.zip'), MAPPING);
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    const { stations } = input.value;
    expect(stations).toHaveLength(96_871);
    const votes = (match: string): number =>
      sumOf(
        stations.map((s) =>
          sumOf(
            Object.entries(s.votes)
              .filter(([id]) => id.includes(match))
              .map(([, v]) => v),
          ),
        ),
      );
    expect(sumOf(stations.map((s) => sumOf(Object.values(s.votes))))).toBe(51_649_253);
    expect(sumOf(stations.map((s) => s.invalid))).toBe(982_596);
    expect(votes('ЕДИНАЯ РОССИЯ')).toBe(28_527_828);
    expect(votes('КОММУНИСТИЧЕСКАЯ ПАРТИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ')).toBe(7_019_752);
    expect(votes('ЛДПР')).toBe(6_917_063);
    expect(votes('СПРАВЕДЛИВАЯ РОССИЯ')).toBe(3_275_053);

    const report = analyseForensics(stations, input.value.options);
    expect(report.leader?.id).toContain('ЕДИНАЯ РОССИЯ');
    // Figures of this run (seed 1, 200 runs), reported in docs/forensics.md.
    const { either, turnout, leaderShare } = report.integerPercent;
    expect(report.integerPercent.stations).toBe(90_357);
    expect(either.observed).toBe(19_068);
    expect(turnout.observed).toBe(10_314);
    expect(leaderShare.observed).toBe(10_195);
    // The strong excess Kobak, Shpilkin & Pshenichnikov report for every federal election since 2004.
    expect(either.excess).toBeGreaterThan(10 * either.sd);
    expect(turnout.excess).toBeGreaterThan(10 * turnout.sd);
    expect(leaderShare.excess).toBeGreaterThan(5 * leaderShare.sd);
    // Shpilkin's estimate for 2016: around 12 million anomalous votes for United Russia.
    expect(report.shpilkin.anomalousVotes).toBeGreaterThan(10_000_000);
    expect(report.shpilkin.anomalousVotes).toBeLessThan(15_000_000);
    expect(report.flagCounts['turnout-and-leader-high']).toBeGreaterThan(1_000);
  }, 120_000);

  it('imports the 2018 presidential file with the same mapping', () => {
    const input = loadCsv(join(directory, 'president-2018-stations.csv.zip'), MAPPING);
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    expect(input.value.stations).toHaveLength(97_699);
    expect(input.value.options).toHaveLength(8);
    const totals = new Map(
      input.value.options.map((id) => [id, sumOf(input.value.stations.map((s) => s.votes[id] ?? 0))]),
    );
    const leader = [...totals].sort((a, b) => b[1] - a[1])[0] as [string, number];
    expect(leader[0]).toContain('Путин');
    expect(leader[1]).toBeGreaterThan(56_000_000);
  }, 120_000);
});
