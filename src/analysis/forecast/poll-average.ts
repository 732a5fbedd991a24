import { parseCalendarDate } from '../../law/calendar-date.ts';
import type { ModelParameters } from './model-parameters.ts';
import type { Poll } from './poll-input.ts';
import { assertDefined } from '../../law/assert.ts';

/** The option id of "against all" among the lists, in every forecast document. */
export const AGAINST_ALL = 'against-all';

export interface WeightedPoll {
  readonly pollster: string;
  readonly fieldworkStart: string;
  readonly fieldworkEnd: string;
  readonly sampleSize: number;
  /** Lists whose share in this poll is assumed rather than published (the poll file's `assumed`). */
  readonly assumed: readonly string[];
  /** Days from the fieldwork's midpoint to the as-of date. */
  readonly ageDays: number;
  /** Share of respondents who named a list or against all. */
  readonly decidedPercent: number;
  /** Decided respondents / design effect × ½^(age / half-life): the poll's weight and its share of n_eff. */
  readonly weight: number;
  /** Subtracted from this poll's shares (percentage points of decided respondents) before averaging. */
  readonly houseEffect: Readonly<Record<string, number>>;
}

export interface PollAverage {
  /** Lists then against all, in the order the simulation uses. */
  readonly options: readonly string[];
  /** Shares of decided respondents (sum 1), after house effects and the undecided rule. */
  readonly shares: readonly number[];
  /** Σ weights: the sample size of the Dirichlet sampling error. */
  readonly effectiveSampleSize: number;
  readonly polls: readonly WeightedPoll[];
  readonly houseEffects: 'none: one pollster' | 'pollster mean minus the mean of pollsters';
}

export function dayNumber(date: string): number {
  const parsed = parseCalendarDate(date);
  if (parsed === null) throw new RangeError(`Not a date: ${date}`);
  return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / 86_400_000;
}

/**
 * Combines polls (docs/forecast.md §2). Undecided respondents are spread in proportion to the
 * decided shares — the same as dropping them — so each poll's shares are renormalised over
 * decided respondents, and only those count towards its sample. Older polls weigh less:
 * ½^(age / half-life), age from the fieldwork's midpoint. With two or more pollsters, each one's
 * house effect is its weighted mean share minus the plain mean of the pollsters' means (the
 * pollsters are assumed unbiased on average), subtracted from its polls before averaging.
 * Polls whose fieldwork ended after the as-of date are left out by the caller.
 */
export function averagePolls(
  polls: readonly Poll[],
  lists: readonly string[],
  asOf: string,
  parameters: ModelParameters,
): PollAverage {
  const options = [...lists, AGAINST_ALL];
  const asOfDay = dayNumber(asOf);
  const normalised = polls.map((poll) => {
    const raw = options.map((option) =>
      option === AGAINST_ALL ? poll.againstAll : assertDefined(poll.shares[option]),
    );
    const decided = raw.reduce((a, b) => a + b, 0);
    const ageDays = asOfDay - (dayNumber(poll.fieldworkStart) + dayNumber(poll.fieldworkEnd)) / 2;
    const weight =
      ((poll.sampleSize * decided) / 100 / parameters.designEffect) * Math.pow(0.5, ageDays / parameters.halfLifeDays);
    return { poll, shares: raw.map((value) => value / decided), decided, ageDays, weight };
  });

  const pollsters = [...new Set(polls.map((poll) => poll.pollster))];
  const house = new Map<string, number[]>();
  if (pollsters.length > 1) {
    const means = pollsters.map((pollster) => {
      const own = normalised.filter((entry) => entry.poll.pollster === pollster);
      const total = own.reduce((a, entry) => a + entry.weight, 0);
      return options.map(
        (_, j) => own.reduce((a, entry) => a + entry.weight * assertDefined(entry.shares[j]), 0) / total,
      );
    });
    const reference = options.map((_, j) => means.reduce((a, mean) => a + assertDefined(mean[j]), 0) / means.length);
    pollsters.forEach((pollster, k) =>
      house.set(
        pollster,
        options.map((_, j) => assertDefined(assertDefined(means[k])[j]) - assertDefined(reference[j])),
      ),
    );
  }

  const totalWeight = normalised.reduce((a, entry) => a + entry.weight, 0);
  const sums = options.map(() => 0);
  for (const entry of normalised) {
    const effect = house.get(entry.poll.pollster);
    const adjusted = entry.shares.map((share, j) =>
      Math.max(0, share - (effect === undefined ? 0 : assertDefined(effect[j]))),
    );
    const adjustedTotal = adjusted.reduce((a, b) => a + b, 0);
    adjusted.forEach((share, j) => (sums[j] = assertDefined(sums[j]) + (entry.weight * share) / adjustedTotal));
  }
  return {
    options,
    shares: sums.map((sum) => sum / totalWeight),
    effectiveSampleSize: totalWeight,
    houseEffects: pollsters.length > 1 ? 'pollster mean minus the mean of pollsters' : 'none: one pollster',
    polls: normalised.map((entry) => ({
      pollster: entry.poll.pollster,
      fieldworkStart: entry.poll.fieldworkStart,
      fieldworkEnd: entry.poll.fieldworkEnd,
      sampleSize: entry.poll.sampleSize,
      assumed: entry.poll.assumed,
      ageDays: entry.ageDays,
      decidedPercent: entry.decided,
      weight: entry.weight,
      houseEffect: Object.fromEntries(
        options.map((option, j) => [option, 100 * (house.get(entry.poll.pollster)?.[j] ?? 0)]),
      ),
    })),
  };
}
