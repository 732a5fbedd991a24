import type { RuleSet } from './rule-set.ts';
import { assertDefined } from './assert.ts';

/** One list as the fast path sees it: fixed for a whole run of allocations, only the votes change. */
export interface FastListSpec {
  readonly registrationOrder: number;
  /** Candidates on the list; seats beyond it stay vacant. Absent: unlimited. */
  readonly listSize?: number | undefined;
}

export type FastStatus = 'complete' | 'no-list-admitted';

/**
 * Fills `seats` (filled seats) and `vacant` per list, in input order, and returns the status, or
 * null when the votes are too large for exact arithmetic in doubles (the caller then asks
 * `allocateSeats`, which is exact at any size).
 */
export type FastAllocator = (
  votes: ArrayLike<number>,
  againstAll: number,
  invalid: number,
  seats: Int32Array,
  vacant: Int32Array,
) => FastStatus | null;

/**
 * `allocateSeats` without steps, BigInt or Rational, for the forecast's tens of thousands of
 * simulated elections: the same decision on every input it accepts (a property test checks it
 * against the engine). It accepts only what can be decided without a person — Hare quota, largest
 * remainders, ties to the earlier registration — and a base it can compute from the votes; null
 * means "use allocateSeats". Votes must be non-negative safe integers.
 */
export function fastAllocator(
  rules: RuleSet,
  totalSeats: number,
  lists: readonly FastListSpec[],
): FastAllocator | null {
  if (rules.method.kind !== 'largest-remainder' || rules.method.quota !== 'hare') return null;
  if (rules.remainderTie !== 'earlier-registration' || rules.thresholdBase === 'participants') return null;
  const base = rules.thresholdBase;
  const num = Number(rules.thresholdPercent.num);
  const den100 = Number(rules.thresholdPercent.den) * 100;
  const runnerUp = rules.runnerUpAdmission;
  const correctionNum = runnerUp === null ? 0 : Number(runnerUp.correction.num);
  const correctionDen = runnerUp === null ? 1 : Number(runnerUp.correction.den);
  const n = lists.length;
  // Registration ranks once: index order sorted by registration, earliest first.
  const byRegistration = lists
    .map((_, i) => i)
    .sort((a, b) => assertDefined(lists[a]).registrationOrder - assertDefined(lists[b]).registrationOrder);
  const rank = new Int32Array(n);
  byRegistration.forEach((index, position) => (rank[index] = position));
  const sizes = lists.map((list) => list.listSize ?? Number.POSITIVE_INFINITY);
  const admitted = new Uint8Array(n);
  const remainder = new Float64Array(n);
  const order: number[] = [];
  // Every product below stays under this bound, so doubles hold it exactly.
  const limit = Number.MAX_SAFE_INTEGER;

  return (votes, againstAll, invalid, seats, vacant) => {
    let partyVotes = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const v = assertDefined(votes[i]);
      partyVotes += v;
      if (v > largest) largest = v;
    }
    const valid = partyVotes + againstAll;
    const baseVotes = base === 'valid' ? valid : base === 'ballots' ? valid + invalid : partyVotes;
    if (
      baseVotes * Math.max(num, den100) > limit ||
      largest * totalSeats * Math.max(correctionNum, 1) > limit ||
      partyVotes * totalSeats * correctionDen > limit
    )
      return null;

    let count = 0;
    let admittedVotes = 0;
    let leader = -1;
    for (let i = 0; i < n; i++) {
      const v = assertDefined(votes[i]);
      const ok = v > 0 && v * den100 >= num * baseVotes;
      admitted[i] = ok ? 1 : 0;
      seats[i] = 0;
      vacant[i] = 0;
      if (ok) {
        count += 1;
        admittedVotes += v;
        leader = i;
      }
    }
    if (count === 0) return 'no-list-admitted';

    if (count === 1 && runnerUp !== null) {
      // The runner-up: most votes among the others with any; equal votes to the earlier registration.
      let second = -1;
      for (let i = 0; i < n; i++) {
        const v = assertDefined(votes[i]);
        if (i === leader || v === 0) continue;
        if (
          second < 0 ||
          v > assertDefined(votes[second]) ||
          (v === votes[second] && assertDefined(rank[i]) < assertDefined(rank[second]))
        )
          second = i;
      }
      if (second >= 0) {
        const v1 = assertDefined(votes[leader]);
        const v2 = assertDefined(votes[second]);
        // floor(c × V₂ / ((V₁ + V₂) / S)) in integers; % on doubles is exact, so is the division after it.
        const top = correctionNum * v2 * totalSeats;
        const bottom = correctionDen * (v1 + v2);
        const corrected = (top - (top % bottom)) / bottom;
        const secondSeats = Math.min(Math.floor(totalSeats / 2), Math.max(runnerUp.minimumSeats, corrected));
        seats[leader] = totalSeats - secondSeats;
        seats[second] = secondSeats;
        return finish(seats, vacant, sizes, n);
      }
    }

    // Hare over the admitted lists: quotient v × S / A, remainders compared as (v × S) mod A.
    let left = totalSeats;
    order.length = 0;
    for (let i = 0; i < n; i++) {
      if (admitted[i] === 0) continue;
      const scaled = assertDefined(votes[i]) * totalSeats;
      const rest = scaled % admittedVotes;
      const whole = (scaled - rest) / admittedVotes;
      seats[i] = whole;
      left -= whole;
      remainder[i] = rest;
      order.push(i);
    }
    if (left > 0) {
      order.sort(
        (a, b) =>
          assertDefined(remainder[b]) - assertDefined(remainder[a]) || assertDefined(rank[a]) - assertDefined(rank[b]),
      );
      for (let k = 0; k < left; k++) {
        const list = assertDefined(order[k]);
        seats[list] = assertDefined(seats[list]) + 1;
      }
    }
    return finish(seats, vacant, sizes, n);
  };
}

/** docs/law.md §1.9 Vacancies: seats beyond a list's length stay vacant. */
function finish(seats: Int32Array, vacant: Int32Array, sizes: readonly number[], n: number): 'complete' {
  for (let i = 0; i < n; i++) {
    const size = assertDefined(sizes[i]);
    const won = assertDefined(seats[i]);
    if (won > size) {
      vacant[i] = won - size;
      seats[i] = size;
    }
  }
  return 'complete';
}
