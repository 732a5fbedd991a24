// Serving the log on the national election (docs/transparency-log.md, "Serving the log"), SQLite, in a process of
// its own: the cost of opening (the check on open with and without the log's tree), an accepted protocol to its
// new checkpoint and tiles (target ≤ 50 ms), and `verify` of the national bundle with the log check (target ≤ 30 s
// on 2 cores). Prints one JSON document; bench/run.ts reads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electionSchema } from '../src/model/election.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { okValue } from '../src/model/result.ts';
import { initElection } from '../src/services/election-service.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { keySigner } from '../src/journal/act.ts';
import { generateSigningKey } from '../src/journal/keys.ts';
import { registerKey } from '../src/services/key-service.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { newTiles } from '../src/tlog/index.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { checkBundleLog } from '../src/verify/log-check.ts';
import { journalLinesOf } from '../src/verify/journal-lines.ts';
import { parseJournalEvent } from '../src/journal/parse-event.ts';

const milliseconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const directory = mkdtempSync(join(tmpdir(), 'saylau-bench-log-'));
try {
  execFileSync(new URL('../bin/saylau', import.meta.url).pathname, ['generate', '--seed', '2023', '--out', directory], {
    stdio: 'ignore',
  });
  const electionText = readFileSync(join(directory, 'election.json'), 'utf8');
  const election = electionSchema.parse(JSON.parse(electionText));
  const protocols = readFileSync(join(directory, 'protocols.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Protocol);
  const db = join(directory, 'election.db');
  let store = new SqliteStore(db);
  // The CEC and the importer sign with keys of their own (docs/keys.md).
  const cecKey = generateSigningKey();
  const importerKey = generateSigningKey();
  const key = okValue(logKeyOf(okValue(newLogKeyText('saylau/bench')), 'bench'));
  new TransparencyLog(key).attach(store);
  okValue(
    await initElection({ store, electionText, cec: keySigner(cecKey), cecPublicKey: cecKey.publicKey, logKey: key }),
  );
  okValue(
    await registerKey({
      store,
      election,
      signer: keySigner(cecKey),
      key: { holder: 'importer', role: 'user', commission: null, publicKey: importerKey.publicKey },
    }),
  );
  const importer = keySigner(importerKey);
  let start = process.hrtime.bigint();
  await ingestProtocols({ store, election, documents: protocols, signer: importer, batchSize: 5000 });
  const ingestWithLogSeconds = milliseconds(start) / 1000;
  await checkIntegrity({ store, definition: election, full: true });
  await store.close();

  // Opening as `saylau serve` does: the check on open from its checkpoint (before the log), then the log's tree.
  store = new SqliteStore(db);
  start = process.hrtime.bigint();
  await checkIntegrity({ store, definition: election });
  const integrityOnOpenMs = milliseconds(start);
  const log = new TransparencyLog(key);
  start = process.hrtime.bigint();
  await log.open(store);
  const logOpenMs = milliseconds(start);
  log.attach(store);

  // One accepted protocol (a corrected version, as from the import route) to its checkpoint and its new tiles read
  // back as the server serves them: the median of 21, beside the same commit with the log detached.
  const first = protocols[0] as Protocol;
  const corrected = (version: number): Protocol => ({
    ...first,
    version,
    lines: {
      ...first.lines,
      invalid: first.lines.invalid + (version % 2),
      againstAll: first.lines.againstAll - (version % 2),
    },
  });
  const withLog: number[] = [];
  const withoutLog: number[] = [];
  let version = 2;
  for (let round = 0; round < 21; round++) {
    store.setAppendHook(null);
    start = process.hrtime.bigint();
    await ingestProtocols({ store, election, documents: [corrected(version++)], signer: importer });
    withoutLog.push(milliseconds(start));
    log.attach(store);
    // The commit above went unsigned: one more leaf for the log to read, as a CLI's write would leave.
    const before = (await store.latestCheckpoint())?.size ?? 0;
    start = process.hrtime.bigint();
    await ingestProtocols({ store, election, documents: [corrected(version++)], signer: importer });
    const after = (await store.latestCheckpoint())?.size ?? 0;
    for (const tile of newTiles(before, after)) okValue(await log.tile(store, tile));
    withLog.push(milliseconds(start));
  }
  const head = (await store.journalHead()).seq;

  const bundle = join(directory, 'bundle');
  await exportBundle({ store, election, electionText, out: bundle, cec: cecKey });
  await store.close();
  start = process.hrtime.bigint();
  const checks = await verifyBundle(bundle);
  const verifySeconds = milliseconds(start) / 1000;
  if (!checks.every((check) => check.ok))
    throw new Error(`the bundle does not verify: ${JSON.stringify(checks.at(-1))}`);
  // The log check alone, on lines and events already read.
  const lines = readFileSync(join(bundle, 'journal.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const events = lines.map((line) => okValue(parseJournalEvent(JSON.parse(line) as never)));
  start = process.hrtime.bigint();
  const logCheck = checkBundleLog(bundle, events, journalLinesOf(lines));
  const logCheckSeconds = milliseconds(start) / 1000;
  if (!logCheck.ok) throw new Error(logCheck.detail);

  process.stdout.write(
    `${JSON.stringify({
      events: head,
      ingestWithLogSeconds: Number(ingestWithLogSeconds.toFixed(2)),
      integrityOnOpenMs: Number(integrityOnOpenMs.toFixed(1)),
      logOpenMs: Number(logOpenMs.toFixed(1)),
      acceptedProtocolToCheckpointAndTilesMedianMs: Number(median(withLog).toFixed(2)),
      acceptedProtocolWithoutLogMedianMs: Number(median(withoutLog).toFixed(2)),
      acceptedProtocolTargetMs: 50,
      verifySeconds: Number(verifySeconds.toFixed(2)),
      logCheckSeconds: Number(logCheckSeconds.toFixed(2)),
      verifyTargetSeconds: 30,
      longestLineBytes: Math.max(...lines.map((line) => Buffer.byteLength(line))),
    })}\n`,
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
