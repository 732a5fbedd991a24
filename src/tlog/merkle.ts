import { hash } from 'node:crypto';
import { assertDefined } from '../law/assert.ts';
import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';

/**
 * The Merkle tree of RFC 6962 §2.1 (RFC 9162 §2.1) over SHA-256: the hashes, a tree that keeps every
 * complete subtree so that proofs and tiles cost O(log n) hashes, and the verifiers of RFC 9162 §2.1.3.2
 * and §2.1.4.2 (docs/transparency-log.md, "Formats").
 */

/** A SHA-256 hash: always 32 bytes. */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;

/** The hash of the empty tree: SHA-256 of nothing (RFC 6962 §2.1, MTH({})). */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

/**
 * One-shot SHA-256 into a fresh Uint8Array (not a Buffer, whose `slice` would share memory with the original).
 * `crypto.hash` takes about half the time of a `createHash` object per call, which is most of building a tree.
 */
function sha256(bytes: Uint8Array): Hash {
  return new Uint8Array(hash('sha256', bytes, 'buffer'));
}

// One scratch buffer for every node: 0x01 || left || right (hashing is synchronous, so it is never shared).
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** SHA-256(0x00 || bytes): the hash of one leaf; the prefix keeps a leaf from passing for a node. */
export function leafHash(bytes: Uint8Array): Hash {
  const input = new Uint8Array(1 + bytes.length);
  input.set(bytes, 1);
  return sha256(input);
}

/**
 * The same hash of a leaf given as text, hashed as its UTF-8 bytes: U+0000 is the one byte 0x00 in UTF-8, so the prefix
 * is written into the string and no copy of the bytes is made.
 */
export function leafHashOfText(text: string): Hash {
  return new Uint8Array(hash('sha256', `\u0000${text}`, 'buffer'));
}

/** SHA-256(0x01 || left || right): the hash of an inner node. */
export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new Error('a node joins two 32-byte hashes');
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

