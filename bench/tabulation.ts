import { okValue } from '../src/model/result.ts';
import { hash as oneShotHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Election, electionSchema } from '../src/model/election.ts';
import { copyDiscrepancies } from '../src/services/copy-discrepancies.ts';
import { accreditationKey, copyKey, observerRecordText } from '../src/tally/observers.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { generateSigningKey, signDigest } from '../src/journal/keys.ts';
import { initElection } from '../src/services/election-service.ts';
import { exportBundle } from '../src/services/export-bundle.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { ingestTurnout } from '../src/services/turnout-service.ts';
import { buildTurnoutDay } from '../src/generate/turnout-day.ts';
import { Prng } from '../src/generate/prng.ts';
import { rebuildProjections } from '../src/services/projection-service.ts';
import { affectedTally, currentTally } from '../src/services/results-service.ts';
import { checkIntegrity } from '../src/store/integrity.ts';
import { keySigner } from '../src/journal/act.ts';
import { registerKey } from '../src/services/key-service.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { logKeyOf, newLogKeyText } from '../src/services/transparency-log-key.ts';
import { TransparencyLog } from '../src/services/transparency-log.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const BATCH = 5000;

/**
 * The measures of docs/tabulation.md on SQLite: national ingest with checks, journal and signatures
 * against (a) the baseline of the unavoidable work per protocol — serialise, hash, sign, insert one
 * row, in the same batches — and (b) a raw bulk insert of the same rows, all in the same run;
 * projections rebuilt; full verify; the integrity check on open, from scratch and from its
 * checkpoint; one protocol to the results it affects.
 */
