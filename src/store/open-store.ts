import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** `--db PATH` is an SQLite file; `--db postgres://…` a PostgreSQL database. */
export function openStore(db: string): Store {
  return /^postgres(ql)?:\/\//.test(db) ? new PostgresStore(db) : new SqliteStore(db);
}
