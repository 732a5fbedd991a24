import { readFileSync } from 'node:fs';
import { cliText } from '../../i18n/cli-text.ts';
import { type ActSigner, isUtcInstant, keySigner } from '../../journal/act.ts';
import { KEY_ROLES, type KeyRole } from '../../journal/events.ts';
import { readKeyFile, writeKeyFile } from '../../journal/key-file.ts';
import type { SigningKey } from '../../journal/keys.ts';
import { loadElection } from '../../services/election-service.ts';
import { registerKey, revokeKey } from '../../services/key-service.ts';
import { asCliInputError, CliRefusal, okOrRefuse } from '../cli-refusal.ts';
import { reportInputError } from '../run-document-command.ts';
import type { CliContext } from '../context.ts';
import { type DbOptions, withStore } from './store-commands.ts';

// Key files on the command line (docs/keys.md): `saylau keygen`, `saylau keys register | revoke`, and the `--key FILE`
// every command that makes an act takes — its author's key, found among the registered keys by its fingerprint.

/** The author of a command's acts: the key file of `--key`, refused by name when missing or unreadable. */
export function authorKey(options: { readonly key?: string }, flag = '--key'): { key: SigningKey; signer: ActSigner } {
  if (options.key === undefined) throw new CliRefusal('KEY_FILE_REQUIRED', {}, flag);
  const read = readKeyFile(options.key);
  if (!read.ok) throw new CliRefusal(read.error.code, read.error.params, flag);
  return { key: read.value, signer: keySigner(read.value) };
}

/** `saylau keygen --out FILE`: a new key file (0600, never over another) and its `.pub`; the public half printed. */
export function runKeygen(options: { readonly out: string; readonly json?: boolean }, context: CliContext): number {
  const written = writeKeyFile(options.out);
  if (!written.ok) {
    reportInputError(asCliInputError(written.error), options, context);
    return 1;
  }
  const key = written.value;
  context.io.stdout(
    options.json === true
      ? `${JSON.stringify({ path: options.out, publicKey: key.publicKey, fingerprint: key.fingerprint })}\n`
      : `${cliText('keygenDone', context.language, { path: options.out, pub: `${options.out}.pub`, publicKey: key.publicKey, fingerprint: key.fingerprint })}\n`,
  );
  return 0;
}

/** The public key of `--public-key`, or read from the `.pub` file of `--from`. */
function publicKeyOf(options: { readonly publicKey?: string; readonly from?: string }): string {
  if (options.publicKey !== undefined) return options.publicKey.trim();
  if (options.from === undefined)
    throw new CliRefusal('INPUT_MISSING_FIELD', { field: '--public-key' }, '--public-key');
  try {
    return readFileSync(options.from, 'utf8').trim();
  } catch {
    throw new CliRefusal('KEY_FILE_UNREADABLE', { path: options.from }, '--from');
  }
}

/** `saylau keys register --holder ID --role ROLE [--commission C] --public-key KEY|--from FILE.pub --key KEY_FILE`. */
export function runKeysRegister(
  options: DbOptions & {
    readonly holder: string;
    readonly role: string;
    readonly commission?: string;
    readonly publicKey?: string;
    readonly from?: string;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    if (!(KEY_ROLES as readonly string[]).includes(options.role))
      throw new CliRefusal('INPUT_INVALID_VALUE', { field: '--role', expected: KEY_ROLES.join(', ') }, '--role');
    const publicKey = publicKeyOf(options);
    const { signer } = authorKey(options);
    const { definition } = await loadElection(store);
    const { fingerprint } = okOrRefuse(
      await registerKey({
        store,
        election: definition,
        signer,
        key: {
          holder: options.holder,
          role: options.role as KeyRole,
          commission: options.commission ?? null,
          publicKey,
        },
      }),
    );
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify({ holder: options.holder, role: options.role, fingerprint })}\n`
        : `${cliText('keyRegisteredText', context.language, { holder: options.holder, role: options.role, fingerprint })}\n`,
    );
    return 0;
  });
}

/**
 * An instant in UTC as a person types it (`2023-03-19T21:00Z`, `…:00Z`, `…:00.000Z`), in the one spelling the journal
 * keeps; anything else — another offset, no zone, a day that does not exist — is refused, never guessed.
 */
export function utcInstantOf(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d{3})?)?Z$/.exec(text.trim());
  const instant = match === null ? '' : `${match[1]}${match[2] ?? ':00'}${match[3] === undefined ? '.000' : ''}Z`;
  if (!isUtcInstant(instant))
    throw new CliRefusal('KEY_VOID_FROM_INVALID', { voidFrom: text.slice(0, 40) }, '--void-from');
  return instant;
}

/** `saylau keys revoke --fingerprint F --reason TEXT [--void-from ISO] --key KEY_FILE`. */
export function runKeysRevoke(
  options: DbOptions & { readonly fingerprint: string; readonly reason: string; readonly voidFrom?: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const reason = options.reason.trim();
    if (reason === '') throw new CliRefusal('INPUT_MISSING_FIELD', { field: '--reason' }, '--reason');
    const voidFrom = options.voidFrom === undefined ? new Date().toISOString() : utcInstantOf(options.voidFrom);
    const { signer } = authorKey(options);
    const { definition } = await loadElection(store);
    const { seq } = okOrRefuse(
      await revokeKey({ store, election: definition, signer, fingerprint: options.fingerprint, reason, voidFrom }),
    );
    context.io.stdout(
      `${cliText('keyRevokedText', context.language, { fingerprint: options.fingerprint, voidFrom, seq })}\n`,
    );
    return 0;
  });
}
