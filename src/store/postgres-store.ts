import pg from 'pg';
import { canonicalJson } from '../model/canonical-json.ts';
import type { JournalEvent } from '../journal/events.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import type { Registry } from '../registration/registry.ts';
import type { Totals } from '../tally/aggregate.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import {
  type AccountRow,
  type AppendHook,
  type ChainHead,
  HEAD_CHANNEL,
  type HeadWatch,
  type JournalRow,
  type SessionRow,
  PROJECTION_TABLES,
  type RegisteredKey,
  type Store,
  type StoredProtocol,
  type StoreReader,
  type StoreWriter,
  type StoredCheckpoint,
  workWithHook,
} from './store.ts';
import { checkpointRow, journalRows, PostgresReads, textRows, totalsRowsOf } from './postgres-reads.ts';
import {
  accountsTable,
  type AccountSqlRow,
  checkpointsTable,
  columnList,
  contestTotalsTable,
  decisionsTable,
  type KeyText,
  protocolEntriesTable,
  type ProtocolRow,
  protocolsTable,
  registryTable,
  sessionsTable,
  type SessionSqlRow,
  type SigningKeyRow,
  signingKeysTable,
  type TextTable,
} from './rows.ts';
import { migrateSchema, refuseNewer, type SchemaConnection, SCHEMA_VERSION, schemaVersionOf } from './schema.ts';
import type { JournalEventType } from '../journal/events.ts';
// Witnesses (docs/witness.md).
import {
  COSIGNATURE_COLUMNS,
  cosignatureOfRow,
  type CosignatureRow,
  type CosignatureSqlRow,
  cosignatureValues,
  LATEST_COSIGNATURES_SQL,
  rowToEvent,
} from './store.ts';
import { BYTE_ORDER } from './postgres-reads.ts';

/** Any number that no other program takes a transaction lock on: the lock migrations hold. */
const MIGRATION_LOCK = 0x5a71a0;
const PROTOCOL_COLUMNS = columnList(protocolsTable);

const CHUNK = 1000;

