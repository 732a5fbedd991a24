import type { ActSigner } from '../journal/act.ts';
import type { PersonRole } from '../journal/events.ts';
import type { Election } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import type { Store } from '../store/store.ts';
import { authorOf, notAuthorised } from './act-author.ts';
import { append } from './journal-append.ts';
import { registerKeyIn } from './key-service.ts';

/**
 * Registers a person: their public key, made where they are (`saylau keygen`, or the browser), registered in the
 * journal by the CEC or an administrator (docs/keys.md, "Who registers whom"), and — with a password hash — the
 * server account that logs in with it, in the same transaction. Operators and chairs act for a commission;
 * administrators and observers for none. The server never holds the private key.
 */
export async function addUser({
  store,
  election,
  signer,
  id,
  role,
  commission,
  publicKey,
  passwordHash,
}: {
  store: Store;
  election: Election;
  /** The registering authority's signer: the CEC's key file, or an administrator's. */
  signer: ActSigner;
  id: string;
  role: PersonRole;
  commission: string | null;
  /** The person's raw Ed25519 public key, base64url. */
  publicKey: string;
  passwordHash?: string;
}): Promise<Result<{ fingerprint: string; commission: string | null }, CodedRefusal>> {
  const wrongCommission = commissionRefusal(election, role, commission);
  if (wrongCommission !== null) return wrongCommission;
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
    const registered = await registerKeyIn(writer, election, signer, { holder: id, role, commission, publicKey });
    if (!registered.ok) return registered;
    if (passwordHash !== undefined) await writer.putAccount({ username: id, passwordHash, role, commission });
    return ok({ fingerprint: registered.value.fingerprint, commission });
  });
}

/** Operators and chairs act for a commission of the election; administrators and observers for none. */
function commissionRefusal(
  election: Election,
  role: PersonRole,
  commission: string | null,
): ReturnType<typeof refuse> | null {
  const scoped = role === 'operator' || role === 'chair';
  if (scoped && commission === null) return refuse('INPUT_MISSING_FIELD', {}, 'commission');
  // Refused rather than dropped: whoever named one expected it to mean something.
  if (!scoped && commission !== null) return refuse('ACCOUNT_COMMISSION_NOT_TAKEN', { role }, 'commission');
  if (commission !== null && !election.commissions.some((c) => c.id === commission))
    return refuse('DATASET_UNKNOWN_REFERENCE', { id: commission }, 'commission');
  return null;
}

/**
 * Disables a person's account, or enables it again: the CEC signs the journal's record of who did
 * it and why, the account row changes and (disabling) every session of it ends, all in one
 * transaction under the chain-head lock, so that two administrators cannot both do it.
 */
export async function setAccountDisabled({
  store,
  electionId,
  signer,
  username,
  by,
  reason,
  disabled,
}: {
  store: Store;
  electionId: string;
  /** The CEC's signer, or an administrator's (docs/keys.md, "Who registers whom"). */
  signer: ActSigner;
  username: string;
  /** The administrator's username, or `cec` from the CLI. */
  by: string;
  reason: string;
  disabled: boolean;
}): Promise<Result<{ at: string; sessionsEnded: number }, CodedRefusal>> {
  return store.write(async (writer) => {
    await writer.head();
    const account = await store.account(username);
    if (account === null) return unknownAccount(username);
    if (disabled && account.disabledAt !== null)
      return refuse('ACCOUNT_ALREADY_DISABLED', { user: username }, 'username');
    if (!disabled && account.disabledAt === null) return refuse('ACCOUNT_NOT_DISABLED', { user: username }, 'username');
    const author = await authorOf(writer, signer);
    if (!author.ok) return author;
    if (author.value.role !== 'central-commission' && author.value.role !== 'administrator')
      return { ok: false, error: notAuthorised(author.value, disabled ? 'account-disabled' : 'account-enabled') };
    const appended = await append(writer, electionId, [
      { payload: { type: disabled ? 'account-disabled' : 'account-enabled', holder: username, by, reason }, signer },
    ]);
    if (!appended.ok) return appended;
    const at = appended.value[0]?.at ?? '';
    await writer.updateAccount(username, { disabledAt: disabled ? at : null });
    return ok({ at, sessionsEnded: disabled ? await writer.deleteSessions(username) : 0 });
  });
}

/**
 * A new password hash (checked and hashed by the caller) and every session of the account ended
 * but `keepSession` (the one that changed its own password), in one transaction.
 */
export async function setPassword({
  store,
  username,
  passwordHash,
  keepSession,
}: {
  store: Store;
  username: string;
  passwordHash: string;
  keepSession?: string;
}): Promise<Result<{ sessionsEnded: number }, CodedRefusal>> {
  return store.write(async (writer) => {
    if ((await store.account(username)) === null) return unknownAccount(username);
    await writer.updateAccount(username, { passwordHash });
    return ok({ sessionsEnded: await writer.deleteSessions(username, keepSession) });
  });
}

/** Ends every session of an account (a lost laptop): the person logs in again. */
export async function endSessions(
  store: Store,
  username: string,
): Promise<Result<{ sessionsEnded: number }, CodedRefusal>> {
  return store.write(async (writer) => {
    if ((await store.account(username)) === null) return unknownAccount(username);
    return ok({ sessionsEnded: await writer.deleteSessions(username) });
  });
}

const unknownAccount = (username: string) => refuse('ACCOUNT_UNKNOWN', { user: username }, 'username');
