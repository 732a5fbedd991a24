import { chiSquareTail } from './statistics.ts';
import type { StationRecord } from './station-record.ts';
import { assertDefined } from '../../law/assert.ts';

/**
 * Digit tests: weak screens. Vote counts follow no law of digits in general (Deckert, Myagkov &
 * Ordeshook 2011), so a deviation is a reason to look, never evidence; the output says so.
 */
export interface DigitTest {
  readonly test: 'second-digit-benford' | 'last-digit-uniform';
  /** Which counts: the leader's votes per station, or every option's. */
  readonly series: 'leader' | 'all-options';
  readonly counts: number;
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly chiSquare: number;
  readonly degreesOfFreedom: 9;
  readonly pValue: number;
  readonly weakScreen: true;
}

/** P(second digit = d) under Benford's law: Σₖ₌₁..₉ log₁₀(1 + 1 / (10k + d)). */
export const BENFORD_SECOND_DIGIT = Array.from({ length: 10 }, (_, d) => {
  let sum = 0;
  for (let k = 1; k <= 9; k++) sum += Math.log10(1 + 1 / (10 * k + d));
  return sum;
});

export function secondDigit(value: number): number {
  let v = value;
  while (v >= 100) v = Math.floor(v / 10);
  return v % 10;
}

function test(
  name: DigitTest['test'],
  series: DigitTest['series'],
  values: readonly number[],
  digitOf: (value: number) => number,
  probabilities: readonly number[],
): DigitTest {
  const observed = new Array<number>(10).fill(0);
  for (const value of values) observed[digitOf(value)] = assertDefined(observed[digitOf(value)]) + 1;
  const expected = probabilities.map((p) => p * values.length);
  const chiSquare =
    values.length === 0
      ? 0
      : observed.reduce((sum, o, d) => sum + (o - assertDefined(expected[d])) ** 2 / assertDefined(expected[d]), 0);
  return {
    test: name,
    series,
    counts: values.length,
    observed,
    expected,
    chiSquare,
    degreesOfFreedom: 9,
    pValue: values.length === 0 ? 1 : chiSquareTail(chiSquare, 9),
    weakScreen: true,
  };
}

export function digitTests(
  stations: readonly StationRecord[],
  leader: string,
  secondMinimum: number,
  lastMinimum: number,
): DigitTest[] {
  const leaderVotes = stations.map((station) => station.votes[leader] ?? 0);
  const allVotes = stations.flatMap((station) => Object.values(station.votes));
  const uniform = new Array<number>(10).fill(0.1);
  const atLeast = (minimum: number) => (values: number[]) => values.filter((value) => value >= Math.max(10, minimum));
  return [
    test('second-digit-benford', 'leader', atLeast(secondMinimum)(leaderVotes), secondDigit, BENFORD_SECOND_DIGIT),
    test('second-digit-benford', 'all-options', atLeast(secondMinimum)(allVotes), secondDigit, BENFORD_SECOND_DIGIT),
    test('last-digit-uniform', 'leader', atLeast(lastMinimum)(leaderVotes), (value) => value % 10, uniform),
    test('last-digit-uniform', 'all-options', atLeast(lastMinimum)(allVotes), (value) => value % 10, uniform),
  ];
}
