import Database from 'better-sqlite3';
import { canonicalJson } from '../model/canonical-json.ts';
import type { Registry } from '../registration/registry.ts';
import type { Totals } from '../tally/aggregate.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import type { JournalEvent } from '../journal/events.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import {
  type AccountRow,
  type AppendHook,
  type ChainHead,
  type HeadWatch,
  type JournalRow,
  type SessionRow,
  PROJECTION_TABLES,
  type RegisteredKey,
  rowToEvent,
  type Store,
  type StoredProtocol,
  type StoreReader,
  type StoreWriter,
  type StoredCheckpoint,
  workWithHook,
} from './store.ts';
import {
  accountsTable,
  type AccountSqlRow,
  type CheckpointSqlRow,
  checkpointsTable,
  columnList,
  contestTotalsTable,
  decisionsTable,
  type KeyText,
  protocolEntriesTable,
  type ProtocolRow,
  protocolsTable,
  registryTable,
  selectText,
  sessionsTable,
  type SessionSqlRow,
  type SigningKeyRow,
  signingKeysTable,
  LIVE_KEY_OF_HOLDER,
  type TextTable,
} from './rows.ts';
import { migrateSchema, refuseNewer, type SchemaConnection, SCHEMA_VERSION, schemaVersionOf } from './schema.ts';
import { StoreError } from './store-error.ts';
import type { JournalEventType } from '../journal/events.ts';
// Witnesses (docs/witness.md).
import {
  COSIGNATURE_COLUMNS,
  cosignatureOfRow,
  type CosignatureRow,
  type CosignatureSqlRow,
  cosignatureValues,
  LATEST_COSIGNATURES_SQL,
} from './store.ts';

type EventRow = Parameters<typeof rowToEvent>[0];
const PROTOCOL_COLUMNS = columnList(protocolsTable);
/** Every current protocol in key order: what `allProtocols` and `eachProtocol` read. */
const ALL_PROTOCOLS = `SELECT ${PROTOCOL_COLUMNS} FROM protocols ORDER BY station_id, contest_id`;

/** How long a statement waits, in total, for another connection's lock before STORE_BUSY. */
export const DEFAULT_BUSY_WAIT_MS = 15_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so that a protocol
 * acknowledged is on disk (docs/tabulation.md). better-sqlite3 is synchronous; writes are serialised by
 * a promise chain so that two async callers never interleave inside one transaction, and every
 * write — a session's too — is a transaction of its own on that chain.
 *
 * SQLite's own busy handler would wait for another process's lock (a CLI writing the same file)
 * by sleeping on the event loop, stopping every request meanwhile; so it is off, and a statement
 * that finds the file locked is tried again after a timer, up to `busyWaitMs` in all
 * (docs/server.md, "The database file shared with a CLI").
 */
