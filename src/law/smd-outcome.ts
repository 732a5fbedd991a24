import { assertDefined } from './assert.ts';
export interface SmdCandidate {
  readonly id: string;
  readonly votes: bigint;
  /** Withdrawn or deregistered before election day: not on the count. */
  readonly withdrawn?: boolean | undefined;
}

/** How a tie for first place is settled [U]: lots with a recorded draw, or a repeat election. */
export type SmdTieDecision = 'lots' | 'repeat-election';

export interface SmdRules {
  /** "Against all" ahead of every candidate voids the election [U: default off, docs/law.md §5]. */
  readonly againstAllVoids: boolean;
  readonly tieDecision: SmdTieDecision;
}

export const SMD_RULES_2023: SmdRules = { againstAllVoids: false, tieDecision: 'lots' };

export interface SmdInput {
  readonly candidates: readonly SmdCandidate[];
  readonly againstAll: bigint;
  readonly rules?: SmdRules | undefined;
  /** A recorded draw among tied candidates, earliest first. */
  readonly lotsOrder?: readonly string[] | undefined;
}

export type SmdOutcome =
  | {
      readonly status: 'winner';
      readonly winner: string;
      readonly votes: bigint;
      /** "Against all" had more votes than the winner; reported, not a ground for a new election by default. */
      readonly againstAllPrevailed: boolean;
      readonly decidedByLots: boolean;
    }
  | {
      readonly status: 'tie';
      readonly tied: readonly string[];
      readonly votes: bigint;
      readonly decision: SmdTieDecision;
      readonly againstAllPrevailed: boolean;
    }
  | { readonly status: 'void'; readonly reason: 'against-all-prevailed'; readonly againstAll: bigint }
  | { readonly status: 'postponed'; readonly reason: 'no-candidates' };

/**
 * docs/law.md §5 (EL Art. 9): plurality in one round. "Against all" never wins; a tie for first is
 * a state awaiting a decision; with every candidate withdrawn the election is postponed.
 */
export function decideSmd({ candidates, againstAll, rules = SMD_RULES_2023, lotsOrder }: SmdInput): SmdOutcome {
  const standing = candidates.filter((candidate) => candidate.withdrawn !== true);
  if (standing.length === 0) return { status: 'postponed', reason: 'no-candidates' };
  const top = standing.reduce((best, candidate) => (candidate.votes > best ? candidate.votes : best), 0n);
  const againstAllPrevailed = againstAll > top;
  if (againstAllPrevailed && rules.againstAllVoids)
    return { status: 'void', reason: 'against-all-prevailed', againstAll };
  const leaders = standing.filter((candidate) => candidate.votes === top);
  if (leaders.length === 1) {
    return {
      status: 'winner',
      winner: assertDefined(leaders[0]).id,
      votes: top,
      againstAllPrevailed,
      decidedByLots: false,
    };
  }
  const drawn = lotsOrder ?? [];
  const tied = leaders.map((candidate) => candidate.id);
  if (rules.tieDecision === 'lots' && tied.every((id) => drawn.includes(id))) {
    const winner = assertDefined([...tied].sort((a, b) => drawn.indexOf(a) - drawn.indexOf(b))[0]);
    return { status: 'winner', winner, votes: top, againstAllPrevailed, decidedByLots: true };
  }
  return { status: 'tie', tied, votes: top, decision: rules.tieDecision, againstAllPrevailed };
}
