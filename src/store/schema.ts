import { GENESIS } from '../journal/event.ts';
import { StoreError } from './store-error.ts';

// The schema of the store, as an ordered list of versions (docs/tabulation.md, "Schema versions").
// A database records the version it is at in `meta`; opening it runs every later migration, in
// one transaction, on either engine. A migration is never edited once released: a change of the
// schema is a new version at the end of the list.

export interface Migration {
  readonly version: number;
  /** What the version changes, for a person reading the list. */
  readonly description: string;
  /** SQL both engines accept, run in order. */
  readonly statements: readonly string[];
}

export const SCHEMA_VERSION_META = 'schema_version';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'the journal, its head, the projections, accounts and sessions',
    statements: [
      `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS journal (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, prev TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, payload TEXT NOT NULL, signature TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS journal_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS signing_keys (fingerprint TEXT PRIMARY KEY, holder TEXT NOT NULL, role TEXT NOT NULL, public_key TEXT NOT NULL, commission TEXT)`,
      `CREATE TABLE IF NOT EXISTS decisions (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS registry (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS protocol_entries (station_id TEXT NOT NULL, contest_id TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (station_id, contest_id))`,
      `CREATE TABLE IF NOT EXISTS protocols (station_id TEXT NOT NULL, contest_id TEXT NOT NULL, version INTEGER NOT NULL, content TEXT NOT NULL, event_seq BIGINT NOT NULL, PRIMARY KEY (station_id, contest_id))`,
      `CREATE TABLE IF NOT EXISTS contest_totals (contest_id TEXT PRIMARY KEY, totals TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS accounts (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL, commission TEXT)`,
      `CREATE TABLE IF NOT EXISTS sessions (token_sha256 TEXT PRIMARY KEY, username TEXT NOT NULL, expires_at TEXT NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS sessions_by_username ON sessions (username)`,
      `CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at)`,
      `INSERT INTO journal_head (id, seq, hash) VALUES (1, 0, '${GENESIS}') ON CONFLICT (id) DO NOTHING`,
    ],
  },
  {
    version: 2,
    description: 'an account may be disabled (accounts.disabled_at)',
    statements: [`ALTER TABLE accounts ADD COLUMN disabled_at TEXT`],
  },
  {
    version: 3,
    description: 'the checkpoints the transparency log signed, one per tree size, never changed (checkpoints)',
    // The primary key on size is the rule "never two roots for one size" in the database itself
    // (docs/transparency-log.md, "Serving the log"); rows are only ever inserted.
    statements: [
      `CREATE TABLE IF NOT EXISTS checkpoints (size BIGINT PRIMARY KEY CHECK (size > 0), root TEXT NOT NULL, note TEXT NOT NULL, signed_at TEXT NOT NULL)`,
    ],
  },
  {
    version: 4,
    description: 'the cosignatures of registered witnesses on the checkpoints the log signed (docs/witness.md)',
    statements: [
      `CREATE TABLE IF NOT EXISTS cosignatures (verifier_key TEXT NOT NULL, size BIGINT NOT NULL, name TEXT NOT NULL, cosigned_at BIGINT NOT NULL, line TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (verifier_key, size))`,
      `CREATE INDEX IF NOT EXISTS cosignatures_by_size ON cosignatures (size)`,
      // Registered witnesses are read from the journal by type, on every cosignature received.
      `CREATE INDEX IF NOT EXISTS journal_by_type ON journal (type)`,
    ],
  },
  {
    version: 5,
    description:
      'the journal by author and time: a replayed act is found among those of its author at its time (docs/keys.md, "Replays")',
    // An act's digest covers its author and time, so the same act can only be among the author's acts of that time:
    // one short look-up per run of acts. Authors append at their clock's time, so the index grows at its end.
    statements: [`CREATE INDEX IF NOT EXISTS journal_by_actor_at ON journal (actor, at)`],
  },
  {
    version: 6,
    description: 'the keys by holder: a holder has one live key, looked up at each registration (docs/keys.md)',
    statements: [`CREATE INDEX IF NOT EXISTS signing_keys_by_holder ON signing_keys (holder)`],
  },
  {
    version: 7,
    description: 'the journal without a unique index on its hashes, which nothing reads and every append paid for',
    // Each hash covers the one before it, so two equal hashes cannot be appended without a rewrite the integrity
    // check finds anyway (docs/tabulation.md, "Schema versions"). An index of random hashes has its pages written
    // anew at every commit: without it a national ingest took a tenth less time. SQLite cannot drop a table's UNIQUE
    // constraint, so the table is copied into one without it, on both engines alike.
    statements: [
      // The chain head's row lock, which every writer takes first: no other node appends while the table is copied.
      `UPDATE journal_head SET seq = seq WHERE id = 1`,
      `CREATE TABLE journal_v7 (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL, prev TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, payload TEXT NOT NULL, signature TEXT NOT NULL)`,
      `INSERT INTO journal_v7 (seq, hash, prev, type, actor, at, payload, signature) SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal ORDER BY seq`,
      `DROP TABLE journal`,
      `ALTER TABLE journal_v7 RENAME TO journal`,
      `CREATE INDEX IF NOT EXISTS journal_by_type ON journal (type)`,
      `CREATE INDEX IF NOT EXISTS journal_by_actor_at ON journal (actor, at)`,
    ],
  },
  {
    version: 8,
    description:
      'the records of election day, one JSON text per key: turnout reports through the day (docs/law.md §10)',
    statements: [`CREATE TABLE IF NOT EXISTS election_day (key TEXT PRIMARY KEY, value TEXT NOT NULL)`],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
/** The version that made the records of election day: a database before it, not migrated yet, has none. */
export const ELECTION_DAY_SCHEMA = 8;

/** What the migration needs of a connection inside its transaction; each engine gives its own. */
export interface SchemaConnection {
  tableExists(table: string): Promise<boolean>;
  columnExists(table: string, column: string): Promise<boolean>;
  exec(statement: string): Promise<void>;
  /** `meta`'s value of a key; only called once the table exists. */
  meta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

/**
 * The version a database is at: 0 when it has no tables; recorded in `meta`; or, for a database
 * made before versions were recorded, told by what its tables have.
 */
export async function schemaVersionOf(db: SchemaConnection): Promise<{ version: number; recorded: boolean }> {
  if (!(await db.tableExists('meta'))) return { version: 0, recorded: false };
  const text = await db.meta(SCHEMA_VERSION_META);
  if (text !== null) return { version: Number(text), recorded: true };
  if (!(await db.tableExists('journal'))) return { version: 0, recorded: false };
  return { version: (await db.columnExists('accounts', 'disabled_at')) ? 2 : 1, recorded: false };
}

/** Refuses a database a later saylau has migrated: this one would not know what its tables mean. */
export function refuseNewer(version: number): void {
  if (version > SCHEMA_VERSION || !Number.isInteger(version) || version < 0)
    throw new StoreError('STORE_SCHEMA_NEWER', { found: String(version), supported: SCHEMA_VERSION });
}

/** Refuses a store whose database a later saylau migrated, without migrating anything: what a reading command does. */
export async function refuseNewerSchema(store: { schemaVersion(): Promise<number> }): Promise<void> {
  refuseNewer(await store.schemaVersion());
}

/** Brings a database to `SCHEMA_VERSION`; the caller holds it in one write transaction. */
export async function migrateSchema(db: SchemaConnection): Promise<void> {
  const { version, recorded } = await schemaVersionOf(db);
  refuseNewer(version);
  if (recorded && version === SCHEMA_VERSION) return;
  // A database from before versions were recorded may lack tables that version 1 came to have
  // later; version 1 only creates what is missing, so it runs again for such a database.
  const rerun = recorded || version === 0 ? [] : MIGRATIONS.filter((migration) => migration.version === 1);
  for (const migration of [...rerun, ...MIGRATIONS.filter((later) => later.version > version)])
    for (const statement of migration.statements) await db.exec(statement);
  await db.setMeta(SCHEMA_VERSION_META, String(SCHEMA_VERSION));
}
