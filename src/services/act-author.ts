import type { ActSigner } from '../journal/act.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import type { RegisteredKey, StoreWriter } from '../store/store.ts';
import type { Actor } from '../tally/entry-authority.ts';

/**
 * The registered key behind a signer, read under the chain-head lock: who is about to author an act. A key never
 * registered authors nothing (docs/keys.md, "Who registers whom").
 */
export async function authorOf(writer: StoreWriter, signer: ActSigner): Promise<Result<RegisteredKey, CodedRefusal>> {
  const key = await writer.signingKey(signer.fingerprint);
  if (key === null) return refuse('KEY_NOT_REGISTERED', { fingerprint: signer.fingerprint }, 'keys');
  return ok(key);
}

/**
 * The CEC's registered key behind a signer, for an act only the CEC makes (`act`: a witness's or the log key's
 * registration); any other key is refused as `verify` would refuse its act.
 */
export async function cecAuthorOf(
  writer: StoreWriter,
  signer: ActSigner,
  act: string,
): Promise<Result<RegisteredKey, CodedRefusal>> {
  const author = await authorOf(writer, signer);
  if (!author.ok || author.value.role === 'central-commission') return author;
  return { ok: false, error: notAuthorised(author.value, act) };
}

/** The refusal of an act its author's key is not entitled to. */
export function notAuthorised(author: RegisteredKey, act: string): CodedRefusal {
  return { code: 'KEY_NOT_AUTHORISED', params: { holder: author.holder, act }, subject: 'keys' };
}

/** Who a registered key acts as under the rules of entry (src/tally/entry-authority.ts): a commission's key for it. */
export function entryActorOf(author: RegisteredKey): Actor {
  return {
    fingerprint: author.fingerprint,
    role: author.role,
    commission: author.role === 'commission' ? author.holder : author.commission,
  };
}
