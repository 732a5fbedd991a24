import type { Election } from '../model/election.ts';
import { summaryHash, type Totals } from '../tally/aggregate.ts';
import type { Decisions } from '../tally/decisions.ts';
import { tallyFromTotals } from '../tally/tally-election.ts';

/**
 * The list seats of a body as the count stands, and whether that result is established — every
 * station counted and the summary approved by its commission, unchanged since — which a party's
 * choice of deputies waits for. Null seats when the body has no list contest.
 */
export function listSeatsOfBody({
  election,
  totals,
  decisions,
  bodyId,
}: {
  election: Election;
  totals: ReadonlyMap<string, Totals>;
  decisions: Decisions;
  bodyId: string;
}): { readonly seats: Readonly<Record<string, number>>; readonly established: boolean } | null {
  const contest = election.contests.find((candidate) => candidate.bodyId === bodyId && candidate.kind === 'list');
  if (contest === undefined) return null;
  const tally = tallyFromTotals({ election: { ...election, contests: [contest] }, totals, decisions });
  const result = tally.contests[0];
  if (result?.kind !== 'list') return null;
  const established =
    result.totals.stations >= result.stationsExpected &&
    decisions.approvals.get(contest.id) === summaryHash(result.totals);
  return { seats: result.allocation.status === 'complete' ? result.allocation.seats : {}, established };
}
