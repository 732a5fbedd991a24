import { namedRuleSet } from '../../law/named-rule-sets.ts';
import type { InputError } from '../../model/input-error.ts';
import { err, ok, type Result } from '../../model/result.ts';
import {
  DEFAULT_PARAMETERS,
  MAJILIS,
  MAJORITY_SEATS,
  type ModelParameters,
  TWO_THIRDS_SEATS,
} from './model-parameters.ts';
import { AGAINST_ALL, averagePolls, type WeightedPoll } from './poll-average.ts';
import type { PollFile } from './poll-input.ts';
import type { PreviousElection } from './previous-election.ts';
import { simulateElections } from './simulate.ts';
import { atLeast, round, type SeatDistribution, seatDistribution, type ShareSummary, shareSummary } from './summary.ts';
import { assertDefined } from '../../law/assert.ts';

export const RULE_SET = 'kz-2023-majilis';

export interface ForecastInput {
  readonly polls: PollFile;
  readonly previous: PreviousElection;
  readonly simulations: number;
  readonly seed: number;
  /** The day the forecast is for; default the poll file's election date, else the last fieldwork day. */
  readonly asOf?: string | undefined;
  readonly parameters?: ModelParameters;
  readonly onProgress?: ((done: number) => void) | undefined;
}

export interface HolderForecast {
  readonly id: string;
  readonly smdSeats: SeatDistribution;
  readonly totalSeats: SeatDistribution;
  /** P(list + district seats ≥ 50), P(≥ 66). */
  readonly majority: number;
  readonly twoThirds: number;
}

export interface ListForecast extends HolderForecast {
  /** The poll average after house effects and the undecided rule, % of decided respondents. */
  readonly pollAverage: number;
  readonly share: ShareSummary;
  /** P(the list reaches 5 % of valid votes by itself). */
  readonly passThreshold: number;
  readonly listSeats: SeatDistribution;
}

export interface DistrictForecast {
  readonly number: number;
  readonly contestId: string;
  readonly region: string;
  /** The likeliest winner; candidates with a chance, likeliest first. */
  readonly favourite: CandidateChance;
  readonly candidates: readonly CandidateChance[];
  /** P(winner's nomination): a list id, self-nominated, public-association. */
  readonly byNomination: Readonly<Record<string, number>>;
  /** P(equal votes for first place); such a simulation counts for the first on the ballot. */
  readonly ties: number;
}

export interface CandidateChance {
  readonly candidateId: string;
  readonly name: string | null;
  readonly nomination: string;
  readonly probability: number;
}

export interface Forecast {
  readonly format: 'saylau-forecast/1';
  readonly title: string | null;
  readonly asOf: string;
  readonly seed: number;
  readonly simulations: number;
  readonly rules: typeof RULE_SET;
  readonly seats: {
    readonly total: number;
    readonly list: number;
    readonly smd: number;
    readonly majority: number;
    readonly twoThirds: number;
    readonly twoThirdsRounding: string;
  };
  readonly model: ModelParameters & {
    readonly undecided: string;
    readonly houseEffects: string;
    readonly effectiveSampleSize: number;
    readonly validVotes: number;
    readonly validVotesSource: string;
    readonly systematicErrorForm: string;
    readonly smdModel: string;
  };
  readonly assumptions: readonly string[];
  readonly translations: PollFile['translations'];
  readonly sources: readonly string[];
  readonly previous: { readonly source: string; readonly note: string; readonly districts: number };
  readonly polls: readonly WeightedPoll[];
  readonly lists: readonly ListForecast[];
  readonly againstAll: { readonly pollAverage: number; readonly share: ShareSummary };
  /** Seat holders that are not lists: self-nominated and public-association district winners. */
  readonly otherHolders: readonly HolderForecast[];
  readonly districts: readonly DistrictForecast[];
  /** Simulations the fast exact path declined and the full engine decided (0 at 2023 sizes). */
  readonly engineFallbacks: number;
}

