import { Prng } from '../../generate/prng.ts';
import { allocateSeats } from '../../law/allocate.ts';
import { fastAllocator } from '../../law/fast-allocation.ts';
import type { RuleSet } from '../../law/rule-set.ts';
import { MAJILIS, type ModelParameters } from './model-parameters.ts';
import type { PollAverage } from './poll-average.ts';
import type { PreviousElection } from './previous-election.ts';
import { Draws } from './random-draws.ts';
import { assertDefined } from '../../law/assert.ts';

export interface SimulationInput {
  readonly average: PollAverage;
  readonly previous: PreviousElection;
  readonly rules: RuleSet;
  readonly parameters: ModelParameters;
  /** Valid votes (lists + against all) of each simulated election. */
  readonly validVotes: number;
  readonly simulations: number;
  readonly seed: number;
  readonly onProgress?: ((done: number) => void) | undefined;
}

/** Raw counts over all simulated elections; summary.ts turns them into the forecast. */
export interface SimulationCounts {
  readonly simulations: number;
  /** The lists (poll options without against all), in registration order of the law engine. */
  readonly lists: readonly string[];
  /** Everyone who can hold a seat: the lists, then SMD nominations that are not lists (self-nominated…). */
  readonly holders: readonly string[];
  /** shares[s × options + j]: option j's share of valid votes in simulation s (against all last). */
  readonly shares: Float64Array;
  /** Simulations in which list i reached the threshold itself (runner-up admission not counted). */
  readonly passed: Int32Array;
  /** listSeats[i][k]: simulations in which list i won k list seats (0…69). */
  readonly listSeats: readonly Int32Array[];
  /** smdSeats[h][k], totalSeats[h][k]: the same for district seats (0…29) and both (0…98). */
  readonly smdSeats: readonly Int32Array[];
  readonly totalSeats: readonly Int32Array[];
  /** wins[d][c]: simulations in which candidate c of district d won. */
  readonly wins: readonly Int32Array[];
  /** ties[d]: simulations with equal votes for first place (counted for the first on the ballot). */
  readonly ties: Int32Array;
  /** Simulations decided by `allocateSeats` because the fast path declined them. */
  readonly engineFallbacks: number;
}

interface DistrictModel {
  readonly valid: number;
  /** The candidates who can win (index into the district's candidates), in ballot order. */
  readonly candidate: Int32Array;
  readonly previousShare: Float64Array;
  /** Poll option whose national swing moves this candidate, or −1 (self-nominated…). */
  readonly swingOption: Int32Array;
  /** Index into the regional noise of this simulation. */
  readonly noise: Int32Array;
  readonly holder: Int32Array;
}

/**
 * Simulates `simulations` elections (docs/forecast.md §3): a Dirichlet sampling draw around the
 * poll average with the effective sample size, times a systematic error exp(σ·z) per option,
 * renormalised; integer votes; the list seats by the law (fast exact path, `allocateSeats` when
 * it declines); every district by uniform swing plus a regional deviation, won by plurality of
 * integer votes. Seeded: the same input gives the same counts.
 */
