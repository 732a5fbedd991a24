import { createHash } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { exportPrivateKey, generateSigningKey, importPrivateKey, type SigningKey } from '../journal/keys.ts';
import type { Election } from '../model/election.ts';

/**
 * Private keys of the CEC, the regional and territorial commissions and the users of one database.
 * Kept in a file beside the database (mode 0600), never in the journal or a bundle (docs/tabulation.md).
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
  for (const commission of election.commissions)
    if (commission.level !== 'precinct' && commission.level !== 'central')
      commissions.set(commission.id, generateSigningKey());
  return { cec: generateSigningKey(), commissions, users: new Map([[IMPORTER, generateSigningKey()]]) };
}

export function saveKeyring(path: string, keyring: Keyring): void {
  const document = {
    note: 'Private keys of a saylau database. Keep secret; never publish. The journal holds only the public halves.',
    cec: exportPrivateKey(keyring.cec),
    commissions: encoded(keyring.commissions),
    users: encoded(keyring.users),
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
  const document = JSON.parse(readFileSync(path, 'utf8')) as {
    cec: string;
    commissions: Record<string, string>;
    users: Record<string, string>;
  };
  return {
    cec: importPrivateKey(document.cec),
    commissions: new KeyMap(Object.entries(document.commissions)),
    users: new KeyMap(Object.entries(document.users)),
  };
}

/**
 * Keys by holder as read from the file, each decoded the first time it is used: a national keyring
 * holds 3,333 keys and OpenSSL takes about 1.5 ms to decode one, so decoding them all would stop a
 * server's event loop for seconds at its first write. Iterating decodes them all; saving does not.
 */
export class KeyMap implements ReadonlyMap<string, SigningKey> {
  private readonly pems: Map<string, string>;
  private readonly decoded = new Map<string, SigningKey>();

  constructor(pems: Iterable<readonly [string, string]>, decoded: Iterable<readonly [string, SigningKey]> = []) {
    this.pems = new Map(pems);
    for (const [id, key] of decoded) {
      this.pems.set(id, exportPrivateKey(key));
      this.decoded.set(id, key);
    }
  }

  get size(): number {
    return this.pems.size;
  }

  has(id: string): boolean {
    return this.pems.has(id);
  }

  get(id: string): SigningKey | undefined {
    const known = this.decoded.get(id);
    if (known !== undefined) return known;
    const pem = this.pems.get(id);
    if (pem === undefined) return undefined;
    const key = importPrivateKey(pem);
    this.decoded.set(id, key);
    return key;
  }

  /** The key as the file holds it, without decoding it. */
  pem(id: string): string | undefined {
    return this.pems.get(id);
  }

  /** A new map with one more key, sharing what this one has read. */
  with(id: string, key: SigningKey): KeyMap {
    const next = new KeyMap(this.pems, [[id, key]]);
    for (const [known, decoded] of this.decoded) next.decoded.set(known, decoded);
    return next;
  }

  private all(): Map<string, SigningKey> {
    return new Map([...this.pems.keys()].map((id) => [id, this.get(id) as SigningKey]));
  }

  keys(): MapIterator<string> {
    return this.pems.keys();
  }

  values(): MapIterator<SigningKey> {
    return this.all().values();
  }

  entries(): MapIterator<[string, SigningKey]> {
    return this.all().entries();
  }

  [Symbol.iterator](): MapIterator<[string, SigningKey]> {
    return this.entries();
  }

  forEach(callback: (key: SigningKey, id: string, map: ReadonlyMap<string, SigningKey>) => void): void {
    for (const [id, key] of this.all()) callback(key, id, this);
  }
}

/** `keys` with one more, without decoding the others. */
export function withKey(
  keys: ReadonlyMap<string, SigningKey>,
  id: string,
  key: SigningKey,
): ReadonlyMap<string, SigningKey> {
  return keys instanceof KeyMap ? keys.with(id, key) : new Map([...keys, [id, key]]);
}

function encoded(keys: ReadonlyMap<string, SigningKey>): Record<string, string> {
  return Object.fromEntries(
    [...keys.keys()].map((id) => [
      id,
      (keys instanceof KeyMap ? keys.pem(id) : undefined) ?? exportPrivateKey(keys.get(id) as SigningKey),
    ]),
  );
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
  return /^postgres(ql)?:\/\//.test(db)
    ? `saylau-keys-${createHash('sha256').update(db).digest('hex').slice(0, 12)}.json`
    : `${db}.keys.json`;
}
