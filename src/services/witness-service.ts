import type { SigningKey } from '../journal/keys.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';
import type { CosignatureRow, Store } from '../store/store.ts';
import {
  cosignatureTimestamp,
  MAX_SIGNATURES,
  type NoteSignature,
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseNote,
} from '../tlog/index.ts';
import { witnessVerifier } from '../witness/witness-key.ts';
import { append, type Clock, systemClock } from './journal-append.ts';
import { keySigner } from '../journal/act.ts';
import { cecAuthorOf } from './act-author.ts';
import { loadElection } from './election-service.ts';
import { assertDefined } from '../law/assert.ts';
import { type RegisteredWitness, WitnessRegistry } from '../witness/witness-registry.ts';

// Witnesses (docs/witness.md): the CEC registers observers' witness keys in the journal; the log keeps the
// cosignatures of registered witnesses on the checkpoints it signed, and serves them with the checkpoint.

export type { RegisteredWitness };

/** The journal's witnesses, read in order: what was registered, and what of it was deregistered. */
async function witnessRegistry(store: Pick<Store, 'eventsOfType'>): Promise<WitnessRegistry> {
  const registry = new WitnessRegistry();
  const events = [
    ...(await store.eventsOfType('witness-registered')),
    ...(await store.eventsOfType('witness-deregistered')),
  ].sort((a, b) => a.seq - b.seq);
  for (const event of events) registry.apply(event);
  return registry;
}

/** The witnesses the CEC registered and has not deregistered, in the order it registered them. */
export async function registeredWitnesses(store: Pick<Store, 'eventsOfType'>): Promise<RegisteredWitness[]> {
  return (await witnessRegistry(store)).witnesses();
}

/**
 * The most witnesses a log registers: the checkpoint it serves carries its own signature and one cosignature of each,
 * and a signed note holds at most MAX_SIGNATURES (c2sp.org/signed-note; Go's note package stops there too), so a
 * 100th witness would make a checkpoint that no client opens.
 */
export const MAX_WITNESSES = MAX_SIGNATURES - 1;

/**
 * Journals `witness-registered`, signed by the CEC: from then on the log accepts this key's cosignatures. The key
 * must be a cosignature/v1 verifier key (type 0x04), never registered before, and its name not a current witness's.
 */
export async function registerWitness({
  store,
  cec,
  organisation,
  verifierKey,
  clock = systemClock,
}: {
  store: Store;
  cec: SigningKey;
  organisation: string;
  verifierKey: string;
  clock?: Clock;
}): Promise<Result<RegisteredWitness, CodedRefusal>> {
  const key = verifierKey.trim();
  const verifier = witnessVerifier(key);
  if (!verifier.ok) return verifier;
  if (organisation.trim() === '') return refuse('INPUT_EMPTY', {}, 'organisation');
  // The act is signed for this election (docs/keys.md, "What a signature covers").
  const electionId = (await loadElection(store)).definition.event.id;
  return store.write(async (writer) => {
    await writer.head();
    // Only the CEC admits a witness: `verify` fails a registration any other key signed (docs/witness.md).
    const author = await cecAuthorOf(writer, keySigner(cec), 'witness-registered');
    if (!author.ok) return author;
    const registry = await witnessRegistry(store);
    const known = registry.witnesses();
    if (registry.wasRegistered(key) || known.some((witness) => witness.name === verifier.value.name))
      return err({ code: 'WITNESS_ALREADY_REGISTERED', params: { name: verifier.value.name } });
    if (known.length >= MAX_WITNESSES) return err({ code: 'WITNESS_LIMIT_REACHED', params: { limit: MAX_WITNESSES } });
    const at = clock();
    const appended = await append(writer, electionId, [
      {
        payload: {
          type: 'witness-registered',
          organisation: organisation.trim(),
          name: verifier.value.name,
          verifierKey: key,
        },
        signer: keySigner(cec, () => at),
      },
    ]);
    if (!appended.ok) return appended;
    const event = appended.value[0];
    return ok({
      organisation: organisation.trim(),
      name: verifier.value.name,
      verifierKey: key,
      seq: event?.seq ?? 0,
      at,
    });
  });
}

