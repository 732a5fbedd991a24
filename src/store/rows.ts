import { allRegistryKeys, type Registry, registryFromRows, registryRows } from '../registration/registry.ts';
import { type Totals, totalsFromText, totalsToText } from '../tally/aggregate.ts';
import { type Decisions, decisionsFromRows } from '../tally/decisions.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import type { AccountRow, RegisteredKey, SessionRow, StoredCheckpoint, StoredProtocol } from './store.ts';

// One mapper per table, shared by the SQLite and the PostgreSQL store: how a typed value is written
// as a row (its columns' parameters, in column order) and how a row read back becomes the value
// again. The engines only choose the SQL dialect (docs/tabulation.md, "The store").

/** A table whose rows are a typed value: its columns in order, a value as their parameters, a row as a value. */
export interface TableMapper<Value, Row> {
  readonly table: string;
  readonly columns: readonly (keyof Row & string)[];
  readonly encode: (value: Value) => unknown[];
  readonly decode: (row: Row) => Value;
}

/** `col1, col2, …` of a mapper (each prefixed by `alias.` when given), for a SELECT that the mapper decodes. */
export const columnList = (mapper: { readonly columns: readonly string[] }, alias?: string): string =>
  mapper.columns.map((column) => (alias === undefined ? column : `${alias}.${column}`)).join(', ');

/** BIGINT columns arrive as strings from PostgreSQL and as numbers from SQLite. */
type BigintColumn = number | string;

export interface ProtocolRow {
  readonly station_id: string;
  readonly contest_id: string;
  readonly version: number;
  readonly content: string;
  readonly event_seq: BigintColumn;
}

export const protocolsTable: TableMapper<StoredProtocol, ProtocolRow> = {
  table: 'protocols',
  columns: ['station_id', 'contest_id', 'version', 'content', 'event_seq'],
  encode: (p) => [p.stationId, p.contestId, p.version, p.content, p.eventSeq],
  decode: (row) => ({
    stationId: row.station_id,
    contestId: row.contest_id,
    version: row.version,
    content: row.content,
    eventSeq: Number(row.event_seq),
  }),
};

export interface SigningKeyRow {
  readonly fingerprint: string;
  readonly holder: string;
  readonly role: string;
  readonly public_key: string;
  readonly commission: string | null;
}

export const signingKeysTable: TableMapper<RegisteredKey, SigningKeyRow> = {
  table: 'signing_keys',
  columns: ['fingerprint', 'holder', 'role', 'public_key', 'commission'],
  encode: (k) => [k.fingerprint, k.holder, k.role, k.publicKey, k.commission],
  decode: (row) => ({
    fingerprint: row.fingerprint,
    holder: row.holder,
    role: row.role,
    publicKey: row.public_key,
    commission: row.commission,
  }),
};

/**
 * The key of a holder that is registered and not revoked (a revocation is the decision `revoked:<fingerprint>`,
 * src/journal/projection.ts), in the SQL of both engines: `$1` is the holder.
 */
export const LIVE_KEY_OF_HOLDER =
  `SELECT ${signingKeysTable.columns.map((column) => `k.${column}`).join(', ')} FROM signing_keys k ` +
  `WHERE k.holder = $1 AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.key = 'revoked:' || k.fingerprint) LIMIT 1`;

export interface AccountSqlRow {
  readonly username: string;
  readonly password_hash: string;
  readonly role: string;
  readonly commission: string | null;
  readonly disabled_at: string | null;
}

export const accountsTable: TableMapper<AccountRow, AccountSqlRow> = {
  table: 'accounts',
  columns: ['username', 'password_hash', 'role', 'commission', 'disabled_at'],
  encode: (a) => [a.username, a.passwordHash, a.role, a.commission, a.disabledAt],
  decode: (row) => ({
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    commission: row.commission,
    disabledAt: row.disabled_at,
  }),
};

export interface SessionSqlRow {
  readonly token_sha256: string;
  readonly username: string;
  readonly expires_at: string;
}

export const sessionsTable: TableMapper<SessionRow, SessionSqlRow> = {
  table: 'sessions',
  columns: ['token_sha256', 'username', 'expires_at'],
  encode: (s) => [s.tokenSha256, s.username, s.expiresAt],
  decode: (row) => ({ tokenSha256: row.token_sha256, username: row.username, expiresAt: row.expires_at }),
};

export interface CheckpointSqlRow {
  readonly size: BigintColumn;
  readonly root: string;
  readonly note: string;
  readonly signed_at: string;
}

export const checkpointsTable: TableMapper<StoredCheckpoint, CheckpointSqlRow> = {
  table: 'checkpoints',
  columns: ['size', 'root', 'note', 'signed_at'],
  encode: (c) => [c.size, c.root, c.note, c.signedAt],
  decode: (row) => ({ size: Number(row.size), root: row.root, note: row.note, signedAt: row.signed_at }),
};

