import { generateSigningKey, type SigningKey } from '../journal/keys.ts';
import type { PersonRole } from '../journal/events.ts';
import { applyEvent, emptyProjection } from '../journal/projection.ts';
import type { Election } from '../model/election.ts';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { type Keyring, withKey } from '../store/keyring.ts';
import type { Store } from '../store/store.ts';
import { append, type Clock, systemClock } from './journal-append.ts';

/**
 * Registers a person: a new key, signed into the journal by the CEC, and — with a password hash —
 * the server account that signs with it, in the same transaction. Operators and chairs act for a
 * commission; administrators and observers for none. `reloadKeyring` reads the key file again
 * under the chain-head lock, so that two server processes adding people never lose each other's keys.
 */
export async function addUser({
  store,
  election,
  keyring,
  id,
  role,
  commission,
  passwordHash,
  clock = systemClock,
  beforeCommit,
  reloadKeyring,
}: {
  store: Store;
  election: Election;
  keyring: Keyring;
  id: string;
  role: PersonRole;
  commission: string | null;
  passwordHash?: string;
  clock?: Clock;
  beforeCommit?: (next: Keyring) => void;
  reloadKeyring?: () => Keyring;
}): Promise<Result<{ keyring: Keyring; fingerprint: string; commission: string | null }, CodedRefusal>> {
  const wrongCommission = commissionRefusal(election, role, commission);
  if (wrongCommission !== null) return wrongCommission;
  const key = generateSigningKey();
  return store.write(async (writer) => {
    await writer.head();
    const base = reloadKeyring?.() ?? keyring;
    // A user's id can be neither a commission's nor another user's: authority is read from it.
    if (
      base.users.has(id) ||
      id === 'cec' ||
      election.commissions.some((c) => c.id === id) ||
      (await store.keys()).some((row) => row.holder === id) ||
      (await store.account(id)) !== null
    )
      return refuse('DATASET_DUPLICATE_ID', { id }, 'username');
    const next = { ...base, users: withKey(base.users, id, key) };
    const events = await append(
      writer,
      [
        {
          payload: {
            type: 'key-registered',
            holder: id,
            role,
            publicKey: key.publicKey,
            fingerprint: key.fingerprint,
            commission,
          },
          key: keyring.cec,
        },
      ],
      clock(),
    );
    const state = emptyProjection();
    for (const event of events) applyEvent(state, event, election);
    await writer.putKeys([...state.keys.values()]);
    if (passwordHash !== undefined) await writer.putAccount({ username: id, passwordHash, role, commission });
    beforeCommit?.(next);
    return ok({ keyring: next, fingerprint: key.fingerprint, commission });
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
  cec,
  username,
  by,
  reason,
  disabled,
  clock = systemClock,
}: {
  store: Store;
  cec: SigningKey;
  username: string;
  /** The administrator's username, or `cec` from the CLI. */
  by: string;
  reason: string;
  disabled: boolean;
  clock?: Clock;
}): Promise<Result<{ at: string; sessionsEnded: number }, CodedRefusal>> {
  return store.write(async (writer) => {
    await writer.head();
    const account = await store.account(username);
    if (account === null) return unknownAccount(username);
    if (disabled && account.disabledAt !== null)
      return refuse('ACCOUNT_ALREADY_DISABLED', { user: username }, 'username');
    if (!disabled && account.disabledAt === null) return refuse('ACCOUNT_NOT_DISABLED', { user: username }, 'username');
    const at = clock();
    await append(
      writer,
      [
        {
          payload: { type: disabled ? 'account-disabled' : 'account-enabled', holder: username, by, reason },
          key: cec,
        },
      ],
      at,
    );
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
