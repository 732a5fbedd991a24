import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { withCursor } from '../src/store/postgres-reads.ts';
import { engines } from './store-engines.ts';

const postgres = engines().find((engine) => engine.name === 'postgres');

// The cursor a whole-table read of PostgreSQL goes through a page at a time (eachProtocol): pages of 3 over 23 rows.
describe.skipIf(postgres === undefined)('a cursor over PostgreSQL', () => {
  const read = async (db: pg.Pool | pg.PoolClient, stopAt?: number) => {
    const pages: number[][] = [];
    await withCursor<{ n: number }>(db, 'SELECT n FROM numbers ORDER BY n', 3, (rows) => {
      if (pages.length === stopAt) throw new Error('stopped');
      pages.push(rows.map((row) => row.n));
    });
    return pages;
  };
  const expected = Array.from({ length: 8 }, (_, page) =>
    Array.from({ length: 3 }, (_, at) => 3 * page + at + 1).filter((n) => n <= 23),
  );

  it('reads every row once in order over the pool and inside a transaction; a reader that stops leaves both usable', async () => {
    const { store, db } = await (postgres as NonNullable<typeof postgres>).fresh();
    await store.close();
    const pool = new pg.Pool({ connectionString: db, max: 2 });
    try {
      await pool.query('CREATE TABLE numbers (n INTEGER PRIMARY KEY)');
      await pool.query('INSERT INTO numbers SELECT generate_series(23, 1, -1)');
      expect(await read(pool)).toEqual(expected);
      await expect(read(pool, 2)).rejects.toThrow('stopped');
      // Its connection went back to the pool, its transaction ended.
      expect(await read(pool)).toEqual(expected);
      expect(pool.totalCount).toBe(pool.idleCount);

      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        expect(await read(client)).toEqual(expected);
        await expect(read(client, 1)).rejects.toThrow('stopped');
        // The same transaction reads on, with its cursor's name free again.
        expect(await read(client)).toEqual(expected);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });
});
