import { createHash } from 'node:crypto';
import type { SigningKey } from '../journal/keys.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import { type Election, electionSchema } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { electionWithRegistry } from '../registration/effective-election.ts';
import type { Keyring } from '../store/keyring.ts';
import { StoreError } from '../store/store-error.ts';
import type { Store, StoreReader } from '../store/store.ts';
import { append, type Clock, systemClock } from './journal-append.ts';

const ELECTION_META = 'election';

/**
 * `saylau init`: the election definition and the commissions' public keys into a new database.
 * The CEC's key registers itself first — the root an observer pins — then signs the definition
 * and every other key.
 */
export async function initElection({
  store,
  electionText,
  keyring,
  logKey,
  clock = systemClock,
}: {
  store: Store;
  electionText: string;
  keyring: Keyring;
  /** The transparency log's key, registered by the CEC (docs/transparency-log.md, "Serving the log"). */
  logKey?: { readonly origin: string; readonly verifierKey: string };
  clock?: Clock;
}): Promise<Result<{ electionId: string; cecFingerprint: string; events: number }, CodedRefusal>> {
  const parsed = electionSchema.safeParse(parseOrUndefined(electionText));
  if (!parsed.success)
    return refuse(
      'DATASET_SCHEMA',
      { detail: `election.json: ${parsed.error.issues[0]?.message ?? 'not JSON'}` },
      'dataset',
    );
  const election = parsed.data;
  await store.migrate();
  const register = (holder: string, role: 'central-commission' | 'commission' | 'user', key: SigningKey) => ({
    payload: { type: 'key-registered' as const, holder, role, publicKey: key.publicKey, fingerprint: key.fingerprint },
    key: keyring.cec,
  });
  const payloads = [
    register('cec', 'central-commission', keyring.cec),
    {
      payload: {
        type: 'election-defined' as const,
        electionId: election.event.id,
        electionSha256: createHash('sha256').update(electionText).digest('hex'),
      },
      key: keyring.cec,
    },
    ...(logKey === undefined
      ? []
      : [
          {
            payload: {
              type: 'log-key-registered' as const,
              origin: logKey.origin,
              verifierKey: logKey.verifierKey,
            },
            key: keyring.cec,
          },
        ]),
    ...[...keyring.commissions].map(([id, key]) => register(id, 'commission', key)),
    ...[...keyring.users].map(([id, key]) => register(id, 'user', key)),
  ];
  const events = await store.write(async (writer) => {
    // Decided under the chain-head lock, so that two concurrent inits cannot both write a root.
    const head = await writer.head();
    const existing = await store.meta(ELECTION_META);
    if (head.seq !== 0 || existing !== null)
      return refuse('STORE_ALREADY_INITIALISED', {
        election: existing === null ? '?' : (JSON.parse(existing) as Election).event.id,
      });
    await writer.setMeta(ELECTION_META, electionText);
    const appended = await append(writer, payloads, clock());
    const state = emptyProjection();
    for (const event of appended) applyEvent(state, event, election);
    await writer.putKeys([...state.keys.values()]);
    return ok(appended.length);
  });
  if (!events.ok) return events;
  return ok({ electionId: election.event.id, cecFingerprint: keyring.cec.fingerprint, events: events.value });
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The election a database holds: `definition` as the CEC signed it (`text`), and `election`, the
 * same with the ballots registration in this journal has made (src/registration).
 */
export async function loadElection(
  store: StoreReader,
): Promise<{ election: Election; definition: Election; text: string }> {
  let text: string | null;
  try {
    text = await store.meta(ELECTION_META);
  } catch {
    // No tables: nothing was ever initialised here.
    text = null;
  }
  if (text === null) throw new StoreError('STORE_NOT_INITIALISED');
  const definition = electionSchema.parse(JSON.parse(text));
  // Every schema version has the registry table (src/store/schema.ts): a failure to read it is an error, never
  // "nothing registered", which would put the definition's ballots in place of the registered ones.
  const registry = await store.registry();
  return { election: electionWithRegistry(definition, registry), definition, text };
}
