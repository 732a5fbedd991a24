import type { JournalPayload } from '../journal/events.ts';
import type { SigningKey } from '../journal/keys.ts';
import { applyEvent, emptyProjection, protocolKeyOf } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import {
  type Actor,
  decideEntry,
  type EntryAction,
  type EntryDecision,
  type PendingEntry,
} from '../tally/entry-flow.ts';
import { indexElection } from '../tally/intake.ts';
import { append, type Clock, systemClock } from '../services/journal-append.ts';
import { writeChanges } from './projection-writes.ts';
import { StoreError } from './store-error.ts';
import type { Store } from './store.ts';

/**
 * One step of the life of a protocol by a person (SPEC §2.8): an entry, a resolution or an
 * acceptance, decided against the state committed before it (the chain head is locked first) and
 * journaled with the user's signature; a refusal is returned and changes nothing.
 */
export async function submitEntry({
  store,
  election,
  action,
  key,
  clock = systemClock,
}: {
  store: Store;
  election: Election;
  action: EntryAction;
  key: SigningKey;
  clock?: Clock;
}): Promise<EntryDecision> {
  const index = indexElection(election);
  const parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
  const target =
    action.kind === 'accept'
      ? { stationId: action.stationId, contestId: action.contestId }
      : (action.document as { stationId?: unknown; contestId?: unknown } | null);
  const stationId = typeof target?.stationId === 'string' ? target.stationId : '';
  const contestId = typeof target?.contestId === 'string' ? target.contestId : '';
  const protocolKey = protocolKeyOf(stationId, contestId);
  return store.write(async (writer) => {
    await writer.head();
    const state = emptyProjection();
    const current = (await writer.protocols([[stationId, contestId]])).get(protocolKey);
    if (current !== undefined) state.protocols.set(protocolKey, current);
    const pending = (await writer.entries([[stationId, contestId]])).get(protocolKey);
    state.entries.set(protocolKey, pending);
    const decision = decideEntry(action, { index, parents, current, pending });
    const payload: JournalPayload | null =
      decision.kind === 'entered'
        ? { type: 'protocol-entered', protocol: decision.protocol, entry: decision.entry, reason: decision.reason }
        : decision.kind === 'resolved'
          ? { type: 'protocol-resolved', protocol: decision.protocol }
          : decision.kind === 'accepted'
            ? {
                type: 'protocol-accepted',
                protocol: decision.protocol,
                acknowledged: decision.acknowledged,
                via: 'entry',
                reason: decision.reason,
              }
            : null;
    if (payload === null) return decision;
    if (decision.kind === 'accepted')
      for (const [id, totals] of await writer.contestTotals([contestId])) state.totals.set(id, totals);
    const events = await append(writer, [{ payload, key }], clock());
    for (const event of events) applyEvent(state, event, election);
    await writeChanges(writer, state);
    return decision;
  });
}

/** The pending double entry of one protocol, as committed: what a console shows for comparison. */
export async function pendingEntry(
  store: Store,
  stationId: string,
  contestId: string,
): Promise<PendingEntry | undefined> {
  return store.write(async (writer) =>
    (await writer.entries([[stationId, contestId]])).get(protocolKeyOf(stationId, contestId)),
  );
}

/** The registered user behind a key: their role and commission, as the journal says. */
export async function actorOf(store: Store, key: SigningKey): Promise<Actor> {
  const registered = (await store.keys()).find((row) => row.fingerprint === key.fingerprint);
  if (registered === undefined) throw new StoreError('USER_UNKNOWN', { user: key.fingerprint });
  return { fingerprint: key.fingerprint, role: registered.role, commission: registered.commission };
}
