import type { ProjectionState } from '../journal/projection.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import type { StoreWriter } from './store.ts';
import { assertDefined } from '../law/assert.ts';

/** Writes what applying events changed: protocols (and those annulled), totals, pending entries. */
export async function writeChanges(writer: StoreWriter, state: ProjectionState): Promise<void> {
  const changed = [...state.changedProtocols];
  await writer.putProtocols(changed.flatMap((key) => state.protocols.get(key) ?? []));
  // A protocol changed and gone is a station's result annulled in a contest (docs/law.md §10.3).
  await writer.removeProtocols(
    changed.filter((key) => !state.protocols.has(key)).map((key) => key.split(' ') as [string, string]),
  );
  await writer.putContestTotals(
    new Map(
      [...state.changedContests].map((id) => [
        id,
        state.totals.get(id) as NonNullable<ReturnType<typeof state.totals.get>>,
      ]),
    ),
  );
  await writer.putDecisions(
    new Map([...state.changedDecisions].map((key) => [key, state.decisions.get(key) as string])),
  );
  await writer.putDayRecords(
    new Map([...state.changedDayRecords].map((key) => [key, assertDefined(state.dayRecords.get(key))])),
  );
  await writer.putEntries(
    [...state.changedEntries].map((key) => {
      const [stationId, contestId] = key.split(' ') as [string, string];
      const pending = state.entries.get(key);
      return { stationId, contestId, state: pending ?? null };
    }),
  );
}

/** Empties the projections and writes those of `state` instead: a replay's result, in the caller's transaction. */
export async function replaceProjections(writer: StoreWriter, state: ProjectionState): Promise<void> {
  await writer.clearProjections();
  await writer.putKeys([...state.keys.values()]);
  await writer.putProtocols([...state.protocols.values()]);
  await writer.putContestTotals(state.totals);
  await writer.putDecisions(state.decisions);
  await writer.putRegistry(state.registry, 'all');
  await writer.putDayRecords(state.dayRecords);
  await writer.putEntries(
    [...state.entries]
      .filter(([, pending]) => pending !== undefined)
      .map(([key, pending]) => {
        const [stationId, contestId] = key.split(' ') as [string, string];
        return { stationId, contestId, state: pending as PendingEntry };
      }),
  );
}
