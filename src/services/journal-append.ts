import { eventHash, type SealedEvent, type UnsignedEvent } from '../journal/event.ts';
import type { z } from 'zod';
import {
  eventBodyOf,
  type JournalEvent,
  type JournalEventBody,
  type JournalPayload,
  journalPayloadSchemas,
} from '../journal/events.ts';
import { type Act, actDigest, type ActSigner } from '../journal/act.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import type { StoreWriter } from '../store/store.ts';
import { firstBadSignature } from '../journal/verify-signatures.ts';
import type { Revocation } from '../tally/decisions.ts';
import { noteAppended } from './appended-events.ts';

export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();

/** One act a service plans: its payload and who signs it. */
export interface PlannedAct {
  readonly payload: JournalPayload;
  readonly signer: ActSigner;
}

/**
 * Appends acts to the chain inside a write transaction: seq and prev follow the locked head. Each run of
 * consecutive acts of one signer is signed together (a key file signs them on both cores); the signer holds the
 * key, never the service (docs/keys.md). An act is refused — and nothing is written — when its signer's key is not
 * registered, is revoked from a time at or before the act's, or when the journal already holds the act (a replay).
 * `registering` names keys this same append registers before they sign (the CEC's own key at init). Every
 * signature is checked against the author's registered key before anything is written.
 */
export async function append(
  writer: StoreWriter,
  electionId: string,
  planned: readonly PlannedAct[],
  { registering = [] }: { registering?: readonly { fingerprint: string; publicKey: string }[] } = {},
): Promise<Result<JournalEvent[], CodedRefusal>> {
  const registeringKeys = new Map(registering.map((key) => [key.fingerprint, key.publicKey]));
  let head = await writer.head();
  const revoked: ReadonlyMap<string, Revocation> =
    planned.length === 0 ? new Map() : (await writer.decisions()).revoked;
  const events: JournalEvent[] = [];
  const digestsOf: string[] = [];
  const publicKeys = new Map<string, string>();
  const seen = new Set<string>();
  for (let start = 0; start < planned.length;) {
    const signer = (planned[start] as PlannedAct).signer;
    let end = start;
    while (end < planned.length && (planned[end] as PlannedAct).signer === signer) end += 1;
    const author = await authorRefusal(writer, signer.fingerprint, [...registeringKeys.keys()]);
    if (author !== null) return author;
    if (!publicKeys.has(signer.fingerprint)) {
      const key = await writer.signingKey(signer.fingerprint);
      publicKeys.set(signer.fingerprint, key?.publicKey ?? registeringKeys.get(signer.fingerprint) ?? '');
    }
    const at = signer.at();
    const revocation = revoked.get(signer.fingerprint);
    if (revocation !== undefined && Date.parse(at) >= Date.parse(revocation.voidFrom))
      return refuse('KEY_REVOKED', { fingerprint: signer.fingerprint, voidFrom: revocation.voidFrom }, 'keys');
    const acts: Act[] = planned
      .slice(start, end)
      .map(({ payload }) => ({ ...checkedBody(payload), actor: signer.fingerprint, at }));
    const digests = acts.map((act) => actDigest(electionId, act));
    for (const digest of digests) {
      if (seen.has(digest)) return refuse('ACT_REPLAYED', { digest }, 'keys');
      seen.add(digest);
    }
    digestsOf.push(...digests);
    const signatures = await signer.sign(acts, digests);
    if (!signatures.ok) return signatures;
    if (signatures.value.length !== acts.length) throw new Error('a signer answered a different number of acts');
    const sealed = sealChain(
      acts.map((act, offset) => ({ ...act, seq: head.seq + offset + 1 })),
      head.hash,
      signatures.value,
    );
    events.push(...(sealed as JournalEvent[]));
    head = { seq: head.seq + sealed.length, hash: sealed.at(-1)?.hash ?? head.hash };
    start = end;
  }
  // Each signature checked against the author's registered key over the act as planned here: a payload changed after
  // its author signed it is refused, not journaled (docs/keys.md, "What a signature covers").
  const bad = await firstBadSignature(
    events.map((event, index) => ({
      seq: event.seq,
      hash: digestsOf[index] as string,
      signature: event.signature,
      publicKey: publicKeys.get(event.actor) ?? '',
    })),
  );
  if (bad !== null) {
    const event = events.find((candidate) => candidate.seq === bad);
    return refuse('ACT_SIGNATURE_INVALID', { fingerprint: event?.actor ?? '' }, 'keys');
  }
  // A signature the journal holds already is an act it holds already: Ed25519 signs one digest one way, and only the
  // author can sign a digest at all (docs/keys.md, "Replays").
  const replayed = [...(await writer.knownSignatures(events.map((event) => event.signature)))][0];
  if (replayed !== undefined) {
    const event = events.find((candidate) => candidate.signature === replayed);
    return refuse('ACT_REPLAYED', { digest: event === undefined ? '' : event.hash }, 'keys');
  }
  await writer.appendEvents(events);
  noteAppended(events);
  return ok(events);
}

/** Why the key `fingerprint` may not author an act now, or null. */
async function authorRefusal(
  writer: StoreWriter,
  fingerprint: string,
  registering: readonly string[],
): Promise<{ readonly ok: false; readonly error: CodedRefusal } | null> {
  if (registering.includes(fingerprint)) return null;
  if ((await writer.signingKey(fingerprint)) === null) return refuse('KEY_NOT_REGISTERED', { fingerprint }, 'keys');
  return null;
}

/**
 * The payload apart from its type, checked against the schema every reader parses it with: a payload the code built
 * wrong would otherwise be signed, then refused by the integrity check at the next start and by `verify` — a defect
 * stopped before it is signed (docs/tabulation.md, "The journal").
 */
function checkedBody(payload: JournalPayload): JournalEventBody {
  const body = eventBodyOf(payload);
  const schema: z.ZodType = journalPayloadSchemas[body.type];
  const parsed = schema.safeParse(body.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`a ${body.type} event does not fit its schema: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return body;
}

/** Hashes a run in order, each event's prev the hash before it, with the signatures its author made. */
export function sealChain<E extends Omit<UnsignedEvent, 'prev'>>(
  run: readonly E[],
  prev: string,
  signatures: readonly string[],
): (E & SealedEvent)[] {
  return run.map((event, index) => {
    const unsigned = { ...event, prev };
    const hash = eventHash(unsigned);
    prev = hash;
    return { ...unsigned, hash, signature: signatures[index] as string };
  });
}
