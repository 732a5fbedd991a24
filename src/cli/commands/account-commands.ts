import { cliText } from '../../i18n/cli-text.ts';
import { ApiError } from '../../server/api-error.ts';
import { hashPassword } from '../../server/auth.ts';
import { endSessions, setAccountDisabled, setPassword } from '../../services/account-service.ts';
import { loadElection } from '../../services/election-service.ts';
import { authorKey } from './key-commands.ts';
import { CliRefusal, okOrRefuse } from '../cli-refusal.ts';
import type { CliContext } from '../context.ts';
import { type DbOptions, withStore } from './store-commands.ts';

/**
 * `saylau user disable | enable --id USER --reason TEXT --key FILE`: the key file's holder — the CEC, or an
 * administrator — is the authority here, and the journal records them as the one who did it (docs/keys.md).
 */
export function runUserDisable(
  options: DbOptions & { readonly id: string; readonly reason: string; readonly disabled: boolean },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    await store.migrate();
    const reason = options.reason.trim();
    if (reason === '') throw new CliRefusal('INPUT_MISSING_FIELD', { field: '--reason' }, '--reason');
    const { key, signer } = authorKey(options);
    const holder = (await store.keys()).find((row) => row.fingerprint === key.fingerprint)?.holder;
    if (holder === undefined) throw new CliRefusal('KEY_NOT_REGISTERED', { fingerprint: key.fingerprint }, '--key');
    const { election } = await loadElection(store);
    const { at, sessionsEnded } = okOrRefuse(
      await setAccountDisabled({
        store,
        electionId: election.event.id,
        signer,
        username: options.id,
        by: holder,
        reason,
        disabled: options.disabled,
      }),
    );
    context.io.stdout(
      `${cliText(options.disabled ? 'accountDisabled' : 'accountEnabled', context.language, { user: options.id, at, sessions: sessionsEnded })}\n`,
    );
    return 0;
  });
}

/** `saylau user password --id USER --password-file FILE`: a new password; every session of the account ends. */
export function runUserPassword(
  options: DbOptions & { readonly id: string; readonly passwordFile: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    await store.migrate();
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(context.io.readText(options.passwordFile).replace(/\r?\n$/, ''), options.id);
    } catch (error) {
      if (error instanceof ApiError) throw new CliRefusal(error.code, error.params, '--password-file');
      throw error;
    }
    const { sessionsEnded } = okOrRefuse(await setPassword({ store, username: options.id, passwordHash }));
    context.io.stdout(`${cliText('passwordSet', context.language, { user: options.id, sessions: sessionsEnded })}\n`);
    return 0;
  });
}

/** `saylau user end-sessions --id USER`: everyone logged in as USER logs in again. */
export function runUserEndSessions(options: DbOptions & { readonly id: string }, context: CliContext): Promise<number> {
  return withStore(options, context, async (store) => {
    await store.migrate();
    const { sessionsEnded } = okOrRefuse(await endSessions(store, options.id));
    context.io.stdout(`${cliText('sessionsEnded', context.language, { user: options.id, sessions: sessionsEnded })}\n`);
    return 0;
  });
}
