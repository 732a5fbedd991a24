import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresStore } from '../src/store/postgres-store.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty database; returns its --db argument too. */
  readonly fresh: () => Promise<{ store: Store; db: string }>;
}

let databases = 0;

/** SQLite always; PostgreSQL where scripts/test.sh started one (always in CI). */
export function engines(): Engine[] {
  const list: Engine[] = [
    {
      name: 'sqlite',
      fresh: () => {
        const db = join(mkdtempSync(join(tmpdir(), 'saylau-store-')), 'election.db');
        return Promise.resolve({ store: new SqliteStore(db), db });
      },
    },
  ];
  const url = process.env.SAYLAU_PG_URL;
  if (url !== undefined && url !== '') {
    list.push({
      name: 'postgres',
      fresh: async () => {
        const name = `saylau_test_${process.pid}_${++databases}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const db = url.replace(/\/[^/]*$/, `/${name}`);
        return { store: new PostgresStore(db), db };
      },
    });
  }
  return list;
}

/**
 * Runs SQL on a database behind the store's back, as an operator with a database shell would (or an older saylau
 * left it): what tests of tampering and of migrations start from.
 */
export async function rawSql(engine: Engine, db: string, statements: readonly string[]): Promise<void> {
  if (engine.name === 'sqlite') {
    const raw = new Database(db);
    try {
      for (const statement of statements) raw.exec(statement);
    } finally {
      raw.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
