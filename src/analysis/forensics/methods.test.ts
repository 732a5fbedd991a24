import { describe, expect, it } from 'vitest';
import { analyseForensics } from './analyse.ts';
import { BENFORD_SECOND_DIGIT, digitTests, secondDigit } from './digits.ts';
import { binOf, fingerprint } from './fingerprint.ts';
import { stationFlags } from './flags.ts';
import { inIntegerTest, integerPercentTest, isIntegerPercent } from './integer-percent.ts';
import { DEFAULT_FORENSICS_PARAMETERS as P } from './parameters.ts';
import { shpilkinEstimate } from './shpilkin.ts';
import { chiSquareTail, median, scaledMad, standardDeviation } from './statistics.ts';
import { leaderOf, type StationRecord } from './station-record.ts';

/** A station with `issued` of `voters` and the found ballots split as given (no invalid unless said). */
function station(
  id: string,
  voters: number,
  issued: number,
  votes: Record<string, number>,
  extra: Partial<StationRecord> = {},
): StationRecord {
  const found = Object.values(votes).reduce((a, b) => a + b, 0) + (extra.invalid ?? 0);
  return { id, district: 'd', votersOnList: voters, issued, found, invalid: 0, votes, ...extra };
}

describe('integer percentages', () => {
  it("uses the paper's tolerance exactly: |100p − round(100p)| ≤ 0.05", () => {
    expect(isIntegerPercent(50, 100)).toBe(true);
    expect(isIntegerPercent(1, 3)).toBe(false); // 33.33 %
    expect(isIntegerPercent(2001, 4000)).toBe(true); // 50.025 %: 0.025 from 50
    expect(isIntegerPercent(2002, 4000)).toBe(true); // 50.05 %: exactly on the tolerance
    expect(isIntegerPercent(2003, 4000)).toBe(false); // 50.075 %
    expect(isIntegerPercent(1999, 2000)).toBe(true); // 99.95 %: 0.05 from 100
    expect(isIntegerPercent(0, 10)).toBe(true);
    expect(isIntegerPercent(5, 0)).toBe(false);
  });

  it('includes stations with ≥ 100 voters and both shares ≤ 99 %, compared exactly', () => {
    expect(inIntegerTest(station('a', 100, 99, { x: 99 }, { invalid: 0 }), 'x', P)).toBe(false); // leader 100 %
    expect(inIntegerTest(station('a', 100, 99, { x: 98, y: 1 }), 'x', P)).toBe(true); // 99 % and 98.99 %
    expect(inIntegerTest(station('a', 100, 100, { x: 50, y: 50 }), 'x', P)).toBe(false); // turnout 100 %
    expect(inIntegerTest(station('a', 99, 50, { x: 25, y: 25 }), 'x', P)).toBe(false); // 99 voters
  });

  it('counts observed integers and a seeded, reproducible null', () => {
    // Ten stations at exactly 50 % turnout and 40 % leader share; ten at 33.3 % and 33.3 %.
    const stations = [
      ...Array.from({ length: 10 }, (_, i) => station(`i${i}`, 1000, 500, { x: 200, y: 300 })),
      ...Array.from({ length: 10 }, (_, i) => station(`f${i}`, 1003, 334, { x: 111, y: 222 })),
    ];
    const result = integerPercentTest(stations, 'x', { ...P, runs: 300 });
    expect(result.stations).toBe(20);
    expect(result.turnout.observed).toBe(10);
    expect(result.leaderShare.observed).toBe(10);
    expect(result.either.observed).toBe(10);
    // Under the null a station of 1,000 voters hits an integer turnout with probability ≈ 0.1
    // (the window is 0.1 point wide, a point apart, and the binomial spread covers many points).
    expect(result.turnout.expected).toBeGreaterThan(0.6);
    expect(result.turnout.expected).toBeLessThan(3.5);
    expect(result.turnout.excess).toBeCloseTo(10 - result.turnout.expected, 10);
    expect(result.either.sd).toBeGreaterThan(0.5);
    expect(integerPercentTest(stations, 'x', { ...P, runs: 300 })).toEqual(result);
    expect(integerPercentTest(stations, 'x', { ...P, runs: 300, seed: 2 })).not.toEqual(result);
  });
});

