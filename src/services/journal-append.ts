import { eventHashOfText, eventLine, type SealedEvent, type UnsignedEvent } from '../journal/event.ts';
import { canonicalJson, rememberCanonicalText } from '../model/canonical-json.ts';
import { checkedEventBody, eventBodyOf, type JournalEvent, type JournalPayload } from '../journal/events.ts';
import { assertDefined } from '../law/assert.ts';
import {
  type Act,
  actDigestOfText,
  type ActScope,
  actScopeOf,
  type ActSigner,
  isCanonicalSignature,
  isUtcInstant,
  journalIdOf,
  signsLocally,
} from '../journal/act.ts';
import { type CodedRefusal, type RefusalParams, refuse } from '../model/refusal.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { ok, type Result } from '../model/result.ts';
import type { StoreWriter } from '../store/store.ts';
import { journalActScope } from '../store/act-scope.ts';
import { firstBadSignature, type SignedItem } from '../journal/verify-signatures.ts';
import type { Revocation } from '../tally/decisions.ts';
import { noteAppended } from './appended-events.ts';

export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();

/** One act a service plans: its payload and who signs it. */
export interface PlannedAct {
  readonly payload: JournalPayload;
  readonly signer: ActSigner;
  /** The act made ahead (src/services/intake-preparation.ts): `append` signs nothing, and compares its digest. */
  readonly prepared?: PreparedAct;
}

/**
 * An act digested at `at` and signed by its signer before `append` was called. `payloadText` is the canonical text of
 * its payload's body as it was digested: whoever prepares the act answers for it being that of `payload` (the journal
 * stores that text).
 */
export interface PreparedAct {
  readonly at: string;
  readonly payloadText: string;
  readonly digest: string;
  readonly signature: string;
}

/**
 * The longest journal line `append` writes, in bytes: a C2SP entry bundle gives each entry a 16-bit length
 * (docs/transparency-log.md), so a longer line could never be served as a tile.
 */
export const MAX_LINE_BYTES = 65_535;

/**
 * Appends acts to the chain inside a write transaction: seq and prev follow the locked head. Each run of
 * consecutive acts of one signer is signed together (a key file signs them on both cores); the signer holds the
 * key, never the service (docs/keys.md). An act is refused — and nothing is written — when its signer's key is not
 * registered or has been revoked (whatever time the act claims: the revocation's place in the journal decides), when
 * its time is not an instant as the journal writes one, when a signature is not canonical or does not verify, when
 * the journal already holds the same act (a replay, by act digest), or when its line would be too long to serve.
 * `registering` names keys this same append registers before they sign (the CEC's own key at init).
 */