/**
 * Journals `witness-deregistered`, signed by the CEC, with the reason (docs/witness.md, "Deregistering a witness"):
 * from then on the log refuses this key's cosignatures, the site no longer lists it, and its place counts no more
 * towards MAX_WITNESSES. Its cosignatures kept so far stay in the database, but no checkpoint is served with them.
 */
export async function deregisterWitness({
  store,
  cec,
  verifierKey,
  reason,
  clock = systemClock,
}: {
  store: Store;
  cec: SigningKey;
  verifierKey: string;
  reason: string;
  clock?: Clock;
}): Promise<Result<{ readonly name: string; readonly seq: number }, CodedRefusal>> {
  const key = verifierKey.trim();
  if (reason.trim() === '') return refuse('INPUT_EMPTY', {}, 'reason');
  const electionId = (await loadElection(store)).definition.event.id;
  return store.write(async (writer) => {
    await writer.head();
    const author = await cecAuthorOf(writer, keySigner(cec), 'witness-deregistered');
    if (!author.ok) return author;
    const witness = (await witnessRegistry(store)).witnesses().find((known) => known.verifierKey === key);
    if (witness === undefined) return err({ code: 'WITNESS_NOT_REGISTERED', params: { key: key.slice(0, 120) } });
    const appended = await append(writer, electionId, [
      {
        payload: { type: 'witness-deregistered', verifierKey: key, reason: reason.trim() },
        signer: keySigner(cec, clock),
      },
    ]);
    if (!appended.ok) return appended;
    return ok({ name: witness.name, seq: assertDefined(appended.value[0]).seq });
  });
}

/** What became of a cosignature posted: kept (`stored`), already kept, or refused with a code. */
type CosignatureOutcome = Result<{ size: number; name: string; stored: boolean }, CodedRefusal>;

/** How far in the future a cosignature's timestamp may be, for clocks that differ a little. */
const CLOCK_SKEW_SECONDS = 300;

/**
 * Keeps a witness's cosignature of a checkpoint the log signed: the checkpoint must be the one the log stored for
 * its size (byte for byte), the signature line must be a registered witness's, and it must verify over that
 * checkpoint. Nothing else is written; a second cosignature of one witness for one size keeps the first.
 */
