import { type ActSigner, isUtcInstant } from '../journal/act.ts';
import type { KeyRole } from '../journal/events.ts';
import { mayRegister, mayRevoke } from '../journal/key-authority.ts';
import { fingerprintOf } from '../journal/keys.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { writeChanges } from '../store/projection-writes.ts';
import type { Store, StoreWriter } from '../store/store.ts';
import { authorOf } from './act-author.ts';
import { append } from './journal-append.ts';

/** A key to register: its holder, role, the commission it acts for (chairs, operators), and its public half. */
export interface KeyToRegister {
  readonly holder: string;
  readonly role: KeyRole;
  readonly commission: string | null;
  /** Raw Ed25519 public key, base64url (the `.pub` of `saylau keygen`). */
  readonly publicKey: string;
}

/**
 * Registers a key by its public half, signed by the registering authority (docs/keys.md, "Who registers whom"), in
 * the caller's transaction: the key-registered act appended and the key's row written. The private half never
 * reaches the server.
 */
export async function registerKeyIn(
  writer: StoreWriter,
  election: Election,
  signer: ActSigner,
  key: KeyToRegister,
): Promise<Result<{ fingerprint: string }, CodedRefusal>> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(key.publicKey) || Buffer.from(key.publicKey, 'base64url').length !== 32)
    return refuse('PUBLIC_KEY_INVALID', { key: key.publicKey.slice(0, 16) }, 'keys');
  const fingerprint = fingerprintOf(key.publicKey);
  const author = await authorOf(writer, signer);
  if (!author.ok) return author;
  if (!mayRegister(author.value.role, key.role, key.commission))
    return refuse(
      'KEY_REGISTRATION_FORBIDDEN',
      { registrar: author.value.holder, registrarRole: author.value.role, role: key.role },
      'keys',
    );
  if ((await writer.signingKey(fingerprint)) !== null) return refuse('KEY_ALREADY_REGISTERED', { fingerprint }, 'keys');
  // One live key per holder: a replacement waits for the old key's revocation, which says from when the old one is
  // void (docs/keys.md, "Revocation"); `verify` holds the journal to the same rule.
  const live = await writer.liveKeyOf(key.holder);
  if (live !== null)
    return refuse('KEY_REPLACEMENT_NEEDS_REVOCATION', { user: key.holder, fingerprint: live.fingerprint }, 'keys');
  if (key.commission !== null && !election.commissions.some((c) => c.id === key.commission))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: key.commission }, 'commission');
  const appended = await append(writer, election.event.id, [
    {
      payload: {
        type: 'key-registered',
        holder: key.holder,
        role: key.role,
        publicKey: key.publicKey,
        fingerprint,
        ...(key.commission === null ? {} : { commission: key.commission }),
      },
      signer,
    },
  ]);
  if (!appended.ok) return appended;
  const state = emptyProjection();
  for (const event of appended.value) applyEvent(state, event, election);
  await writer.putKeys([...state.keys.values()]);
  return ok({ fingerprint });
}

/** `saylau keys register`: one key registered in its own transaction. */
export async function registerKey({
  store,
  election,
  signer,
  key,
}: {
  store: Store;
  election: Election;
  signer: ActSigner;
  key: KeyToRegister;
}): Promise<Result<{ fingerprint: string }, CodedRefusal>> {
  await store.migrate();
  return store.write(async (writer) => {
    await writer.head();
    return registerKeyIn(writer, election, signer, key);
  });
}

/**
 * `saylau keys revoke`: a lost or stolen key revoked by the authority that registers such keys (or the CEC). Every act
 * signed with it is refused from now on, by append and by `verify`, whatever time it claims; acts the journal already
 * holds stay, and `verify` lists those dated from `voidFrom` on (docs/keys.md, "Revocation").
 */
export async function revokeKey({
  store,
  election,
  signer,
  fingerprint,
  reason,
  voidFrom,
}: {
  store: Store;
  election: Election;
  signer: ActSigner;
  fingerprint: string;
  reason: string;
  voidFrom: string;
}): Promise<Result<{ seq: number }, CodedRefusal>> {
  // One spelling of an instant, in UTC, as every reader of the journal parses it (docs/keys.md, "Revocation").
  if (!isUtcInstant(voidFrom)) return refuse('KEY_VOID_FROM_INVALID', { voidFrom: voidFrom.slice(0, 40) }, 'keys');
  await store.migrate();
  return store.write(async (writer) => {
    await writer.head();
    const author = await authorOf(writer, signer);
    if (!author.ok) return author;
    const target = await writer.signingKey(fingerprint);
    if (target === null) return refuse('KEY_NOT_REGISTERED', { fingerprint }, 'keys');
    if (!mayRevoke(author.value.role, target.role, target.commission ?? null))
      return refuse('KEY_REVOCATION_FORBIDDEN', { fingerprint }, 'keys');
    if ((await writer.decisions()).revoked.has(fingerprint))
      return refuse('KEY_ALREADY_REVOKED', { fingerprint }, 'keys');
    const appended = await append(writer, election.event.id, [
      { payload: { type: 'key-revoked', fingerprint, by: author.value.holder, reason, voidFrom }, signer },
    ]);
    if (!appended.ok) return appended;
    const state = emptyProjection();
    for (const event of appended.value) applyEvent(state, event, election);
    await writeChanges(writer, state);
    return ok({ seq: appended.value[0]?.seq ?? 0 });
  });
}
