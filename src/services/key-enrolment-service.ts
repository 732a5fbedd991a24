import { z } from 'zod';
import type { ActSigner } from '../journal/act.ts';
import { PERSON_ROLES, type PersonRole } from '../journal/events.ts';
import { registerKeyIn } from './key-service.ts';
import { fingerprintOf } from '../journal/keys.ts';
import type { Election } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import type { RegisteredKey, Store, StoreWriter } from '../store/store.ts';

/**
 * Keys made where their person is (docs/server.md, "Signing in the client"): a person's browser sends the public half
 * of a key it made, which waits here — not in the journal, and able to sign nothing — until the registering authority
 * compares its fingerprint with the person (by phone, on paper) and registers it with a journaled, signed act.
 */
export interface PendingKey {
  readonly username: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  /** When the browser sent it (the server's clock). */
  readonly at: string;
}

/** The waiting keys, one per account, kept as one row of the store's `meta` table (they are few, and short-lived). */
const PENDING = 'pending-keys';
const pendingSchema = z.record(
  z.string(),
  z.strictObject({ username: z.string(), publicKey: z.string(), fingerprint: z.string(), at: z.string() }),
);

/** A raw Ed25519 public key in base64url: 32 bytes, so 43 characters without padding. */
const RAW_PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;

async function readPending(store: Store): Promise<Record<string, PendingKey>> {
  const text = await store.meta(PENDING);
  return text === null ? {} : pendingSchema.parse(JSON.parse(text));
}

async function writePending(writer: StoreWriter, pending: Record<string, PendingKey>): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(pending).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writer.setMeta(PENDING, JSON.stringify(sorted));
}

/** Every key waiting for registration, by username. */
export async function pendingKeys(store: Store): Promise<PendingKey[]> {
  return Object.values(await readPending(store));
}

/**
 * The person's registered key now: the one of theirs the journal registered and has not revoked (a replacement is
 * registered only once the key before it is revoked, so there is at most one).
 */
export async function currentKeyOf(
  store: Pick<Store, 'liveKeyOf'>,
  username: string,
): Promise<RegisteredKey | undefined> {
  return (await store.liveKeyOf(username)) ?? undefined;
}

/** What the server knows of a person's key: the registered one and the one waiting, if any. */
export async function keyStatus(
  store: Store,
  username: string,
): Promise<{ registered: RegisteredKey | undefined; pending: PendingKey | undefined }> {
  return {
    registered: await currentKeyOf(store, username),
    pending: (await readPending(store))[username],
  };
}

/**
 * A person's public key, sent from their browser, to wait for registration. It replaces a key they sent before and
 * that is not registered yet (a browser whose storage was cleared makes a new one); the registered key, if any, stays
 * in force until its authority revokes it.
 */
export async function submitPendingKey({
  store,
  username,
  publicKey,
  now,
}: {
  store: Store;
  username: string;
  publicKey: string;
  now: string;
}): Promise<Result<PendingKey | null, CodedRefusal>> {
  if (!RAW_PUBLIC_KEY.test(publicKey) || Buffer.from(publicKey, 'base64url').length !== 32)
    return refuse('PUBLIC_KEY_INVALID', { key: publicKey.slice(0, 60) });
  const fingerprint = fingerprintOf(publicKey);
  return store.write(async (writer) => {
    await writer.head();
    const keys = await store.keys();
    if (keys.some((row) => row.fingerprint === fingerprint)) {
      // The key this person holds already: nothing waits.
      if ((await currentKeyOf(store, username))?.fingerprint === fingerprint) return ok(null);
      return refuse('KEY_ALREADY_REGISTERED', { fingerprint });
    }
    const pending = await readPending(store);
    const entry: PendingKey = { username, publicKey, fingerprint, at: now };
    await writePending(writer, { ...pending, [username]: entry });
    return ok(entry);
  });
}

/**
 * Registers the key waiting for `username`, whose fingerprint the authority compared (`fingerprint`): a
 * `key-registered` act signed by the authority's own signer, journaled with the account's role and commission.
 * Refused when another key waits now (the person made a new one meanwhile) or the person holds a registered key
 * (its authority revokes it first, docs/keys.md).
 */
export async function registerPendingKey({
  store,
  election,
  username,
  fingerprint,
  signer,
}: {
  store: Store;
  election: Election;
  username: string;
  fingerprint: string;
  signer: ActSigner;
}): Promise<Result<{ fingerprint: string }, CodedRefusal>> {
  return store.write(async (writer) => {
    await writer.head();
    const pending = await readPending(store);
    const waiting = pending[username];
    if (waiting === undefined) return refuse('KEY_PENDING_UNKNOWN', { user: username });
    if (waiting.fingerprint !== fingerprint)
      return refuse('KEY_PENDING_CHANGED', { user: username, fingerprint: waiting.fingerprint });
    const account = await store.account(username);
    if (account === null) return refuse('ACCOUNT_UNKNOWN', { username });
    const role = PERSON_ROLES.find((known) => known === account.role);
    if (role === undefined) throw new Error(`account ${username} has the unknown role ${account.role}`);
    // Who may register whom, and one live key per person, are the journal's rules (docs/keys.md, "Who registers whom",
    // "Revocation"), applied by registerKeyIn.
    const registered = await registerKeyIn(writer, election, signer, {
      holder: username,
      role,
      commission: account.commission,
      publicKey: waiting.publicKey,
    });
    if (!registered.ok) return registered;
    const rest = { ...pending };
    delete rest[username];
    await writePending(writer, rest);
    return ok({ fingerprint: registered.value.fingerprint });
  });
}

/**
 * A person's account whose key their browser will make at the first login: the account row only, nothing journaled
 * (accounts are not election state; the key's registration will be). The same checks as an account with a key.
 */
export async function addAccountAwaitingKey({
  store,
  election,
  id,
  role,
  commission,
  passwordHash,
}: {
  store: Store;
  election: Election;
  id: string;
  role: PersonRole;
  commission: string | null;
  passwordHash: string;
}): Promise<Result<{ commission: string | null }, CodedRefusal>> {
  const scoped = role === 'operator' || role === 'chair';
  if (scoped && commission === null) return refuse('INPUT_MISSING_FIELD', {}, 'commission');
  if (!scoped && commission !== null) return refuse('ACCOUNT_COMMISSION_NOT_TAKEN', { role }, 'commission');
  if (commission !== null && !election.commissions.some((c) => c.id === commission))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: commission }, 'commission');
  return store.write(async (writer) => {
    await writer.head();
    // A user's id can be neither a commission's nor another user's: authority is read from it.
    if (
      id === 'cec' ||
      election.commissions.some((c) => c.id === id) ||
      (await store.keys()).some((row) => row.holder === id) ||
      (await store.account(id)) !== null
    )
      return refuse('DATASET_DUPLICATE_ID', { id }, 'username');
    await writer.putAccount({ username: id, passwordHash, role, commission });
    return ok({ commission });
  });
}
