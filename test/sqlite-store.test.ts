import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { StoreError } from '../src/store/store-error.ts';

/** A migrated store on a new file, and a second connection to it: another process, as a CLI beside the server is. */
async function storeWithNeighbour(busyWaitMs?: number): Promise<{ store: SqliteStore; neighbour: Database.Database }> {
  const path = join(mkdtempSync(join(tmpdir(), 'saylau-lock-')), 'election.db');
  const store = new SqliteStore(path, busyWaitMs === undefined ? {} : { busyWaitMs });
  await store.migrate();
  const neighbour = new Database(path, { timeout: 0 });
  return { store, neighbour };
}

const open: { store: SqliteStore; neighbour: Database.Database }[] = [];
afterEach(async () => {
  for (const { store, neighbour } of open.splice(0)) {
    if (neighbour.inTransaction) neighbour.exec('ROLLBACK');
    neighbour.close();
    await store.close();
  }
});

/** Another request's write transaction, open (BEGIN done) until `fail` rolls it back. */
async function openTransaction(store: SqliteStore): Promise<{ other: Promise<unknown>; fail: (error: Error) => void }> {
  let fail: (error: Error) => void = () => undefined;
  let opened: () => void = () => undefined;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const other = store.write(
    () =>
      new Promise<never>((_resolve, reject) => {
        fail = reject;
        opened();
      }),
  );
  await isOpen;
  return { other, fail };
}

const session = (token: string) => ({ tokenSha256: token, username: 'chair', expiresAt: '2099-01-01T00:00:00.000Z' });
const NOW = '2026-01-01T00:00:00.000Z';

describe('SQLite: another connection holding the write lock does not stop the event loop', () => {
  it('a write waits for the lock with timers, so timers and other work go on, and goes through once it is free', async () => {
    const pair = await storeWithNeighbour();
    open.push(pair);
    const { store, neighbour } = pair;
    neighbour.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        neighbour.exec('COMMIT');
        resolve();
      }, 400),
    );
    const scheduled = Date.now();
    const tick = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - scheduled), 20));
    const written = store.putSession(session('a'.repeat(64)), NOW);
    // SQLite's own busy handler would sleep on this thread: the 20 ms timer would fire only after the write gave up.
    expect(await tick).toBeLessThan(300);
    await released;
    await written;
    expect(await store.session('a'.repeat(64), NOW)).toMatchObject({ username: 'chair' });
  }, 20_000);

  it('gives up after the bounded wait with STORE_BUSY, and the store works again afterwards', async () => {
    const pair = await storeWithNeighbour(300);
    open.push(pair);
    const { store, neighbour } = pair;
    neighbour.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const refused = await store.putSession(session('b'.repeat(64)), NOW).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('STORE_BUSY');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    neighbour.exec('COMMIT');
    await store.putSession(session('c'.repeat(64)), NOW);
    expect(await store.session('c'.repeat(64), NOW)).not.toBeNull();
  }, 20_000);
});

describe('SQLite: a login or logout is a transaction of its own', () => {
  it('a session written while another request’s transaction is open is not lost when that one rolls back', async () => {
    const pair = await storeWithNeighbour();
    open.push(pair);
    const { store } = pair;
    const { other, fail } = await openTransaction(store);
    const login = store.putSession(session('d'.repeat(64)), NOW);
    await new Promise((resolve) => setTimeout(resolve, 20));
    fail(new Error('the other request failed before its commit'));
    await expect(other).rejects.toThrow('the other request failed');
    await login;
    expect(await store.session('d'.repeat(64), NOW)).not.toBeNull();
  });

  it('a logout answered while another transaction is open stays done when that one rolls back', async () => {
    const pair = await storeWithNeighbour();
    open.push(pair);
    const { store } = pair;
    await store.putSession(session('e'.repeat(64)), NOW);
    const { other, fail } = await openTransaction(store);
    const logout = store.deleteSession('e'.repeat(64));
    await new Promise((resolve) => setTimeout(resolve, 20));
    fail(new Error('crash before commit'));
    await expect(other).rejects.toThrow('crash');
    await logout;
    expect(await store.session('e'.repeat(64), NOW)).toBeNull();
  });

  it('expired sessions are purged when someone logs in', async () => {
    const pair = await storeWithNeighbour();
    open.push(pair);
    const { store, neighbour } = pair;
    await store.putSession(
      { tokenSha256: 'f'.repeat(64), username: 'chair', expiresAt: '2025-12-31T23:59:59.000Z' },
      '2025-12-31T00:00:00.000Z',
    );
    await store.putSession(session('0'.repeat(64)), NOW);
    expect(
      (
        neighbour.prepare('SELECT token_sha256 FROM sessions ORDER BY token_sha256').all() as { token_sha256: string }[]
      ).map((row) => row.token_sha256),
    ).toEqual(['0'.repeat(64)]);
  });
});

describe('SQLite: migrate', () => {
  it('adds the columns added since to a database made before them, keeping its rows; an up-to-date one is not written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'saylau-old-')), 'election.db');
    const old = new Database(path);
    old.exec(
      `CREATE TABLE accounts (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL, commission TEXT)`,
    );
    old.prepare(`INSERT INTO accounts VALUES ('chair', '$argon2id$…', 'chair', 'KZ-35/tec')`).run();
    old.close();
    const store = new SqliteStore(path);
    try {
      await store.migrate();
      expect(await store.account('chair')).toEqual({
        username: 'chair',
        passwordHash: '$argon2id$…',
        role: 'chair',
        commission: 'KZ-35/tec',
        disabledAt: null,
      });
      // Up to date: migrating again needs no write lock, so another connection holding it does not matter.
      const neighbour = new Database(path, { timeout: 0 });
      neighbour.exec('BEGIN IMMEDIATE');
      try {
        await store.migrate();
      } finally {
        neighbour.exec('ROLLBACK');
        neighbour.close();
      }
    } finally {
      await store.close();
    }
  });
});
