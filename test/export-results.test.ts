import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import type { CliIo } from '../src/cli/context.ts';
import { datasetTexts } from '../src/dataset/files.ts';

import { exportFromStore } from '../src/services/export-results.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { defaultKeyringPath, createKeyring, saveKeyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { SealedEvent } from '../src/journal/event.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

let work: string;
let db: string;
let last: SealedEvent;

beforeAll(async () => {
  const { dataset } = tinyElection();
  work = mkdtempSync(join(tmpdir(), 'saylau-exports-'));
  db = join(work, 'election.db');
  const store = new SqliteStore(db);
  const keyring = createKeyring(dataset.election);
  saveKeyring(defaultKeyringPath(db), keyring);
  await initWithKeyring({ store, electionText: datasetTexts(dataset.election, []).election, keyring });
  await ingestProtocols({
    store,
    election: dataset.election,
    documents: dataset.protocols.filter((p) => p.stationId.startsWith(`${TINY.region}/`)),
    signer: importerSigner(keyring),
  });
  for await (const event of store.events()) last = event;
  await store.close();
}, 30_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => readFileSync(path, 'utf8'),
  };
  const code = await runCli(args, io, { LANG: 'en' });
  return { code, stdout, stderr };
}

describe('exports from the database', () => {
  it('exportFromStore: the snapshot at the journal head, dated by the head event, the same bytes twice', async () => {
    const store = new SqliteStore(db);
    try {
      const first = await exportFromStore({ store, format: 'json' });
      const document = JSON.parse(first.files[0]?.content ?? '') as {
        journalHead: unknown;
        generatedAt: string;
        results: { contests: Record<string, { totals: { stationsCounted: number } }> };
      };
      expect(document.journalHead).toEqual({ seq: last.seq, hash: last.hash, at: last.at });
      expect(document.generatedAt).toBe(last.at);
      expect(document.results.contests['majilis/list']?.totals.stationsCounted).toBe(
        tinyElection().dataset.election.stations.filter((s) => s.regionId === TINY.region).length,
      );
      expect(await exportFromStore({ store, format: 'json' })).toEqual(first);
      const nist = await exportFromStore({ store, format: 'nist-err' });
      expect(JSON.parse(nist.files[0]?.content ?? '')).toMatchObject({
        GeneratedDate: last.at.replace(/\.\d+Z$/, 'Z'),
        ExternalIdentifier: [{ Value: `${last.seq}:${last.hash}` }],
      });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('saylau export --format csv writes the directory, json a file; an unknown format is refused', async () => {
    const csv = await cli(['export', '--db', db, '--format', 'csv', '--out', join(work, 'csv')]);
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    expect(csv.stdout).toMatch(/^csv export written to .*csv \(4 files, \d+ bytes\)\n$/);
    expect(readdirSync(join(work, 'csv')).sort()).toEqual([
      'contests.csv',
      'regions.csv',
      'stations.csv',
      'territories.csv',
    ]);
    const json = await cli(['export', '--db', db, '--format', 'json', '--out', join(work, 'out', 'results.json')]);
    expect(json.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'out', 'results.json'), 'utf8'))).toMatchObject({
      format: 'saylau-results/1',
      generatedAt: last.at,
    });
    const refused = await cli(['export', '--db', db, '--format', 'xlsx', '--out', join(work, 'x'), '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'INPUT_INVALID_VALUE', field: '--format' } });
    expect(refused.stderr).toContain('bundle | site | json | csv | nist-err | nist-err-precinct');
  }, 60_000);
});
