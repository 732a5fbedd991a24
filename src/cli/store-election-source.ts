import type { ElectionSource } from '../analysis/election-source.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Store } from '../store/store.ts';
import { loadElection } from '../services/election-service.ts';

/**
 * An election database as the analyses read it (src/analysis/election-source.ts): they see the
 * election and its figures, never the store. Store errors pass through to the command, which
 * reports them as every store command does.
 */
export function storeElectionSource(store: Store): ElectionSource {
  return {
    election: async () => (await loadElection(store)).election,
    contestTotals: () => store.allContestTotals(),
    protocolsOf: async (contestId) =>
      (await store.currentProtocolsOf(contestId)).map((row) => JSON.parse(row.content) as Protocol),
  };
}