describe('fingerprint', () => {
  it('bins turnout × leader share, 100 % in the last bin', () => {
    expect(binOf(0, 10, 100)).toBe(0);
    expect(binOf(5, 10, 100)).toBe(50);
    expect(binOf(10, 10, 100)).toBe(99);
    expect(binOf(11, 10, 100)).toBe(99);
    const result = fingerprint(
      [station('a', 100, 50, { x: 30, y: 20 }), station('b', 100, 100, { x: 100 }), station('c', 0, 0, {})],
      'x',
      10,
    );
    expect(result.stations).toBe(2);
    expect(result.counts[5]?.[6]).toBe(1);
    expect(result.counts[9]?.[9]).toBe(1);
    expect(result.counts.flat().reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe("Shpilkin's estimate", () => {
  it('takes the ratio at the modal bin of the others and counts leader votes above it', () => {
    const stations = [
      // The bulk at 50 % turnout: leader 300, others 300 each (ratio 1).
      ...Array.from({ length: 5 }, (_, i) => station(`m${i}`, 1000, 500, { x: 250, y: 250 })),
      // At 90 %: others 100, leader 800: the clean leader would be 100, so 700 anomalous each.
      station('h1', 1000, 900, { x: 800, y: 100 }),
      station('h2', 1000, 900, { x: 800, y: 100 }),
      // At 30 %, below the mode: ignored whatever it holds.
      station('l1', 1000, 300, { x: 290, y: 10 }),
    ];
    const result = shpilkinEstimate(stations, 'x');
    expect(result.modalBin).toBe(50);
    expect(result.ratio).toBe(1);
    expect(result.anomalousVotes).toBe(1400);
    const leader = 5 * 250 + 1600 + 290;
    const found = 5 * 500 + 1800 + 300;
    expect(result.leaderShare).toBeCloseTo(leader / found, 12);
    expect(result.cleanLeaderShare).toBeCloseTo((leader - 1400) / (found - 1400), 12);
    expect(result.bins[90]?.cleanLeader).toBe(200);
    expect(result.bins[30]?.cleanLeader).toBeNull();
  });

  it("has nothing to say without others' votes", () => {
    expect(shpilkinEstimate([station('a', 100, 50, { x: 50 })], 'x')).toMatchObject({
      modalBin: null,
      ratio: null,
      anomalousVotes: 0,
    });
  });
});

describe('digit tests and statistics', () => {
  it('Benford second-digit probabilities sum to 1 and decrease; digits are read right', () => {
    expect(BENFORD_SECOND_DIGIT.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(BENFORD_SECOND_DIGIT[0]).toBeCloseTo(0.11968, 5);
    expect(BENFORD_SECOND_DIGIT[9]).toBeCloseTo(0.085, 5);
    expect([10, 19, 123, 4567, 99].map(secondDigit)).toEqual([0, 9, 2, 5, 9]);
  });

  it('chi-square tail matches tabled values', () => {
    expect(chiSquareTail(16.919, 9)).toBeCloseTo(0.05, 4);
    expect(chiSquareTail(21.666, 9)).toBeCloseTo(0.01, 4);
    expect(chiSquareTail(3.325, 9)).toBeCloseTo(0.95, 4);
    expect(chiSquareTail(0, 9)).toBe(1);
  });

  it('a uniform last digit gives χ² = 0; every test is marked a weak screen', () => {
    const stations = Array.from({ length: 100 }, (_, i) => station(`s${i}`, 5000, 3000, { x: 1000 + i, y: 10 }));
    const [, , lastLeader, lastAll] = digitTests(stations, 'x', 10, 100);
    expect(lastLeader?.chiSquare).toBe(0);
    expect(lastLeader?.pValue).toBe(1);
    expect(lastAll?.counts).toBe(100); // y = 10 is below 100
    expect(digitTests(stations, 'x', 10, 100).every((test) => test.weakScreen && test.degreesOfFreedom === 9)).toBe(
      true,
    );
  });

  it('median, scaled MAD, SD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(scaledMad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 10);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
  });
});

describe('per-station flags', () => {
  it('flags high-high, identical counts, broken relations and district outliers, saying what was measured', () => {
    const normal = Array.from({ length: 20 }, (_, i) => station(`n${i}`, 1000, 500 + i, { x: 250 + i, y: 250 }));
    const stations: StationRecord[] = [
      ...normal,
      station('high', 1000, 960, { x: 930, y: 30 }),
      station('copy', 1000, 505, { x: 250, y: 250 }),
      station(
        'broken',
        1000,
        500,
        { x: 250, y: 250 },
        {
          findings: [
            { code: 'PROTOCOL_VOTE_BALANCE', severity: 'error' },
            { code: 'PROTOCOL_TURNOUT_HIGH', severity: 'warning' },
          ],
        },
      ),
    ];
    const flags = new Map(stationFlags(stations, 'x', P).map((flag) => [flag.stationId, flag.reasons]));
    expect(flags.get('high')?.map((r) => r.kind)).toEqual([
      'turnout-and-leader-high',
      'district-outlier',
      'district-outlier',
    ]);
    expect(flags.get('high')?.find((r) => r.kind === 'district-outlier')).toMatchObject({
      statistic: 'turnout',
      median: 0.509,
    });
    // n0, copy and broken have the same counted lines (9, 10…, A): each points at the first.
    expect(flags.get('n0')).toEqual([{ kind: 'identical-protocol', other: 'copy' }]);
    expect(flags.get('copy')).toEqual([{ kind: 'identical-protocol', other: 'n0' }]);
    expect(flags.get('broken')).toEqual([
      { kind: 'control-relation', codes: ['PROTOCOL_VOTE_BALANCE'] },
      { kind: 'protocol-warning', codes: ['PROTOCOL_TURNOUT_HIGH'] },
      { kind: 'identical-protocol', other: 'n0' },
    ]);
    expect(flags.has('n5')).toBe(false);
  });

  it('names the leader over all stations; the report counts each flag kind', () => {
    const stations = [station('a', 100, 60, { x: 10, y: 40 }), station('b', 100, 60, { x: 45, y: 5 })];
    expect(leaderOf(stations, ['x', 'y'])).toEqual({ id: 'x', votes: 55 });
    expect(leaderOf([], ['x', 'y'])).toEqual({ id: 'x', votes: 0 });
    const report = analyseForensics(stations, ['x', 'y'], { runs: 10 });
    expect(report.leader).toEqual({ id: 'x', votes: 55, share: 55 / 100 });
    expect(report.flagCounts).toEqual({
      'turnout-and-leader-high': 0,
      'identical-protocol': 0,
      'control-relation': 0,
      'protocol-warning': 0,
      'district-outlier': 0,
    });
    expect(JSON.stringify(analyseForensics(stations, ['x', 'y'], { runs: 10 }))).toBe(JSON.stringify(report));
  });
});
