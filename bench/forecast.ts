import { loadPollFile, loadPrevious, SHIPPED_POLL } from '../src/analysis/forecast-data.ts';
import { forecastMajilis } from '../src/analysis/forecast/forecast.ts';
import { DEFAULT_PARAMETERS } from '../src/analysis/forecast/model-parameters.ts';
import { averagePolls } from '../src/analysis/forecast/poll-average.ts';
import type { PreviousElection } from '../src/analysis/forecast/previous-election.ts';
import { Draws } from '../src/analysis/forecast/random-draws.ts';
import { Prng } from '../src/generate/prng.ts';
import { bareHare } from './law-allocation.ts';

/**
 * The baseline: the same random numbers (a gamma and a normal per option, a normal per region and
 * nomination), integer votes, a bare Hare loop for the 69 list seats and a bare plurality over
 * the same district candidates — no law engine, no checks, no counts kept beyond the seats.
 */
export function bareForecastLoop(
  previous: PreviousElection,
  shares: readonly number[],
  effectiveSampleSize: number,
  simulations: number,
  seed: number,
): number {
  const random = new Prng(seed);
  const systematic = new Draws(random.fork('systematic'));
  const sampling = new Draws(random.fork('sampling'));
  const regional = new Draws(random.fork('regional'));
  const options = shares.length;
  const validVotes = Object.values(previous.listVotes).reduce((a, b) => a + b, 0) + previous.againstAll;
  const regions = new Set(
    previous.districts.flatMap((district) =>
      district.candidates.map((candidate) => `${district.region} ${candidate.nomination}`),
    ),
  ).size;
  const districts = previous.districts.map((district) => {
    const valid = district.candidates.reduce((a, c) => a + c.votes, 0) + district.againstAll;
    return district.candidates.map((candidate) => candidate.votes / valid);
  });
  let checksum = 0;
  const draw = new Array<number>(options).fill(0);
  const votes = new Array<number>(options - 1).fill(0);
  for (let s = 0; s < simulations; s++) {
    let total = 0;
    for (let j = 0; j < options; j++) {
      draw[j] =
        sampling.gamma((shares[j] as number) * effectiveSampleSize) *
        Math.exp(DEFAULT_PARAMETERS.systematicErrorSigma * systematic.normal());
      total += draw[j] as number;
    }
    for (let j = 0; j < options - 1; j++) votes[j] = Math.floor(((draw[j] as number) / total) * validVotes);
    const againstAll = Math.floor(((draw[options - 1] as number) / total) * validVotes);
    checksum += bareHare(votes, againstAll, 69)[0] as number;
    let noise = 0;
    for (let k = 0; k < regions; k++) noise += regional.normal();
    for (const district of districts) {
      let best = 0;
      for (let c = 1; c < district.length; c++)
        if ((district[c] as number) + noise > (district[best] as number)) best = c;
      checksum += best;
    }
  }
  return checksum;
}

function bestOf(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

/** 40,000 simulations of the 98-seat Majilis from the shipped 2023 poll, against the bare loop. */
export function benchForecast(simulations = 40_000): Record<string, number> {
  const polls = loadPollFile(SHIPPED_POLL);
  const previous = loadPrevious();
  if (!polls.ok || !previous.ok) throw new Error('the shipped forecast data does not load');
  const forecast = (): void => {
    if (!forecastMajilis({ polls: polls.value, previous: previous.value, simulations, seed: 2023 }).ok)
      throw new Error('forecast failed');
  };
  const lists = Object.keys(polls.value.polls[0]?.shares ?? {});
  const average = averagePolls(polls.value.polls, lists, polls.value.electionDate ?? '2023-03-19', DEFAULT_PARAMETERS);
  forecast(); // warm up the JIT
  const seconds = bestOf(3, forecast);
  const baseline = bestOf(3, () =>
    bareForecastLoop(previous.value, average.shares, average.effectiveSampleSize, simulations, 2023),
  );
  return {
    simulations,
    seconds: Number(seconds.toFixed(3)),
    simulationsPerSecond: Math.round(simulations / seconds),
    baselineSeconds: Number(baseline.toFixed(3)),
    ratioToBaseline: Number((baseline / seconds).toFixed(3)),
  };
}