export function simulateElections(input: SimulationInput): SimulationCounts {
  const { average, previous, rules, parameters, validVotes, simulations } = input;
  const options = average.options;
  const optionCount = options.length;
  const listCount = optionCount - 1;
  const lists = options.slice(0, listCount);
  const holders = [...lists];
  const holderIndex = (id: string): number => {
    const found = holders.indexOf(id);
    if (found >= 0) return found;
    holders.push(id);
    return holders.length - 1;
  };

  // Registration order: the previous election's ballot order, then new lists in poll order.
  const registration = lists.map((id, i) => {
    const at = previous.listOrder.indexOf(id);
    return { registrationOrder: at >= 0 ? at + 1 : previous.listOrder.length + 1 + i };
  });
  const fast = fastAllocator(rules, MAJILIS.list, registration);
  const entries = lists.map((id, i) => ({
    id,
    votes: 0n,
    registrationOrder: assertDefined(registration[i]).registrationOrder,
  }));

  const previousValid = Object.values(previous.listVotes).reduce((a, b) => a + b, 0) + previous.againstAll;
  const previousShare = options.map((id) =>
    id in previous.listVotes ? assertDefined(previous.listVotes[id]) / previousValid : 0,
  );

  const noiseKeys: string[] = [];
  const districts: DistrictModel[] = previous.districts.map((district) => {
    const valid = district.candidates.reduce((a, c) => a + c.votes, 0) + district.againstAll;
    // Candidates of one nomination in one district get the same swing and the same regional
    // deviation, so only the strongest of them (the earlier on the ballot among equals) can win.
    const strongest = new Map<string, number>();
    district.candidates.forEach((candidate, c) => {
      const held = strongest.get(candidate.nomination);
      if (held === undefined || candidate.votes > assertDefined(district.candidates[held]).votes)
        strongest.set(candidate.nomination, c);
    });
    const contenders = [...strongest.values()].sort((a, b) => a - b);
    const noise = contenders.map((c) => {
      const key = `${district.region} ${assertDefined(district.candidates[c]).nomination}`;
      const at = noiseKeys.indexOf(key);
      if (at >= 0) return at;
      noiseKeys.push(key);
      return noiseKeys.length - 1;
    });
    const candidate = (c: number): (typeof district.candidates)[number] => assertDefined(district.candidates[c]);
    return {
      valid,
      candidate: Int32Array.from(contenders),
      previousShare: Float64Array.from(contenders, (c) => (valid === 0 ? 0 : candidate(c).votes / valid)),
      swingOption: Int32Array.from(contenders, (c) => lists.indexOf(candidate(c).nomination)),
      noise: Int32Array.from(noise),
      holder: Int32Array.from(contenders, (c) => holderIndex(candidate(c).nomination)),
    };
  });
  const holderCount = holders.length;

  const random = new Prng(input.seed);
  const systematic = new Draws(random.fork('systematic'));
  const sampling = new Draws(random.fork('sampling'));
  const regional = new Draws(random.fork('regional'));

  const shares = new Float64Array(simulations * optionCount);
  const passed = new Int32Array(listCount);
  const listSeats = lists.map(() => new Int32Array(MAJILIS.list + 1));
  const smdSeats = holders.map(() => new Int32Array(MAJILIS.smd + 1));
  const totalSeats = holders.map(() => new Int32Array(MAJILIS.total + 1));
  const wins = previous.districts.map((district) => new Int32Array(district.candidates.length));
  const ties = new Int32Array(districts.length);
  let engineFallbacks = 0;

  const alpha = average.shares.map((share) => share * average.effectiveSampleSize);
  const draw = new Float64Array(optionCount);
  const votes = new Float64Array(listCount);
  const filled = new Int32Array(listCount);
  const vacant = new Int32Array(listCount);
  const noise = new Float64Array(noiseKeys.length);
  const smdWon = new Int32Array(holderCount);
  const thresholdNum = Number(rules.thresholdPercent.num);
  const thresholdDen100 = Number(rules.thresholdPercent.den) * 100;

  for (let s = 0; s < simulations; s++) {
    let total = 0;
    for (let j = 0; j < optionCount; j++) {
      const value =
        sampling.gamma(assertDefined(alpha[j])) * Math.exp(parameters.systematicErrorSigma * systematic.normal());
      draw[j] = value;
      total += value;
    }
    let base = 0;
    for (let j = 0; j < optionCount; j++) {
      const share = assertDefined(draw[j]) / total;
      shares[s * optionCount + j] = share;
      const whole = Math.floor(share * validVotes);
      if (j < listCount) votes[j] = whole;
      base += whole;
      draw[j] = whole;
    }
    const againstAll = assertDefined(draw[listCount]);
    for (let i = 0; i < listCount; i++)
      if (assertDefined(votes[i]) * thresholdDen100 >= thresholdNum * base) passed[i] = assertDefined(passed[i]) + 1;

    const status = fast === null ? null : fast(votes, againstAll, 0, filled, vacant);
    if (status === null) {
      engineFallbacks += 1;
      const result = allocateSeats({
        rules,
        seats: MAJILIS.list,
        lists: entries.map((entry, i) => ({ ...entry, votes: BigInt(assertDefined(votes[i])) })),
        againstAll: BigInt(againstAll),
      });
      lists.forEach((id, i) => (filled[i] = assertDefined(result.seats[id])));
    }

    for (let k = 0; k < noise.length; k++) noise[k] = parameters.regionalSwingSigma * regional.normal();
    smdWon.fill(0);
    for (let d = 0; d < districts.length; d++) {
      const district = assertDefined(districts[d]);
      let best = -1;
      let bestVotes = -1;
      let tied = false;
      for (let c = 0; c < district.holder.length; c++) {
        const option = assertDefined(district.swingOption[c]);
        const swing =
          option < 0 ? 0 : assertDefined(shares[s * optionCount + option]) - assertDefined(previousShare[option]);
        const share =
          assertDefined(district.previousShare[c]) + swing + assertDefined(noise[assertDefined(district.noise[c])]);
        const candidateVotes = share <= 0 ? 0 : Math.floor(share * district.valid);
        if (candidateVotes > bestVotes) {
          best = c;
          bestVotes = candidateVotes;
          tied = false;
        } else if (candidateVotes === bestVotes) tied = true;
      }
      if (tied) ties[d] = assertDefined(ties[d]) + 1;
      const districtWins = assertDefined(wins[d]);
      const winner = assertDefined(district.candidate[best]);
      districtWins[winner] = assertDefined(districtWins[winner]) + 1;
      const holder = assertDefined(district.holder[best]);
      smdWon[holder] = assertDefined(smdWon[holder]) + 1;
    }

    for (let h = 0; h < holderCount; h++) {
      const list = h < listCount ? assertDefined(filled[h]) : 0;
      const won = assertDefined(smdWon[h]);
      if (h < listCount) increment(assertDefined(listSeats[h]), list);
      increment(assertDefined(smdSeats[h]), won);
      increment(assertDefined(totalSeats[h]), list + won);
    }
    if (input.onProgress !== undefined && (s + 1) % 1000 === 0) input.onProgress(s + 1);
  }
  input.onProgress?.(simulations);
  return { simulations, lists, holders, shares, passed, listSeats, smdSeats, totalSeats, wins, ties, engineFallbacks };
}

function increment(counts: Int32Array, index: number): void {
  counts[index] = assertDefined(counts[index]) + 1;
}
