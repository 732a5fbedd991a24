import { toJsonForm } from '../law/json-form.ts';
import type { Election } from '../model/election.ts';
import type { Protocol, SummaryProtocol } from '../model/protocol.ts';
import { addProtocol, emptyTotals, type Totals } from './aggregate.ts';

/**
 * Summary protocols (docs/law.md §2.1): for each contest, at every commission above the stations
 * that issue its ballots — territorial, regional, the CEC — the exact sum of the protocols below,
 * with how many of the expected stations are in. In the order of the commissions, then of the
 * contests.
 */
export function summaryProtocols({
  election,
  protocols,
}: {
  readonly election: Election;
  readonly protocols: Iterable<Protocol>;
}): SummaryProtocol[] {
  const parent = new Map(
    election.commissions.map((commission) => [commission.id as string, commission.parentId as string | null]),
  );
  const stationCommission = new Map(
    election.stations.map((station) => [station.id as string, station.commissionId as string]),
  );
  const options = new Map(
    election.contests.map((contest) => [contest.id as string, contest.options.map((option) => option.id as string)]),
  );
  const ancestors = (stationId: string): string[] => {
    const chain: string[] = [];
    for (let id = parent.get(stationCommission.get(stationId) ?? '') ?? null; id !== null; id = parent.get(id) ?? null)
      chain.push(id);
    return chain;
  };
  const sums = new Map<string, Totals>();
  const expected = new Map<string, number>();
  const keyOf = (commissionId: string, contestId: string): string => `${commissionId} ${contestId}`;
  for (const station of election.stations) {
    for (const commissionId of ancestors(station.id)) {
      for (const contestId of station.contests) {
        const key = keyOf(commissionId, contestId);
        expected.set(key, (expected.get(key) ?? 0) + 1);
        if (!sums.has(key)) sums.set(key, emptyTotals(options.get(contestId) ?? []));
      }
    }
  }
  for (const protocol of protocols) {
    for (const commissionId of ancestors(protocol.stationId)) {
      const totals = sums.get(keyOf(commissionId, protocol.contestId));
      if (totals !== undefined) addProtocol(totals, protocol);
    }
  }
  const commissionOrder = new Map(election.commissions.map((commission, index) => [commission.id as string, index]));
  const contestOrder = new Map(election.contests.map((contest, index) => [contest.id as string, index]));
  const entries = [...sums].map(([key, totals]) => {
    const [commissionId, contestId] = key.split(' ') as [string, string];
    return { commissionId, contestId, totals, expected: expected.get(key) ?? 0 };
  });
  entries.sort(
    (a, b) =>
      (commissionOrder.get(a.commissionId) ?? 0) - (commissionOrder.get(b.commissionId) ?? 0) ||
      (contestOrder.get(a.contestId) ?? 0) - (contestOrder.get(b.contestId) ?? 0),
  );
  const result: SummaryProtocol[] = entries.map(({ commissionId, contestId, totals, expected: stationsExpected }) => ({
    commissionId: commissionId as SummaryProtocol['commissionId'],
    contestId: contestId as SummaryProtocol['contestId'],
    stationsCounted: totals.stations,
    stationsExpected,
    lines: toJsonForm(totals.lines) as SummaryProtocol['lines'],
    votes: toJsonForm(totals.votes) as SummaryProtocol['votes'],
  }));
  return result;
}
