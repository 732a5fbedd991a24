import type pg from 'pg';
import { GENESIS } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import type { Registry } from '../registration/registry.ts';
import type { Totals } from '../tally/aggregate.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { PendingEntry } from '../tally/double-entry.ts';
import {
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
  type SigningKeyRow,
  signingKeysTable,
  LIVE_KEY_OF_HOLDER,
  type TextTable,
} from './rows.ts';
import {
  type ChainHead,
  type JournalRow,
  type RegisteredKey,
  rowToEvent,
  type StoreReader,
  type StoredCheckpoint,
  type StoredProtocol,
} from './store.ts';

/** Byte order, as SQLite sorts: so that both engines read rows in the same order. */
export const BYTE_ORDER = 'COLLATE "C"';

/** Every current protocol in key order: what `allProtocols` and `eachProtocol` read. */
const ALL_PROTOCOLS = `SELECT ${columnList(protocolsTable)} FROM protocols ORDER BY station_id ${BYTE_ORDER}, contest_id ${BYTE_ORDER}`;
/** Rows a cursor fetches at a time: a few megabytes of protocols. */
const PROTOCOL_PAGE = 5000;
/** Cursors declared by this process, for their names. */
let cursors = 0;

/**
 * The rows of one query a page at a time, through a cursor: sorted once by the server, and never all in this process.
 * A cursor lives in a transaction: on a connection of the snapshot's, in its own; over the pool, in a read-only one of
 * a connection taken for it.
 */
export async function withCursor<Row extends pg.QueryResultRow>(
  db: pg.Pool | pg.PoolClient,
  sql: string,
  page: number,
  onPage: (rows: readonly Row[]) => void,
): Promise<void> {
  // A connection of the pool's, lent with `release`, is one a transaction holds; the pool is not.
  const inTransaction = 'release' in db;
  const client = inTransaction ? db : await db.connect();
  // A name of its own, so that two readings on one snapshot's connection never meet.
  const cursor = `saylau_rows_${++cursors}`;
  let broken = false;
  try {
    if (!inTransaction) await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`);
    for (;;) {
      const { rows } = await client.query<Row>(`FETCH ${page} FROM ${cursor}`);
      onPage(rows);
      if (rows.length < page) break;
    }
    await client.query(`CLOSE ${cursor}`);
    if (!inTransaction) await client.query('COMMIT');
  } catch (error) {
    // The snapshot's transaction goes on: its cursor is closed, if the transaction still can.
    if (inTransaction) await client.query(`CLOSE ${cursor}`).catch(() => undefined);
    else await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    if (!inTransaction) client.release(broken);
  }
}

/** The rows of a text table, over any connection: what the reads and the write transaction's reads share. */
export async function textRows(db: pg.Pool | pg.PoolClient, table: TextTable): Promise<KeyText[]> {
  return (await db.query<KeyText>(selectText(table, BYTE_ORDER))).rows;
}

/** The totals rows of some contests. */
export async function totalsRowsOf(db: pg.Pool | pg.PoolClient, contestIds: readonly string[]): Promise<KeyText[]> {
  const sql = selectText('contest_totals', BYTE_ORDER, `WHERE contest_id = ANY($1::text[])`);
  return (await db.query<KeyText>(sql, [contestIds])).rows;
}

/** Journal rows after `after`, over any connection (a write transaction's own included). */
export async function journalRows(db: pg.Pool | pg.PoolClient, after: number, limit: number): Promise<JournalRow[]> {
  const result = await db.query<JournalRow>(
    `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [after, limit],
  );
  return result.rows;
}

/** One checkpoint row chosen by `where`, over any connection. */
export async function checkpointRow(
  db: pg.Pool | pg.PoolClient,
  where: string,
  params: unknown[] = [],
): Promise<StoredCheckpoint | null> {
  const result = await db.query<CheckpointSqlRow>(
    `SELECT ${columnList(checkpointsTable)} FROM checkpoints ${where}`,
    params,
  );
  const row = result.rows[0];
  return row === undefined ? null : checkpointsTable.decode(row);
}

/**
 * The reads of the PostgreSQL store, over the pool (each query on any connection) or over one
 * connection inside a snapshot's read transaction (postgres-store.ts).
 */
