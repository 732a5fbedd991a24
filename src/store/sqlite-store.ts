import Database from 'better-sqlite3';
import { canonicalJson } from '../model/canonical-json.ts';
import { GENESIS } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import {
  ADDED_COLUMNS,
  type AccountRow,
  type ChainHead,
  type HeadWatch,
  type JournalRow,
  type SessionRow,
  PROJECTION_TABLES,
  type RegisteredKey,
  rowToEvent,
  SCHEMA_SQL,
  type Store,
  type StoredProtocol,
  type StoreReader,
  type StoreWriter,
} from './store.ts';
import { StoreError } from './store-error.ts';

type EventRow = Parameters<typeof rowToEvent>[0];
type AccountSqlRow = {
  username: string;
  password_hash: string;
  role: string;
  commission: string | null;
  disabled_at: string | null;
};

/** How long a statement waits, in total, for another connection's lock before STORE_BUSY. */
export const DEFAULT_BUSY_WAIT_MS = 15_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so that a protocol
 * acknowledged is on disk (SPEC §3, §4). better-sqlite3 is synchronous; writes are serialised by
 * a promise chain so that two async callers never interleave inside one transaction, and every
 * write — a session's too — is a transaction of its own on that chain.
 *
 * SQLite's own busy handler would wait for another process's lock (a CLI writing the same file)
 * by sleeping on the event loop, stopping every request meanwhile; so it is off, and a statement
 * that finds the file locked is tried again after a timer, up to `busyWaitMs` in all
 * (docs/server.md, "The database file shared with a CLI").
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly location: string | null;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly busyWaitMs: number;

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
  private async whenFree<T>(attempt: () => T): Promise<T> {
    const started = Date.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        return attempt();
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
    if (await this.whenFree(() => this.upToDate())) return;
    return this.transaction(() => {
      for (const statement of SCHEMA_SQL) this.db.exec(statement);
      for (const { table, column, type } of ADDED_COLUMNS) {
        const columns = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
        if (!columns.some((row) => row.name === column))
          this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
      }
      this.db.prepare(`INSERT OR IGNORE INTO journal_head (id, seq, hash) VALUES (1, 0, ?)`).run(GENESIS);
    });
  }

  private upToDate(): boolean {
    const existing = new Set(
      (this.db.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((row) => row.name),
    );
    const named = SCHEMA_SQL.map((statement) => /IF NOT EXISTS (\w+)/.exec(statement)?.[1] ?? '');
    if (!named.every((name) => existing.has(name))) return false;
    if (
      !ADDED_COLUMNS.every(({ table, column }) =>
        (this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).some(
          (row) => row.name === column,
        ),
      )
    )
      return false;
    return this.db.prepare(`SELECT 1 FROM journal_head WHERE id = 1`).get() !== undefined;
  }

  write<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.whenFree(() => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await work(this.writer());
        await this.whenFree(() => this.db.exec('COMMIT'));
        return result;
      } catch (error) {
        // SQLite may have rolled back already (a failed COMMIT); a second ROLLBACK would hide the cause.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
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
        const select = db.prepare(
          `SELECT station_id, contest_id, version, content, event_seq FROM protocols WHERE station_id = ? AND contest_id = ?`,
        );
        const found = new Map<string, StoredProtocol>();
        for (const [stationId, contestId] of keys) {
          const row = select.get(stationId, contestId) as
            { station_id: string; contest_id: string; version: number; content: string; event_seq: number } | undefined;
          if (row !== undefined)
            found.set(protocolKeyOf(stationId, contestId), {
              stationId: row.station_id,
              contestId: row.contest_id,
              version: row.version,
              content: row.content,
              eventSeq: Number(row.event_seq),
            });
        }
        return Promise.resolve(found);
      },
      putProtocols: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO protocols (station_id, contest_id, version, content, event_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id, contest_id) DO UPDATE SET version = excluded.version, content = excluded.content, event_seq = excluded.event_seq`,
        );
        for (const row of rows) upsert.run(row.stationId, row.contestId, row.version, row.content, row.eventSeq);
        return Promise.resolve();
      },
      contestTotals: (contestIds) => {
        const select = db.prepare(`SELECT totals FROM contest_totals WHERE contest_id = ?`);
        const found = new Map<string, string>();
        for (const id of contestIds) {
          const row = select.get(id) as { totals: string } | undefined;
          if (row !== undefined) found.set(id, row.totals);
        }
        return Promise.resolve(found);
      },
      putContestTotals: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO contest_totals (contest_id, totals) VALUES (?, ?) ON CONFLICT (contest_id) DO UPDATE SET totals = excluded.totals`,
        );
        for (const [id, totals] of rows) upsert.run(id, totals);
        return Promise.resolve();
      },
      putKeys: (rows) => {
        const insert = db.prepare(
          `INSERT INTO signing_keys (fingerprint, holder, role, public_key, commission) VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING`,
        );
        for (const row of rows) insert.run(row.fingerprint, row.holder, row.role, row.publicKey, row.commission);
        return Promise.resolve();
      },
      entries: (keys) => {
        const select = db.prepare(`SELECT state FROM protocol_entries WHERE station_id = ? AND contest_id = ?`);
        const found = new Map<string, string>();
        for (const [stationId, contestId] of keys) {
          const row = select.get(stationId, contestId) as { state: string } | undefined;
          if (row !== undefined) found.set(protocolKeyOf(stationId, contestId), row.state);
        }
        return Promise.resolve(found);
      },
      putEntries: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO protocol_entries (station_id, contest_id, state) VALUES (?, ?, ?) ON CONFLICT (station_id, contest_id) DO UPDATE SET state = excluded.state`,
        );
        const remove = db.prepare(`DELETE FROM protocol_entries WHERE station_id = ? AND contest_id = ?`);
        for (const row of rows) {
          if (row.state === null) remove.run(row.stationId, row.contestId);
          else upsert.run(row.stationId, row.contestId, row.state);
        }
        return Promise.resolve();
      },
      putDecisions: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO decisions (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
        for (const [key, value] of rows) upsert.run(key, value);
        return Promise.resolve();
      },
      decisions: () => {
        const rows = db.prepare(`SELECT key, value FROM decisions ORDER BY key`).all() as {
          key: string;
          value: string;
        }[];
        return Promise.resolve(new Map(rows.map((row) => [row.key, row.value])));
      },
      putRegistry: (rows) => {
        const upsert = db.prepare(
          `INSERT INTO registry (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
        for (const [key, value] of rows) upsert.run(key, value);
        return Promise.resolve();
      },
      registry: () => Promise.resolve(this.registryRows()),
      clearProjections: () => {
        for (const table of PROJECTION_TABLES) db.exec(`DELETE FROM ${table}`);
        return Promise.resolve();
      },
      protocolsOfContest: (contestId) => {
        const rows = db
          .prepare(`SELECT station_id, contest_id, version, content, event_seq FROM protocols WHERE contest_id = ?`)
          .all(contestId) as {
          station_id: string;
          contest_id: string;
          version: number;
          content: string;
          event_seq: number;
        }[];
        return Promise.resolve(
          rows.map((row) => ({
            stationId: row.station_id,
            contestId: row.contest_id,
            version: row.version,
            content: row.content,
            eventSeq: Number(row.event_seq),
          })),
        );
      },
      setMeta: (key, value) => {
        db.prepare(
          `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        ).run(key, value);
        return Promise.resolve();
      },
      putAccount: (row) => {
        db.prepare(`INSERT INTO accounts (username, password_hash, role, commission) VALUES (?, ?, ?, ?)`).run(
          row.username,
          row.passwordHash,
          row.role,
          row.commission,
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
      deleteSessions: (username, except) =>
        Promise.resolve(
          db.prepare(`DELETE FROM sessions WHERE username = ? AND token_sha256 <> ?`).run(username, except ?? '')
            .changes,
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
    const rows = await this.whenFree(
      () =>
        this.db
          .prepare(
            `SELECT station_id, contest_id, version, content, event_seq FROM protocols ORDER BY station_id, contest_id`,
          )
          .all() as { station_id: string; contest_id: string; version: number; content: string; event_seq: number }[],
    );
    return rows.map((row) => ({
      stationId: row.station_id,
      contestId: row.contest_id,
      version: row.version,
      content: row.content,
      eventSeq: Number(row.event_seq),
    }));
  }

  async allContestTotals(): Promise<Map<string, string>> {
    const rows = await this.whenFree(
      () =>
        this.db.prepare(`SELECT contest_id, totals FROM contest_totals`).all() as {
          contest_id: string;
          totals: string;
        }[],
    );
    return new Map(rows.map((row) => [row.contest_id, row.totals]));
  }

  contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, string>> {
    return this.whenFree(() => {
      const select = this.db.prepare(`SELECT totals FROM contest_totals WHERE contest_id = ?`);
      const found = new Map<string, string>();
      for (const id of contestIds) {
        const row = select.get(id) as { totals: string } | undefined;
        if (row !== undefined) found.set(id, row.totals);
      }
      return found;
    });
  }

  async keys(): Promise<RegisteredKey[]> {
    const rows = await this.whenFree(
      () =>
        this.db
          .prepare(`SELECT fingerprint, holder, role, public_key, commission FROM signing_keys ORDER BY fingerprint`)
          .all() as {
          fingerprint: string;
          holder: string;
          role: string;
          public_key: string;
          commission: string | null;
        }[],
    );
    return rows.map((row) => ({
      fingerprint: row.fingerprint,
      holder: row.holder,
      role: row.role,
      publicKey: row.public_key,
      commission: row.commission,
    }));
  }

  async decisions(): Promise<Map<string, string>> {
    const rows = await this.whenFree(
      () => this.db.prepare(`SELECT key, value FROM decisions ORDER BY key`).all() as { key: string; value: string }[],
    );
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  registry(): Promise<Map<string, string>> {
    return this.whenFree(() => this.registryRows());
  }

  async allEntries(): Promise<Map<string, string>> {
    const rows = await this.whenFree(
      () =>
        this.db.prepare(`SELECT station_id, contest_id, state FROM protocol_entries`).all() as {
          station_id: string;
          contest_id: string;
          state: string;
        }[],
    );
    return new Map(rows.map((row) => [protocolKeyOf(row.station_id, row.contest_id), row.state]));
  }

  private registryRows(): Map<string, string> {
    const rows = this.db.prepare(`SELECT key, value FROM registry ORDER BY key`).all() as {
      key: string;
      value: string;
    }[];
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
        this.db
          .prepare(`SELECT username, password_hash, role, commission, disabled_at FROM accounts WHERE username = ?`)
          .get(username) as AccountSqlRow | undefined,
    );
    return row === undefined
      ? null
      : {
          username: row.username,
          passwordHash: row.password_hash,
          role: row.role,
          commission: row.commission,
          disabledAt: row.disabled_at,
        };
  }

  putSession(row: SessionRow, now: string): Promise<void> {
    return this.transaction(() => {
      this.db.prepare(`DELETE FROM sessions WHERE expires_at <= ?`).run(now);
      this.db
        .prepare(`INSERT INTO sessions (token_sha256, username, expires_at) VALUES (?, ?, ?)`)
        .run(row.tokenSha256, row.username, row.expiresAt);
    });
  }

  async session(tokenSha256: string, now: string): Promise<SessionRow | null> {
    const row = await this.whenFree(
      () =>
        this.db
          .prepare(`SELECT token_sha256, username, expires_at FROM sessions WHERE token_sha256 = ? AND expires_at > ?`)
          .get(tokenSha256, now) as { token_sha256: string; username: string; expires_at: string } | undefined,
    );
    return row === undefined
      ? null
      : { tokenSha256: row.token_sha256, username: row.username, expiresAt: row.expires_at };
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
}