export async function acceptCosignature({
  store,
  checkpoint,
  cosignature,
  now = () => Date.now(),
}: {
  store: Store;
  /** The checkpoint note the witness cosigned (the log's signature on it, perhaps others'). */
  checkpoint: string;
  /** The witness's signature line, `— <name> <base64>`. */
  cosignature: string;
  now?: () => number;
}): Promise<CosignatureOutcome> {
  const posted = parseNote(checkpoint);
  if (!posted.ok) return posted;
  const parsed = parseCheckpoint(posted.value.text);
  if (!parsed.ok) return parsed;
  const { size } = parsed.value;
  const stored = await store.checkpointAt(size);
  const storedNote = stored === null ? null : parseNote(stored.note);
  if (storedNote === null || !storedNote.ok || storedNote.value.text !== posted.value.text)
    return err({ code: 'COSIGNATURE_NO_CHECKPOINT', params: { size } });
  const line = cosignature.replace(/\n$/, '');
  if (line.includes('\n') || !line.startsWith('\u2014 '))
    return err({ code: 'COSIGNATURE_MALFORMED', params: { detail: 'one line "— <name> <base64>"' } });
  // Checked and kept under the chain head's lock, which a deregistration takes too: a key deregistered meanwhile is
  // refused here, not kept (docs/witness.md, "Deregistering a witness").
  return store.write(async (writer): Promise<CosignatureOutcome> => {
    await writer.head();
    const witnesses = await registeredWitnesses(store);
    const verifiers: { witness: RegisteredWitness; verifier: NoteVerifier }[] = [];
    for (const witness of witnesses) {
      const verifier = witnessVerifier(witness.verifierKey);
      if (verifier.ok) verifiers.push({ witness, verifier: verifier.value });
    }
    const opened = openNote(
      `${storedNote.value.text}\n${line}\n`,
      verifiers.map((entry) => entry.verifier),
    );
    if (!opened.ok) {
      const name = line.slice(2).split(' ')[0] ?? '';
      if (opened.error.code === 'TLOG_NOTE_UNVERIFIED')
        return err({ code: 'COSIGNATURE_UNKNOWN_WITNESS', params: { name } });
      if (opened.error.code === 'TLOG_NOTE_BAD_SIGNATURE')
        return err({ code: 'COSIGNATURE_INVALID', params: { name, size } });
      return err({ code: 'COSIGNATURE_MALFORMED', params: { detail: opened.error.code } });
    }
    const signature = opened.value.verified[0] as NoteSignature;
    const entry = verifiers.find(
      ({ verifier }) => verifier.name === signature.name && verifier.keyId === signature.keyId,
    );
    const timestamp = cosignatureTimestamp(signature);
    if (entry === undefined || !timestamp.ok)
      return err({ code: 'COSIGNATURE_MALFORMED', params: { detail: 'not a cosignature/v1 line' } });
    if (timestamp.value > Math.floor(now() / 1000) + CLOCK_SKEW_SECONDS)
      return err({ code: 'COSIGNATURE_FUTURE', params: { time: new Date(timestamp.value * 1000).toISOString() } });
    const row: CosignatureRow = {
      verifierKey: entry.witness.verifierKey,
      size,
      name: signature.name,
      cosignedAt: timestamp.value,
      line,
      receivedAt: new Date(now()).toISOString(),
    };
    return ok({ size, name: signature.name, stored: await writer.putCosignature(row) });
  });
}

/**
 * The checkpoint note of `size` as the log signed it, with the cosignature lines it has collected from the witnesses
 * registered now appended: a deregistered witness's key may be a thief's, and the note holds at most MAX_SIGNATURES.
 */
export async function cosignedCheckpoint(store: Store, note: string, size: number): Promise<string> {
  const current = new Set((await registeredWitnesses(store)).map((witness) => witness.verifierKey));
  const lines = (await store.cosignaturesOf(size))
    .filter((row) => current.has(row.verifierKey))
    .map((row) => `${row.line}\n`);
  const present = new Set(note.split('\n'));
  return `${note}${lines.filter((line) => !present.has(line.slice(0, -1))).join('')}`;
}

export interface WitnessStatus {
  readonly organisation: string;
  readonly name: string;
  readonly verifierKey: string;
  readonly registeredAt: string;
  /** The largest size it cosigned, null when none yet. */
  readonly size: number | null;
  /** Its cosignature's own time (ISO), null when none yet. */
  readonly cosignedAt: string | null;
  /** Entries of the latest checkpoint it has not cosigned: 0 when it cosigned the latest one. */
  readonly behind: number | null;
}

/** Each registered witness beside the latest checkpoint: what the site's "Witnesses" block shows. */
export async function witnessStatuses(
  store: Store,
): Promise<{ size: number; signedAt: string | null; witnesses: WitnessStatus[] }> {
  const latest = await store.latestCheckpoint();
  const size = latest?.size ?? 0;
  const cosigned = new Map((await store.latestCosignatures()).map((row) => [row.verifierKey, row]));
  const witnesses = (await registeredWitnesses(store)).map((witness): WitnessStatus => {
    const row = cosigned.get(witness.verifierKey);
    return {
      organisation: witness.organisation,
      name: witness.name,
      verifierKey: witness.verifierKey,
      registeredAt: witness.at,
      size: row?.size ?? null,
      cosignedAt: row === undefined ? null : new Date(row.cosignedAt * 1000).toISOString(),
      behind: row === undefined ? null : Math.max(0, size - row.size),
    };
  });
  return { size, signedAt: latest?.signedAt ?? null, witnesses };
}