export async function benchTabulation({
  electionText,
  protocolsText,
}: {
  readonly electionText: string;
  readonly protocolsText: string;
}): Promise<Record<string, number>> {
  const work = mkdtempSync(join(tmpdir(), 'saylau-bench-db-'));
  try {
    // Each contender parses its own copy, as a command reading the files would.
    const parse = (): Protocol[] =>
      protocolsText
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Protocol);
    const election = electionSchema.parse(JSON.parse(electionText));
    const dataset = { election, protocols: parse() };
    const n = dataset.protocols.length;
    const baselineCopies = parse();
    const ingestCopies = parse();
    const contents: string[] = [];

    // (a) baseline: hash, sign, insert one row per protocol, in batches like the ingest.
    const key = generateSigningKey();
    const baseline = new Database(join(work, 'baseline.db'));
    baseline.pragma('journal_mode = WAL');
    baseline.pragma('synchronous = FULL');
    baseline.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, hash TEXT, signature TEXT, content TEXT)');
    let start = process.hrtime.bigint();
    const insert = baseline.prepare('INSERT INTO rows (seq, hash, signature, content) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < n; i += BATCH) {
      baseline.transaction(() => {
        for (let j = i; j < Math.min(n, i + BATCH); j++) {
          const content = JSON.stringify(baselineCopies[j]);
          // The one-shot hash the journal's own digests use (src/journal/act.ts).
          const hash = oneShotHash('sha256', content, 'hex');
          insert.run(j + 1, hash, signDigest(hash, key), content);
          contents.push(content);
        }
      })();
    }
    const baselineSeconds = seconds(start);

    // (b) raw bulk insert of the same rows.
    baseline.exec('CREATE TABLE raw (seq INTEGER PRIMARY KEY, content TEXT)');
    start = process.hrtime.bigint();
    const raw = baseline.prepare('INSERT INTO raw (seq, content) VALUES (?, ?)');
    baseline.transaction(() => contents.forEach((content, i) => raw.run(i + 1, content)))();
    const rawSeconds = seconds(start);
    baseline.close();

    // The ingest itself.
    const db = join(work, 'election.db');
    const store = new SqliteStore(db);
    // The importer signs with a key of its own, as `saylau ingest --key` does; append checks every signature. The
    // transparency log is attached as `saylau ingest` attaches it: each commit hashes its events into the tree and
    // signs a checkpoint.
    const cecKey = generateSigningKey();
    const importerKey = generateSigningKey();
    const logKey = okValue(logKeyOf(okValue(newLogKeyText('saylau/bench')), 'bench'));
    new TransparencyLog(logKey).attach(store);
    okValue(
      await initElection({ store, electionText, cec: keySigner(cecKey), cecPublicKey: cecKey.publicKey, logKey }),
    );
    okValue(
      await registerKey({
        store,
        election: dataset.election,
        signer: keySigner(cecKey),
        key: { holder: 'importer', role: 'user', commission: null, publicKey: importerKey.publicKey },
      }),
    );
    const importer = keySigner(importerKey);
    start = process.hrtime.bigint();
    // The CPU of every thread of this process: how busy the two cores were (docs/tabulation.md, "Where an import's time
    // goes").
    const cpuBefore = process.cpuUsage();
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: ingestCopies,
      signer: importer,
      batchSize: BATCH,
    });
    const ingestSeconds = seconds(start);
    const ingestCpu = process.cpuUsage(cpuBefore);
    const ingestCpuSeconds = (ingestCpu.user + ingestCpu.system) / 1e6;

    start = process.hrtime.bigint();
    await rebuildProjections({ store, election: dataset.election });
    const rebuildSeconds = seconds(start);

    // The check on open (docs/tabulation.md, "Integrity on open"): from scratch, which leaves a checkpoint at the head.
    start = process.hrtime.bigint();
    await checkIntegrity({ store, definition: dataset.election, full: true });
    const integrityFullSeconds = seconds(start);

    // One corrected protocol, from intake to every result it affects recomputed: the median of 21.
    const first = dataset.protocols[0];
    const latencies: number[] = [];
    for (let version = 2; version < 23 && first !== undefined; version++) {
      const next = {
        ...first,
        version,
        lines: {
          ...first.lines,
          invalid: first.lines.invalid + (version % 2),
          againstAll: first.lines.againstAll - (version % 2),
        },
      };
      start = process.hrtime.bigint();
      await ingestProtocols({ store, election: dataset.election, documents: [next], signer: importer });
      await affectedTally({ store, election: dataset.election, contestIds: [next.contestId] });
      latencies.push(seconds(start) * 1000);
    }
    // From the checkpoint: the 21 corrections above, then nothing new.
    start = process.hrtime.bigint();
    await checkIntegrity({ store, definition: dataset.election });
    const integrityAfterCorrectionsSeconds = seconds(start);
    start = process.hrtime.bigint();
    await checkIntegrity({ store, definition: dataset.election });
    const integrityNothingNewSeconds = seconds(start);
    latencies.sort((a, b) => a - b);
    const oneProtocolMilliseconds = latencies[Math.floor(latencies.length / 2)] ?? Number.NaN;
    start = process.hrtime.bigint();
    await currentTally({ store, election: dataset.election });
    const allResultsMilliseconds = seconds(start) * 1000;

    const bundle = join(work, 'bundle');
    await exportBundle({ store, election: dataset.election, electionText, out: bundle, cec: cecKey });

    // The day's turnout reports (docs/law.md §10.1), six a station, each checked against its station's other hours
    // and its protocol: after the bundle, so that the figures above are of the protocols alone, as before.
    const turnout = buildTurnoutDay(dataset.election, dataset.protocols, new Prng(2023));
    start = process.hrtime.bigint();
    const day = await ingestTurnout({ store, election: dataset.election, documents: turnout, signer: importer });
    const turnoutSeconds = seconds(start);
    if (day.reported !== turnout.length) throw new Error('the benchmark turnout reports were not all taken');
    const copies = copyComparison(dataset.election, dataset.protocols);
    await store.close();
    start = process.hrtime.bigint();
    const checks = await verifyBundle(bundle);
    const verifySeconds = seconds(start);
    if (!checks.every((check) => check.ok)) throw new Error('the benchmark bundle does not verify');

    return {
      protocols: n,
      ingestPerSecond: Math.round(n / ingestSeconds),
      ingestTargetPerSecond: 10000,
      baselinePerSecond: Math.round(n / baselineSeconds),
      ingestRatioToBaseline: Number((baselineSeconds / ingestSeconds).toFixed(3)),
      ingestRatioToBaselineTarget: 0.7,
      // CPU time of all threads over wall time: 2 would be both cores busy throughout.
      ingestCoresBusy: Number((ingestCpuSeconds / ingestSeconds).toFixed(2)),
      ingestCpuMicrosecondsPerProtocol: Math.round((ingestCpuSeconds / n) * 1e6),
      turnoutReports: turnout.length,
      turnoutPerSecond: Math.round(turnout.length / turnoutSeconds),
      // Events per second, turnout reports against protocols: at least as fast (a ratio of 1 or more).
      turnoutRatioToIngest: Number((turnout.length / turnoutSeconds / (n / ingestSeconds)).toFixed(3)),
      turnoutRatioToIngestTarget: 1,
      // Every station's Majilis list copy against its official protocol, from the stored records (docs/law.md §10.2).
      copiesCompared: copies.compared,
      copiesDiffering: copies.differing,
      copyComparisonSeconds: Number(copies.seconds.toFixed(3)),
      copyComparisonTargetSeconds: 1,
      rawInsertPerSecond: Math.round(n / rawSeconds),
      ingestRatioToRawInsert: Number((rawSeconds / ingestSeconds).toFixed(4)),
      rebuildSeconds: Number(rebuildSeconds.toFixed(3)),
      rebuildTargetSeconds: 3,
      verifySeconds: Number(verifySeconds.toFixed(3)),
      integrityFullSeconds: Number(integrityFullSeconds.toFixed(3)),
      integrityAfterCorrectionsSeconds: Number(integrityAfterCorrectionsSeconds.toFixed(3)),
      integrityNothingNewSeconds: Number(integrityNothingNewSeconds.toFixed(3)),
      verifyTargetSeconds: 30,
      oneProtocolToResultsMedianMilliseconds: Number(oneProtocolMilliseconds.toFixed(2)),
      oneProtocolTargetMilliseconds: 10,
      allResultsFromTotalsMilliseconds: Number(allResultsMilliseconds.toFixed(2)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The discrepancy list of a copy from every station's Majilis party list, one in twenty with an invalid ballot more,
 * as the site makes it: from the stored records' text, each copy parsed and compared with its official protocol.
 */
function copyComparison(election: Election, protocols: readonly Protocol[]) {
  const official = new Map(protocols.map((protocol) => [`${protocol.stationId} ${protocol.contestId}`, protocol]));
  const records = new Map<string, string>([
    [accreditationKey('bench'), observerRecordText({ id: 'bench', organisation: 'Bench' }, 1)],
  ]);
  protocols
    .filter((protocol) => protocol.contestId === 'majilis/list')
    .forEach(({ stationId, contestId, lines, votes }, index) => {
      const moved = index % 20 === 0 ? 1 : 0;
      const copy = {
        accreditation: 'bench',
        protocol: { stationId, contestId, lines: { ...lines, invalid: lines.invalid + moved }, votes },
      };
      records.set(copyKey(stationId, contestId, 'bench'), observerRecordText(copy, index + 2));
    });
  const start = process.hrtime.bigint();
  const list = copyDiscrepancies(records, election, (stationId, contestId) =>
    official.get(`${stationId} ${contestId}`),
  );
  const elapsed = seconds(start);
  if (list.counts.national.copies !== records.size - 1) throw new Error('the benchmark copies were not all compared');
  return { compared: list.counts.national.copies, differing: list.counts.national.differing, seconds: elapsed };
}
