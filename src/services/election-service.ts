import { createHash, randomBytes } from 'node:crypto';
import type { ActSigner } from '../journal/act.ts';
import { fingerprintOf } from '../journal/keys.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import { type Election, electionSchema } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { electionWithRegistry } from '../registration/effective-election.ts';
import { StoreError } from '../store/store-error.ts';
import type { Store, StoreReader } from '../store/store.ts';
import { append } from './journal-append.ts';

export const ELECTION_META = 'election';

/**
 * `saylau init`: the election definition into a new database, signed by the CEC. The CEC's key registers itself
 * first — the root an observer pins — then signs the definition; every other key is registered later, by its public
 * half (docs/keys.md, "Who registers whom"). The CEC's signer holds its key: the server never does.
 */
export async function initElection({
  store,
  electionText,
  cec,
  cecPublicKey,
  logKey,
  journalId = randomBytes(16).toString('hex'),
}: {
  store: Store;
  electionText: string;
  cec: ActSigner;
  /** The CEC's raw public key (base64url), whose fingerprint is `cec.fingerprint`. */
  cecPublicKey: string;
  /** The transparency log's key, registered by the CEC (docs/transparency-log.md, "Serving the log"). */
  logKey?: { readonly origin: string; readonly verifierKey: string };
  /**
   * The journal's id, which its root registration names and every act binds (docs/keys.md, "What a signature
   * covers"): random, so that two journals of one election (a rehearsal and the real night) never share an act. Given
   * only by tests that make two identical journals.
   */
  journalId?: string;
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
  if (fingerprintOf(cecPublicKey) !== cec.fingerprint)
    return refuse('PUBLIC_KEY_INVALID', { key: cecPublicKey.slice(0, 16) }, 'keys');
  const payloads = [
    {
      payload: {
        type: 'key-registered' as const,
        holder: 'cec',
        role: 'central-commission' as const,
        publicKey: cecPublicKey,
        fingerprint: cec.fingerprint,
        journal: journalId,
      },
      signer: cec,
    },
    {
      payload: {
        type: 'election-defined' as const,
        electionId: election.event.id,
        electionSha256: createHash('sha256').update(electionText).digest('hex'),
      },
      signer: cec,
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
            signer: cec,
          },
        ]),
  ];
  const events = await store.write(async (writer) => {
    // Decided under the chain-head lock, so that two concurrent inits cannot both write a root.
    const head = await writer.head();
    const existing = await store.meta(ELECTION_META);
    if (head.seq !== 0 || existing !== null)
      return refuse('STORE_ALREADY_INITIALISED', {
        election: existing === null ? '?' : (JSON.parse(existing) as Election).event.id,
      });
    const appended = await append(writer, election.event.id, payloads, {
      registering: [{ fingerprint: cec.fingerprint, publicKey: cecPublicKey }],
    });
    if (!appended.ok) return appended;
    await writer.setMeta(ELECTION_META, electionText);
    const state = emptyProjection();
    for (const event of appended.value) applyEvent(state, event, election);
    await writer.putKeys([...state.keys.values()]);
    return ok(appended.value.length);
  });
  if (!events.ok) return events;
  return ok({ electionId: election.event.id, cecFingerprint: cec.fingerprint, events: events.value });
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