/** `INSERT … VALUES ($1,$2),($3,$4)…` for rows of equal width, in chunks under PostgreSQL's parameter limit. */
async function insertRows(
  client: pg.PoolClient,
  head: string,
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const width = chunk[0]?.length ?? 0;
    const values = chunk
      .map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(',')})`)
      .join(',');
    await client.query(`${head} VALUES ${values} ${tail}`, chunk.flat());
  }
}

/**
 * The multi-node store: several API nodes on one PostgreSQL database. Appends are serialised by
 * locking the chain head row, so the hash chain stays one line whatever the concurrency.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  /**
   * This process's writes, one at a time. A write holds the chain-head lock and may read through
   * the pool meanwhile; were several of its own writes waiting on that lock with the pool's other
   * connections, it could wait for a connection forever. Other processes have pools of their own.
   */
  private writes: Promise<unknown> = Promise.resolve();

  private readonly reads: PostgresReads;
  private hook: AppendHook | null = null;

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 6 });
    this.reads = new PostgresReads(this.pool);
  }

  get location(): string {
    return this.url;
  }

  async snapshot<T>(work: (reader: StoreReader) => Promise<T>): Promise<T> {
    // One connection in a read-only REPEATABLE READ transaction: every query sees the state of its
    // first one, and takes no lock a writer waits for.
    const client = await this.pool.connect();
    let broken: Error | boolean = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(new PostgresReads(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client
        .query('ROLLBACK')
        .catch((rollbackError: unknown) => (broken = rollbackError instanceof Error ? rollbackError : true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async migrate(): Promise<void> {
    // Read first: a database already up to date takes no lock.
    const { version, recorded } = await schemaVersionOf(schemaConnection(this.pool));
    refuseNewer(version);
    if (recorded && version === SCHEMA_VERSION) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Several nodes may open a new database at once: one migrates, the others then find it done.
      await client.query(`SELECT pg_advisory_xact_lock($1)`, [MIGRATION_LOCK]);
      await migrateSchema(schemaConnection(client));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  setAppendHook(hook: AppendHook | null): void {
    this.hook = hook;
  }

  checkpointAt(size: number): Promise<StoredCheckpoint | null> {
    return this.reads.checkpointAt(size);
  }

  latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return this.reads.latestCheckpoint();
  }

  async schemaVersion(): Promise<number> {
    return (await schemaVersionOf(schemaConnection(this.pool))).version;
  }

  write<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    const run = () => this.transaction(work);
    const next = this.writes.then(run, run);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let released = false;
    let hooked: AppendHook | null = null;
    try {
      await client.query('BEGIN');
      const result = await workWithHook(this.writer(client), this.hook, work, (hook) => (hooked = hook));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      (hooked as AppendHook | null)?.rolledBack();
      // A connection whose ROLLBACK fails is broken: release it as such, not back into the pool.
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        client.release(rollbackError instanceof Error ? rollbackError : true);
        released = true;
      });
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  private writer(client: pg.PoolClient): StoreWriter {
    return {
      head: async () => {
        const result = await client.query<{ seq: string; hash: string }>(
          `SELECT seq, hash FROM journal_head WHERE id = 1 FOR UPDATE`,
        );
        const row = result.rows[0] as { seq: string; hash: string };
        return { seq: Number(row.seq), hash: row.hash } satisfies ChainHead;
      },
      appendEvents: async (events) => {
        await insertRows(
          client,
          `INSERT INTO journal (seq, hash, prev, type, actor, at, payload, signature)`,
          events.map((e) => [e.seq, e.hash, e.prev, e.type, e.actor, e.at, canonicalJson(e.payload), e.signature]),
        );
        const last = events.at(-1);
        if (last !== undefined) {
          await client.query(`UPDATE journal_head SET seq = $1, hash = $2 WHERE id = 1`, [last.seq, last.hash]);
          // Delivered on commit only, to every server process listening on this database.
          await client.query(`SELECT pg_notify($1, $2)`, [HEAD_CHANNEL, String(last.seq)]);
        }
      },
      protocols: async (keys) => {
        const found = new Map<string, StoredProtocol>();
        for (let start = 0; start < keys.length; start += CHUNK) {
          const chunk = keys.slice(start, start + CHUNK);
          const result = await client.query<ProtocolRow>(
            `SELECT ${columnList(protocolsTable, 'p')} FROM protocols p JOIN unnest($1::text[], $2::text[]) AS k(s, c) ON p.station_id = k.s AND p.contest_id = k.c`,
            [chunk.map(([s]) => s), chunk.map(([, c]) => c)],
          );
          for (const row of result.rows)
            found.set(protocolKeyOf(row.station_id, row.contest_id), protocolsTable.decode(row));
        }
        return found;
      },
      putProtocols: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO protocols (${PROTOCOL_COLUMNS})`,
          rows.map(protocolsTable.encode),
          `ON CONFLICT (station_id, contest_id) DO UPDATE SET version = excluded.version, content = excluded.content, event_seq = excluded.event_seq`,
        );
      },
      removeProtocols: async (keys) => {
        for (const [stationId, contestId] of keys)
          await client.query(`DELETE FROM protocols WHERE station_id = $1 AND contest_id = $2`, [stationId, contestId]);
      },
      contestTotals: async (contestIds) => contestTotalsTable.decodeAll(await totalsRowsOf(client, contestIds)),
      putContestTotals: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO contest_totals (${columnList(contestTotalsTable)})`,
          [...rows].map(contestTotalsTable.encode),
          `ON CONFLICT (contest_id) DO UPDATE SET totals = excluded.totals`,
        );
      },
      putKeys: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO signing_keys (${columnList(signingKeysTable)})`,
          rows.map(signingKeysTable.encode),
          `ON CONFLICT (fingerprint) DO NOTHING`,
        );
      },
      entries: async (keys) => {
        const result = await client.query<KeyText>(
          `SELECT e.station_id || ' ' || e.contest_id AS key, e.state AS value FROM protocol_entries e JOIN unnest($1::text[], $2::text[]) AS k(s, c) ON e.station_id = k.s AND e.contest_id = k.c`,
          [keys.map(([s]) => s), keys.map(([, c]) => c)],
        );
        return protocolEntriesTable.decodeAll(result.rows);
      },
      putEntries: async (rows) => {
        for (const { stationId, contestId, state } of rows) {
          if (state === null)
            await client.query(`DELETE FROM protocol_entries WHERE station_id = $1 AND contest_id = $2`, [
              stationId,
              contestId,
            ]);
          else
            await client.query(
              `INSERT INTO protocol_entries (${columnList(protocolEntriesTable)}) VALUES ($1, $2, $3) ON CONFLICT (station_id, contest_id) DO UPDATE SET state = excluded.state`,
              protocolEntriesTable.encode({ stationId, contestId, state }),
            );
        }
      },
      putDecisions: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO decisions (key, value)`,
          [...rows].map(decisionsTable.encode),
          `ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
      },
      decisions: async () => decisionsTable.decodeAll(await textRows(client, 'decisions')),
      putRegistry: async (registry, keys) => {
        await insertRows(
          client,
          `INSERT INTO registry (key, value)`,
          [...registryTable.texts(registry, keys)],
          `ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
      },
      registry: async () => registryTable.decodeAll(await textRows(client, 'registry')),
      dayRecords: async (keys) => {
        const { rows } = await client.query<{ key: string; value: string }>(
          `SELECT key, value FROM election_day WHERE key = ANY($1::text[])`,
          [keys],
        );
        return new Map(rows.map((row) => [row.key, row.value]));
      },
      putDayRecords: async (rows) => {
        if (rows.size === 0) return;
        await insertRows(
          client,
          `INSERT INTO election_day (key, value)`,
          [...rows],
          `ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
      },
      clearProjections: async () => {
        for (const table of PROJECTION_TABLES) await client.query(`DELETE FROM ${table}`);
      },
      protocolsOfContest: (contestId) => new PostgresReads(client).currentProtocolsOf(contestId),
      setMeta: async (key, value) => {
        await client.query(
          `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, value],
        );
      },
      putAccount: async (row) => {
        await client.query(
          `INSERT INTO accounts (${columnList(accountsTable)}) VALUES ($1, $2, $3, $4, $5)`,
          accountsTable.encode({ ...row, disabledAt: null }),
        );
      },
      updateAccount: async (username, change) => {
        if (change.passwordHash !== undefined)
          await client.query(`UPDATE accounts SET password_hash = $1 WHERE username = $2`, [
            change.passwordHash,
            username,
          ]);
        if (change.disabledAt !== undefined)
          await client.query(`UPDATE accounts SET disabled_at = $1 WHERE username = $2`, [change.disabledAt, username]);
      },
      account: async (username) => {
        const result = await client.query<AccountSqlRow>(
          `SELECT ${columnList(accountsTable)} FROM accounts WHERE username = $1`,
          [username],
        );
        const row = result.rows[0];
        return row === undefined ? null : accountsTable.decode(row);
      },
      signingKey: async (fingerprint) => {
        const result = await client.query<SigningKeyRow>(
          `SELECT ${columnList(signingKeysTable)} FROM signing_keys WHERE fingerprint = $1`,
          [fingerprint],
        );
        const row = result.rows[0];
        return row === undefined ? null : signingKeysTable.decode(row);
      },
      liveKeyOf: async (holder) => {
        return new PostgresReads(client).liveKeyOf(holder);
      },
      actsOf: async (actor, at) =>
        (
          await client.query<{ type: string; payload: string }>(
            `SELECT type, payload FROM journal WHERE actor = $1 AND at = $2`,
            [actor, at],
          )
        ).rows,
      journalRowsAfter: (after, limit) => journalRows(client, after, limit),
      checkpointAt: (size) => checkpointRow(client, `WHERE size = $1`, [size]),
      latestCheckpoint: () => checkpointRow(client, `ORDER BY size DESC LIMIT 1`),
      putCheckpoint: async (row) => {
        await client.query(
          `INSERT INTO checkpoints (${columnList(checkpointsTable)}) VALUES ($1, $2, $3, $4)`,
          checkpointsTable.encode(row),
        );
      },
      putCosignature: async (row) =>
        (
          await client.query(
            `INSERT INTO cosignatures (${COSIGNATURE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (verifier_key, size) DO NOTHING`,
            cosignatureValues(row),
          )
        ).rowCount === 1,
      deleteSessions: async (username, except) =>
        (
          await client.query(`DELETE FROM sessions WHERE username = $1 AND token_sha256 <> $2`, [
            username,
            except ?? '',
          ])
        ).rowCount ?? 0,
    };
  }

  meta(key: string): Promise<string | null> {
    return this.reads.meta(key);
  }

  eventCount(): Promise<number> {
    return this.reads.eventCount();
  }

  events(): AsyncIterable<JournalEvent> {
    return this.reads.events();
  }

  allProtocols(): Promise<StoredProtocol[]> {
    return this.reads.allProtocols();
  }

  eachProtocol(visit: (row: StoredProtocol) => void): Promise<void> {
    return this.reads.eachProtocol(visit);
  }

  currentProtocolsOf(contestId: string): Promise<StoredProtocol[]> {
    return this.reads.currentProtocolsOf(contestId);
  }

  allContestTotals(): Promise<Map<string, Totals>> {
    return this.reads.allContestTotals();
  }

  contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, Totals>> {
    return this.reads.contestTotalsOf(contestIds);
  }

  keys(): Promise<RegisteredKey[]> {
    return this.reads.keys();
  }

  liveKeyOf(holder: string): Promise<RegisteredKey | null> {
    return this.reads.liveKeyOf(holder);
  }

  decisions(): Promise<Decisions> {
    return this.reads.decisions();
  }

  registry(): Promise<Registry> {
    return this.reads.registry();
  }

  allEntries(): Promise<Map<string, PendingEntry>> {
    return this.reads.allEntries();
  }

  storedText(table: TextTable): Promise<Map<string, string>> {
    return this.reads.storedText(table);
  }

  journalHead(): Promise<ChainHead> {
    return this.reads.journalHead();
  }

  eventsAfter(after: number, limit: number): Promise<JournalEvent[]> {
    return this.reads.eventsAfter(after, limit);
  }

  journalRowsAfter(after: number, limit: number): Promise<JournalRow[]> {
    return this.reads.journalRowsAfter(after, limit);
  }

  async watchHead(listener: (seq: number) => void): Promise<HeadWatch> {
    let closed = false;
    let client: pg.Client | undefined;
    // A connection of its own, outside the pool: LISTEN lasts as long as the connection. When it
    // is lost it is made again, and the listener told to read the head (changes may have passed).
    const retry = (): void => {
      if (!closed) setTimeout(() => void connect().then(() => listener(-1), retry), 1000).unref();
    };
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.url });
      next.on('notification', (message) => {
        if (message.channel === HEAD_CHANNEL) listener(Number(message.payload));
      });
      let lost = false;
      const drop = (): void => {
        if (lost) return;
        lost = true;
        void next.end().catch(() => undefined);
      };
      next.on('error', () => {
        // Once connected, a lost connection is made again; a failure while connecting rejects below.
        const wasUp = client === next;
        drop();
        if (wasUp) retry();
      });
      next.on('end', () => {
        if (client === next && !lost) {
          lost = true;
          retry();
        }
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${HEAD_CHANNEL}`);
      } catch (error) {
        drop();
        throw error;
      }
      client = next;
    };
    await connect();
    return {
      close: async () => {
        closed = true;
        await client?.end().catch(() => undefined);
      },
    };
  }

  async account(username: string): Promise<AccountRow | null> {
    const result = await this.pool.query<AccountSqlRow>(
      `SELECT ${columnList(accountsTable)} FROM accounts WHERE username = $1`,
      [username],
    );
    const row = result.rows[0];
    return row === undefined ? null : accountsTable.decode(row);
  }

  async putSession(row: SessionRow, now: string): Promise<void> {
    // Each pool query commits on its own: the new session never joins a write transaction.
    await this.pool.query(`DELETE FROM sessions WHERE expires_at <= $1`, [now]);
    await this.pool.query(
      `INSERT INTO sessions (${columnList(sessionsTable)}) VALUES ($1, $2, $3)`,
      sessionsTable.encode(row),
    );
  }

  async session(tokenSha256: string, now: string): Promise<SessionRow | null> {
    const result = await this.pool.query<SessionSqlRow>(
      `SELECT ${columnList(sessionsTable)} FROM sessions WHERE token_sha256 = $1 AND expires_at > $2`,
      [tokenSha256, now],
    );
    const row = result.rows[0];
    return row === undefined ? null : sessionsTable.decode(row);
  }

  async deleteSession(tokenSha256: string): Promise<void> {
    await this.pool.query(`DELETE FROM sessions WHERE token_sha256 = $1`, [tokenSha256]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // Witnesses (docs/witness.md).
  async cosignaturesOf(size: number): Promise<CosignatureRow[]> {
    const result = await this.pool.query<CosignatureSqlRow>(
      `SELECT ${COSIGNATURE_COLUMNS} FROM cosignatures WHERE size = $1 ORDER BY verifier_key ${BYTE_ORDER}`,
      [size],
    );
    return result.rows.map(cosignatureOfRow);
  }

  async latestCosignatures(): Promise<CosignatureRow[]> {
    const result = await this.pool.query<CosignatureSqlRow>(`${LATEST_COSIGNATURES_SQL} ${BYTE_ORDER}`);
    return result.rows.map(cosignatureOfRow);
  }

  async eventsOfType(type: JournalEventType): Promise<JournalEvent[]> {
    const result = await this.pool.query<JournalRow>(
      `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE type = $1 ORDER BY seq`,
      [type],
    );
    return result.rows.map(rowToEvent);
  }
}

/** The migration's view of a PostgreSQL connection (src/store/schema.ts). */
function schemaConnection(db: pg.Pool | pg.PoolClient): SchemaConnection {
  return {
    tableExists: async (table) =>
      (await db.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [table])).rows[0]?.found ===
      true,
    columnExists: async (table, column) =>
      ((
        await db.query(
          `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
          [table, column],
        )
      ).rowCount ?? 0) > 0,
    exec: async (statement) => {
      await db.query(statement);
    },
    meta: async (key) =>
      (await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = $1`, [key])).rows[0]?.value ?? null,
    setMeta: async (key, value) => {
      await db.query(
        `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [key, value],
      );
    },
  };
}
