import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import { checkIntegrity, rebuildFromJournal } from '../src/store/integrity.ts';
import type { Store } from '../src/store/store.ts';
import { eventHash, eventHashOfText } from '../src/journal/event.ts';
import type { SigningKey } from '../src/journal/keys.ts';
import { canonicalJson } from '../src/model/canonical-json.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';

import { decide } from '../src/services/decision-service.ts';
import { loadElection } from '../src/services/election-service.ts';
import { actorOf, submitEntry } from '../src/services/entry-service.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { registerNominations, submitNominations } from '../src/services/registration-service.ts';
import { StoreError } from '../src/store/store-error.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { type Engine, engines } from './store-engines.ts';
import { addPerson, cecSigner, deciderSigner, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { keySigner } from '../src/journal/act.ts';

/**
 * A statement run beside saylau, as someone with write access to the database would: `?` placeholders on both engines.
 */
async function tamper(
  engine: Engine,
  db: string,
  statement: string,
  params: readonly (string | number)[] = [],
): Promise<Record<string, unknown>[]> {
  if (engine.name === 'sqlite') {
    const connection = new Database(db);
    try {
      const prepared = connection.prepare(statement);
      return prepared.reader ? (prepared.all(...params) as Record<string, unknown>[]) : (prepared.run(...params), []);
    } finally {
      connection.close();
    }
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        statement.replace(/\?/g, () => `$${++n}`),
        [...params],
      )
    ).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** The store as the check sees it, recording which journal entries it reads. */
function recording(store: Store): { store: Store; seqsRead: number[]; fullScans: () => number } {
  const seqsRead: number[] = [];
  let scans = 0;
  const proxy = new Proxy(store, {
    get(target, property) {
      if (property === 'eventsAfter' || property === 'journalRowsAfter')
        return async (after: number, limit: number) => {
          const rows = await (property === 'eventsAfter'
            ? target.eventsAfter(after, limit)
            : target.journalRowsAfter(after, limit));
          seqsRead.push(...rows.map((row) => Number(row.seq)));
          return rows;
        };
      if (property === 'events')
        return () => {
          scans += 1;
          return target.events();
        };
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, seqsRead, fullScans: () => scans };
}

/** The first protocol journaled, as its row stands in the table. */
async function firstProtocolRow(engine: Engine, db: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await tamper(
    engine,
    db,
    'SELECT station_id, contest_id, version, content, event_seq FROM protocols ORDER BY event_seq LIMIT 1',
  );
  return row;
}

/** The error a check throws, as code and parameters. */
async function refusal(
  check: Promise<unknown>,
): Promise<{ code: string; params: Readonly<Record<string, string | number>> }> {
  const error = await check.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof StoreError)) throw new Error(`expected a StoreError, got ${String(error)}`);
  return { code: error.code, params: error.params };
}

let keyring: Keyring | undefined;

/** The tiny election with its first `count` protocols: key registrations, then acceptances. */
async function storeWith(engine: Engine, count: number): Promise<{ store: Store; db: string }> {
  const { dataset, electionText } = tinyElection();
  keyring ??= createKeyring(dataset.election);
  const { store, db } = await engine.fresh();
  await initWithKeyring({ store, electionText, keyring });
  await ingestProtocols({
    store,
    election: dataset.election,
    documents: dataset.protocols.slice(0, count),
    signer: importerSigner(keyring),
  });
  return { store, db };
}

async function ingestMore(store: Store, from: number, count: number): Promise<void> {
  const { dataset } = tinyElection();
  await ingestProtocols({
    store,
    election: dataset.election,
    documents: dataset.protocols.slice(from, from + count),
    signer: importerSigner(keyring as Keyring),
  });
}

const definition = () => tinyElection().dataset.election;

/** Adds votes to the first option of a contest's totals, directly in the table. */
async function addVotes(engine: Engine, db: string, contestId: string, votes: number): Promise<void> {
  const [row] = await tamper(engine, db, 'SELECT totals FROM contest_totals WHERE contest_id = ?', [contestId]);
  const totals = JSON.parse(String(row?.totals)) as { votes: Record<string, string> };
  const option = Object.keys(totals.votes)[0] as string;
  totals.votes[option] = String(BigInt(totals.votes[option] as string) + BigInt(votes));
  await tamper(engine, db, 'UPDATE contest_totals SET totals = ? WHERE contest_id = ?', [
    JSON.stringify(totals),
    contestId,
  ]);
}

describe('the hash of a stored event', () => {
  it('is the hash of the event whatever its text, when the payload text is canonical; other text gives another hash', () => {
    const event = {
      seq: 7,
      prev: 'a'.repeat(64),
      type: 'nomination-submitted',
      actor: 'b'.repeat(64),
      at: '2023-02-15T12:00:00.000Z',
      payload: {
        nomination: {
          id: 'n-1',
          name: 'Әлия Нұрланқызы "Ақ"',
          votes: [3, 0],
          note: null,
          ok: true,
          z: { b: 1, a: '\u2028' },
        },
      },
    };
    expect(eventHashOfText(event, canonicalJson(event.payload))).toBe(eventHash(event));
    expect(eventHashOfText(event, JSON.stringify(event.payload))).not.toBe(eventHash(event));
  });
});

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'the integrity check on %s',
  (_name, engine) => {
    it('passes a clean store from scratch, then reads only the entries after its checkpoint and the first', async () => {
      const { store } = await storeWith(engine, 30);
      try {
        const head = await store.journalHead();
        const first = await checkIntegrity({ store, definition: definition() });
        expect(first).toEqual({ head, from: 0, eventsChecked: head.seq });

        await ingestMore(store, 30, 10);
        const seen = recording(store);
        const second = await checkIntegrity({ store: seen.store, definition: definition() });
        expect(second).toMatchObject({ from: head.seq, eventsChecked: 10, head: await store.journalHead() });
        // The first entry once, for the journal's id every act binds; else nothing before the checkpoint.
        expect(seen.seqsRead.filter((seq) => seq < head.seq)).toEqual([1]);
        expect(seen.fullScans()).toBe(0);

        const idle = recording(store);
        expect(await checkIntegrity({ store: idle.store, definition: definition() })).toMatchObject({
          from: head.seq + 10,
          eventsChecked: 0,
        });
        expect(idle.seqsRead).toEqual([head.seq + 10]);
      } finally {
        await store.close();
      }
    }, 180_000);

    it('passes a store with registration, a double entry waiting, an approval and a correction, from scratch and from its checkpoint', async () => {
      const { store } = await storeWith(engine, 0);
      try {
        const { dataset } = tinyElection();
        // The contest with the fewest stations, to be counted whole and approved by its commission; registration in it
        // and in the Majilis list.
        const stationsOf = (contestId: string) =>
          dataset.protocols.filter((protocol) => protocol.contestId === contestId);
        const smallest = [...new Set(dataset.protocols.map((protocol) => protocol.contestId))].sort(
          (a, b) => stationsOf(a).length - stationsOf(b).length,
        )[0] as string;
        const nominations = nominationsFromElection(definition()).filter(
          (nomination) => nomination.contestId === smallest || nomination.contestId === 'majilis/list',
        );
        await submitNominations({
          store,
          definition: definition(),
          signer: cecSigner(keyring as Keyring),
          documents: nominations,
        });
        await registerNominations({
          store,
          definition: definition(),
          signer: cecSigner(keyring as Keyring),
          nominationIds: null,
          decidedAt: '2023-02-15T12:00',
        });
        expect((await checkIntegrity({ store, definition: definition() })).from).toBe(0);

        const { election } = await loadElection(store);
        await ingestProtocols({
          store,
          election,
          documents: [...stationsOf(smallest), ...stationsOf('majilis/list').slice(0, 2)],
          signer: importerSigner(keyring as Keyring),
        });
        expect(
          await decide({
            store,
            election,
            signer: deciderSigner(keyring as Keyring, election, { kind: 'approve', contestId: smallest }),
            decision: { kind: 'approve', contestId: smallest },
          }),
        ).toEqual({ ok: true });
        const corrected = stationsOf('majilis/list')[0] as Protocol;
        await ingestProtocols({
          store,
          election,
          documents: [
            {
              ...corrected,
              version: 2,
              lines: {
                ...corrected.lines,
                invalid: corrected.lines.invalid + 1,
                againstAll: corrected.lines.againstAll - 1,
              },
            },
          ],
          signer: importerSigner(keyring as Keyring),
        });
        // One entry of a protocol not yet accepted: a row of protocol_entries.
        const waiting = stationsOf('majilis/list')
          .slice(2)
          .find((protocol) => protocol.stationId.startsWith('KZ-35/')) as Protocol;
        const station = definition().stations.find((candidate) => candidate.id === waiting.stationId);
        const commission =
          definition().commissions.find((candidate) => candidate.id === station?.commissionId)?.parentId ?? null;
        // A keyring of this test's own: the shared one registers the same users in every new store.
        const withOperator = (
          await addPerson({ store, election, keyring: keyring as Keyring, id: 'op-1', role: 'operator', commission })
        ).keyring;
        const operator = withOperator.users.get('op-1') as SigningKey;
        expect(
          await submitEntry({
            store,
            election,
            signer: keySigner(operator),
            action: {
              kind: 'enter',
              document: waiting,
              actor: await actorOf(store, operator.fingerprint),
              reason: null,
            },
          }),
        ).toMatchObject({ ok: true, value: { kind: 'entered' } });
        expect((await store.allEntries()).size).toBe(1);

        const head = await store.journalHead();
        expect(await checkIntegrity({ store, definition: definition() })).toMatchObject({
          head,
          eventsChecked: expect.any(Number) as number,
        });
        expect(await checkIntegrity({ store, definition: definition(), full: true })).toMatchObject({
          head,
          from: 0,
          eventsChecked: head.seq,
        });
      } finally {
        await store.close();
      }
    }, 240_000);

    it('names the contest when 100,000 votes are added to contest_totals, with or without a checkpoint, and rebuild repairs it', async () => {
      const { store, db } = await storeWith(engine, 30);
      try {
        const clean = await store.allContestTotals();
        await addVotes(engine, db, 'majilis/list', 100_000);
        const expected = {
          code: 'STORE_INTEGRITY_PROJECTION',
          params: { table: 'contest_totals', key: 'majilis/list' },
        };
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual(expected);

        await rebuildFromJournal({ store, definition: definition() });
        expect(await store.allContestTotals()).toEqual(clean);
        // Checkpointed now: damage with nothing appended since, then damage with entries appended since.
        await addVotes(engine, db, 'majilis/list', 100_000);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual(expected);
        await rebuildFromJournal({ store, definition: definition() });
        await ingestMore(store, 30, 10);
        await addVotes(engine, db, 'majilis/list', 100_000);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual(expected);
      } finally {
        await store.close();
      }
    }, 180_000);

    it('names a protocol changed in its table, a row added to a projection and a key removed', async () => {
      const { store, db } = await storeWith(engine, 20);
      try {
        await checkIntegrity({ store, definition: definition() });
        const row = await firstProtocolRow(engine, db);
        await tamper(engine, db, 'UPDATE protocols SET content = ? WHERE station_id = ? AND contest_id = ?', [
          String(row?.content).replace('"invalid":', '"invalid": '),
          String(row?.station_id),
          String(row?.contest_id),
        ]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_PROJECTION',
          params: { table: 'protocols', key: `${String(row?.station_id)} ${String(row?.contest_id)}` },
        });
        await rebuildFromJournal({ store, definition: definition() });

        await tamper(engine, db, `INSERT INTO decisions (key, value) VALUES ('certified:majilis', '1')`);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_PROJECTION',
          params: { table: 'decisions', key: 'certified:majilis' },
        });
        await rebuildFromJournal({ store, definition: definition() });

        const [key] = await tamper(engine, db, `SELECT fingerprint FROM signing_keys WHERE holder = 'cec'`);
        await tamper(engine, db, 'DELETE FROM signing_keys WHERE fingerprint = ?', [String(key?.fingerprint)]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_PROJECTION',
          params: { table: 'signing_keys', key: String(key?.fingerprint) },
        });
      } finally {
        await store.close();
      }
    }, 180_000);

    it('from its checkpoint, names a protocol row added — one whose key sorts otherwise as one string — and one removed', async () => {
      const { store, db } = await storeWith(engine, 20);
      try {
        await checkIntegrity({ store, definition: definition() });
        const row = await firstProtocolRow(engine, db);
        const [station, contest] = [String(row?.station_id), String(row?.contest_id)];
        // In column order the new row comes after its station's; as "station contest", before it: the table is read
        // out of key order, so the check compares it whole.
        await tamper(
          engine,
          db,
          'INSERT INTO protocols (station_id, contest_id, version, content, event_seq) VALUES (?, ?, ?, ?, ?)',
          [`${station}\u0001`, contest, Number(row?.version), String(row?.content), Number(row?.event_seq)],
        );
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_PROJECTION',
          params: { table: 'protocols', key: `${station}\u0001 ${contest}` },
        });
        await rebuildFromJournal({ store, definition: definition() });
        expect(await checkIntegrity({ store, definition: definition() })).toMatchObject({ eventsChecked: 0 });

        await tamper(engine, db, 'DELETE FROM protocols WHERE station_id = ? AND contest_id = ?', [station, contest]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_PROJECTION',
          params: { table: 'protocols', key: `${station} ${contest}` },
        });
      } finally {
        await store.close();
      }
    }, 180_000);

    it('names the seq of a deleted journal row, before or after the checkpoint, and rebuild refuses to rebuild from it', async () => {
      const { store, db } = await storeWith(engine, 20);
      try {
        await checkIntegrity({ store, definition: definition() });
        const checkpoint = (await store.journalHead()).seq;
        await ingestMore(store, 20, 10);
        const [saved] = await tamper(
          engine,
          db,
          'SELECT seq, hash, prev, type, actor, at, payload, signature FROM journal WHERE seq = ?',
          [10],
        );
        await tamper(engine, db, 'DELETE FROM journal WHERE seq = ?', [10]);
        // Before the checkpoint the incremental reading does not pass there; the count of entries gives it away.
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq: 10, problem: 'missing from the journal' },
        });
        await tamper(
          engine,
          db,
          'INSERT INTO journal (seq, hash, prev, type, actor, at, payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          ['seq', 'hash', 'prev', 'type', 'actor', 'at', 'payload', 'signature'].map((column) =>
            column === 'seq' ? 10 : String(saved?.[column]),
          ),
        );
        await tamper(engine, db, 'DELETE FROM journal WHERE seq = ?', [checkpoint + 5]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq: checkpoint + 5, problem: 'missing from the journal' },
        });
        expect(await refusal(rebuildFromJournal({ store, definition: definition() }))).toMatchObject({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq: checkpoint + 5 },
        });
      } finally {
        await store.close();
      }
    }, 180_000);

    it('names an edited payload, a forged signature and the entry the checkpoint ended at when it changes', async () => {
      const { store, db } = await storeWith(engine, 20);
      try {
        const seq = (await store.journalHead()).seq - 3;
        const [event] = await tamper(engine, db, 'SELECT payload, signature FROM journal WHERE seq = ?', [seq]);
        const payload = String(event?.payload);
        const edited = payload.replace(
          /"invalid":(\d+)/,
          (_whole, valid: string) => `"invalid":${Number(valid) + 100000}`,
        );
        expect(edited).not.toBe(payload);
        await tamper(engine, db, 'UPDATE journal SET payload = ? WHERE seq = ?', [edited, seq]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq, problem: 'content does not match its hash' },
        });
        await tamper(engine, db, 'UPDATE journal SET payload = ? WHERE seq = ?', [payload, seq]);

        const [other] = await tamper(engine, db, 'SELECT signature FROM journal WHERE seq = ?', [seq + 1]);
        await tamper(engine, db, 'UPDATE journal SET signature = ? WHERE seq = ?', [String(other?.signature), seq]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq, problem: 'signature does not verify' },
        });
        await tamper(engine, db, 'UPDATE journal SET signature = ? WHERE seq = ?', [String(event?.signature), seq]);

        const head = await checkIntegrity({ store, definition: definition() });
        const [last] = await tamper(engine, db, 'SELECT payload FROM journal WHERE seq = ?', [head.head.seq]);
        await tamper(engine, db, 'UPDATE journal SET payload = ? WHERE seq = ?', [
          String(last?.payload).replace(/"invalid":(\d+)/, '"invalid":1$1'),
          head.head.seq,
        ]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq: head.head.seq, problem: 'changed since the last check ended at it' },
        });
      } finally {
        await store.close();
      }
    }, 180_000);

    it('an edit before the checkpoint that keeps every hash in place is found by a check from scratch', async () => {
      const { store, db } = await storeWith(engine, 15);
      try {
        await checkIntegrity({ store, definition: definition() });
        const seq = (await store.journalHead()).seq - 10;
        const [event] = await tamper(engine, db, 'SELECT payload FROM journal WHERE seq = ?', [seq]);
        await tamper(engine, db, 'UPDATE journal SET payload = ? WHERE seq = ?', [
          String(event?.payload).replace(/"invalid":(\d+)/, '"invalid":1$1'),
          seq,
        ]);
        expect(await refusal(checkIntegrity({ store, definition: definition(), full: true }))).toEqual({
          code: 'STORE_INTEGRITY_JOURNAL',
          params: { seq, problem: 'content does not match its hash' },
        });
      } finally {
        await store.close();
      }
    }, 180_000);

    it('refuses a journal_head moved back or forward', async () => {
      const { store, db } = await storeWith(engine, 15);
      try {
        const head = await store.journalHead();
        const [before] = await tamper(engine, db, 'SELECT hash FROM journal WHERE seq = ?', [head.seq - 1]);
        await tamper(engine, db, 'UPDATE journal_head SET seq = ?, hash = ? WHERE id = 1', [
          head.seq - 1,
          String(before?.hash),
        ]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_HEAD',
          params: { head: head.seq - 1, seq: head.seq },
        });
        await tamper(engine, db, 'UPDATE journal_head SET seq = ?, hash = ? WHERE id = 1', [head.seq + 1, head.hash]);
        expect(await refusal(checkIntegrity({ store, definition: definition() }))).toEqual({
          code: 'STORE_INTEGRITY_HEAD',
          params: { head: head.seq + 1, seq: head.seq },
        });
      } finally {
        await store.close();
      }
    }, 180_000);

    it('a checkpoint that disagrees with itself is set aside: the check starts from scratch', async () => {
      const { store, db } = await storeWith(engine, 15);
      try {
        await checkIntegrity({ store, definition: definition() });
        await ingestMore(store, 15, 5);
        await tamper(engine, db, `UPDATE meta SET value = 'not a snapshot' WHERE key = 'integrity-snapshot'`);
        const report = await checkIntegrity({ store, definition: definition() });
        expect(report).toMatchObject({ from: 0, eventsChecked: (await store.journalHead()).seq });
      } finally {
        await store.close();
      }
    }, 180_000);
  },
);