/** The forecast from polls (docs/forecast.md). Pure: no I/O, seeded randomness. */
export function forecastMajilis(input: ForecastInput): Result<Forecast, InputError> {
  const parameters = input.parameters ?? DEFAULT_PARAMETERS;
  const lastFieldwork = input.polls.polls.map((poll) => poll.fieldworkEnd).reduce((a, b) => (b > a ? b : a));
  const asOf = input.asOf ?? input.polls.electionDate ?? lastFieldwork;
  const usable = input.polls.polls.filter((poll) => poll.fieldworkEnd <= asOf);
  if (usable.length === 0) return err({ code: 'FORECAST_NO_POLLS', field: '--as-of', params: { asOf } });

  const pollLists = Object.keys((usable[0] as (typeof usable)[number]).shares);
  const known = input.previous.listOrder.filter((id) => pollLists.includes(id));
  const lists = [...known, ...pollLists.filter((id) => !known.includes(id))];
  const average = averagePolls(usable, lists, asOf, parameters);
  const previousValid = Object.values(input.previous.listVotes).reduce((a, b) => a + b, 0) + input.previous.againstAll;
  const validVotes = previousValid > 0 ? previousValid : parameters.defaultValidVotes;
  const rules = namedRuleSet(RULE_SET);
  const counts = simulateElections({
    average,
    previous: input.previous,
    rules,
    parameters,
    validVotes,
    simulations: input.simulations,
    seed: input.seed,
    onProgress: input.onProgress,
  });

  const n = counts.simulations;
  const probability = (count: number): number => round(count / n, 5);
  const holder = (h: number): HolderForecast => {
    const total = assertDefined(counts.totalSeats[h]);
    return {
      id: assertDefined(counts.holders[h]),
      smdSeats: seatDistribution(assertDefined(counts.smdSeats[h]), n),
      totalSeats: seatDistribution(total, n),
      majority: probability(atLeast(total, MAJORITY_SEATS)),
      twoThirds: probability(atLeast(total, TWO_THIRDS_SEATS)),
    };
  };
  const options = average.options.length;

  return ok({
    format: 'saylau-forecast/1',
    title: input.polls.title ?? null,
    asOf,
    seed: input.seed,
    simulations: n,
    rules: RULE_SET,
    seats: {
      ...MAJILIS,
      majority: MAJORITY_SEATS,
      twoThirds: TWO_THIRDS_SEATS,
      twoThirdsRounding: '2/3 × 98 = 65⅓, rounded up: 66',
    },
    model: {
      ...parameters,
      undecided:
        "spread in proportion to the decided shares (equivalently: left out); only decided respondents count towards a poll's sample",
      houseEffects: average.houseEffects,
      effectiveSampleSize: round(average.effectiveSampleSize, 1),
      validVotes,
      validVotesSource: previousValid > 0 ? 'the previous election' : 'default',
      systematicErrorForm:
        'share_j ∝ Dirichlet_j(n_eff × poll average) × exp(σ × z_j), z_j ~ N(0, 1) independent per option, drawn once per simulated election',
      smdModel:
        'candidate share = previous share + (simulated national share − previous national share) of its list (0 for self-nominated) + N(0, regionalSwingSigma) per region and nomination; plurality of integer votes',
    },
    assumptions: input.polls.assumptions,
    translations: input.polls.translations,
    sources: input.polls.sources,
    previous: { source: input.previous.source, note: input.previous.note, districts: input.previous.districts.length },
    polls: average.polls.map((poll) => ({
      ...poll,
      ageDays: round(poll.ageDays, 1),
      weight: round(poll.weight, 1),
      decidedPercent: round(poll.decidedPercent, 2),
      houseEffect: Object.fromEntries(Object.entries(poll.houseEffect).map(([id, value]) => [id, round(value, 2)])),
    })),
    lists: counts.lists.map((id, i) => ({
      ...holder(i),
      pollAverage: round(100 * assertDefined(average.shares[i]), 2),
      share: shareSummary(counts.shares, options, i, n),
      passThreshold: probability(assertDefined(counts.passed[i])),
      listSeats: seatDistribution(assertDefined(counts.listSeats[i]), n),
    })),
    againstAll: {
      pollAverage: round(100 * assertDefined(average.shares[options - 1]), 2),
      share: shareSummary(counts.shares, options, options - 1, n),
    },
    otherHolders: counts.holders.slice(counts.lists.length).map((_, k) => holder(counts.lists.length + k)),
    districts: input.previous.districts.map((district, d) => {
      const wins = assertDefined(counts.wins[d]);
      const candidates = district.candidates
        .map((candidate, c) => ({
          wins: assertDefined(wins[c]),
          chance: {
            candidateId: candidate.id,
            name: candidate.name ?? null,
            nomination: candidate.nomination,
            probability: probability(assertDefined(wins[c])),
          },
        }))
        .filter((entry) => entry.wins > 0)
        .sort((a, b) => b.wins - a.wins)
        .map((entry) => entry.chance);
      const byNomination: Record<string, number> = {};
      district.candidates.forEach((candidate, c) => {
        if (assertDefined(wins[c]) > 0)
          byNomination[candidate.nomination] = (byNomination[candidate.nomination] ?? 0) + assertDefined(wins[c]);
      });
      return {
        number: district.number,
        contestId: district.contestId,
        region: district.region,
        favourite: assertDefined(candidates[0]),
        candidates,
        byNomination: Object.fromEntries(
          Object.entries(byNomination)
            .sort((a, b) => b[1] - a[1])
            .map(([id, count]) => [id, probability(count)]),
        ),
        ties: probability(assertDefined(counts.ties[d])),
      };
    }),
    engineFallbacks: counts.engineFallbacks,
  });
}

export { AGAINST_ALL };