export class PostgresReads implements StoreReader {
  constructor(private readonly db: pg.Pool | pg.PoolClient) {}

  async meta(key: string): Promise<string | null> {
    const result = await this.db.query<{ value: string }>(`SELECT value FROM meta WHERE key = $1`, [key]);
    return result.rows[0]?.value ?? null;
  }

  async eventCount(): Promise<number> {
    const result = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM journal`);
    return Number(result.rows[0]?.n ?? 0);
  }

  async *events(): AsyncIterable<JournalEvent> {
    const page = 5000;
    for (let after = 0; ;) {
      const result = await this.db.query<JournalRow>(
        `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, page],
      );
      for (const row of result.rows) yield rowToEvent(row);
      if (result.rows.length < page) return;
      after = Number(result.rows.at(-1)?.seq);
    }
  }

  async allProtocols(): Promise<StoredProtocol[]> {
    const result = await this.db.query<ProtocolRow>(ALL_PROTOCOLS);
    return result.rows.map(protocolsTable.decode);
  }

  async eachProtocol(visit: (row: StoredProtocol) => void): Promise<void> {
    await withCursor<ProtocolRow>(this.db, ALL_PROTOCOLS, PROTOCOL_PAGE, (rows) => {
      for (const row of rows) visit(protocolsTable.decode(row));
    });
  }

  async currentProtocolsOf(contestId: string): Promise<StoredProtocol[]> {
    const result = await this.db.query<ProtocolRow>(
      `SELECT ${columnList(protocolsTable)} FROM protocols WHERE contest_id = $1 ORDER BY station_id ${BYTE_ORDER}`,
      [contestId],
    );
    return result.rows.map(protocolsTable.decode);
  }

  async allContestTotals(): Promise<Map<string, Totals>> {
    return contestTotalsTable.decodeAll(await textRows(this.db, 'contest_totals'));
  }

  async contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, Totals>> {
    return contestTotalsTable.decodeAll(await totalsRowsOf(this.db, contestIds));
  }

  async keys(): Promise<RegisteredKey[]> {
    const result = await this.db.query<SigningKeyRow>(
      `SELECT ${columnList(signingKeysTable)} FROM signing_keys ORDER BY fingerprint ${BYTE_ORDER}`,
    );
    return result.rows.map(signingKeysTable.decode);
  }

  async liveKeyOf(holder: string): Promise<RegisteredKey | null> {
    const row = (await this.db.query<SigningKeyRow>(LIVE_KEY_OF_HOLDER, [holder])).rows[0];
    return row === undefined ? null : signingKeysTable.decode(row);
  }

  async decisions(): Promise<Decisions> {
    return decisionsTable.decodeAll(await textRows(this.db, 'decisions'));
  }

  async registry(): Promise<Registry> {
    return registryTable.decodeAll(await textRows(this.db, 'registry'));
  }

  async allEntries(): Promise<Map<string, PendingEntry>> {
    return protocolEntriesTable.decodeAll(await textRows(this.db, 'protocol_entries'));
  }

  async storedText(table: TextTable): Promise<Map<string, string>> {
    return new Map((await textRows(this.db, table)).map((row) => [row.key, row.value]));
  }

  async journalHead(): Promise<ChainHead> {
    const result = await this.db.query<{ seq: string; hash: string }>(
      `SELECT seq, hash FROM journal_head WHERE id = 1`,
    );
    const row = result.rows[0];
    return row === undefined ? { seq: 0, hash: GENESIS } : { seq: Number(row.seq), hash: row.hash };
  }

  async eventsAfter(after: number, limit: number): Promise<JournalEvent[]> {
    return (await this.journalRowsAfter(after, limit)).map(rowToEvent);
  }

  journalRowsAfter(after: number, limit: number): Promise<JournalRow[]> {
    return journalRows(this.db, after, limit);
  }

  checkpointAt(size: number): Promise<StoredCheckpoint | null> {
    return checkpointRow(this.db, `WHERE size = $1`, [size]);
  }

  latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return checkpointRow(this.db, `ORDER BY size DESC LIMIT 1`);
  }
}
