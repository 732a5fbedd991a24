import { allocateSeats } from '../law/allocate.ts';
import type { AllocationResult } from '../law/allocation-types.ts';
import { namedRuleSet } from '../law/named-rule-sets.ts';
import { decideSmd, type SmdOutcome } from '../law/smd-outcome.ts';
import type { Candidate, Contest, Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import { addProtocol, emptyTotals, type Totals } from './aggregate.ts';
import { type Decisions, NO_DECISIONS } from './decisions.ts';
import { holderOf } from './seat-holder.ts';
import { assertDefined } from '../law/assert.ts';

export type ContestTally =
  | {
      readonly kind: 'list';
      readonly contest: Extract<Contest, { kind: 'list' }>;
      readonly totals: Totals;
      readonly stationsExpected: number;
      readonly allocation: AllocationResult;
    }
  | {
      readonly kind: 'smd';
      readonly contest: Extract<Contest, { kind: 'smd' }>;
      readonly totals: Totals;
      readonly stationsExpected: number;
      readonly outcome: SmdOutcome;
    };

export interface ElectionTally {
  readonly contests: readonly ContestTally[];
  /** Each body's size, to tell how many seats are filled and whether a maslikhat is competent. */
  readonly bodySizes: ReadonlyMap<string, { readonly seats: number; readonly kind: string }>;
  /** Seats of each body by who holds them: a party id, `self-nominated` or `public-association`. */
  readonly bodies: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export { holderOf } from './seat-holder.ts';

/**
 * Every contest and body of an election from its protocols (docs/tally.md): sums, then the law.
 * Pure: `tallyElection({ election, protocols })` with no store and no I/O.
 */
export function tallyElection({
  election,
  protocols,
  decisions = NO_DECISIONS,
  onProgress,
}: {
  readonly election: Election;
  readonly protocols: Iterable<Protocol>;
  readonly decisions?: Decisions;
  readonly onProgress?: (done: number) => void;
}): ElectionTally {
  const totals = new Map(
    election.contests.map((contest) => [contest.id as string, emptyTotals(contest.options.map((option) => option.id))]),
  );
  let done = 0;
  for (const protocol of protocols) {
    const contestTotals = totals.get(protocol.contestId);
    if (contestTotals !== undefined) addProtocol(contestTotals, protocol);
    done += 1;
    if (onProgress !== undefined && done % 5000 === 0) onProgress(done);
  }
  return tallyFromTotals({ election, totals, decisions });
}

/** The same, from totals already summed (the database keeps them as a projection). */
export function tallyFromTotals({
  election,
  totals: given,
  decisions = NO_DECISIONS,
}: {
  readonly election: Election;
  readonly totals: ReadonlyMap<string, Totals>;
  readonly decisions?: Decisions;
}): ElectionTally {
  const totals = new Map(
    election.contests.map((contest) => [
      contest.id as string,
      given.get(contest.id) ?? emptyTotals(contest.options.map((option) => option.id)),
    ]),
  );
  const { expected, candidates } = electionIndex(election);
  const bodies = new Map<string, Map<string, number>>(election.bodies.map((body) => [body.id, new Map()]));
  const credit = (bodyId: string, holder: string, seats: number): void => {
    const body = assertDefined(bodies.get(bodyId));
    body.set(holder, (body.get(holder) ?? 0) + seats);
  };

  const contests = election.contests.map((contest): ContestTally => {
    const contestTotals = assertDefined(totals.get(contest.id));
    const stationsExpected = expected.get(contest.id) ?? 0;
    switch (contest.kind) {
      case 'list': {
        const allocation = allocateSeats({
          rules: namedRuleSet(contest.rules),
          seats: contest.seats,
          lists: contest.options.map((option, index) => ({
            id: option.id,
            votes: contestTotals.votes[option.id] ?? 0n,
            listSize: option.listSize,
            registrationOrder: registrationOrder(election, option.id, index),
          })),
          againstAll: contestTotals.lines.againstAll,
          invalid: contestTotals.lines.invalid,
          participants: contestTotals.lines.issuedInPremises + contestTotals.lines.issuedOutside,
          lotsOrder: decisions.lots.get(contest.id),
        });
        for (const [party, seats] of Object.entries(allocation.seats))
          if (seats > 0) credit(contest.bodyId, party, seats);
        return { kind: 'list', contest, totals: contestTotals, stationsExpected, allocation };
      }
      case 'smd': {
        const outcome = decideSmd({
          candidates: contest.options.map((option) => ({
            id: option.id,
            votes: contestTotals.votes[option.id] ?? 0n,
            withdrawn: candidates.get(option.id)?.status !== 'registered',
          })),
          againstAll: contestTotals.lines.againstAll,
          lotsOrder: decisions.lots.get(contest.id),
        });
        if (outcome.status === 'winner')
          credit(contest.bodyId, holderOf(assertDefined(candidates.get(outcome.winner))), 1);
        return { kind: 'smd', contest, totals: contestTotals, stationsExpected, outcome };
      }
    }
  });
  return {
    contests,
    bodies,
    bodySizes: new Map(election.bodies.map((body) => [body.id as string, { seats: body.seats, kind: body.kind }])),
  };
}

const indexes = new WeakMap<
  readonly unknown[],
  { expected: Map<string, number>; candidates: Map<string, Candidate> }
>();

/** Stations expected per contest and candidates by id, computed once per election (keyed by its station list). */
function electionIndex(election: Election): { expected: Map<string, number>; candidates: Map<string, Candidate> } {
  const known = indexes.get(election.stations);
  if (known !== undefined) return known;
  const expected = new Map<string, number>();
  for (const station of election.stations)
    for (const contestId of station.contests) expected.set(contestId, (expected.get(contestId) ?? 0) + 1);
  const index = {
    expected,
    candidates: new Map(election.candidates.map((candidate) => [candidate.id as string, candidate])),
  };
  indexes.set(election.stations, index);
  return index;
}

function registrationOrder(election: Election, partyId: string, fallback: number): number {
  return election.parties.find((party) => party.id === partyId)?.registrationOrder ?? fallback + 1000;
}
