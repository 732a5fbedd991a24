import { createHash, hash } from 'node:crypto';
import { formatCheckpoint } from '../src/tlog/checkpoint.ts';
import { generateKey, parseSigner, parseVerifier } from '../src/tlog/keys.ts';
import { leafHash, MerkleTree, verifyConsistency } from '../src/tlog/merkle.ts';
import { openNote, signNote } from '../src/tlog/note.ts';
import {
  consistencyProofFromTiles,
  encodeEntryBundle,
  newTiles,
  tileBytes,
  tilePath,
  tilesForConsistencyProof,
} from '../src/tlog/tiles.ts';

/**
 * The transparency log's formats (docs/transparency-log.md): what a witness spends checking a consistency proof of
 * a 100,000-event log (target ≤ 5 ms), and what the server spends per commit to append, sign a checkpoint and cut
 * the new tiles (target, with the commit itself, ≤ 50 ms). Each beside a baseline measured in the same run: the bare
 * SHA-256 and Ed25519 calls the same job cannot do without.
 */

const WITNESS_LOG = 100_000;
const NATIONAL_LOG = 500_000;
const ORIGIN = 'saylau/bench';

/** A journal line of realistic length (~600 bytes), different for every index. */
function line(index: number): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      actor: 'f'.repeat(64),
      at: '2026-03-19T20:00:00.000Z',
      hash: createHash('sha256').update(String(index)).digest('hex'),
      payload: {
        commission: `pec-${index % 10_000}`,
        protocol: { ballots: index % 2000, votes: [1, 2, 3, 4, 5, 6, 7] },
      },
      prev: createHash('sha256')
        .update(String(index - 1))
        .digest('hex'),
      seq: index + 1,
      signature: 'S'.repeat(86),
      type: 'protocol-accepted',
    }),
  );
}

/**
 * Milliseconds of each run of `work` after a warm-up: the median, the 99th percentile and the worst (on a shared
 * two-core machine the worst is mostly another process or a garbage collection).
 */
function timings(runs: number, work: (run: number) => void): { medianMs: number; p99Ms: number; worstMs: number } {
  for (let i = 0; i < Math.min(50, runs); i += 1) work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    work(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: Number((times[Math.floor(runs / 2)] ?? 0).toFixed(4)),
    p99Ms: Number((times[Math.floor(runs * 0.99)] ?? 0).toFixed(4)),
    worstMs: Number((times[runs - 1] ?? 0).toFixed(4)),
  };
}