/** The holder's live key (rows.ts, LIVE_KEY_OF_HOLDER, with SQLite's positional parameter). */
function liveKeyIn(db: Database.Database, holder: string): RegisteredKey | null {
  const row = db.prepare(LIVE_KEY_OF_HOLDER.replace('$1', '?')).get(holder) as SigningKeyRow | undefined;
  return row === undefined ? null : signingKeysTable.decode(row);
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly location: string | null;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly busyWaitMs: number;
  private hook: AppendHook | null = null;

  constructor(
    path: string,
    {
      mustExist = false,
      busyWaitMs = DEFAULT_BUSY_WAIT_MS,
    }: { readonly mustExist?: boolean; readonly busyWaitMs?: number } = {},
  ) {
    this.db = new Database(path, { fileMustExist: mustExist });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.location = this.db.memory ? null : this.db.name;
    // Opening may wait (SQLite's default handler, once per process); from here on nothing does on the loop.
    this.db.pragma('busy_timeout = 0');
    this.busyWaitMs = busyWaitMs;
  }

  /** `attempt`, tried again after a growing pause while another connection holds the lock. */
  private async whenFree<T>(attempt: () => T | Promise<T>): Promise<T> {
    const started = Date.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        return await attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() - started >= this.busyWaitMs)
          throw new StoreError('STORE_BUSY', { seconds: Math.ceil(this.busyWaitMs / 1000) });
      }
      await sleep(pause);
    }
  }

  /** `work`, all of it synchronous, in a write transaction of its own on the chain. */
  private transaction<T>(work: () => T): Promise<T> {
    return this.write(() => Promise.resolve(work()));
  }

  async migrate(): Promise<void> {
    // Read first: a database already up to date is not locked for writing (nor need it be writable).
    const { version, recorded } = await this.whenFree(() => schemaVersionOf(this.schema()));
    refuseNewer(version);
    if (recorded && version === SCHEMA_VERSION) return;
    // Again under the write lock: another process may have migrated it meanwhile.
    return this.write(() => migrateSchema(this.schema()));
  }

  async schemaVersion(): Promise<number> {
    return (await this.whenFree(() => schemaVersionOf(this.schema()))).version;
  }

  /** Synchronous underneath; a promise only for the interface both engines share. */
  private schema(): SchemaConnection {
    const db = this.db;
    return {
      tableExists: (table) =>
        Promise.resolve(
          db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined,
        ),
      columnExists: (table, column) =>
        Promise.resolve(
          db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined,
        ),
      exec: (statement) => Promise.resolve(void db.exec(statement)),
      meta: (key) =>
        Promise.resolve(
          (db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value ?? null,
        ),
      setMeta: (key, value) =>
        Promise.resolve(
          void db
            .prepare(
              `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            )
            .run(key, value),
        ),
    };
  }

  write<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.whenFree(() => this.db.exec('BEGIN IMMEDIATE'));
      let hooked: AppendHook | null = null;
      try {
        const result = await workWithHook(this.writer(), this.hook, work, (hook) => (hooked = hook));
        await this.whenFree(() => this.db.exec('COMMIT'));
        return result;
      } catch (error) {
        // SQLite may have rolled back already (a failed COMMIT); a second ROLLBACK would hide the cause.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        (hooked as AppendHook | null)?.rolledBack();
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  setAppendHook(hook: AppendHook | null): void {
    this.hook = hook;
  }

  private checkpointRow(where: string, ...params: unknown[]): StoredCheckpoint | null {
    const row = this.db.prepare(`SELECT ${columnList(checkpointsTable)} FROM checkpoints ${where}`).get(...params) as
      CheckpointSqlRow | undefined;
    return row === undefined ? null : checkpointsTable.decode(row);
  }

  checkpointAt(size: number): Promise<StoredCheckpoint | null> {
    return this.whenFree(() => this.checkpointRow(`WHERE size = ?`, size));
  }

  latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return this.whenFree(() => this.checkpointRow(`ORDER BY size DESC LIMIT 1`));
  }

  snapshot<T>(work: (reader: StoreReader) => Promise<T>): Promise<T> {
    // In WAL mode a deferred transaction reads the state of its first read to the end, while
    // writers on other connections commit. Queued like writes: BEGIN cannot nest in a write.
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN DEFERRED');
      try {
        return await work(this);
      } finally {
        if (this.db.inTransaction) this.db.exec('COMMIT');
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The totals rows of some contests. */
  private totalsRowsOf(contestIds: readonly string[]): KeyText[] {
    const select = this.db.prepare(selectText('contest_totals', '', `WHERE contest_id = ?`));
    return contestIds.flatMap((key) => {
      const row = select.get(key) as KeyText | undefined;
      return row === undefined ? [] : [row];
    });
  }

  private textRows(table: TextTable): KeyText[] {
    return this.db.prepare(selectText(table, '')).all() as KeyText[];
  }

  private writer(): StoreWriter {
    const db = this.db;
    return {
      head: () => Promise.resolve(db.prepare(`SELECT seq, hash FROM journal_head WHERE id = 1`).get() as ChainHead),
      appendEvents: (events) => {
        const insert = db.prepare(
          `INSERT INTO journal (seq, hash, prev, type, actor, at, payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const e of events)
          insert.run(e.seq, e.hash, e.prev, e.type, e.actor, e.at, canonicalJson(e.payload), e.signature);
        const last = events.at(-1);
        if (last !== undefined)
          db.prepare(`UPDATE journal_head SET seq = ?, hash = ? WHERE id = 1`).run(last.seq, last.hash);
        return Promise.resolve();
      },
      protocols: (keys) => {
        const select = db.prepare(`SELECT ${PROTOCOL_COLUMNS} FROM protocols WHERE station_id = ? AND contest_id = ?`);
        const found = new Map<string, StoredProtocol>();
        for (const [stationId, contestId] of keys) {
          const row = select.get(stationId, contestId) as ProtocolRow | undefined;
          if (row !== undefined) found.set(protocolKeyOf(stationId, contestId), protocolsTable.decode(row));
        }
        return Promise.resolve(found);
      },
      putProtocols: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO protocols (${PROTOCOL_COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id, contest_id) DO UPDATE SET version = excluded.version, content = excluded.content, event_seq = excluded.event_seq`,
        );
        for (const row of rows) upsert.run(...protocolsTable.encode(row));
        return Promise.resolve();
      },
      removeProtocols: (keys) => {
        const remove = db.prepare(`DELETE FROM protocols WHERE station_id = ? AND contest_id = ?`);
        for (const [stationId, contestId] of keys) remove.run(stationId, contestId);
        return Promise.resolve();
      },
      contestTotals: (contestIds) => Promise.resolve(contestTotalsTable.decodeAll(this.totalsRowsOf(contestIds))),
      putContestTotals: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO contest_totals (contest_id, totals) VALUES (?, ?) ON CONFLICT (contest_id) DO UPDATE SET totals = excluded.totals`,
        );
        for (const row of rows) upsert.run(...contestTotalsTable.encode(row));
        return Promise.resolve();
      },
      putKeys: (rows) => {
        const insert = db.prepare(
          `INSERT INTO signing_keys (${columnList(signingKeysTable)}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING`,
        );
        for (const row of rows) insert.run(...signingKeysTable.encode(row));
        return Promise.resolve();
      },
      entries: (keys) => {
        const select = db.prepare(
          `SELECT state AS value FROM protocol_entries WHERE station_id = ? AND contest_id = ?`,
        );
        const found: KeyText[] = [];
        for (const [stationId, contestId] of keys) {
          const row = select.get(stationId, contestId) as { value: string } | undefined;
          if (row !== undefined) found.push({ key: protocolKeyOf(stationId, contestId), value: row.value });
        }
        return Promise.resolve(protocolEntriesTable.decodeAll(found));
      },
      putEntries: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO protocol_entries (station_id, contest_id, state) VALUES (?, ?, ?) ON CONFLICT (station_id, contest_id) DO UPDATE SET state = excluded.state`,
        );
        const remove = db.prepare(`DELETE FROM protocol_entries WHERE station_id = ? AND contest_id = ?`);
        for (const { stationId, contestId, state } of rows) {
          if (state === null) remove.run(stationId, contestId);
          else upsert.run(...protocolEntriesTable.encode({ stationId, contestId, state }));
        }
        return Promise.resolve();
      },
      putDecisions: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO decisions (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
        for (const row of rows) upsert.run(...decisionsTable.encode(row));
        return Promise.resolve();
      },
      decisions: () => Promise.resolve(decisionsTable.decodeAll(this.textRows('decisions'))),
      putRegistry: (registry, keys) => {
        const upsert = db.prepare(
          `INSERT INTO registry (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
        for (const [key, value] of registryTable.texts(registry, keys)) upsert.run(key, value);
        return Promise.resolve();
      },
      registry: () => Promise.resolve(registryTable.decodeAll(this.textRows('registry'))),
      dayRecords: (keys) => {
        const read = db.prepare(`SELECT value FROM election_day WHERE key = ?`);
        const found = new Map<string, string>();
        for (const key of keys) {
          const row = read.get(key) as { value: string } | undefined;
          if (row !== undefined) found.set(key, row.value);
        }
        return Promise.resolve(found);
      },
      putDayRecords: (rows) => {
        // Nothing to write prepares nothing: a database before the table (schema version 8) takes every other write.
        if (rows.size === 0) return Promise.resolve();
        const upsert = db.prepare(
          `INSERT INTO election_day (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
        for (const [key, value] of rows) upsert.run(key, value);
        return Promise.resolve();
      },
      clearProjections: () => {
        for (const table of PROJECTION_TABLES) db.exec(`DELETE FROM ${table}`);
        return Promise.resolve();
      },
      protocolsOfContest: (contestId) => Promise.resolve(this.protocolsOfContestNow(contestId)),
      setMeta: (key, value) => {
        db.prepare(
          `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        ).run(key, value);
        return Promise.resolve();
      },
      putAccount: (row) => {
        db.prepare(`INSERT INTO accounts (${columnList(accountsTable)}) VALUES (?, ?, ?, ?, ?)`).run(
          ...accountsTable.encode({ ...row, disabledAt: null }),
        );
        return Promise.resolve();
      },
      updateAccount: (username, change) => {
        if (change.passwordHash !== undefined)
          db.prepare(`UPDATE accounts SET password_hash = ? WHERE username = ?`).run(change.passwordHash, username);
        if (change.disabledAt !== undefined)
          db.prepare(`UPDATE accounts SET disabled_at = ? WHERE username = ?`).run(change.disabledAt, username);
        return Promise.resolve();
      },
      account: (username) => {
        const row = db.prepare(`SELECT ${columnList(accountsTable)} FROM accounts WHERE username = ?`).get(username) as
          AccountSqlRow | undefined;
        return Promise.resolve(row === undefined ? null : accountsTable.decode(row));
      },
      signingKey: (fingerprint) => {
        const row = db
          .prepare(`SELECT ${columnList(signingKeysTable)} FROM signing_keys WHERE fingerprint = ?`)
          .get(fingerprint) as SigningKeyRow | undefined;
        return Promise.resolve(row === undefined ? null : signingKeysTable.decode(row));
      },
      liveKeyOf: (holder) => Promise.resolve(liveKeyIn(db, holder)),
      actsOf: (actor, at) =>
        Promise.resolve(
          db.prepare(`SELECT type, payload FROM journal WHERE actor = ? AND at = ?`).all(actor, at) as {
            type: string;
            payload: string;
          }[],
        ),
      deleteSessions: (username, except) =>
        Promise.resolve(
          db.prepare(`DELETE FROM sessions WHERE username = ? AND token_sha256 <> ?`).run(username, except ?? '')
            .changes,
        ),
      journalRowsAfter: (after, limit) =>
        Promise.resolve(
          db
            .prepare(
              `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq > ? ORDER BY seq LIMIT ?`,
            )
            .all(after, limit) as EventRow[],
        ),
      checkpointAt: (size) => Promise.resolve(this.checkpointRow(`WHERE size = ?`, size)),
      latestCheckpoint: () => Promise.resolve(this.checkpointRow(`ORDER BY size DESC LIMIT 1`)),
      putCheckpoint: (row) => {
        db.prepare(`INSERT INTO checkpoints (${columnList(checkpointsTable)}) VALUES (?, ?, ?, ?)`).run(
          ...checkpointsTable.encode(row),
        );
        return Promise.resolve();
      },
      putCosignature: (row) =>
        Promise.resolve(
          db
            .prepare(
              `INSERT INTO cosignatures (${COSIGNATURE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (verifier_key, size) DO NOTHING`,
            )
            .run(...cosignatureValues(row)).changes === 1,
        ),
    };
  }

  meta(key: string): Promise<string | null> {
    return this.whenFree(
      () =>
        (this.db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value ??
        null,
    );
  }

  eventCount(): Promise<number> {
    return this.whenFree(() => Number((this.db.prepare(`SELECT count(*) AS n FROM journal`).get() as { n: number }).n));
  }

  events(): AsyncIterable<JournalEvent> {
    const rows = this.db
      .prepare(`SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal ORDER BY seq`)
      .iterate();
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const row = rows.next();
          if (row.done === true) return Promise.resolve({ done: true as const, value: undefined });
          try {
            return Promise.resolve({ done: false as const, value: rowToEvent(row.value as EventRow) });
          } catch (error) {
            // A malformed entry ends the reading; the statement ends with it, so the connection is free.
            rows.return?.();
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
        // A reader that stops early (a break, a throw) ends the statement too.
        return: () => {
          rows.return?.();
          return Promise.resolve({ done: true as const, value: undefined });
        },
      }),
    };
  }

  async allProtocols(): Promise<StoredProtocol[]> {
    const rows = await this.whenFree(() => this.db.prepare(ALL_PROTOCOLS).all() as ProtocolRow[]);
    return rows.map(protocolsTable.decode);
  }

  eachProtocol(visit: (row: StoredProtocol) => void): Promise<void> {
    // One statement, stepped a row at a time: a single consistent read, no array of the whole table.
    return this.whenFree(() => {
      let visited = 0;
      try {
        const rows = this.db.prepare(ALL_PROTOCOLS).iterate() as IterableIterator<ProtocolRow>;
        for (const row of rows) {
          visit(protocolsTable.decode(row));
          visited += 1;
        }
      } catch (error) {
        // Tried again when busy, but only before the first row: `visit` must see each row once.
        if (visited > 0 && isBusy(error)) throw new Error('the protocols table was busy in the middle of a read');
        throw error;
      }
    });
  }

  currentProtocolsOf(contestId: string): Promise<StoredProtocol[]> {
    return this.whenFree(() => this.protocolsOfContestNow(contestId));
  }

  /** One contest's current protocols in station order, read now: within a write, or once the store is free. */
  private protocolsOfContestNow(contestId: string): StoredProtocol[] {
    const rows = this.db
      .prepare(`SELECT ${PROTOCOL_COLUMNS} FROM protocols WHERE contest_id = ? ORDER BY station_id`)
      .all(contestId) as ProtocolRow[];
    return rows.map(protocolsTable.decode);
  }

  async allContestTotals(): Promise<Map<string, Totals>> {
    return contestTotalsTable.decodeAll(await this.whenFree(() => this.textRows('contest_totals')));
  }

  async contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, Totals>> {
    return contestTotalsTable.decodeAll(await this.whenFree(() => this.totalsRowsOf(contestIds)));
  }

  liveKeyOf(holder: string): Promise<RegisteredKey | null> {
    return this.whenFree(() => liveKeyIn(this.db, holder));
  }

  async keys(): Promise<RegisteredKey[]> {
    const rows = await this.whenFree(
      () =>
        this.db
          .prepare(`SELECT ${columnList(signingKeysTable)} FROM signing_keys ORDER BY fingerprint`)
          .all() as SigningKeyRow[],
    );
    return rows.map(signingKeysTable.decode);
  }

  async decisions(): Promise<Decisions> {
    return decisionsTable.decodeAll(await this.whenFree(() => this.textRows('decisions')));
  }

  async registry(): Promise<Registry> {
    return registryTable.decodeAll(await this.whenFree(() => this.textRows('registry')));
  }

  async allEntries(): Promise<Map<string, PendingEntry>> {
    return protocolEntriesTable.decodeAll(await this.whenFree(() => this.textRows('protocol_entries')));
  }

  async storedText(table: TextTable): Promise<Map<string, string>> {
    const rows = await this.whenFree(() => this.textRows(table));
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  journalHead(): Promise<ChainHead> {
    return this.whenFree(() => this.db.prepare(`SELECT seq, hash FROM journal_head WHERE id = 1`).get() as ChainHead);
  }

  eventsAfter(after: number, limit: number): Promise<JournalEvent[]> {
    return this.journalRowsAfter(after, limit).then((rows) => rows.map(rowToEvent));
  }

  journalRowsAfter(after: number, limit: number): Promise<JournalRow[]> {
    return this.whenFree(
      () =>
        this.db
          .prepare(
            `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq > ? ORDER BY seq LIMIT ?`,
          )
          .all(after, limit) as EventRow[],
    );
  }

  watchHead(listener: (seq: number) => void): Promise<HeadWatch> {
    const select = this.db.prepare(`SELECT seq FROM journal_head WHERE id = 1`);
    let last = Number((select.get() as { seq: number } | undefined)?.seq ?? 0);
    // One indexed row read per tick: cheap enough to notice another process's writes within a quarter second.
    const timer = setInterval(() => {
      if (!this.db.open) return;
      let seq: number;
      try {
        seq = Number((select.get() as { seq: number } | undefined)?.seq ?? 0);
      } catch (error) {
        // Locked this tick, or the connection in the middle of another read (an export iterating
        // the journal on an in-memory database): the next tick reads it.
        if (isBusy(error) || (error instanceof TypeError && /connection is busy/.test(error.message))) return;
        throw error;
      }
      if (seq !== last) {
        last = seq;
        listener(seq);
      }
    }, 250);
    timer.unref();
    return Promise.resolve({ close: () => Promise.resolve(clearInterval(timer)) });
  }

  async account(username: string): Promise<AccountRow | null> {
    const row = await this.whenFree(
      () =>
        this.db.prepare(`SELECT ${columnList(accountsTable)} FROM accounts WHERE username = ?`).get(username) as
          AccountSqlRow | undefined,
    );
    return row === undefined ? null : accountsTable.decode(row);
  }

  putSession(row: SessionRow, now: string): Promise<void> {
    return this.transaction(() => {
      this.db.prepare(`DELETE FROM sessions WHERE expires_at <= ?`).run(now);
      this.db
        .prepare(`INSERT INTO sessions (${columnList(sessionsTable)}) VALUES (?, ?, ?)`)
        .run(...sessionsTable.encode(row));
    });
  }

  async session(tokenSha256: string, now: string): Promise<SessionRow | null> {
    const row = await this.whenFree(
      () =>
        this.db
          .prepare(`SELECT ${columnList(sessionsTable)} FROM sessions WHERE token_sha256 = ? AND expires_at > ?`)
          .get(tokenSha256, now) as SessionSqlRow | undefined,
    );
    return row === undefined ? null : sessionsTable.decode(row);
  }

  deleteSession(tokenSha256: string): Promise<void> {
    return this.transaction(() => {
      this.db.prepare(`DELETE FROM sessions WHERE token_sha256 = ?`).run(tokenSha256);
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  // Witnesses (docs/witness.md).
  async cosignaturesOf(size: number): Promise<CosignatureRow[]> {
    const rows = await this.whenFree(
      () =>
        this.db
          .prepare(`SELECT ${COSIGNATURE_COLUMNS} FROM cosignatures WHERE size = ? ORDER BY verifier_key`)
          .all(size) as CosignatureSqlRow[],
    );
    return rows.map(cosignatureOfRow);
  }

  async latestCosignatures(): Promise<CosignatureRow[]> {
    const rows = await this.whenFree(() => this.db.prepare(LATEST_COSIGNATURES_SQL).all() as CosignatureSqlRow[]);
    return rows.map(cosignatureOfRow);
  }

  async eventsOfType(type: JournalEventType): Promise<JournalEvent[]> {
    const rows = await this.whenFree(
      () =>
        this.db
          .prepare(
            `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE type = ? ORDER BY seq`,
          )
          .all(type) as EventRow[],
    );
    return rows.map(rowToEvent);
  }
}
