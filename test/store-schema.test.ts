import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import { openStore } from '../src/store/open-store.ts';
import { MIGRATIONS, SCHEMA_VERSION, SCHEMA_VERSION_META } from '../src/store/schema.ts';
import type { Store } from '../src/store/store.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';
import { StoreError } from '../src/store/store-error.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { type Engine, engines, rawSql } from './store-engines.ts';
import { addPerson, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

/** An election with a few protocols and one account, closed again: what a deployment leaves on disk. */
async function usedDatabase(engine: Engine): Promise<{ db: string; keyring: Keyring }> {
  const { dataset, electionText } = tinyElection();
  const keyring = createKeyring(dataset.election);
  const { store, db } = await engine.fresh();
  try {
    await initWithKeyring({ store, electionText, keyring });
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: dataset.protocols.slice(0, 40),
      signer: importerSigner(keyring),
    });
    await addPerson({
      store,
      election: dataset.election,
      keyring,
      id: 'auditor1',
      role: 'observer',
      commission: null,
      passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    });
  } finally {
    await store.close();
  }
  return { db, keyring };
}

/** What an old database must still hold after migrating. */
async function contents(store: Store) {
  return {
    events: await store.eventCount(),
    head: await store.journalHead(),
    protocols: await store.allProtocols(),
    totals: await store.allContestTotals(),
    keys: (await store.keys()).length,
    account: await store.account('auditor1'),
  };
}

/**
 * Back to version 1: the accounts table without `disabled_at`, and the version `recorded` (or not,
 * as before versions were recorded).
 */
const toVersion1 = (recorded: boolean): string[] => [
  `ALTER TABLE accounts DROP COLUMN disabled_at`,
  recorded
    ? `UPDATE meta SET value = '1' WHERE key = '${SCHEMA_VERSION_META}'`
    : `DELETE FROM meta WHERE key = '${SCHEMA_VERSION_META}'`,
];

describe.each(engines().map((engine) => [engine.name, engine] as const))('schema versions on %s', (_name, engine) => {
  it('a new database records the latest version; the list of migrations is numbered 1, 2, … without a gap', async () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    const { store } = await engine.fresh();
    try {
      expect(await store.schemaVersion()).toBe(0);
      await store.migrate();
      expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
      expect(await store.meta(SCHEMA_VERSION_META)).toBe(String(SCHEMA_VERSION));
    } finally {
      await store.close();
    }
  });

  it.each([
    ['recorded as version 1', true],
    ['made before versions were recorded', false],
  ])(
    'a version-1 database (%s) opens, migrates, keeps its data, and passes the integrity check',
    async (_label, recorded) => {
      const { db } = await usedDatabase(engine);
      const before = await (async () => {
        const store = openStore(db);
        try {
          return await contents(store);
        } finally {
          await store.close();
        }
      })();
      await rawSql(engine, db, toVersion1(recorded));

      const store = openStore(db);
      try {
        expect(await store.schemaVersion()).toBe(1);
        await store.migrate();
        expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
        expect(await contents(store)).toEqual(before);
        expect(before.account).toMatchObject({ username: 'auditor1', role: 'observer', disabledAt: null });
        const report = await checkIntegrity({ store, definition: tinyElection().dataset.election, full: true });
        expect(report).toMatchObject({ from: 0, eventsChecked: before.events, head: before.head });
        // The column the migration added is used as before.
        await store.write((writer) => writer.updateAccount('auditor1', { disabledAt: '2026-12-03T12:00:00Z' }));
        expect((await store.account('auditor1'))?.disabledAt).toBe('2026-12-03T12:00:00Z');
      } finally {
        await store.close();
      }
    },
    120_000,
  );

  it('a version-6 database, whose journal indexed its hashes as unique, migrates with every event and appends after', async () => {
    const { db, keyring } = await usedDatabase(engine);
    const columns = 'seq, hash, prev, type, actor, at, payload, signature';
    await rawSql(engine, db, [
      `CREATE TABLE journal_v6 (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, prev TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, payload TEXT NOT NULL, signature TEXT NOT NULL)`,
      `INSERT INTO journal_v6 (${columns}) SELECT ${columns} FROM journal`,
      `DROP TABLE journal`,
      `ALTER TABLE journal_v6 RENAME TO journal`,
      `CREATE INDEX journal_by_type ON journal (type)`,
      `CREATE INDEX journal_by_actor_at ON journal (actor, at)`,
      `UPDATE meta SET value = '6' WHERE key = '${SCHEMA_VERSION_META}'`,
    ]);
    const store = openStore(db);
    try {
      const before = await contents(store);
      expect(await store.schemaVersion()).toBe(6);
      await store.migrate();
      expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
      expect(await contents(store)).toEqual(before);
      const { dataset } = tinyElection();
      const report = await checkIntegrity({ store, definition: dataset.election, full: true });
      expect(report).toMatchObject({ from: 0, eventsChecked: before.events, head: before.head });
      // The journal takes new events after its copy, and the chain goes on from the head it had.
      const summary = await ingestProtocols({
        store,
        election: dataset.election,
        documents: dataset.protocols.slice(40, 45),
        signer: importerSigner(keyring),
      });
      expect(summary.accepted + summary.warned).toBe(5);
      expect(await store.eventCount()).toBe(before.events + 5);
      await expect(checkIntegrity({ store, definition: dataset.election, full: true })).resolves.toMatchObject({
        eventsChecked: before.events + 5,
      });
    } finally {
      await store.close();
    }
    // The unique index is gone: a row repeating the first event's hash is taken (the integrity check is what refuses
    // such a journal, as it refuses any rewrite).
    await expect(
      rawSql(engine, db, [
        `INSERT INTO journal (${columns}) SELECT 1000000, ${columns.replace('seq, ', '')} FROM journal WHERE seq = 1`,
      ]),
    ).resolves.toBeUndefined();
  }, 120_000);

  it('a migration that fails leaves the database as it was: one transaction', async () => {
    const { db } = await usedDatabase(engine);
    // Says version 1 but has version 2's column: migration 2 cannot add it again.
    await rawSql(engine, db, [`UPDATE meta SET value = '1' WHERE key = '${SCHEMA_VERSION_META}'`]);
    const store = openStore(db);
    try {
      await expect(store.migrate()).rejects.toThrow();
      expect(await store.schemaVersion()).toBe(1);
      expect(await store.meta(SCHEMA_VERSION_META)).toBe('1');
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a database a later saylau migrated is refused with STORE_SCHEMA_NEWER, and left untouched', async () => {
    const { store: made, db } = await engine.fresh();
    await made.migrate();
    await made.close();
    await rawSql(engine, db, [
      `UPDATE meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = '${SCHEMA_VERSION_META}'`,
      `CREATE TABLE later_table (id TEXT)`,
    ]);
    const store = openStore(db);
    try {
      const error = await store.migrate().then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({
        code: 'STORE_SCHEMA_NEWER',
        params: { found: String(SCHEMA_VERSION + 1), supported: SCHEMA_VERSION },
      });
      expect(await store.meta(SCHEMA_VERSION_META)).toBe(String(SCHEMA_VERSION + 1));
    } finally {
      await store.close();
    }
    // A command that only reads does not migrate, and refuses it all the same, in the person's language.
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (text: string) => (stderr += text), readText: () => '' };
    expect(await runCli(['results', '--db', db, '--json', '--lang', 'ru'], io, {})).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({
      error: { code: 'STORE_SCHEMA_NEWER', message: expect.stringContaining('версию схемы') as unknown },
    });
  });
});
