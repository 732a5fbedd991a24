import { createHash, hash, type KeyObject } from 'node:crypto';
import { ACT_FORMAT, type ActScope, actText, JOURNAL_ACT_FORMAT } from '../model/act-text.ts';
import type { CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { signDigests } from './parallel-signer.ts';
import { fingerprintOf, publicKeyObject, signDigest, type SigningKey, verifyDigest } from './keys.ts';

// What an author signs (docs/keys.md, "What a signature covers"): the act — what it did, when, in which
// election — and not its place in the journal (seq, prev), which only the log knows. The journal's
// `hash`/`prev` chain stays as it is (src/journal/event.ts); an event's `signature` is the author's
// signature over the act digest.

export { ACT_FORMAT, type ActScope, JOURNAL_ACT_FORMAT } from '../model/act-text.ts';

/** One act as its author signs it: the event without its place in the chain. */
export interface Act {
  readonly type: string;
  /** SHA-256 fingerprint of the author's raw public key (src/journal/keys.ts). */
  readonly actor: string;
  /** The author's time, ISO 8601. */
  readonly at: string;
  /** The payload without its type, as events carry it. */
  readonly payload: unknown;
}

/** SHA-256 of the canonical JSON of the act in its election and journal, hex: the 32 bytes signed. */
export function actDigest(scope: ActScope, act: Act): string {
  return hash('sha256', actText(scope, act), 'hex');
}

/**
 * The same digest from a payload already in canonical JSON text, as the store keeps it: the keys in RFC 8785 order
 * written around it, so that a check of a whole journal does not serialise every payload again. Text that is not
 * canonical gives another digest — as an edited payload should.
 */
export function actDigestOfText(scope: ActScope, act: Omit<Act, 'payload'>, payloadText: string): string {
  const format = scope.journal === undefined ? ACT_FORMAT : JOURNAL_ACT_FORMAT;
  const journal = scope.journal === undefined ? '' : `,"journal":${JSON.stringify(scope.journal)}`;
  const where = `{"act":${JSON.stringify(format)},"actor":${JSON.stringify(act.actor)},"at":${JSON.stringify(act.at)},"election":${JSON.stringify(scope.election)}${journal}`;
  // One-shot: a hash object per act was a third of the cost of digesting it (src/tlog/merkle.ts, `sha256`).
  return hash('sha256', `${where},"payload":${payloadText},"type":${JSON.stringify(act.type)}}`, 'hex');
}

/**
 * The scope of a journal's acts, from its election and its first event: the journal id the CEC's root registration
 * names, if it names one (docs/keys.md, "What a signature covers"). Only the first event's id counts.
 */
export function actScopeOf(electionId: string, root: { readonly payload: unknown } | undefined): ActScope {
  const journal = journalIdOf(root?.payload);
  return journal === undefined ? { election: electionId } : { election: electionId, journal };
}

/** The journal id a key registration's payload names, if any (only the root's counts). */
export function journalIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('journal' in payload)) return undefined;
  return typeof payload.journal === 'string' ? payload.journal : undefined;
}

/**
 * Whether `text` is an instant as the journal writes one (`Date.prototype.toISOString`, UTC, milliseconds): one
 * spelling per instant, so one digest per act, and no date a lenient parser would roll over (2023-02-30 is not
 * 2023-03-02). docs/keys.md, "What a signature covers".
 */
export function isUtcInstant(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false;
  const time = Date.parse(text);
  return Number.isFinite(time) && new Date(time).toISOString() === text;
}

/**
 * Whether `signature` is an Ed25519 signature (64 bytes) in canonical base64url: 86 characters, no padding, and a
 * last character whose 4 unused bits are zero (A, Q, g or w). Decoders ignore those bits, so without this rule one
 * signature would have 16 spellings, and one act could be sent again under another (docs/keys.md, "Replays").
 */
export function isCanonicalSignature(signature: string): boolean {
  return /^[A-Za-z0-9_-]{85}[AQgw]$/.test(signature);
}

/** Keys whose halves were found to match, once each. */
const matchedKeys = new WeakSet<SigningKey>();

/**
 * A key's fingerprint is of its public half, and its private half signs what that public half verifies — checked once
 * per key, so that `append` may take a key file's signatures as made (its registered key is found by the fingerprint).
 */
function checkHalves(key: SigningKey): void {
  if (matchedKeys.has(key)) return;
  const probe = createHash('sha256').update(ACT_FORMAT).digest('hex');
  if (
    fingerprintOf(key.publicKey) !== key.fingerprint ||
    !verifyDigest(probe, signDigest(probe, key), publicKeyObject(key.publicKey))
  )
    throw new Error('a signing key whose fingerprint or halves do not match');
  matchedKeys.add(key);
}

/**
 * Signers whose signatures this process makes itself, from the digests `append` gave them (see `signsLocally`), each
 * with its key, which leaves this module only for a thread that signs (`keyForSigningThread`).
 */
const localSigners = new WeakMap<ActSigner, SigningKey>();

/**
 * Whether `signer` signs in this process with a private key whose fingerprint is its own (a key file of the CLI or
 * the demo, its halves checked when the signer was made): its signatures are made from the digests `append` computed,
 * so `append` need not check them again.
 * Every signature that comes from elsewhere — a client over HTTP — is checked (src/services/journal-append.ts).
 */
export function signsLocally(signer: ActSigner): boolean {
  return localSigners.has(signer);
}

/**
 * Who signs the acts a service plans. The service never holds a key: it asks its signer (a key file on the
 * author's machine; a client's signature made before the request; a preparing signer that only records what would
 * be signed) and appends what comes back.
 */
export interface ActSigner {
  readonly fingerprint: string;
  /** The time the acts are signed at: the clock for a key file, the client's for a presigned act. */
  at(): string;
  /** Signs each act's digest, in order; refuses (e.g. a presigned act that differs from what the service planned). */
  sign(acts: readonly Act[], digests: readonly string[]): Promise<Result<string[], CodedRefusal>>;
}

/**
 * A signer over a private key this process holds: the CLI's key file, a demo client's. Many digests are signed
 * on both cores (src/journal/parallel-signer.ts).
 */
export function keySigner(key: SigningKey, clock: () => string = () => new Date().toISOString()): ActSigner {
  checkHalves(key);
  const signer: ActSigner = {
    fingerprint: key.fingerprint,
    at: clock,
    sign: async (_acts, digests) => ok(await signDigests(digests, key)),
  };
  localSigners.set(signer, key);
  return signer;
}

/**
 * The private key of a signer that signs in this process (`signsLocally`), to be posted to a thread that signs its acts
 * ahead of `append` (src/services/intake-preparation.ts), which then takes those signatures as made. Null for any other
 * signer, whose signatures are its own business.
 */
export function keyForSigningThread(signer: ActSigner): KeyObject | null {
  return localSigners.get(signer)?.privateKey ?? null;
}
