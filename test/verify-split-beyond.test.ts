import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okValue } from '../src/model/result.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { createKeyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

// `verify DIR --checkpoint A --checkpoint B` with two checkpoints of sizes beyond the bundle's journal
// (docs/transparency-log.md, "Checkpoints beyond a bundle"): the tiles served with the larger prove that it extends
// the smaller, or that the log showed two views after the bundle was made.

const { dataset, electionText } = tinyElection();
const election = dataset.election;
const keyring = createKeyring(election);
const logKey = okValue(logKeyOf(okValue(newLogKeyText('saylau/split-test')), 'memory'));

function opened(db: string): SqliteStore {
  const store = new SqliteStore(db);
  new TransparencyLog(logKey).attach(store);
  return store;
}
const ingest = (store: SqliteStore, from: number, to: number) =>
  ingestProtocols({ store, election, documents: dataset.protocols.slice(from, to), signer: importerSigner(keyring) });
async function bundleOf(store: SqliteStore, name: string): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), `saylau-split-${name}-`)), 'bundle');
  await exportBundle({ store, election, electionText, out, cec: keyring.cec });
  return out;
}

describe('checkpoints beyond the bundle', () => {
  it('two of one log are proved consistent; two views after the bundle are named a split view', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'saylau-split-'));
    const db = join(folder, 'election.db');
    let store = opened(db);
    okValue(await initWithKeyring({ store, electionText, keyring, logKey }));
    await ingest(store, 0, 20);
    const bundle = await bundleOf(store, 'bundle');
    await store.close();
    // The operator keeps a copy of the database and shows it, grown otherwise, to some observers.
    copyFileSync(db, join(folder, 'other.db'));
    store = opened(db);
    const other = opened(join(folder, 'other.db'));
    try {
      await ingest(store, 20, 35);
      const grown = await bundleOf(store, 'grown');
      await ingest(store, 35, 53);
      const grownMore = await bundleOf(store, 'grown-more');
      await ingest(other, 35, 53);
      const forked = await bundleOf(other, 'forked');
      const checkpoint = (dir: string) => join(dir, 'log', 'checkpoint');

      const honest = await verifyBundle(bundle, { checkpoints: [checkpoint(grown), checkpoint(grownMore)] });
      expect(honest.filter((check) => !check.ok)).toEqual([]);
      expect(honest.find((check) => check.name === 'witnesses')?.detail).toContain(
        "2 checkpoint(s) beyond the bundle's journal, 1 of 1 pair(s) of them proved consistent",
      );

      const split = await verifyBundle(bundle, { checkpoints: [checkpoint(grown), checkpoint(forked)] });
      const failed = split.find((check) => !check.ok);
      expect(failed?.name).toBe('witnesses');
      expect(failed?.detail).toMatch(/^split view: .*forked.* is signed by the log for size \d+, and the tiles served/);
      expect(failed?.detail).toContain(checkpoint(grown));
    } finally {
      await store.close();
      await other.close();
    }
  }, 60_000);
});
