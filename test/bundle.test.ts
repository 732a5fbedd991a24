import { okValue } from '../src/model/result.ts';
import { readKeyFile } from '../src/journal/key-file.ts';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetTexts, sha256, writeDataset } from '../src/dataset/files.ts';
import { nationalDataset } from '../src/export/test-helpers.ts';
import type { GeneratedDataset } from '../src/generate/generate.ts';
import { eventHash, eventLine, type SealedEvent } from '../src/journal/event.ts';
import { signDigest, type SigningKey } from '../src/journal/keys.ts';

import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';

import { rebuildProjections } from '../src/services/projection-service.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { createKeyring, IMPORTER } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { verifyBundleInWorker, verifyHeapMib } from '../src/verify/verify-in-worker.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { appendSigned, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

let dataset: GeneratedDataset;
let work: string;
let bundle: string;
let db: string;
let cec: SigningKey;
let importer: SigningKey;

beforeAll(async () => {
  ({ dataset } = tinyElection());
  work = mkdtempSync(join(tmpdir(), 'saylau-bundle-'));
  db = join(work, 'election.db');
  const store = new SqliteStore(db);
  const keyring = createKeyring(dataset.election);
  cec = keyring.cec;
  importer = keyring.users.get(IMPORTER) as SigningKey;
  const electionText = datasetTexts(dataset.election, []).election;
  await initWithKeyring({ store, electionText, keyring });
  // One region's protocols: results stay partial, and every check still applies.
  await ingestProtocols({
    store,
    election: dataset.election,
    documents: dataset.protocols.filter((p) => p.stationId.startsWith(`${TINY.region}/`)),
    signer: importerSigner(keyring),
  });
  bundle = join(work, 'bundle');
  await exportBundle({ store, election: dataset.election, electionText, out: bundle, cec });
  await store.close();
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the bundle with one file rewritten; `rehash` also updates the manifest, to reach the deeper checks. */
function tampered(file: string, change: (text: string) => string, rehash = true): string {
  const copy = mkdtempSync(join(work, 'copy-'));
  cpSync(bundle, copy, { recursive: true });
  const text = change(readFileSync(join(copy, file), 'utf8'));
  writeFileSync(join(copy, file), text);
  if (rehash) {
    const manifest = JSON.parse(readFileSync(join(copy, 'MANIFEST.json'), 'utf8')) as {
      files: Record<string, { sha256: string }>;
    };
    (manifest.files[file] as { sha256: string }).sha256 = sha256(text);
    writeFileSync(join(copy, 'MANIFEST.json'), JSON.stringify(manifest));
  }
  return copy;
}

const firstFailure = async (directory: string, trust?: string) =>
  (await verifyBundle(directory, { trust })).find((check) => !check.ok);
async function failsAt(directory: string, name: string, detail?: string): Promise<void> {
  const failure = await firstFailure(directory);
  expect(failure?.name).toBe(name);
  if (detail !== undefined) expect(failure?.detail).toContain(detail);
}
const replaceLine = (text: string, index: number, change: (line: string) => string): string =>
  text
    .split('\n')
    .map((line, i) => (i === index ? change(line) : line))
    .join('\n');

describe('saylau verify on an exported bundle', () => {
  it('passes every numbered check, with the CEC fingerprint pinned', async () => {
    const checks = await verifyBundle(bundle, { trust: cec.fingerprint });
    expect(checks.map((check) => [check.number, check.name, check.ok])).toEqual([
      [1, 'manifest', true],
      [2, 'file hashes', true],
      [3, 'election definition', true],
      [4, 'hash chain', true],
      [5, 'event schemas', true],
      [6, 'trust root', true],
      [7, 'attestation', true],
      [8, 'signers', true],
      [9, 'signatures', true],
      [10, 'election signed', true],
      [11, 'authority', true],
      [12, 'registration', true],
      [13, 'protocols', true],
      [14, 'control relations', true],
      [15, 'results', true],
      [16, 'transparency log', true],
    ]);
    // `saylau verify` runs the same checks on a thread of its own, with a larger heap: the same answers.
    expect(await verifyBundleInWorker(bundle, { trust: cec.fingerprint })).toEqual(checks);
    const edited = tampered('journal.ndjson', (text) => text.replace('"version":1', '"version":2'));
    const edits = await verifyBundle(edited);
    expect(edits.some((check) => !check.ok)).toBe(true);
    expect(await verifyBundleInWorker(edited)).toEqual(edits);
    // A directory that is not there: the same refusal as verify on this thread, not a thread that failed.
    expect(await verifyBundleInWorker(join(bundle, 'nowhere'))).toEqual(await verifyBundle(join(bundle, 'nowhere')));
  });

  it("gives verify's thread three quarters of the memory up to 8 GiB, never less than node's own, and keeps the operator's", () => {
    const GiB = 1024 ** 3;
    expect(verifyHeapMib({ ownMib: 4096, memoryBytes: 24 * GiB, setByOperator: false })).toBe(8192);
    expect(verifyHeapMib({ ownMib: 2048, memoryBytes: 8 * GiB, setByOperator: false })).toBe(6144);
    // A container of 2 GiB on a larger machine: node's own limit, not more.
    expect(verifyHeapMib({ ownMib: 4096, memoryBytes: 2 * GiB, setByOperator: false })).toBe(4096);
    expect(verifyHeapMib({ ownMib: 1024, memoryBytes: 24 * GiB, setByOperator: true })).toBe(1024);
  });

  it('names the first bad entry of every kind of tampering', async () => {
    expect(await firstFailure(bundle, 'f'.repeat(64))).toMatchObject({ name: 'trust root' });
    await failsAt(
      tampered('journal.ndjson', (t) => t.replace('"invalid":', '"invalid":1'), false),
      'file hashes',
      'journal.ndjson',
    );
    // The first protocol entry of the journal, after the keys registered at init.
    const journalLines = readFileSync(join(bundle, 'journal.ndjson'), 'utf8').split('\n');
    const target = journalLines.findIndex((line) => line.includes('"type":"protocol-accepted"')) + 10;
    const editedEntry = tampered('journal.ndjson', (t) =>
      replaceLine(t, target, (line) =>
        line.replace(/"againstAll":(\d+)/, (_m, n: string) => `"againstAll":${Number(n) + 1}`),
      ),
    );
    await failsAt(editedEntry, 'hash chain', `line ${target + 1}`);
    const swapped = tampered('journal.ndjson', (t) => {
      const lines = t.split('\n');
      const signature = (line: string) => /"signature":"([^"]+)"/.exec(line)?.[1] as string;
      lines[target] = (lines[target] as string).replace(
        signature(lines[target] as string),
        signature(lines[target + 1] as string),
      );
      return lines.join('\n');
    });
    await failsAt(swapped, 'signatures', `line ${target + 1}`);
    await failsAt(
      tampered('journal.ndjson', (t) => replaceLine(t, target, (line) => line.replace('{"actor"', '{"x":1,"actor"'))),
      'hash chain',
      'fields other than the signed ones',
    );
    // Cut off the last entries and make every file agree: only the CEC's attestation of the head tells.
    const cut = tampered(
      'journal.ndjson',
      (t) =>
        `${t
          .split('\n')
          .filter((l) => l !== '')
          .slice(0, -3)
          .join('\n')}\n`,
    );
    await failsAt(cut, 'attestation', "the attested head is not the journal's last entry");
    expect(await firstFailure(tampered('election.json', (t) => t.replace('"seats":69', '"seats":70')))).toMatchObject({
      name: 'election signed',
    });
    expect(
      await firstFailure(
        tampered('protocols.ndjson', (t) =>
          replaceLine(t, 5, (line) => line.replace(/"invalid":(\d+)/, (_m, n: string) => `"invalid":${Number(n) + 1}`)),
        ),
      ),
    ).toMatchObject({ name: 'protocols', detail: 'protocols.ndjson line 6: differs from the journal' });
    // A line published twice in place of another, and one left out: each named by the line where it shows.
    const publishedLines = (t: string) => t.split('\n').filter((line) => line !== '');
    expect(
      await firstFailure(
        tampered('protocols.ndjson', (t) => {
          const lines = publishedLines(t);
          return `${[...lines.slice(0, 2), lines[0], ...lines.slice(3)].join('\n')}\n`;
        }),
      ),
    ).toMatchObject({ name: 'protocols', detail: 'protocols.ndjson line 3: differs from the journal' });
    const first = JSON.parse(publishedLines(readFileSync(join(bundle, 'protocols.ndjson'), 'utf8'))[0] ?? '{}') as {
      stationId: string;
      contestId: string;
    };
    const missing = await firstFailure(
      tampered('protocols.ndjson', (t) => `${publishedLines(t).slice(1).join('\n')}\n`),
    );
    expect(missing?.name).toBe('protocols');
    expect(missing?.detail).toMatch(
      new RegExp(
        `^protocols\\.ndjson lacks 1 protocols the journal accepted, the first: ${first.stationId} ${first.contestId} \\(seq \\d+\\)$`,
      ),
    );
    expect(await firstFailure(tampered('results.json', (t) => t.replace('"amanat":', '"amanat":1')))).toMatchObject({
      name: 'results',
    });
  }, 60_000);

  it('an edited row of the database shows in the next bundle', async () => {
    const copy = join(work, 'edited.db');
    cpSync(db, copy);
    const raw = new Database(copy);
    raw
      .prepare(
        `UPDATE protocols SET content = replace(content, '"version":1', '"version":7') WHERE rowid = (SELECT min(rowid) FROM protocols)`,
      )
      .run();
    raw.close();
    const store = new SqliteStore(copy);
    const electionText = datasetTexts(dataset.election, []).election;
    await exportBundle({ store, election: dataset.election, electionText, out: join(work, 'edited-bundle'), cec });
    await store.close();
    expect(await firstFailure(join(work, 'edited-bundle'))).toMatchObject({ name: 'protocols' });

    const journalEdit = join(work, 'journal-edit.db');
    cpSync(db, journalEdit);
    const raw2 = new Database(journalEdit);
    const seq = (
      raw2.prepare(`SELECT min(seq) + 10 AS seq FROM journal WHERE type = 'protocol-accepted'`).get() as { seq: number }
    ).seq;
    const changed = raw2
      .prepare(`UPDATE journal SET payload = replace(payload, '"version":1', '"version":2') WHERE seq = ?`)
      .run(seq).changes;
    expect(changed).toBe(1);
    raw2.close();
    const store2 = new SqliteStore(journalEdit);
    await exportBundle({
      store: store2,
      election: dataset.election,
      electionText,
      out: join(work, 'journal-edit-bundle'),
      cec,
    });
    await store2.close();
    await failsAt(join(work, 'journal-edit-bundle'), 'hash chain', `seq ${seq})`);
  }, 60_000);
});

describe('versions in the journal', () => {
  it('a signed import that jumps a version, written past the intake, fails verify at its event', async () => {
    const copy = join(work, 'version-jump.db');
    cpSync(db, copy);
    const store = new SqliteStore(copy);
    const protocol = dataset.protocols.find((p) => p.stationId.startsWith(`${TINY.region}/`))!;
    // What a dishonest operator holding the importer's key could append: version 1 is accepted, 2 comes next.
    const [event] = await store.write((writer) =>
      appendSigned(
        writer,
        dataset.election.event.id,
        [
          {
            payload: {
              type: 'protocol-accepted',
              protocol: { ...protocol, version: Number.MAX_SAFE_INTEGER },
              acknowledged: [],
              via: 'import',
              reason: 'locks the station',
            },
            key: importer,
          },
        ],
        new Date().toISOString(),
      ),
    );
    await rebuildProjections({ store, election: dataset.election });
    const electionText = datasetTexts(dataset.election, []).election;
    await exportBundle({
      store,
      election: dataset.election,
      electionText,
      out: join(work, 'version-jump-bundle'),
      cec,
    });
    await store.close();
    await failsAt(
      join(work, 'version-jump-bundle'),
      'authority',
      `of version ${Number.MAX_SAFE_INTEGER} where 2 comes next`,
    );
    expect(event?.seq).toBeGreaterThan(0);
  }, 60_000);
});

/**
 * The journal's last entry replaced by `change` of it, hashed and signed again with the key that
 * signed it: what a dishonest holder of the importer's key could publish. The last, so that no
 * later entry's `prev` changes; its hash is attested only in MANIFEST.json, checked after.
 */
function forgedLast(change: (event: { type: string; payload: Record<string, unknown> }) => void): {
  directory: string;
  seq: number;
} {
  let seq = 0;
  const directory = tampered('journal.ndjson', (text) => {
    const lines = text.split('\n').filter((line) => line !== '');
    const last = JSON.parse(lines.at(-1) as string) as SealedEvent & { payload: Record<string, unknown> };
    expect(last.actor).toBe(importer.fingerprint);
    change(last);
    const unsigned = {
      seq: last.seq,
      prev: last.prev,
      type: last.type,
      actor: last.actor,
      at: last.at,
      payload: last.payload,
    };
    const hash = eventHash(unsigned);
    seq = last.seq;
    lines[lines.length - 1] = eventLine({ ...unsigned, hash, signature: signDigest(hash, importer) });
    return `${lines.join('\n')}\n`;
  });
  return { directory, seq };
}

describe('a signed but malformed event', () => {
  it('fails verify at check 5, naming the seq and the field, with exit code 1 and no stack trace', async () => {
    // Without its protocol, a replay would once have thrown reading the station of `undefined`.
    const withoutProtocol = forgedLast((event) => delete event.payload.protocol);
    const checks = await verifyBundle(withoutProtocol.directory);
    expect(checks.at(-1)).toEqual({
      number: 5,
      name: 'event schemas',
      ok: false,
      detail: `journal.ndjson line ${withoutProtocol.seq} (seq ${withoutProtocol.seq}): protocol-accepted: payload.protocol: expected object, received undefined`,
    });
    expect(checks.slice(0, -1).every((check) => check.ok)).toBe(true);

    const countAsText = forgedLast((event) => {
      const { lines } = event.payload.protocol as { lines: Record<string, unknown> };
      lines.invalid = String(lines.invalid);
    });
    await failsAt(
      countAsText.directory,
      'event schemas',
      `(seq ${countAsText.seq}): protocol-accepted: payload.protocol.lines.invalid`,
    );
    await failsAt(
      forgedLast((event) => (event.type = 'protocol-burned')).directory,
      'event schemas',
      'type: unknown event type "protocol-burned"',
    );
    await failsAt(
      forgedLast((event) => (event.payload.note = 'strict: refused')).directory,
      'event schemas',
      'payload.note: not a field of this event type',
    );

    const saylau = new URL('../bin/saylau', import.meta.url).pathname;
    const cli = spawnSync(saylau, ['verify', withoutProtocol.directory], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`5. event schemas: FAILED — journal.ndjson line ${withoutProtocol.seq}`);
    expect(`${cli.stdout}${cli.stderr}`).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('in a database is damage to the journal: the integrity check and every read name it, not crash', async () => {
    const copy = join(work, 'malformed.db');
    cpSync(db, copy);
    const store = new SqliteStore(copy);
    try {
      const head = await store.journalHead();
      const [last] = await store.eventsAfter(head.seq - 1, 1);
      if (last?.type !== 'protocol-accepted') throw new Error('the fixture changed: its last entry is an import');
      const payload: Record<string, unknown> = { ...last.payload };
      delete payload.protocol;
      const unsigned = { seq: head.seq + 1, prev: head.hash, type: last.type, actor: last.actor, at: last.at, payload };
      const hash = eventHash(unsigned);
      await store.write(async (writer) => {
        await writer.head();
        await writer.appendEvents([{ ...unsigned, hash, signature: signDigest(hash, importer) }]);
      });
      const damage = {
        code: 'STORE_INTEGRITY_JOURNAL',
        params: { seq: head.seq + 1, problem: 'payload.protocol: expected object, received undefined' },
      };
      await expect(checkIntegrity({ store, definition: dataset.election, full: true })).rejects.toMatchObject(damage);
      await expect(store.eventsAfter(head.seq, 10)).rejects.toMatchObject(damage);
      await expect(rebuildProjections({ store, election: dataset.election })).rejects.toMatchObject(damage);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('kill -9 during ingest', () => {
  // The national election, for its size: the ingest must still be writing when it is killed, after at least one of
  // its transactions (5,000 protocols each) has committed. 12,000 protocols are three transactions.
  it('every acknowledged protocol is there exactly once after ingesting again, and the journal verifies', async () => {
    const national = nationalDataset();
    const protocols = national.protocols.slice(0, 12_000);
    const directory = join(work, 'dataset');
    writeDataset(directory, national.election, protocols, { name: 'saylau', version: 'test', seed: 2023 }, []);
    const target = join(work, 'killed.db');
    const saylau = new URL('../bin/saylau', import.meta.url).pathname;
    expect(spawnSync(saylau, ['init', directory, '--db', target], { encoding: 'utf8' }).status).toBe(0);
    const initEvents = await (async () => {
      const initial = new SqliteStore(target);
      const count = await initial.eventCount();
      await initial.close();
      return count;
    })();
    const child = spawn(saylau, ['ingest', directory, '--db', target, '--key', `${target}.cec.key`], {
      stdio: 'ignore',
    });
    const watch = new Database(target, { readonly: true });
    let committed = 0;
    // Generous on a busy machine: the child first reads and checks the election.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && committed === 0;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      committed = (watch.prepare('SELECT count(*) AS n FROM protocols').get() as { n: number }).n;
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const acknowledged = (watch.prepare('SELECT count(*) AS n FROM protocols').get() as { n: number }).n;
    watch.close();
    expect(acknowledged).toBeGreaterThan(0);
    expect(acknowledged).toBeLessThan(protocols.length);

    const again = spawnSync(saylau, ['ingest', directory, '--db', target, '--json', '--key', `${target}.cec.key`], {
      encoding: 'utf8',
    });
    expect(again.status).toBe(0);
    const summary = JSON.parse(again.stdout) as { accepted: number; unchanged: number; refused: number };
    expect(summary.unchanged).toBe(acknowledged);
    expect(summary.accepted + summary.unchanged).toBe(protocols.length);
    const store = new SqliteStore(target);
    expect((await store.allProtocols()).length).toBe(protocols.length);
    expect(await store.eventCount()).toBe(initEvents + protocols.length);
    await exportBundle({
      store,
      election: national.election,
      electionText: datasetTexts(national.election, []).election,
      out: join(work, 'killed-bundle'),
      cec: okValue(readKeyFile(`${target}.cec.key`)),
    });
    await store.close();
    expect((await verifyBundle(join(work, 'killed-bundle'))).every((check) => check.ok)).toBe(true);
  }, 180_000);
});