/**
 * The projections kept as one JSON text per key. Read as `key, value` (the SQL below names them
 * so), so that the integrity check can compare the stored text itself (integrity-rules.ts): a
 * value decoded and encoded again could hide a changed byte.
 */
export type TextTable = 'contest_totals' | 'protocol_entries' | 'decisions' | 'registry' | 'election_day';

export interface KeyText {
  readonly key: string;
  readonly value: string;
}

/**
 * `SELECT key, value` of a text table, in key order. `collate` is the engine's byte-order collation
 * (empty for SQLite, whose default is; `COLLATE "C"` for PostgreSQL), so that both read the same order.
 */
export function selectText(table: TextTable, collate: string, where = ''): string {
  const { keySql, valueSql } = TEXT_TABLES[table];
  return `SELECT ${keySql} AS key, ${valueSql} AS value FROM ${table} ${where} ORDER BY (${keySql}) ${collate}`;
}

/** Contest totals: counts as decimal strings, so that no engine rounds them (src/tally/aggregate.ts). */
export const contestTotalsTable = {
  table: 'contest_totals',
  columns: ['contest_id', 'totals'],
  keySql: 'contest_id',
  valueSql: 'totals',
  text: (totals: Totals): string => totalsToText(totals),
  encode: ([contestId, totals]: readonly [string, Totals]): unknown[] => [contestId, totalsToText(totals)],
  decodeAll: (rows: Iterable<KeyText>): Map<string, Totals> =>
    new Map(Array.from(rows, (row) => [row.key, totalsFromText(row.value)])),
} as const;

/** A pending double entry of one protocol, keyed by station and contest. */
export interface EntryRowValue {
  readonly stationId: string;
  readonly contestId: string;
  readonly state: PendingEntry;
}

/** The one place a stored pending entry becomes a value again: where the entry flow's state meets the table. */
export function decodePendingEntry(text: string): PendingEntry {
  return JSON.parse(text) as PendingEntry;
}

export const protocolEntriesTable = {
  table: 'protocol_entries',
  columns: ['station_id', 'contest_id', 'state'],
  /** The protocol key of src/journal/projection.ts (`protocolKeyOf`). */
  keySql: `station_id || ' ' || contest_id`,
  valueSql: 'state',
  text: (pending: PendingEntry): string => JSON.stringify(pending),
  encode: (row: EntryRowValue): unknown[] => [row.stationId, row.contestId, JSON.stringify(row.state)],
  decodeAll: (rows: Iterable<KeyText>): Map<string, PendingEntry> =>
    new Map(Array.from(rows, (row) => [row.key, decodePendingEntry(row.value)])),
} as const;

/**
 * Decisions as rows: the projection's own `key → value` rows (src/journal/projection.ts) are
 * written as they are; read back, they are the decisions (src/tally/decisions.ts).
 */
export const decisionsTable = {
  table: 'decisions',
  columns: ['key', 'value'],
  keySql: 'key',
  valueSql: 'value',
  encode: ([key, value]: readonly [string, string]): unknown[] => [key, value],
  decodeAll: (rows: Iterable<KeyText>): Decisions =>
    decisionsFromRows(new Map(Array.from(rows, (row) => [row.key, row.value]))),
} as const;

/** The registry of nominations, candidates and mandates (src/registration/registry.ts), one row per record. */
export const registryTable = {
  table: 'registry',
  columns: ['key', 'value'],
  keySql: 'key',
  valueSql: 'value',
  /**
   * The rows of `keys` (by default those changed since the registry was read, every one when
   * `'all'`), in canonical JSON, as a replay writes them.
   */
  texts: (registry: Registry, keys: Iterable<string> | 'all' = registry.changed): Map<string, string> =>
    registryRows(registry, keys === 'all' ? allRegistryKeys(registry) : keys),
  decodeAll: (rows: Iterable<KeyText>): Registry =>
    registryFromRows(new Map(Array.from(rows, (row) => [row.key, row.value]))),
} as const;

/**
 * The records of election day (src/tally/turnout-day.ts), each under its key — `turnout <station> <hour>` — as the
 * projection's canonical JSON text. Read by key or by the prefix of a kind, never as a whole on a write.
 */
export const electionDayTable = {
  table: 'election_day',
  columns: ['key', 'value'],
  keySql: 'key',
  valueSql: 'value',
} as const;

const TEXT_TABLES: Record<TextTable, { readonly keySql: string; readonly valueSql: string }> = {
  contest_totals: contestTotalsTable,
  protocol_entries: protocolEntriesTable,
  decisions: decisionsTable,
  registry: registryTable,
  election_day: electionDayTable,
};