export async function append(
  writer: StoreWriter,
  electionId: string,
  planned: readonly PlannedAct[],
  { registering = [] }: { registering?: readonly { fingerprint: string; publicKey: string }[] } = {},
): Promise<Result<JournalEvent[], CodedRefusal>> {
  const registeringKeys = new Map(registering.map((key) => [key.fingerprint, key.publicKey]));
  let head = await writer.head();
  const scope = await appendScope(writer, electionId, head.seq, planned);
  const revoked: ReadonlyMap<string, Revocation> =
    planned.length === 0 ? new Map() : (await writer.decisions()).revoked;
  const events: JournalEvent[] = [];
  /** What is checked against the registered keys: every signature that was not made here by a key file. */
  const toCheck: SignedItem[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < planned.length;) {
    const first = planned[start] as PlannedAct;
    const { signer } = first;
    const prepared = first.prepared !== undefined;
    let end = start;
    while (
      end < planned.length &&
      (planned[end] as PlannedAct).signer === signer &&
      ((planned[end] as PlannedAct).prepared !== undefined) === prepared
    )
      end += 1;
    const registered = registeringKeys.has(signer.fingerprint) ? null : await writer.signingKey(signer.fingerprint);
    const publicKey = registered?.publicKey ?? registeringKeys.get(signer.fingerprint);
    if (publicKey === undefined) return refuse('KEY_NOT_REGISTERED', { fingerprint: signer.fingerprint }, 'keys');
    // Revoked is revoked from the revocation's place in the journal on: an act appended after it is refused whatever
    // time it claims, since a thief can claim any (docs/keys.md, "Revocation").
    const revocation = revoked.get(signer.fingerprint);
    if (revocation !== undefined)
      return refuse('KEY_REVOKED', { fingerprint: signer.fingerprint, voidFrom: revocation.voidFrom }, 'keys');
    // A person whose account is disabled acts no more, with a key file as with a login (docs/server.md, "Disabling an
    // account"): the key stays registered, and its holder's acts are refused here, whichever command sends them.
    const holder = registered === null ? null : await writer.account(registered.holder);
    if (holder !== null && holder.disabledAt !== null)
      return refuse('AUTH_ACCOUNT_DISABLED', { user: holder.username }, 'keys');
    const run = prepared
      ? preparedRun(scope, planned.slice(start, end))
      : await signedRun(scope, planned.slice(start, end));
    if (!run.ok) return run;
    const { acts, digests, signatures } = run.value;
    for (const digest of digests) {
      if (seen.has(digest)) return refuse('ACT_REPLAYED', { digest }, 'keys');
      seen.add(digest);
    }
    if (signatures.length !== acts.length) throw new Error('a signer answered a different number of acts');
    const sealed = sealChain(
      acts.map((act, offset) => ({ ...act, seq: head.seq + offset + 1 })),
      head.hash,
      signatures,
    );
    const local = signsLocally(signer);
    if (!local)
      sealed.forEach((event, offset) =>
        toCheck.push({ seq: event.seq, hash: digests[offset] as string, signature: event.signature, publicKey }),
      );
    events.push(...(sealed as JournalEvent[]));
    head = { seq: head.seq + sealed.length, hash: sealed.at(-1)?.hash ?? head.hash };
    start = end;
  }
  for (const event of events) {
    // One spelling per signature: a decoder ignores the last character's unused bits, so without this one act could
    // come again under another spelling of its signature (docs/keys.md, "Replays").
    if (!isCanonicalSignature(event.signature))
      return refuse('ACT_SIGNATURE_NOT_CANONICAL', { fingerprint: event.actor }, 'keys');
    const bytes = lineBytes(event);
    if (bytes > MAX_LINE_BYTES)
      return refuse('JOURNAL_LINE_TOO_LONG', { type: event.type, bytes, max: MAX_LINE_BYTES }, 'keys');
  }
  // Each signature from a client checked against the author's registered key over the act as planned here: a payload
  // changed after its author signed it is refused, not journaled (docs/keys.md, "What a signature covers"). A key
  // file's own signatures are made here from these digests, by a key whose halves match its fingerprint (act.ts).
  const bad = await firstBadSignature(toCheck);
  if (bad !== null) {
    const event = events.find((candidate) => candidate.seq === bad);
    return refuse('ACT_SIGNATURE_INVALID', { fingerprint: event?.actor ?? '' }, 'keys');
  }
  // The same act (the same digest) the journal holds already is a replay, whatever its signature's spelling. A digest
  // covers the author and the time, so only the author's acts of that time are read: one look-up per run.
  for (const run of new Set(events.map((event) => `${event.actor} ${event.at}`))) {
    const [actor, at] = run.split(' ') as [string, string];
    for (const held of await writer.actsOf(actor, at)) {
      const digest = actDigestOfText(scope, { type: held.type, actor, at }, held.payload);
      if (seen.has(digest)) return refuse('ACT_REPLAYED', { digest }, 'keys');
    }
  }
  await writer.appendEvents(events);
  noteAppended(events);
  return ok(events);
}

/**
 * The scope every act of this append binds (docs/keys.md, "What a signature covers"): the journal id of the root
 * registration, which is the first act planned when the journal is empty, and the journal's first event otherwise. A
 * journal id anywhere else is a defect of the service that planned it: only the root's counts.
 */
async function appendScope(
  writer: StoreWriter,
  electionId: string,
  headSeq: number,
  planned: readonly PlannedAct[],
): Promise<ActScope> {
  planned.forEach(({ payload }, index) => {
    if ((headSeq > 0 || index > 0) && journalIdOf(payload) !== undefined)
      throw new Error('a journal id outside the root registration');
  });
  return headSeq === 0 ? actScopeOf(electionId, planned[0]) : journalActScope(writer, electionId);
}

