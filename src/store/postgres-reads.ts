import type pg from 'pg';
import { GENESIS } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { protocolKeyOf } from '../journal/projection.ts';
import {
  type ChainHead,
  type JournalRow,
  type RegisteredKey,
  rowToEvent,
  type StoreReader,
  type StoredProtocol,
} from './store.ts';

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
      const result = await this.db.query<Parameters<typeof rowToEvent>[0]>(
        `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, page],
      );
      for (const row of result.rows) yield rowToEvent(row);
      if (result.rows.length < page) return;
      after = Number(result.rows.at(-1)?.seq);
    }
  }

  async allProtocols(): Promise<StoredProtocol[]> {
    const result = await this.db.query<{
      station_id: string;
      contest_id: string;
      version: number;
      content: string;
      event_seq: string;
    }>(
      `SELECT station_id, contest_id, version, content, event_seq FROM protocols ORDER BY station_id COLLATE "C", contest_id COLLATE "C"`,
    );
    return result.rows.map((row) => ({
      stationId: row.station_id,
      contestId: row.contest_id,
      version: row.version,
      content: row.content,
      eventSeq: Number(row.event_seq),
    }));
  }

  async allContestTotals(): Promise<Map<string, string>> {
    const result = await this.db.query<{ contest_id: string; totals: string }>(
      `SELECT contest_id, totals FROM contest_totals`,
    );
    return new Map(result.rows.map((row) => [row.contest_id, row.totals]));
  }

  async contestTotalsOf(contestIds: readonly string[]): Promise<Map<string, string>> {
    const result = await this.db.query<{ contest_id: string; totals: string }>(
      `SELECT contest_id, totals FROM contest_totals WHERE contest_id = ANY($1::text[])`,
      [contestIds],
    );
    return new Map(result.rows.map((row) => [row.contest_id, row.totals]));
  }

  async keys(): Promise<RegisteredKey[]> {
    const result = await this.db.query<{
      fingerprint: string;
      holder: string;
      role: string;
      public_key: string;
      commission: string | null;
    }>(`SELECT fingerprint, holder, role, public_key, commission FROM signing_keys ORDER BY fingerprint COLLATE "C"`);
    return result.rows.map((row) => ({
      fingerprint: row.fingerprint,
      holder: row.holder,
      role: row.role,
      publicKey: row.public_key,
      commission: row.commission,
    }));
  }

  async decisions(): Promise<Map<string, string>> {
    const result = await this.db.query<{ key: string; value: string }>(
      `SELECT key, value FROM decisions ORDER BY key COLLATE "C"`,
    );
    return new Map(result.rows.map((row) => [row.key, row.value]));
  }

  async registry(): Promise<Map<string, string>> {
    const result = await this.db.query<{ key: string; value: string }>(
      `SELECT key, value FROM registry ORDER BY key COLLATE "C"`,
    );
    return new Map(result.rows.map((row) => [row.key, row.value]));
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

  async journalRowsAfter(after: number, limit: number): Promise<JournalRow[]> {
    const result = await this.db.query<JournalRow>(
      `SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, limit],
    );
    return result.rows;
  }

  async allEntries(): Promise<Map<string, string>> {
    const result = await this.db.query<{ station_id: string; contest_id: string; state: string }>(
      `SELECT station_id, contest_id, state FROM protocol_entries`,
    );
    return new Map(result.rows.map((row) => [protocolKeyOf(row.station_id, row.contest_id), row.state]));
  }
}
