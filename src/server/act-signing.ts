import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { type Act, actDigest, type ActScope, type ActSigner, isUtcInstant } from '../journal/act.ts';
import { publicKeyObject, verifyDigest } from '../journal/keys.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { ApiError } from './api-error.ts';
import { asApiError } from './field-names.ts';

/**
 * Two-phase signing of acts over HTTP (docs/server.md, "Signing in the client"). A request that makes an act is sent
 * first without a signature: the service runs with a *preparing* signer, which refuses at the moment of signing, so
 * nothing is written, and the answer gives the acts the service planned. The client checks that they say what its
 * person did, signs their digests with the person's own key, and sends the same request again with `signed`: the
 * service runs again with a *presigned* signer, which accepts only signatures over exactly the acts it plans now.
 */

/** An act's time as the journal writes it (`Date.prototype.toISOString`): one spelling, so one digest. */
const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'not an ISO instant')
  .refine(isUtcInstant, 'not an ISO instant in UTC');
/** Canonical base64url only: one spelling per signature (`isCanonicalSignature`, docs/keys.md, "Replays"). */
const signature = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, 'not an Ed25519 signature in canonical base64url');

/** The signatures of phase 2: the time the acts were signed at, and one signature per act, in order. */
export const signedField = z.strictObject({ at: isoInstant, signatures: z.array(signature).min(1).max(16) });
/** The same for a request of many acts (an import, a decision on many nominations): one signature per act. */
export const bulkSignedField = z.strictObject({ at: isoInstant, signatures: z.array(signature).min(1).max(5000) });
export type Signed = z.infer<typeof bulkSignedField>;

/**
 * One act to sign, as phase 1 (and a 409) gives it: the act, its election and journal, and the digest the server
 * computed. `journal` is absent only in a journal made before journals had ids (docs/keys.md).
 */
export const actToSignSchema = z.strictObject({
  election: z.string(),
  journal: z.string().optional(),
  type: z.string(),
  actor: z.string(),
  at: z.string(),
  payload: z.unknown(),
  digest: z.string(),
});
export type ActToSign = z.infer<typeof actToSignSchema>;
export const toSignResponse = z.strictObject({ toSign: z.array(actToSignSchema) });

/** How far the client's clock may be from the server's (docs/server.md, "Signing in the client"). */
export const DEFAULT_SIGNING_SKEW_MS = 5 * 60_000;

const toSign = (scope: ActScope, acts: readonly Act[], digests: readonly string[]): ActToSign[] =>
  acts.map((act, index) => ({
    election: scope.election,
    ...(scope.journal === undefined ? {} : { journal: scope.journal }),
    type: act.type,
    actor: act.actor,
    at: act.at,
    payload: act.payload,
    digest: digests[index] ?? actDigest(scope, act),
  }));

/** Phase 1: records the acts the service plans and refuses to sign them, so that the service writes nothing. */
export class PreparingSigner implements ActSigner {
  planned: ActToSign[] | undefined;

  constructor(
    readonly fingerprint: string,
    private readonly scope: ActScope,
    private readonly now: string,
  ) {}

  at(): string {
    return this.now;
  }

  sign(acts: readonly Act[], digests: readonly string[]): Promise<Result<string[], CodedRefusal>> {
    this.planned = toSign(this.scope, acts, digests);
    return Promise.resolve(refuse('ACT_SIGNATURE_REQUIRED'));
  }
}

/**
 * Phase 2: the client's signatures, checked over the acts the service plans now with the client's time. Any
 * difference — another payload, another count, another key, a signature over something else — refuses the whole
 * request (`ACT_SIGNATURE_MISMATCH`), and `planned` holds what the client would have to sign instead.
 */
export class PresignedSigner implements ActSigner {
  planned: ActToSign[] | undefined;
  private readonly key: KeyObject;

  constructor(
    readonly fingerprint: string,
    publicKey: string,
    private readonly scope: ActScope,
    private readonly signed: Signed,
  ) {
    this.key = publicKeyObject(publicKey);
  }

