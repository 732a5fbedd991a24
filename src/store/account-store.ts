import type { SigningKey } from '../journal/keys.ts';
import { StoreError } from './store-error.ts';
import type { Store } from './store.ts';
import { append, type Clock, systemClock } from './tabulator.ts';

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
}): Promise<{ at: string; sessionsEnded: number }> {
  return store.write(async (writer) => {
    await writer.head();
    const account = await store.account(username);
    if (account === null) throw new StoreError('ACCOUNT_UNKNOWN', { user: username }, 'username');
    if (disabled && account.disabledAt !== null)
      throw new StoreError('ACCOUNT_ALREADY_DISABLED', { user: username }, 'username');
    if (!disabled && account.disabledAt === null)
      throw new StoreError('ACCOUNT_NOT_DISABLED', { user: username }, 'username');
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
    return { at, sessionsEnded: disabled ? await writer.deleteSessions(username) : 0 };
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
}): Promise<{ sessionsEnded: number }> {
  return store.write(async (writer) => {
    if ((await store.account(username)) === null)
      throw new StoreError('ACCOUNT_UNKNOWN', { user: username }, 'username');
    await writer.updateAccount(username, { passwordHash });
    return { sessionsEnded: await writer.deleteSessions(username, keepSession) };
  });
}

/** Ends every session of an account (a lost laptop): the person logs in again. */
export async function endSessions(store: Store, username: string): Promise<{ sessionsEnded: number }> {
  return store.write(async (writer) => {
    if ((await store.account(username)) === null)
      throw new StoreError('ACCOUNT_UNKNOWN', { user: username }, 'username');
    return { sessionsEnded: await writer.deleteSessions(username) };
  });
}
