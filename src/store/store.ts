import type { SealedEvent } from '../journal/event.ts';
import type { JournalEvent, JournalEventType } from '../journal/events.ts';
import type { Registry } from '../registration/registry.ts';
import type { Totals } from '../tally/aggregate.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import type { TextTable } from './rows.ts';
import { parsedEventOrDamage } from './store-error.ts';

/** The current accepted version of one protocol: a projection of the journal. */
export interface StoredProtocol {
  readonly stationId: string;
  readonly contestId: string;
  readonly version: number;
  /** The protocol in canonical JSON. */
  readonly content: string;
  readonly eventSeq: number;
}

export interface RegisteredKey {
  readonly fingerprint: string;
  readonly holder: string;
  readonly role: string;
  readonly publicKey: string;
  /** The commission an operator or chair acts for. */
  readonly commission: string | null;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * A person's account on the server. Not election state, so not in the journal: the password hash
 * must not be public. The key the account signs with is registered in the journal under `username`.
 */
export interface AccountRow {
  readonly username: string;
  /** argon2id, in its PHC string form. */
  readonly passwordHash: string;
  readonly role: string;
  readonly commission: string | null;
  /** When an administrator disabled the account (it may not log in); null while it may. */
  readonly disabledAt: string | null;
}

/** What may change about an account after it is made; the journal records a disabling. */
export interface AccountChange {
  readonly passwordHash?: string;
  readonly disabledAt?: string | null;
}

/** A login: the SHA-256 of its bearer token (the token itself is never stored) and when it ends. */
export interface SessionRow {
  readonly tokenSha256: string;
  readonly username: string;
  readonly expiresAt: string;
}

/**
 * A checkpoint the transparency log signed: the tree of the first `size` journal lines, its root (hex), and the
 * signed note as served (docs/transparency-log.md, "Serving the log"). Rows are only ever inserted.
 */
export interface StoredCheckpoint {
  readonly size: number;
  readonly root: string;
  readonly note: string;
  readonly signedAt: string;
}

/**
 * Work done in every write transaction that appended events, after the transaction's own work and before its
 * COMMIT: how the transparency log signs a checkpoint in the same transaction as the events it covers
 * (src/services/transparency-log.ts). Whichever path appends — a service, the import queue, a CLI — passes here.
 */
export interface AppendHook {
  beforeCommit(writer: StoreWriter, appended: readonly SealedEvent[]): Promise<void>;
  /** The transaction beforeCommit ran in did not commit: what it changed in memory must be forgotten. */
  rolledBack(): void;
}

/**
 * Runs `work` with a writer that records what is appended, then the hook if anything was; `hooked` is told before
 * the hook runs, so that a failure inside it rolls its memory back too. Shared by both engines' `write`.
 */
export async function workWithHook<T>(
  writer: StoreWriter,
  hook: AppendHook | null,
  work: (writer: StoreWriter) => Promise<T>,
  hooked: (hook: AppendHook) => void,
): Promise<T> {
  if (hook === null) return work(writer);
  const appended: SealedEvent[] = [];
  const result = await work({
    ...writer,
    appendEvents: async (events) => {
      await writer.appendEvents(events);
      appended.push(...events);
    },
  });
  if (appended.length > 0) {
    hooked(hook);
    await hook.beforeCommit(writer, appended);
  }
  return result;
}

/** Told of every new journal head, from this process or another one on the same database. */
export interface HeadWatch {
  close(): Promise<void>;
}

/** What a write transaction can do; everything in it commits together or not at all. */
export interface StoreWriter {
  /** The chain head, locked for this transaction (PostgreSQL serialises appends on it). */
  head(): Promise<ChainHead>;
  appendEvents(events: readonly SealedEvent[]): Promise<void>;
  protocols(keys: readonly (readonly [string, string])[]): Promise<Map<string, StoredProtocol>>;
  putProtocols(rows: readonly StoredProtocol[]): Promise<void>;
  /** Removes current protocols: a station result annulled in a contest (docs/law.md §10.3); the journal keeps them. */
  removeProtocols(keys: readonly (readonly [string, string])[]): Promise<void>;
  contestTotals(contestIds: readonly string[]): Promise<Map<string, Totals>>;
  putContestTotals(rows: ReadonlyMap<string, Totals>): Promise<void>;
  putKeys(rows: readonly RegisteredKey[]): Promise<void>;
  /** The key registered with this fingerprint, if any: who an act's author is (docs/keys.md). */
  signingKey(fingerprint: string): Promise<RegisteredKey | null>;
  /** The key of `holder` registered and not revoked, if any: a holder has one live key (docs/keys.md, "Revocation"). */
  liveKeyOf(holder: string): Promise<RegisteredKey | null>;
  /**
   * The acts the journal holds of this author at this time, their payloads as stored: where a replayed act would be,
   * since an act's digest covers its author and time (docs/keys.md, "Replays").
   */
  actsOf(actor: string, at: string): Promise<{ readonly type: string; readonly payload: string }[]>;
  /** Pending double entries (docs/tabulation.md, "Double entry") by protocol key. */
  entries(keys: readonly (readonly [string, string])[]): Promise<Map<string, PendingEntry>>;
  /** Writes pending entries; null removes one (its protocol was accepted). */
  putEntries(
    rows: readonly { readonly stationId: string; readonly contestId: string; readonly state: PendingEntry | null }[],
  ): Promise<void>;
  /** The projection's decision rows as they are (src/journal/projection.ts): `lots:…`, `approved:…`, `certified:…`. */
  putDecisions(rows: ReadonlyMap<string, string>): Promise<void>;
  decisions(): Promise<Decisions>;
  /**
   * The registry's records of `keys` (src/registration/registry.ts): by default those changed
   * since it was read, every one with `'all'`.
   */
  putRegistry(registry: Registry, keys?: Iterable<string> | 'all'): Promise<void>;
  registry(): Promise<Registry>;
  /** The election-day records of these keys that exist (src/tally/turnout-day.ts), as their stored text. */
  dayRecords(keys: readonly string[]): Promise<Map<string, string>>;
  putDayRecords(rows: ReadonlyMap<string, string>): Promise<void>;
  /** Empties the projections (not the journal), so that a replay in the same transaction rebuilds them. */
  clearProjections(): Promise<void>;
  /** Every current protocol of one contest: what a commission's summary is made of. */
  protocolsOfContest(contestId: string): Promise<StoredProtocol[]>;
  setMeta(key: string, value: string): Promise<void>;
  /** Written in the transaction that registers the account's key, so neither exists without the other. */
  putAccount(row: Omit<AccountRow, 'disabledAt'>): Promise<void>;
  updateAccount(username: string, change: AccountChange): Promise<void>;
  /** The account of `username` as this transaction sees it: whether a key's holder may still act. */
  account(username: string): Promise<AccountRow | null>;
  /** Ends every session of `username` but the one whose token hash is `except`; how many ended. */
  deleteSessions(username: string, except?: string): Promise<number>;
  /** Journal rows after `after` as this transaction sees them (its own appends included). */
  journalRowsAfter(after: number, limit: number): Promise<JournalRow[]>;
  /** The checkpoint of one tree size, as this transaction sees it. */
  checkpointAt(size: number): Promise<StoredCheckpoint | null>;
  latestCheckpoint(): Promise<StoredCheckpoint | null>;
  /** Inserts; a second checkpoint of a size already signed is refused by the table's key. */
  putCheckpoint(row: StoredCheckpoint): Promise<void>;
  /**
   * Keeps a registered witness's cosignature of the checkpoint of `size` (checked by the caller); false when one of
   * that witness for that size is kept already (the first stays).
   */
  putCosignature(row: CosignatureRow): Promise<boolean>;
}

/** What can be read from a store; `Store.snapshot` gives it over one consistent state. */
export type StoreReader = Pick<
  Store,
  | 'meta'
  | 'eventCount'
  | 'events'
  | 'allProtocols'
  | 'eachProtocol'
  | 'currentProtocolsOf'
  | 'allContestTotals'
  | 'contestTotalsOf'
  | 'keys'
  | 'decisions'
  | 'registry'
  | 'allEntries'
  | 'storedText'
  | 'journalHead'
  | 'eventsAfter'
  | 'journalRowsAfter'
  | 'checkpointAt'
  | 'latestCheckpoint'
>;

/**
 * One store interface over SQLite (embedded default) and PostgreSQL (several nodes). The journal
 * is append-only; every other table is a projection of it, written in the same transaction.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * The `--db` this store was opened with (a file or a postgres:// URL), so that a worker thread
   * can open a connection of its own; null when no other connection can reach it (in-memory SQLite).
   */
  readonly location: string | null;
  /**
   * Brings the database to the schema version of this code (src/store/schema.ts), in one
   * transaction; refuses one a later version made (STORE_SCHEMA_NEWER).
   */
  migrate(): Promise<void>;
  /** The schema version the database records (0 before `migrate`). */
  schemaVersion(): Promise<number>;
  write<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T>;
  /**
   * Reads in one read transaction: every read inside sees the same committed state, and appends
   * go on meanwhile (docs/tabulation.md, "Consistent reads"). What an export reads, never under
   * the chain head's lock.
   */
  snapshot<T>(work: (reader: StoreReader) => Promise<T>): Promise<T>;
  meta(key: string): Promise<string | null>;
  eventCount(): Promise<number>;
  events(): AsyncIterable<JournalEvent>;
  allProtocols(): Promise<StoredProtocol[]>;
  /**
   * Every current protocol in (station, contest) byte order, handed to `visit` one at a time and kept by none: what a
   * reader of the whole table goes through without holding it (docs/scale.md, "What a start holds").
   */
  eachProtocol(visit: (row: StoredProtocol) => void): Promise<void>;
  /** The current protocols of one contest, in station order: what an analysis of one contest reads, not all. */
  currentProtocolsOf(contestId: string): Promise<StoredProtocol[]>;
  allContestTotals(): Promise<Map<string, Totals>>;
  /** Totals of some contests only: what one new protocol affects. */
  contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, Totals>>;
  keys(): Promise<RegisteredKey[]>;
  /** As `StoreWriter.liveKeyOf`, outside a transaction: the key a person signs with now, if any. */
  liveKeyOf(holder: string): Promise<RegisteredKey | null>;
  decisions(): Promise<Decisions>;
  registry(): Promise<Registry>;
  /** Every pending double entry by protocol key. */
  allEntries(): Promise<Map<string, PendingEntry>>;
  /**
   * A projection kept as JSON text, key → the text as stored: what the integrity check compares
   * (src/store/integrity.ts), since a value decoded and encoded again could hide a changed byte.
   */
  storedText(table: TextTable): Promise<Map<string, string>>;
  /** The checkpoint the log signed at one tree size, if any. */
  checkpointAt(size: number): Promise<StoredCheckpoint | null>;
  /** The checkpoint of the largest size the log signed, if any. */
  latestCheckpoint(): Promise<StoredCheckpoint | null>;
  /**
   * Sets the work every later write transaction that appends does before it commits (or none): the transparency
   * log's, for a process that holds the log key.
   */
  setAppendHook(hook: AppendHook | null): void;
  /** The committed chain head, without locking it. */
  journalHead(): Promise<ChainHead>;
  /** Events with seq > `after`, in order, at most `limit`. */
  eventsAfter(after: number, limit: number): Promise<JournalEvent[]>;
  /** The same rows as stored, the payload as its text: what the integrity check hashes without serialising it again. */
  journalRowsAfter(after: number, limit: number): Promise<JournalRow[]>;
  /**
   * Calls `listener` with the new head's seq whenever the journal grows, whoever appended:
   * PostgreSQL by LISTEN/NOTIFY, SQLite (one file, possibly written by a CLI beside the server) by polling.
   */
  watchHead(listener: (seq: number) => void): Promise<HeadWatch>;
  account(username: string): Promise<AccountRow | null>;
  /** A new session, in a transaction of its own; sessions expired at `now` are purged with it. */
  putSession(row: SessionRow, now: string): Promise<void>;
  /** The session of a token hash, if it exists and has not expired at `now`. */
  session(tokenSha256: string, now: string): Promise<SessionRow | null>;
  /** Ends one session, in a transaction of its own: committed when the promise resolves. */
  deleteSession(tokenSha256: string): Promise<void>;
  close(): Promise<void>;
  // Witnesses (docs/witness.md): the cosignatures the log collected, and the journal read by type.
  /** Every cosignature kept for the checkpoint of `size`, by verifier key. */
  cosignaturesOf(size: number): Promise<CosignatureRow[]>;
  /** Each witness's cosignature of the largest size it cosigned, by verifier key. */
  latestCosignatures(): Promise<CosignatureRow[]>;
  /** The events of one type, in order: the registered witnesses, without reading the whole journal. */
  eventsOfType(type: JournalEventType): Promise<JournalEvent[]>;
}

