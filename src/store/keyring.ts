import { createHash } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { exportPrivateKey, generateSigningKey, importPrivateKey, type SigningKey } from '../journal/keys.ts';
import type { Election } from '../model/election.ts';

/**
 * Private keys of the CEC, the regional and territorial commissions and the users of one database.
 * Kept in a file beside the database (mode 0600), never in the journal or a bundle (SPEC §3).
 */
export interface Keyring {
  readonly cec: SigningKey;
  readonly commissions: ReadonlyMap<string, SigningKey>;
  readonly users: ReadonlyMap<string, SigningKey>;
}

export const IMPORTER = 'importer';

export function createKeyring(election: Election): Keyring {
  const commissions = new Map<string, SigningKey>();
  // Commissions that receive protocols or establish results; precinct commissions act through operators.
  for (const commission of election.commissions) if (commission.level !== 'precinct' && commission.level !== 'central') commissions.set(commission.id, generateSigningKey());
  return { cec: generateSigningKey(), commissions, users: new Map([[IMPORTER, generateSigningKey()]]) };
}

export function saveKeyring(path: string, keyring: Keyring): void {
  const document = {
    note: 'Private keys of a saylau database. Keep secret; never publish. The journal holds only the public halves.',
    cec: exportPrivateKey(keyring.cec),
    commissions: Object.fromEntries([...keyring.commissions].map(([id, key]) => [id, exportPrivateKey(key)])),
    users: Object.fromEntries([...keyring.users].map(([id, key]) => [id, exportPrivateKey(key)])),
  };
  // Written beside, synced, then renamed over: a crash leaves the old file or the new, never half.
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(document, null, 1)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function loadKeyring(path: string): Keyring {
  const document = JSON.parse(readFileSync(path, 'utf8')) as { cec: string; commissions: Record<string, string>; users: Record<string, string> };
  return {
    cec: importPrivateKey(document.cec),
    commissions: new Map(Object.entries(document.commissions).map(([id, pem]) => [id, importPrivateKey(pem)])),
    users: new Map(Object.entries(document.users).map(([id, pem]) => [id, importPrivateKey(pem)])),
  };
}

/**
 * The CEC's key alone, for what signs with nothing else (a bundle's attestation): reading every
 * key of a national keyring takes seconds (OpenSSL decodes each PEM).
 */
export function loadCecKey(path: string): SigningKey {
  return importPrivateKey((JSON.parse(readFileSync(path, 'utf8')) as { cec: string }).cec);
}

/** Where the keys of a database live unless `--keys` says otherwise. */
export function defaultKeyringPath(db: string): string {
  // One file per PostgreSQL database, named after its URL, so that two databases never share keys.
  return /^postgres(ql)?:\/\//.test(db) ? `saylau-keys-${createHash('sha256').update(db).digest('hex').slice(0, 12)}.json` : `${db}.keys.json`;
}
