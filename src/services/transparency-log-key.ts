import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { type CodedRefusal, refuse } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import {
  ed25519NoteSigner,
  formatSignerKey,
  isValidKeyName,
  type NoteSigner,
  parseSignerKey,
  verifierKeyOf,
} from '../tlog/index.ts';

// The log's signing key (docs/transparency-log.md, "Serving the log"): an Ed25519 note key named after the log's
// origin, in Go's note signer-key format, in a file of its own beside the database, mode 0600 — the one private key
// a server needs once signers hold their own keys.

export interface LogKey {
  /** The checkpoint origin line, which is also the key's name. */
  readonly origin: string;
  /** `<origin>+<key id>+<base64>`: what the CEC registers in the journal and observers pin. */
  readonly verifierKey: string;
  readonly signer: NoteSigner;
}

/** The origin a log gets unless `--log-origin` names another (a deployment's own host and path, say). */
export function defaultLogOrigin(electionId: string): string {
  return `saylau/${electionId}`;
}

/** Where the log key of a database lives unless `--log-key` says otherwise: beside the file, or named after the URL. */
export function defaultLogKeyPath(db: string): string {
  return /^postgres(ql)?:\/\//.test(db)
    ? `saylau-log-${createHash('sha256').update(db).digest('hex').slice(0, 12)}.log-key`
    : `${db}.log-key`;
}

/** A new key for a log of `origin`, as the text of its file. */
export function newLogKeyText(origin: string): Result<string, CodedRefusal> {
  if (!isValidKeyName(origin)) return refuse('LOG_ORIGIN_INVALID', { origin }, 'logOrigin');
  return ok(`${formatSignerKey(origin, new Uint8Array(randomBytes(32)))}\n`);
}

/** A key file's text as a key, or a refusal naming what is wrong with it. */
export function logKeyOf(text: string, path: string): Result<LogKey, CodedRefusal> {
  const parsed = parseSignerKey(text.trim());
  if (!parsed.ok) return refuse('LOG_KEY_UNREADABLE', { path, detail: parsed.error.code }, 'logKey');
  const key = parsed.value;
  return ok({ origin: key.name, verifierKey: verifierKeyOf(key), signer: ed25519NoteSigner(key.name, key.seed) });
}

/**
 * Writes a new key file: never over an existing one (LOG_KEY_EXISTS), written beside, synced, then renamed, so that
 * a crash leaves no key or the whole key, never half of one.
 */
export function saveNewLogKey(path: string, text: string): Result<true, CodedRefusal> {
  if (existsSync(path)) return refuse('LOG_KEY_EXISTS', { path }, 'logKey');
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return ok(true);
}

/** The key in a file; LOG_KEY_MISSING when there is none (a database made before the log: `saylau log-key init`). */
export function loadLogKey(path: string): Result<LogKey, CodedRefusal> {
  if (!existsSync(path)) return refuse('LOG_KEY_MISSING', { path }, 'logKey');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return refuse('LOG_KEY_UNREADABLE', { path, detail: (error as Error).message }, 'logKey');
  }
  return logKeyOf(text, path);
}
