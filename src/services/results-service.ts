import type { Election } from '../model/election.ts';
import type { Decisions } from '../tally/decisions.ts';
import { type ElectionTally, tallyFromTotals } from '../tally/tally-election.ts';
import type { Store, StoreReader, StoreWriter } from '../store/store.ts';

/** The results the database holds, as `saylau tally` computes them, from the totals projection. */
export async function currentTally({
  store,
  election,
  decisions,
}: {
  store: StoreReader;
  election: Election;
  decisions?: Decisions;
}): Promise<ElectionTally> {
  const totals = await store.allContestTotals();
  return tallyFromTotals({ election, totals, decisions: decisions ?? (await currentDecisions(store)) });
}

export async function currentDecisions(store: StoreReader): Promise<Decisions> {
  return store.decisions();
}

/** The tally inside a write transaction: the same as `currentTally`, read on the transaction's own connection. */
export async function currentTallyIn(writer: StoreWriter, election: Election): Promise<ElectionTally> {
  const ids = election.contests.map((contest) => contest.id as string);
  const totals = await writer.contestTotals(ids);
  return tallyFromTotals({ election, totals, decisions: await writer.decisions() });
}

/**
 * The results a new protocol affects — its contests — recomputed from their totals alone: how a
 * live page learns of one protocol without recounting the country (≤ 10 ms, docs/tabulation.md).
 */
export async function affectedTally({
  store,
  election,
  contestIds,
}: {
  store: Store;
  election: Election;
  contestIds: readonly string[];
}): Promise<ElectionTally> {
  const wanted = new Set(contestIds);
  const totals = await store.contestTotalsOf(contestIds);
  return tallyFromTotals({
    election: { ...election, contests: election.contests.filter((contest) => wanted.has(contest.id)) },
    totals,
  });
}
