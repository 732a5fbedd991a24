import { performance } from 'node:perf_hooks';
import {
  consistencyProofFromTiles,
  formatCheckpoint,
  leafHash,
  MerkleTree,
  tileBytes,
  tilePath,
  tilesForConsistencyProof,
} from '../src/tlog/index.ts';
import { judgeCheckpoint } from '../src/witness/judge.ts';

/**
 * A witness checks a consistency proof of a 100,000-event log (docs/witness.md, "Cost"): the target is ≤ 5 ms. Two
 * figures over random earlier sizes: the check alone (the proof verified against both roots, as `judgeCheckpoint`
 * does), and the proof rebuilt from the log's tiles (held in memory, as fetched) and then checked.
 */
export function benchWitness(size = 100_000, rounds = 400): Record<string, number> {
  const tree = new MerkleTree();
  for (let index = 0; index < size; index += 1) tree.append(leafHash(new TextEncoder().encode(`{"seq":${index + 1}}`)));
  const root = tree.root();
  const checkpoint = { origin: 'saylau/bench', size, root, extensions: [] };
  formatCheckpoint(checkpoint);
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const check: number[] = [];
  const fromTiles: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const m = 1 + Math.floor(random() * (size - 1));
    const state = { size: m, root: Buffer.from(tree.root(m)).toString('base64') };
    const proof = tree.consistencyProof(m, size);
    if (!proof.ok) throw new Error(proof.error.code);
    let started = performance.now();
    const judged = judgeCheckpoint(state, checkpoint, proof.value);
    check.push(performance.now() - started);
    if (judged.kind !== 'cosign') throw new Error(`an honest proof was judged ${judged.kind}`);
    const needed = tilesForConsistencyProof(m, size);
    if (!needed.ok) throw new Error(needed.error.code);
    const tiles = new Map(needed.value.map((tile) => [tilePath(tile), tileBytes(tree, tile)]));
    started = performance.now();
    const rebuilt = consistencyProofFromTiles(m, size, tiles);
    if (!rebuilt.ok) throw new Error(rebuilt.error.code);
    const again = judgeCheckpoint(state, checkpoint, rebuilt.value);
    fromTiles.push(performance.now() - started);
    if (again.kind !== 'cosign') throw new Error('a proof from tiles was refused');
  }
  const stats = (values: number[]): { median: number; p99: number; max: number } => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { median: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  };
  const a = stats(check);
  const b = stats(fromTiles);
  const round3 = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    size,
    rounds,
    checkMedianMs: round3(a.median),
    checkP99Ms: round3(a.p99),
    checkMaxMs: round3(a.max),
    fromTilesMedianMs: round3(b.median),
    fromTilesP99Ms: round3(b.p99),
    fromTilesMaxMs: round3(b.max),
    targetMs: 5,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchWitness(), null, 2));
