import { allocateSeats } from '../src/law/allocate.ts';
import type { ListEntry } from '../src/law/allocation-types.ts';
import { namedRuleSet } from '../src/law/named-rule-sets.ts';

/** The 2023 Majilis list votes: the engine's most common job. */
const VOTES = [3431510, 693938, 547154, 535139, 432920, 331058, 146431];
const AGAINST_ALL = 248291;
const SEATS = 69;

/**
 * The baseline: the same Hare allocation as a bare loop over safe integers, with no steps, no
 * BigInt and no tie handling — the least work that gives the seats.
 */
export function bareHare(votes: readonly number[], againstAll: number, seats: number): number[] {
  let valid = againstAll;
  for (const v of votes) valid += v;
  let admittedTotal = 0;
  const admitted = votes.map((v) => v * 20 >= valid);
  votes.forEach((v, i) => (admittedTotal += admitted[i] ? v : 0));
  const won = votes.map((v, i) => (admitted[i] ? Math.floor((v * seats) / admittedTotal) : 0));
  let left = seats - won.reduce((a, b) => a + b, 0);
  const order = votes
    .map((_, i) => i)
    .filter((i) => admitted[i])
    .sort(
      (a, b) => (((votes[b] as number) * seats) % admittedTotal) - (((votes[a] as number) * seats) % admittedTotal),
    );
  for (const i of order) if (left-- > 0) won[i] = (won[i] as number) + 1;
  return won;
}

/** The best of three timed runs after a warm-up: on a shared machine the best run is the least disturbed. */
function perSecond(iterations: number, work: () => void): number {
  for (let i = 0; i < Math.min(1000, iterations); i++) work(); // warm up the JIT
  let best = 0;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) work();
    best = Math.max(best, iterations / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return best;
}

export function benchLawAllocation(iterations: number): Record<string, number> {
  const rules = namedRuleSet('kz-2023-majilis');
  const lists: ListEntry[] = VOTES.map((votes, index) => ({
    id: `p${index}`,
    votes: BigInt(votes),
    registrationOrder: index + 1,
  }));
  const engine = perSecond(iterations, () =>
    allocateSeats({ rules, seats: SEATS, lists, againstAll: BigInt(AGAINST_ALL) }),
  );
  const baseline = perSecond(iterations, () => bareHare(VOTES, AGAINST_ALL, SEATS));
  return {
    allocationsPerSecond: Math.round(engine),
    baselinePerSecond: Math.round(baseline),
    ratioToBaseline: Number((engine / baseline).toFixed(4)),
    secondsFor40000: Number((40000 / engine).toFixed(3)),
  };
}
