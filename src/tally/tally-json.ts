import { type JsonValue, toJsonForm } from '../law/json-form.ts';
import type { ElectionTally } from './tally-election.ts';

/**
 * The JSON document of `saylau tally` (docs/tally.md), which the database's `saylau results`
 * will share: contests with their status, totals and seats or winner; bodies with their seats.
 */
export function tallyToJson(tally: ElectionTally): JsonValue {
  const contests: Record<string, unknown> = {};
  for (const result of tally.contests) {
    const totals = {
      stationsCounted: result.totals.stations,
      stationsExpected: result.stationsExpected,
      lines: result.totals.lines,
      votes: result.totals.votes,
    };
    switch (result.kind) {
      case 'list':
        contests[result.contest.id] = {
          kind: 'list',
          status: result.allocation.status,
          totals,
          seats: result.allocation.seats,
          ...(result.allocation.vacantSeats > 0 ? { vacant: result.allocation.vacant } : {}),
        };
        break;
      case 'smd':
        contests[result.contest.id] = {
          kind: 'smd',
          status: result.outcome.status,
          totals,
          winner: result.outcome.status === 'winner' ? result.outcome.winner : null,
          ...(result.outcome.status === 'winner' && result.outcome.againstAllPrevailed
            ? { againstAllPrevailed: true }
            : {}),
        };
        break;
    }
  }
  const bodies: Record<string, unknown> = {};
  for (const [bodyId, holders] of tally.bodies) {
    const size = tally.bodySizes.get(bodyId);
    const filled = [...holders.values()].reduce((sum, seats) => sum + seats, 0);
    bodies[bodyId] = {
      seats: Object.fromEntries([...holders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      filled,
      // A maslikhat is competent once at least three quarters of its seats are filled (docs/law.md §2.1, LG Art. 5).
      ...(size === undefined || size.kind === 'majilis' ? {} : { competent: filled * 4 >= size.seats * 3 }),
    };
  }
  return toJsonForm({ contests, bodies });
}
