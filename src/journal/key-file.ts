import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import { exportPrivateKey, generateSigningKey, importPrivateKey, type SigningKey } from './keys.ts';

// A key file (docs/keys.md, "Key files"): one Ed25519 private key, PEM PKCS#8 — what `openssl genpkey -algorithm
// ed25519` writes and `openssl pkey` reads — kept by its holder, mode 0600. Its public half travels alone, as the
// raw 32 bytes in base64url (the `.pub` file beside it), to be registered in the journal.

/** The key in a key file, or a coded refusal when it cannot be read or is not an Ed25519 private key. */
export function readKeyFile(path: string): Result<SigningKey, CodedRefusal> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return refuse('KEY_FILE_UNREADABLE', { path }, 'keys');
  }
  try {
    const key = importPrivateKey(text);
    if (key.privateKey.asymmetricKeyType !== 'ed25519') return refuse('KEY_FILE_UNREADABLE', { path }, 'keys');
    return ok(key);
  } catch {
    return refuse('KEY_FILE_UNREADABLE', { path }, 'keys');
  }
}

/**
 * Writes a new key file and its `.pub`, never over an existing file: written beside under another name, synced, then
 * linked into place — a link fails if the name is taken, so two runs cannot both win, and a crash leaves no half file.
 * `durable: false` leaves out the sync, for keys that a crash may lose: the demo's, made afresh at every start.
 */
export function writeKeyFile(
  path: string,
  key: SigningKey = generateSigningKey(),
  { durable = true }: { durable?: boolean } = {},
): Result<SigningKey, CodedRefusal> {
  const written = writeNew(path, exportPrivateKey(key), 0o600, durable);
  if (!written.ok) return written;
  const pub = writeNew(`${path}.pub`, `${key.publicKey}\n`, 0o644, durable);
  if (!pub.ok) return pub;
  return ok(key);
}

function writeNew(path: string, text: string, mode: number, durable: boolean): Result<void, CodedRefusal> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'wx', mode);
  try {
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST'
      ? refuse('KEY_FILE_EXISTS', { path }, 'keys')
      : refuse('KEY_FILE_UNREADABLE', { path }, 'keys');
  } finally {
    unlinkSync(temporary);
  }
  return ok(undefined);
}
