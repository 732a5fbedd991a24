import type { Election } from '../../model/election.ts';
import type { ElectionTally } from '../../tally/tally-election.ts';
import type { WhatIfContest } from './whatif.ts';

/**
 * Every party-list contest of a tallied election as what-if input: its list votes as counted, and
 * the district seats its body filled (the body's seats by holder less the list seats).
 */
export function whatIfContestsFromTally(election: Election, tally: ElectionTally): WhatIfContest[] {
  const bodies = new Map(election.bodies.map((body) => [body.id as string, body]));
  const order = new Map(election.parties.map((party) => [party.id as string, party.registrationOrder]));
  return tally.contests.flatMap((result): WhatIfContest[] => {
    if (result.kind !== 'list') return [];
    const body = bodies.get(result.contest.bodyId);
    const held = tally.bodies.get(result.contest.bodyId) ?? new Map<string, number>();
    const districtSeats: Record<string, number> = {};
    for (const [holder, seats] of held) {
      const districts = seats - (result.allocation.seats[holder] ?? 0);
      if (districts > 0) districtSeats[holder] = districts;
    }
    const { lines, votes } = result.totals;
    return [
      {
        id: result.contest.id,
        listSeats: result.contest.seats,
        bodySeats: body?.seats ?? result.contest.seats,
        lists: result.contest.options.map((option, index) => ({
          id: option.id,
          votes: votes[option.id] ?? 0n,
          listSize: option.listSize,
          registrationOrder: order.get(option.id) ?? 1000 + index,
        })),
        againstAll: lines.againstAll,
        invalid: lines.invalid,
        participants: lines.issuedInPremises + lines.issuedOutside,
        districtSeats,
      },
    ];
  });
}
