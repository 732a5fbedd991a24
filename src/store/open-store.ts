import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** `--db PATH` is an SQLite file; `--db postgres://…` a PostgreSQL database. */
export function openStore(db: string, { create = false }: { readonly create?: boolean } = {}): Store {
  // Only `init` creates an SQLite file; every other command on a mistyped path says so instead.
  return /^postgres(ql)?:\/\//.test(db) ? new PostgresStore(db) : new SqliteStore(db, { mustExist: !create });
}