/** A witness's cosignature as the log keeps it: the note signature line and what it was checked to say. */
export interface CosignatureRow {
  /** The witness's verifier key as the CEC registered it. */
  readonly verifierKey: string;
  /** The checkpoint's tree size. */
  readonly size: number;
  /** The key name of the signature line. */
  readonly name: string;
  /** The cosignature's own timestamp, POSIX seconds (C2SP tlog-cosignature). */
  readonly cosignedAt: number;
  /** `— <name> <base64>` without its newline: appended to the checkpoint as it is served. */
  readonly line: string;
  /** When the log received it (ISO). */
  readonly receivedAt: string;
}

/** The columns of `cosignatures`, in the order both engines select them. */
export const COSIGNATURE_COLUMNS = 'verifier_key, size, name, cosigned_at, line, received_at';

export interface CosignatureSqlRow {
  readonly verifier_key: string;
  readonly size: number | string;
  readonly name: string;
  readonly cosigned_at: number | string;
  readonly line: string;
  readonly received_at: string;
}

export function cosignatureOfRow(row: CosignatureSqlRow): CosignatureRow {
  return {
    verifierKey: row.verifier_key,
    size: Number(row.size),
    name: row.name,
    cosignedAt: Number(row.cosigned_at),
    line: row.line,
    receivedAt: row.received_at,
  };
}

