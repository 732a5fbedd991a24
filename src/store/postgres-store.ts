import pg from 'pg';
import { canonicalJson } from '../model/canonical-json.ts';
import { GENESIS } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import {
  ADDED_COLUMNS,
  type AccountRow,
  type ChainHead,
  HEAD_CHANNEL,
  type HeadWatch,
  type JournalRow,
  type SessionRow,
  PROJECTION_TABLES,
  type RegisteredKey,
  SCHEMA_SQL,
  type Store,
  type StoredProtocol,
  type StoreReader,
  type StoreWriter,
} from './store.ts';
import { PostgresReads } from './postgres-reads.ts';

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
    for (const statement of SCHEMA_SQL) await this.pool.query(statement);
    for (const { table, column, type } of ADDED_COLUMNS)
      await this.pool.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column} ${type}`);
    await this.pool.query(`INSERT INTO journal_head (id, seq, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING`, [
      GENESIS,
    ]);
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
    try {
      await client.query('BEGIN');
      const result = await work(this.writer(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
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
          const result = await client.query<{
            station_id: string;
            contest_id: string;
            version: number;
            content: string;
            event_seq: string;
          }>(
            `SELECT p.station_id, p.contest_id, p.version, p.content, p.event_seq FROM protocols p JOIN unnest($1::text[], $2::text[]) AS k(s, c) ON p.station_id = k.s AND p.contest_id = k.c`,
            [chunk.map(([s]) => s), chunk.map(([, c]) => c)],
          );
          for (const row of result.rows)
            found.set(protocolKeyOf(row.station_id, row.contest_id), {
              stationId: row.station_id,
              contestId: row.contest_id,
              version: row.version,
              content: row.content,
              eventSeq: Number(row.event_seq),
            });
        }
        return found;
      },
      putProtocols: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO protocols (station_id, contest_id, version, content, event_seq)`,
          rows.map((r) => [r.stationId, r.contestId, r.version, r.content, r.eventSeq]),
          `ON CONFLICT (station_id, contest_id) DO UPDATE SET version = excluded.version, content = excluded.content, event_seq = excluded.event_seq`,
        );
      },
      contestTotals: async (contestIds) => {
        const result = await client.query<{ contest_id: string; totals: string }>(
          `SELECT contest_id, totals FROM contest_totals WHERE contest_id = ANY($1::text[])`,
          [contestIds],
        );
        return new Map(result.rows.map((row) => [row.contest_id, row.totals]));
      },
      putContestTotals: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO contest_totals (contest_id, totals)`,
          [...rows].map(([id, totals]) => [id, totals]),
          `ON CONFLICT (contest_id) DO UPDATE SET totals = excluded.totals`,
        );
      },
      putKeys: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO signing_keys (fingerprint, holder, role, public_key, commission)`,
          rows.map((r) => [r.fingerprint, r.holder, r.role, r.publicKey, r.commission]),
          `ON CONFLICT (fingerprint) DO NOTHING`,
        );
      },
      entries: async (keys) => {
        const result = await client.query<{ station_id: string; contest_id: string; state: string }>(
          `SELECT e.station_id, e.contest_id, e.state FROM protocol_entries e JOIN unnest($1::text[], $2::text[]) AS k(s, c) ON e.station_id = k.s AND e.contest_id = k.c`,
          [keys.map(([s]) => s), keys.map(([, c]) => c)],
        );
        return new Map(result.rows.map((row) => [protocolKeyOf(row.station_id, row.contest_id), row.state]));
      },
      putEntries: async (rows) => {
        for (const row of rows) {
          if (row.state === null)
            await client.query(`DELETE FROM protocol_entries WHERE station_id = $1 AND contest_id = $2`, [
              row.stationId,
              row.contestId,
            ]);
          else
            await client.query(
              `INSERT INTO protocol_entries (station_id, contest_id, state) VALUES ($1, $2, $3) ON CONFLICT (station_id, contest_id) DO UPDATE SET state = excluded.state`,
              [row.stationId, row.contestId, row.state],
            );
        }
      },
      putDecisions: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO decisions (key, value)`,
          [...rows].map(([key, value]) => [key, value]),
          `ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
      },
      decisions: async () => {
        const result = await client.query<{ key: string; value: string }>(
          `SELECT key, value FROM decisions ORDER BY key COLLATE "C"`,
        );
        return new Map(result.rows.map((row) => [row.key, row.value]));
      },
      putRegistry: async (rows) => {
        await insertRows(
          client,
          `INSERT INTO registry (key, value)`,
          [...rows].map(([key, value]) => [key, value]),
          `ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        );
      },
      registry: async () => {
        const result = await client.query<{ key: string; value: string }>(
          `SELECT key, value FROM registry ORDER BY key COLLATE "C"`,
        );
        return new Map(result.rows.map((row) => [row.key, row.value]));
      },
      clearProjections: async () => {
        for (const table of PROJECTION_TABLES) await client.query(`DELETE FROM ${table}`);
      },
      protocolsOfContest: async (contestId) => {
        const result = await client.query<{
          station_id: string;
          contest_id: string;
          version: number;
          content: string;
          event_seq: string;
        }>(`SELECT station_id, contest_id, version, content, event_seq FROM protocols WHERE contest_id = $1`, [
          contestId,
        ]);
        return result.rows.map((row) => ({
          stationId: row.station_id,
          contestId: row.contest_id,
          version: row.version,
          content: row.content,
          eventSeq: Number(row.event_seq),
        }));
      },
      setMeta: async (key, value) => {
        await client.query(
          `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, value],
        );
      },
      putAccount: async (row) => {
        await client.query(`INSERT INTO accounts (username, password_hash, role, commission) VALUES ($1, $2, $3, $4)`, [
          row.username,
          row.passwordHash,
          row.role,
          row.commission,
        ]);
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

  allContestTotals(): Promise<Map<string, string>> {
    return this.reads.allContestTotals();
  }

  contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, string>> {
    return this.reads.contestTotalsOf(contestIds);
  }

  keys(): Promise<RegisteredKey[]> {
    return this.reads.keys();
  }

  decisions(): Promise<Map<string, string>> {
    return this.reads.decisions();
  }

  registry(): Promise<Map<string, string>> {
    return this.reads.registry();
  }

  allEntries(): Promise<Map<string, string>> {
    return this.reads.allEntries();
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
    const result = await this.pool.query<{
      username: string;
      password_hash: string;
      role: string;
      commission: string | null;
      disabled_at: string | null;
    }>(`SELECT username, password_hash, role, commission, disabled_at FROM accounts WHERE username = $1`, [username]);
    const row = result.rows[0];
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

  async putSession(row: SessionRow, now: string): Promise<void> {
    // Each pool query commits on its own: the new session never joins a write transaction.
    await this.pool.query(`DELETE FROM sessions WHERE expires_at <= $1`, [now]);
    await this.pool.query(`INSERT INTO sessions (token_sha256, username, expires_at) VALUES ($1, $2, $3)`, [
      row.tokenSha256,
      row.username,
      row.expiresAt,
    ]);
  }

  async session(tokenSha256: string, now: string): Promise<SessionRow | null> {
    const result = await this.pool.query<{ token_sha256: string; username: string; expires_at: string }>(
      `SELECT token_sha256, username, expires_at FROM sessions WHERE token_sha256 = $1 AND expires_at > $2`,
      [tokenSha256, now],
    );
    const row = result.rows[0];
    return row === undefined
      ? null
      : { tokenSha256: row.token_sha256, username: row.username, expiresAt: row.expires_at };
  }

  async deleteSession(tokenSha256: string): Promise<void> {
    await this.pool.query(`DELETE FROM sessions WHERE token_sha256 = $1`, [tokenSha256]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