export function hashesEqual(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Anything that can give the hash of a complete subtree: 2^level leaves starting at leaf index·2^level.
 * The tree below is one; a client's tiles are another (tiles.ts), so the same proof code runs on both.
 */
export interface HashSource {
  hashAt(level: number, index: number): Hash;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * MTH(D[lo:hi]) from complete subtrees. Every range the proofs of RFC 6962 ask for starts at a multiple of
 * the largest power of two that fits in it, so its left part is always one stored complete subtree and
 * only the right edge is hashed again: O(log n) hashes.
 */
export function rangeHash(source: HashSource, lo: number, hi: number): Hash {
  const n = hi - lo;
  if (n === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && lo % n === 0) return source.hashAt(Math.round(Math.log2(n)), lo / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(source, lo, lo + k), rangeHash(source, lo + k, hi));
}

/** The root of the first `size` leaves. */
export function rootFrom(source: HashSource, size: number): Hash {
  return rangeHash(source, 0, size);
}

/** RFC 6962 §2.1.1 PATH(m, D[lo:hi]), deepest sibling first. */
function path(source: HashSource, m: number, lo: number, hi: number, out: Hash[]): void {
  const n = hi - lo;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m - lo < k) {
    path(source, m, lo, lo + k, out);
    out.push(rangeHash(source, lo + k, hi));
  } else {
    path(source, m, lo + k, hi, out);
    out.push(rangeHash(source, lo, lo + k));
  }
}

/** RFC 6962 §2.1.2 SUBPROOF(m, D[lo:hi], b). */
function subproof(source: HashSource, m: number, lo: number, hi: number, whole: boolean, out: Hash[]): void {
  const n = hi - lo;
  if (m === n) {
    if (!whole) out.push(rangeHash(source, lo, hi));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(source, m, lo, lo + k, whole, out);
    out.push(rangeHash(source, lo + k, hi));
  } else {
    subproof(source, m - k, lo + k, hi, false, out);
    out.push(rangeHash(source, lo, lo + k));
  }
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves, from any source of subtree hashes. */
export function inclusionProofFrom(
  source: HashSource,
  index: number,
  size: number,
  available: number,
): Result<Hash[], CodedRefusal> {
  if (!isCount(size) || size > available) return refuse('TLOG_SIZE_OUT_OF_RANGE', { size, current: available });
  if (!isCount(index) || index >= size) return refuse('TLOG_INDEX_OUT_OF_RANGE', { index, size });
  const out: Hash[] = [];
  path(source, index, 0, size, out);
  return ok(out);
}

/**
 * The consistency proof from the tree of m leaves to the tree of n leaves (0 < m ≤ n); empty when m = n. A proof
 * from the empty tree is refused, as RFC 9162 §2.1.4 defines none: every tree extends the empty one, and a
 * client with no earlier checkpoint has nothing to compare (docs/transparency-log.md, "The tree").
 */
export function consistencyProofFrom(
  source: HashSource,
  m: number,
  n: number,
  available: number,
): Result<Hash[], CodedRefusal> {
  if (!isCount(n) || n > available) return refuse('TLOG_SIZE_OUT_OF_RANGE', { size: n, current: available });
  if (!isCount(m) || m === 0 || m > n) return refuse('TLOG_CONSISTENCY_SIZES', { from: m, to: n });
  const out: Hash[] = [];
  if (m === n) return ok(out);
  subproof(source, m, 0, n, true, out);
  return ok(out);
}

/** A growable array of 32-byte hashes in one buffer: a million hashes cost 32 MB, not a million objects. */
class HashArray {
  private buffer = new Uint8Array(HASH_SIZE * 64);
  length = 0;

  push(hash: Hash): void {
    if ((this.length + 1) * HASH_SIZE > this.buffer.length) {
      const bigger = new Uint8Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer.set(hash, this.length * HASH_SIZE);
    this.length += 1;
  }

  /** A view: valid until the next push that grows the buffer, so callers copy what they keep. */
  view(index: number): Hash {
    return this.buffer.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /** Consecutive hashes [from, from + count) as one fresh byte array (a tile). */
  copyRange(from: number, count: number): Uint8Array {
    return this.buffer.slice(from * HASH_SIZE, (from + count) * HASH_SIZE);
  }
}

/**
 * An append-only Merkle tree that keeps every complete subtree hash: level L holds the hash of each run of
 * 2^L leaves that is complete. Appending one leaf stores it and the complete subtrees it closes: at most
 * log2(n) + 1 hashes, one on average. Level 8·L of this store is exactly the tile level L of tlog-tiles.
 */
export class MerkleTree implements HashSource {
  private readonly levels: HashArray[] = [new HashArray()];

  get size(): number {
    return assertLevel(this.levels, 0).length;
  }

  /** Appends a leaf hash (leafHash of the entry's bytes); returns its index. */
  append(leaf: Hash): number {
    if (leaf.length !== HASH_SIZE) throw new Error(`a leaf hash has ${HASH_SIZE} bytes, not ${leaf.length}`);
    const index = this.size;
    assertLevel(this.levels, 0).push(leaf);
    let level = 0;
    let at = index;
    while (at % 2 === 1) {
      const below = assertLevel(this.levels, level);
      const parent = nodeHash(below.view(at - 1), below.view(at));
      level += 1;
      if (this.levels.length === level) this.levels.push(new HashArray());
      assertLevel(this.levels, level).push(parent);
      at = (at - 1) / 2;
    }
    return index;
  }

  /** Appends the leaf hash of each entry's bytes. */
  appendEntries(entries: Iterable<Uint8Array>): void {
    for (const entry of entries) this.append(leafHash(entry));
  }

  /** The hash of the complete subtree of 2^level leaves starting at leaf index·2^level (a copy). */
  hashAt(level: number, index: number): Hash {
    const hashes = this.levels[level];
    if (hashes === undefined || !Number.isSafeInteger(index) || index < 0 || index >= hashes.length) {
      throw new Error(`no complete subtree at level ${level}, index ${index} in a tree of ${this.size}`);
    }
    return hashes.view(index).slice();
  }

  /** How many complete subtrees level `level` holds now. */
  countAt(level: number): number {
    return this.levels[level]?.length ?? 0;
  }

  /** `count` consecutive hashes of one level, concatenated (the bytes of a tile). */
  hashesAt(level: number, index: number, count: number): Uint8Array {
    const hashes = this.levels[level];
    if (hashes === undefined || index < 0 || count < 0 || index + count > hashes.length) {
      throw new Error(`level ${level} holds no hashes ${index}…${index + count - 1}`);
    }
    return hashes.copyRange(index, count);
  }

  /** The root of the tree as it was at `size` leaves (the current size when omitted). */
  root(size: number = this.size): Hash {
    if (!isCount(size) || size > this.size) throw new Error(`no tree of ${size} leaves in a log of ${this.size}`);
    return rootFrom(this, size);
  }

  inclusionProof(index: number, size: number = this.size): Result<Hash[], CodedRefusal> {
    return inclusionProofFrom(this, index, size, this.size);
  }

  consistencyProof(m: number, n: number = this.size): Result<Hash[], CodedRefusal> {
    return consistencyProofFrom(this, m, n, this.size);
  }
}

function assertLevel(levels: readonly HashArray[], level: number): HashArray {
  return assertDefined(levels[level], `no level ${level}`);
}

/** More hashes than any proof of a tree within 2^53 leaves can have. */
const MAX_PROOF_HASHES = 128;

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * RFC 9162 §2.1.3.2, step by step: does `proof` bind the leaf hash at `index` to `root` of a tree of `size`?
 * Arithmetic, not 32-bit shifts, so sizes up to 2^53 work.
 */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!isCount(index) || !isCount(size) || index >= size || proof.length > MAX_PROOF_HASHES) return false;
  if (leaf.length !== HASH_SIZE || root.length !== HASH_SIZE) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) return false;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2, step by step: is the tree of `m` leaves with root `rootM` a prefix of the tree of `n`
 * leaves with root `rootN`? Of the cases the RFC leaves to the caller, m = n holds with an empty proof and equal
 * roots, and m = 0 never holds: a proof from the empty tree proves nothing (as transparency-dev/merkle decides).
 */
export function verifyConsistency(m: number, n: number, rootM: Hash, rootN: Hash, proof: readonly Hash[]): boolean {
  if (rootM.length !== HASH_SIZE || rootN.length !== HASH_SIZE) return false;
  if (isCount(m) && isCount(n) && m === n && m > 0) return proof.length === 0 && hashesEqual(rootM, rootN);
  const roots = consistencyRoots(m, n, proof, rootM);
  return roots !== null && hashesEqual(roots.rootM, rootM) && hashesEqual(roots.rootN, rootN);
}

/**
 * What a consistency proof from `m` to `n` (m < n) says the two roots are: RFC 9162 §2.1.4.2's steps 2 to 6, with
 * `nodeM` as the hash of the first m leaves where the RFC takes the old root (m a power of two: that node is the old
 * root, and not in the proof). Null for a proof of the wrong shape. A caller that knows `rootN` and finds it learns
 * that the proof's hashes are the larger tree's, and so what that tree's root at m is.
 */
export function consistencyRoots(
  m: number,
  n: number,
  proof: readonly Hash[],
  nodeM: Hash,
): { readonly rootM: Hash; readonly rootN: Hash } | null {
  if (!isCount(m) || !isCount(n) || m >= n || m === 0) return null;
  // A consistency proof of trees within 2^53 has at most 2·53 hashes; a longer one is not looked at.
  if (proof.length > MAX_PROOF_HASHES || proof.some((p) => p.length !== HASH_SIZE) || nodeM.length !== HASH_SIZE)
    return null;
  // 1. An empty path proves nothing between two different sizes.
  if (proof.length === 0) return null;
  // 2. When m is a power of two the old root is itself a node on the path.
  const path = isPowerOfTwo(m) ? [nodeM, ...proof] : [...proof];
  // 3.
  let fn = m - 1;
  let sn = n - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = assertDefined(path[0]);
  let sr = fr;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7. (the comparison with the roots is the caller's)
  return sn === 0 ? { rootM: fr, rootN: sr } : null;
}