export const cosignatureValues = (row: CosignatureRow): (string | number)[] => [
  row.verifierKey,
  row.size,
  row.name,
  row.cosignedAt,
  row.line,
  row.receivedAt,
];

/** The latest cosignature of each witness: SQL both engines accept. */
export const LATEST_COSIGNATURES_SQL = `SELECT ${COSIGNATURE_COLUMNS} FROM cosignatures AS c WHERE size = (SELECT max(size) FROM cosignatures AS d WHERE d.verifier_key = c.verifier_key) ORDER BY verifier_key`;

/** PostgreSQL's channel for new journal heads; the payload is the head's seq. */
export const HEAD_CHANNEL = 'saylau_journal_head';

export const PROJECTION_TABLES = [
  'signing_keys',
  'protocols',
  'contest_totals',
  'protocol_entries',
  'decisions',
  'registry',
  'election_day',
] as const;

/** A journal row as stored: the payload is the canonical JSON text it was written as. */
export interface JournalRow {
  readonly seq: number | string;
  readonly hash: string;
  readonly prev: string;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: string;
  readonly signature: string;
}

export function rowToEvent(row: JournalRow): JournalEvent {
  return parsedEventOrDamage({
    seq: Number(row.seq),
    prev: row.prev,
    type: row.type,
    actor: row.actor,
    at: row.at,
    payload: JSON.parse(row.payload) as unknown,
    hash: row.hash,
    signature: row.signature,
  });
}