interface SignedActs {
  readonly acts: readonly Act[];
  readonly digests: readonly string[];
  readonly signatures: readonly string[];
}

/**
 * A run of one signer's acts, each body checked against its schema, digested and signed now, at the signer's time.
 * The payload's canonical text is made once (and remembered with the payload): the digest, the chain hash and the
 * line's length are written around it, not serialised again (docs/tabulation.md, "Intake (`saylau ingest`)").
 */
async function signedRun(scope: ActScope, run: readonly PlannedAct[]): Promise<Result<SignedActs, CodedRefusal>> {
  const signer = (run[0] as PlannedAct).signer;
  const at = signer.at();
  if (!isUtcInstant(at)) return refuse('ACT_TIME_INVALID', { at: at.slice(0, 40) }, 'keys');
  const acts: Act[] = run.map(({ payload }) => ({ ...checkedEventBody(payload), actor: signer.fingerprint, at }));
  const digests = acts.map((act) => actDigestOfText(scope, act, canonicalJson(act.payload)));
  const signatures = await signer.sign(acts, digests);
  return signatures.ok ? ok({ acts, digests, signatures: signatures.value }) : signatures;
}

/**
 * A run of acts made ahead, as they were signed: each payload journaled as the text that was digested. The digest is
 * made again here from that text, the author and the time, and must be the one signed — so that what is journaled is
 * what was signed whoever prepared it, and a signature from elsewhere is checked over the act journaled.
 */
function preparedRun(scope: ActScope, run: readonly PlannedAct[]): Result<SignedActs, CodedRefusal> {
  const acts: Act[] = [];
  const digests: string[] = [];
  // A run's acts were made at one time, mostly: each time checked once.
  let timeChecked: string | null = null;
  for (const { payload, signer, prepared } of run) {
    const made = assertDefined(prepared);
    if (made.at !== timeChecked) {
      if (!isUtcInstant(made.at)) return refuse('ACT_TIME_INVALID', { at: made.at.slice(0, 40) }, 'keys');
      timeChecked = made.at;
    }
    const body = eventBodyOf(payload);
    rememberCanonicalText(body.payload, made.payloadText);
    const act = { ...body, actor: signer.fingerprint, at: made.at };
    const digest = actDigestOfText(scope, act, made.payloadText);
    if (digest !== made.digest) throw new Error(`a ${body.type} act made ahead was signed over another digest`);
    acts.push(act);
    digests.push(digest);
  }
  return ok({ acts, digests, signatures: run.map(({ prepared }) => assertDefined(prepared).signature) });
}

/**
 * The length in bytes of an event's journal line (`eventLine`), written around its payload's remembered text — or a
 * bound under the limit when the line is surely short: a UTF-16 unit is at most 3 bytes of UTF-8.
 */
function lineBytes(event: SealedEvent): number {
  const { actor, at, type } = event;
  const payload = canonicalJson(event.payload);
  const bound = 3 * (payload.length + actor.length + at.length + type.length) + 512;
  return bound <= MAX_LINE_BYTES ? bound : Buffer.byteLength(eventLine(event));
}

/** Hashes a run in order, each event's prev the hash before it, with the signatures its author made. */
export function sealChain<E extends Omit<UnsignedEvent, 'prev'>>(
  run: readonly E[],
  prev: string,
  signatures: readonly string[],
): (E & SealedEvent)[] {
  return run.map((event, index) => {
    const unsigned = { ...event, prev };
    const hash = eventHashOfText(unsigned, canonicalJson(unsigned.payload));
    prev = hash;
    return { ...unsigned, hash, signature: signatures[index] as string };
  });
}

/**
 * A batch of an import refused as a whole by `append` (the signer's key revoked, a signature over other acts): its
 * code and parameters, thrown out of the batch's transaction for the edge (CLI, API) to show.
 */
export class BatchRefused extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: RefusalParams,
  ) {
    super(code);
  }
}
