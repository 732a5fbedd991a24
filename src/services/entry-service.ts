import type { JournalPayload } from '../journal/events.ts';
import type { ActSigner } from '../journal/act.ts';
import { applyEvent, emptyProjection, type ProjectedProtocol, protocolKeyOf } from '../journal/projection.ts';
import { refuse } from '../model/refusal.ts';
import type { Election } from '../model/election.ts';
import { ok } from '../model/result.ts';
import { type DoubleEntry, type EntryEvent, fromRecord, type PendingEntry } from '../tally/double-entry.ts';
import { type Actor, commissionParents } from '../tally/entry-authority.ts';
import { actionTarget, decideEntry, type EntryAction, type EntryDecision } from '../tally/entry-flow.ts';
import { indexElection } from '../tally/intake.ts';
import { writeChanges } from '../store/projection-writes.ts';
import { StoreError } from '../store/store-error.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { append } from './journal-append.ts';

/**
 * One step of the life of a protocol by a person (docs/tabulation.md, "Double entry"): an entry,
 * a resolution or an acceptance, decided against the state committed before it (the chain head is
 * locked first) and journaled with the user's signature; a refusal is returned and changes nothing.
 */
export async function submitEntry({
  store,
  election,
  action,
  signer,
}: {
  store: Store;
  election: Election;
  action: EntryAction;
  /** The author's signer: the service plans the act, the author signs it (docs/keys.md). */
  signer: ActSigner;
}): Promise<EntryDecision> {
  const index = indexElection(election);
  const parents = commissionParents(election);
  const { stationId, contestId } = actionTarget(action);
  return store.write(async (writer) => {
    await writer.head();
    const { pending, accepted } = await readRecords(writer, stationId, contestId);
    const transition = decideEntry(action, { index, parents, state: fromRecord(pending, accepted) });
    if (!transition.ok) return transition;
    const { event } = transition.value;
    // A station's result annulled in the contest takes no protocol again (docs/law.md §10.3).
    if (event.kind === 'accepted' && (await writer.decisions()).annulled.has(protocolKeyOf(stationId, contestId)))
      return refuse('PROTOCOL_STATION_ANNULLED', { station: stationId, contest: contestId });
    // The event is applied as a replay would apply it, so that the rows written are those a replay gives.
    const state = emptyProjection();
    const protocolKey = protocolKeyOf(stationId, contestId);
    if (accepted !== undefined) state.protocols.set(protocolKey, accepted);
    state.entries.set(protocolKey, pending);
    if (event.kind === 'accepted')
      for (const [id, totals] of await writer.contestTotals([contestId])) state.totals.set(id, totals);
    const appended = await append(writer, election.event.id, [{ payload: payloadOf(event), signer }]);
    if (!appended.ok) return appended;
    for (const sealed of appended.value) applyEvent(state, sealed, election);
    await writeChanges(writer, state);
    return ok(event);
  });
}

function payloadOf(event: EntryEvent): JournalPayload {
  switch (event.kind) {
    case 'entered':
      return { type: 'protocol-entered', protocol: event.protocol, entry: event.entry, reason: event.reason };
    case 'resolved':
      return { type: 'protocol-resolved', protocol: event.protocol };
    case 'accepted':
      return {
        type: 'protocol-accepted',
        protocol: event.protocol,
        acknowledged: event.acknowledged,
        via: 'entry',
        reason: event.reason,
      };
  }
}

/** The stored round of one protocol, if any, and its accepted protocol, if any. */
async function readRecords(
  writer: StoreWriter,
  stationId: string,
  contestId: string,
): Promise<{ pending: PendingEntry | undefined; accepted: ProjectedProtocol | undefined }> {
  const key = protocolKeyOf(stationId, contestId);
  return {
    pending: (await writer.entries([[stationId, contestId]])).get(key),
    accepted: (await writer.protocols([[stationId, contestId]])).get(key),
  };
}

/** The double entry of one protocol, as committed: what a console shows for comparison. */
export async function doubleEntryOf(store: Store, stationId: string, contestId: string): Promise<DoubleEntry> {
  // Read inside a transaction: the round and the accepted protocol of the same committed state.
  return store.write(async (writer) => {
    const { pending, accepted } = await readRecords(writer, stationId, contestId);
    return fromRecord(pending, accepted);
  });
}

/** The registered user behind a key: their role and commission, as the journal says. */
export async function actorOf(store: Store, fingerprint: string): Promise<Actor> {
  const registered = (await store.keys()).find((row) => row.fingerprint === fingerprint);
  if (registered === undefined) throw new StoreError('USER_UNKNOWN', { user: fingerprint }, 'keys');
  return { fingerprint, role: registered.role, commission: registered.commission };
}