function seconds(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function benchTlog(): Record<string, number> {
  const lines = Array.from({ length: NATIONAL_LOG }, (_, i) => line(i));

  // Building the tree from the journal (the server's start): against hashing the leaves alone.
  const tree = new MerkleTree();
  const buildSeconds = seconds(() => {
    for (let i = 0; i < NATIONAL_LOG; i += 1) tree.append(leafHash(lines[i] as Uint8Array));
  });
  const leafHashSeconds = seconds(() => {
    for (let i = 0; i < NATIONAL_LOG; i += 1) {
      const entry = lines[i] as Uint8Array;
      const input = new Uint8Array(1 + entry.length);
      input.set(entry, 1);
      hash('sha256', input, 'buffer');
    }
  });

  // A witness: open the log's checkpoint, check a consistency proof from a random earlier size to 100,000.
  const log = generateKey(ORIGIN);
  const signer = parseSigner(log.signerKey);
  const verifier = parseVerifier(log.verifierKey);
  if (!signer.ok || !verifier.ok) throw new Error('bench keys');
  const rootN = tree.root(WITNESS_LOG);
  const olds = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % (WITNESS_LOG - 1)));
  const proofs = olds.map((m) => {
    const proof = tree.consistencyProof(m, WITNESS_LOG);
    if (!proof.ok) throw new Error('bench proof');
    return { m, rootM: tree.root(m), proof: proof.value };
  });
  const verify = timings(proofs.length, (run) => {
    const { m, rootM, proof } = proofs[run % proofs.length] as (typeof proofs)[number];
    if (!verifyConsistency(m, WITNESS_LOG, rootM, rootN, proof)) throw new Error('a bench proof failed');
  });
  // The least work of the same check: as many SHA-256 calls of 65 bytes as the proof has hashes, twice.
  const bareHashes = timings(proofs.length, (run) => {
    const { proof } = proofs[run % proofs.length] as (typeof proofs)[number];
    for (let i = 0; i < proof.length * 2; i += 1) hash('sha256', new Uint8Array(65), 'buffer');
  });
  const checkpoint = signNote(formatCheckpoint({ origin: ORIGIN, size: WITNESS_LOG, root: rootN, extensions: [] }), [
    signer.value,
  ]);
  if (!checkpoint.ok) throw new Error('bench checkpoint');
  const openCheckpoint = timings(200, () => {
    if (!openNote(checkpoint.value, [verifier.value]).ok) throw new Error('bench open');
  });
  // A witness that reads only tiles: fetch (here: cut) the tiles named, rebuild the proof, verify it.
  const fromTiles = timings(200, (run) => {
    const { m, rootM } = proofs[run % proofs.length] as (typeof proofs)[number];
    const needed = tilesForConsistencyProof(m, WITNESS_LOG);
    if (!needed.ok) throw new Error('bench tiles');
    const tiles = new Map(needed.value.map((tile) => [tilePath(tile), tileBytes(tree, tile)]));
    const proof = consistencyProofFromTiles(m, WITNESS_LOG, tiles);
    if (!proof.ok || !verifyConsistency(m, WITNESS_LOG, rootM, rootN, proof.value)) throw new Error('bench tile proof');
  });

  // The API's proofs at the national size: an inclusion proof of a random entry, a consistency proof from a random
  // earlier size, each from the stored subtrees.
  const inclusionAtNational = timings(1000, (run) => {
    if (!tree.inclusionProof((run * 104_729) % NATIONAL_LOG, NATIONAL_LOG).ok) throw new Error('bench inclusion');
  });
  const consistencyAtNational = timings(1000, (run) => {
    if (!tree.consistencyProof(1 + ((run * 104_729) % (NATIONAL_LOG - 1)), NATIONAL_LOG).ok) throw new Error('bench');
  });

  // The server per commit of one accepted protocol at the national size: append, root, sign, new tiles.
  const perCommit = (events: number) => {
    const growing = new MerkleTree();
    for (let i = 0; i < NATIONAL_LOG - 2000; i += 1) growing.append(tree.hashAt(0, i));
    let next = NATIONAL_LOG - 2000;
    return timings(300, () => {
      const old = growing.size;
      for (let e = 0; e < events; e += 1) {
        growing.append(leafHash(lines[next % NATIONAL_LOG] as Uint8Array));
        next += 1;
      }
      const body = formatCheckpoint({ origin: ORIGIN, size: growing.size, root: growing.root(), extensions: [] });
      if (!signNote(body, [signer.value]).ok) throw new Error('bench sign');
      for (const tile of newTiles(old, growing.size)) {
        if (tile.level === 'entries') {
          const first = tile.index * 256;
          const bundle = encodeEntryBundle(lines.slice(first, first + tile.width));
          if (!bundle.ok) throw new Error('bench bundle');
        } else {
          tileBytes(growing, tile);
        }
      }
    });
  };
  const commitOne = perCommit(1);
  const commitTen = perCommit(10);
  // The least a commit must do: hash its line and sign one checkpoint.
  const bareCommit = timings(300, (run) => {
    createHash('sha256')
      .update(lines[run] as Uint8Array)
      .digest();
    if (!signNote(`${ORIGIN}\n1\n${'A'.repeat(43)}=\n`, [signer.value]).ok) throw new Error('bench bare sign');
  });

  return {
    nationalLeaves: NATIONAL_LOG,
    buildTreeSeconds: Number(buildSeconds.toFixed(3)),
    leafHashingSeconds: Number(leafHashSeconds.toFixed(3)),
    buildRatioToLeafHashing: Number((buildSeconds / leafHashSeconds).toFixed(3)),
    witnessLeaves: WITNESS_LOG,
    consistencyVerifyMedianMs: verify.medianMs,
    consistencyVerifyP99Ms: verify.p99Ms,
    consistencyVerifyWorstMs: verify.worstMs,
    consistencyBareHashesMedianMs: bareHashes.medianMs,
    consistencyRatioToBareHashes: Number((verify.medianMs / Math.max(bareHashes.medianMs, 1e-4)).toFixed(3)),
    checkpointOpenMedianMs: openCheckpoint.medianMs,
    consistencyFromTilesMedianMs: fromTiles.medianMs,
    consistencyFromTilesP99Ms: fromTiles.p99Ms,
    consistencyFromTilesWorstMs: fromTiles.worstMs,
    inclusionProofNationalMedianMs: inclusionAtNational.medianMs,
    consistencyProofNationalMedianMs: consistencyAtNational.medianMs,
    commitOneEventMedianMs: commitOne.medianMs,
    commitOneEventP99Ms: commitOne.p99Ms,
    commitOneEventWorstMs: commitOne.worstMs,
    commitTenEventsMedianMs: commitTen.medianMs,
    commitTenEventsP99Ms: commitTen.p99Ms,
    commitTenEventsWorstMs: commitTen.worstMs,
    commitBareMedianMs: bareCommit.medianMs,
    commitRatioToBare: Number((commitOne.medianMs / Math.max(bareCommit.medianMs, 1e-4)).toFixed(3)),
  };
}