  at(): string {
    return this.signed.at;
  }

  sign(acts: readonly Act[], digests: readonly string[]): Promise<Result<string[], CodedRefusal>> {
    return Promise.resolve(this.check(acts, digests));
  }

  private check(acts: readonly Act[], digests: readonly string[]): Result<string[], CodedRefusal> {
    this.planned = toSign(this.scope, acts, digests);
    const signatures = this.signed.signatures;
    if (acts.length !== signatures.length)
      return refuse('ACT_SIGNATURE_MISMATCH', { planned: acts.length, signed: signatures.length });
    for (const [index, act] of acts.entries()) {
      // The digest is computed again here: the signer answers for what it checks, whatever the caller passed.
      const digest = actDigest(this.scope, act);
      if (
        act.actor !== this.fingerprint ||
        digest !== digests[index] ||
        !verifyDigest(digest, signatures[index] as string, this.key)
      )
        return refuse('ACT_SIGNATURE_MISMATCH', { planned: acts.length, signed: signatures.length });
    }
    // A replay — the same signed act sent again — is refused by the journal, which holds every signature it took
    // (services/journal-append.ts), across every server process.
    return ok([...signatures]);
  }
}

/** The client's time, refused when further from the server's than the skew allows. */
export function checkedSigningTime(signed: Signed, nowMs: number, skewMs: number): void {
  const at = Date.parse(signed.at);
  if (!Number.isFinite(at) || Math.abs(at - nowMs) > skewMs)
    throw new ApiError(
      'ACT_TIME_SKEW',
      { at: signed.at, now: new Date(nowMs).toISOString(), minutes: Math.round(skewMs / 60_000) },
      'signed.at',
    );
}

/** What a two-phase route answers: the acts to sign (phase 1), or what the service did (phase 2). */
export type SignedOutcome<T> = { readonly prepared: ActToSign[] } | { readonly done: T };

/** The person's registered key, as the journal holds it: what the presigned signer checks against. */
export interface SigningIdentity {
  readonly fingerprint: string;
  readonly publicKey: string;
}

/**
 * Runs `service` twice over, as the request says: without `signed` with a preparing signer, whose planned acts are
 * answered; with it, with a presigned signer. A refusal of the service (its own, or the signer's) is thrown as the
 * API's refusal; a mismatch carries the acts to sign now.
 */
export async function runSigned<T>({
  identity,
  scope,
  signed,
  skewMs,
  nowMs = Date.now,
  service,
}: {
  identity: SigningIdentity;
  /** The election and journal the acts count in: what every digest binds. */
  scope: ActScope;
  signed: Signed | undefined;
  skewMs: number;
  nowMs?: () => number;
  service: (signer: ActSigner) => Promise<Result<T, CodedRefusal>>;
}): Promise<SignedOutcome<T>> {
  if (signed === undefined) {
    const preparing = new PreparingSigner(identity.fingerprint, scope, new Date(nowMs()).toISOString());
    const outcome = await service(preparing);
    // A request that plans no act (an import whose every protocol is refused, say) journals nothing: its answer
    // stands as it is. One that planned acts yet succeeded would have written unsigned: a defect.
    if (outcome.ok) {
      if (preparing.planned === undefined) return { done: outcome.value };
      throw new Error('a service wrote without asking its signer');
    }
    if (outcome.error.code === 'ACT_SIGNATURE_REQUIRED' && preparing.planned !== undefined)
      return { prepared: preparing.planned };
    throw asApiError(outcome.error);
  }
  checkedSigningTime(signed, nowMs(), skewMs);
  const presigned = new PresignedSigner(identity.fingerprint, identity.publicKey, scope, signed);
  const outcome = await service(presigned);
  if (outcome.ok) return { done: outcome.value };
  if (outcome.error.code === 'ACT_SIGNATURE_MISMATCH' && presigned.planned !== undefined) {
    const refusal = asApiError(outcome.error);
    throw new ApiError(refusal.code, refusal.params, 'signed', presigned.planned);
  }
  throw asApiError(outcome.error);
}
