import { assertDefined } from '../law/assert.ts';
import { refuse, type CodedRefusal } from '../model/refusal.ts';
import { ok, type Result } from '../model/result.ts';
import {
  consistencyProofFrom,
  consistencyRoots,
  HASH_SIZE,
  hashesEqual,
  inclusionProofFrom,
  isPowerOfTwo,
  leafHash,
  nodeHash,
  rangeHash,
  rootFrom,
  type Hash,
  type HashSource,
  type MerkleTree,
  verifyConsistency,
} from './merkle.ts';

/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles): the tree served as static tiles of 256 hashes, height 8, and the
 * entries as bundles (docs/transparency-log.md, "Tiles"). Paths here carry no prefix and no leading slash:
 * `tile/0/x001/234`, `tile/entries/000.p/7`.
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** Levels are 0–63 (c2sp.org/tlog-tiles, "Merkle Tree"). */
export const MAX_TILE_LEVEL = 63;
/** An entry bundle stores each entry's length in two bytes. */
export const MAX_ENTRY_BYTES = 0xffff;

/** A tile: a level 0–63 of hashes, or the entry bundles; its index in that level; its width 1–256. */
export interface TileRef {
  readonly level: number | 'entries';
  readonly index: number;
  readonly width: number;
}

/** `N` as the spec's three-digit path elements: 1234067 → x001/x234/067, 5 → 005. */
export function formatTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`a tile index is a whole number, not ${index}`);
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let at = 0; at < digits.length; at += 3) groups.push(digits.slice(at, at + 3));
  return groups.map((group, position) => (position < groups.length - 1 ? `x${group}` : group)).join('/');
}

export function tilePath(tile: TileRef): string {
  const { level, index, width } = tile;
  if (level !== 'entries' && (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL)) {
    throw new Error(`a tile level is 0–${MAX_TILE_LEVEL}, not ${level}`);
  }
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    throw new Error(`a tile width is 1–256, not ${width}`);
  const partial = width < TILE_WIDTH ? `.p/${width}` : '';
  return `tile/${level}/${formatTileIndex(index)}${partial}`;
}

const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/**
 * The tile a path names, or a refusal for anything that is not the one canonical path of a tile: a level over
 * 63, a width of 0 or over 255, leading `x000` groups, an index beyond 2^53, a prefix or suffix.
 */
export function parseTilePath(path: string): Result<TileRef, CodedRefusal> {
  const match = TILE_PATH.exec(path);
  if (match === null) return refuse('TLOG_TILE_PATH_INVALID', { path });
  const [, levelText = '', groups = '', last = '', widthText] = match;
  const level: number | 'entries' = levelText === 'entries' ? 'entries' : Number(levelText);
  const index = Number(groups.replaceAll('x', '').replaceAll('/', '') + last);
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  // A partial tile is 1–255 wide: `.p/256` is not the full tile's path.
  if ((level !== 'entries' && level > MAX_TILE_LEVEL) || (widthText !== undefined && width >= TILE_WIDTH)) {
    return refuse('TLOG_TILE_PATH_INVALID', { path });
  }
  if (!Number.isSafeInteger(index)) return refuse('TLOG_TILE_PATH_INVALID', { path });
  const tile: TileRef = { level, index, width };
  // One path per tile: x000 groups in front, for instance, would name the same tile a second way.
  if (tilePath(tile) !== path) return refuse('TLOG_TILE_PATH_INVALID', { path });
  return ok(tile);
}

/** How many hashes tile level `level` holds in a tree of `size` leaves: floor(size / 256^level). */
function hashesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** The width of tile (level, index) in a tree of `size`: 256 when full, 1–255 when partial, 0 when absent. */
export function tileWidth(level: number | 'entries', index: number, size: number): number {
  const count = hashesAtTileLevel(level === 'entries' ? 0 : level, size);
  return Math.max(0, Math.min(TILE_WIDTH, count - index * TILE_WIDTH));
}

/**
 * Whether a log whose tree has `size` leaves can serve `tile`: a full tile once it is complete, a partial one of
 * any width up to the rightmost tile's current width (the widths of earlier checkpoints are prefixes of it).
 * A server answers everything else with 404 rather than cutting bytes it does not have.
 */
export function tileIsServable(tile: TileRef, size: number): boolean {
  const available = tileWidth(tile.level, tile.index, size);
  return tile.width === TILE_WIDTH ? available === TILE_WIDTH : tile.width >= 1 && tile.width <= available;
}

function levelsOf(size: number): number {
  let levels = 0;
  while (hashesAtTileLevel(levels, size) > 0) levels += 1;
  return levels;
}

/**
 * The tiles that exist at `newSize` but not at `oldSize` (the new full tiles and the new partial ones), hash
 * tiles first by level, then the entry bundles: what a log writes after it grows. All of them when
 * `oldSize` is 0.
 */
export function newTiles(oldSize: number, newSize: number): TileRef[] {
  if (!(0 <= oldSize && oldSize <= newSize)) throw new Error(`no growth from ${oldSize} to ${newSize}`);
  const out: TileRef[] = [];
  const levels: (number | 'entries')[] = [];
  for (let level = 0; level < levelsOf(newSize); level += 1) levels.push(level);
  if (newSize > 0) levels.push('entries');
  for (const level of levels) {
    const oldCount = hashesAtTileLevel(level === 'entries' ? 0 : level, oldSize);
    const newCount = hashesAtTileLevel(level === 'entries' ? 0 : level, newSize);
    for (let index = Math.floor(oldCount / TILE_WIDTH); index * TILE_WIDTH < newCount; index += 1) {
      const width = tileWidth(level, index, newSize);
      if (width !== tileWidth(level, index, oldSize)) out.push({ level, index, width });
    }
  }
  return out;
}

/** Every tile of a tree of `size`: full ones and the partial rightmost of each level (for a static site). */
export function tilesForSize(size: number): TileRef[] {
  return newTiles(0, size);
}

/** The bytes of a hash tile: the hashes at tree level 8·L, indexes N·256 … N·256 + W − 1. */
export function tileBytes(tree: MerkleTree, tile: TileRef): Uint8Array {
  if (tile.level === 'entries') throw new Error('entry bundles are built from the entries: encodeEntryBundle');
  return tree.hashesAt(TILE_HEIGHT * tile.level, tile.index * TILE_WIDTH, tile.width);
}

/** Entries as an entry bundle: each a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[], firstIndex = 0): Result<Uint8Array, CodedRefusal> {
  let total = 0;
  for (const [offset, entry] of entries.entries()) {
    if (entry.length > MAX_ENTRY_BYTES) {
      return refuse('TLOG_ENTRY_TOO_LARGE', { index: firstIndex + offset, bytes: entry.length });
    }
    total += 2 + entry.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const entry of entries) {
    out[at] = entry.length >> 8;
    out[at + 1] = entry.length & 0xff;
    out.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return ok(out);
}

/** An entry bundle back into its entries; `width` entries exactly, nothing left over. */
export function decodeEntryBundle(
  bytes: Uint8Array,
  width: number,
  path = 'tile/entries',
): Result<Uint8Array[], CodedRefusal> {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) return refuse('TLOG_TILE_MALFORMED', { path, rule: 'a length cut short' });
    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (at + 2 + length > bytes.length) return refuse('TLOG_TILE_MALFORMED', { path, rule: 'an entry cut short' });
    entries.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (entries.length !== width) {
    return refuse('TLOG_TILE_MALFORMED', { path, rule: `${entries.length} entries where ${width} were expected` });
  }
  return ok(entries);
}

/** The leaf hashes of the entries in a bundle: what the level-0 tile of the same index must hold. */
export function entryBundleLeafHashes(entries: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.length * HASH_SIZE);
  entries.forEach((entry, position) => out.set(leafHash(entry), position * HASH_SIZE));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// A client's side: proofs from fetched tiles (docs/transparency-log.md, "Tiles")

/** The tile that holds what the complete subtree (level, index) is hashed from, in a tree of `size`. */
export function tileFor(level: number, index: number, size: number): TileRef {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const first = index * 2 ** (level - TILE_HEIGHT * tileLevel);
  const tileIndex = Math.floor(first / TILE_WIDTH);
  return { level: tileLevel, index: tileIndex, width: tileWidth(tileLevel, tileIndex, size) };
}

class MissingTile extends Error {
  constructor(readonly path: string) {
    super(`missing tile ${path}`);
  }
}

/**
 * Subtree hashes read from tiles of a tree of `size`: a hash at tree level 8·L + r is rebuilt from 2^r hashes
 * of one tile of level L. Nothing here is trusted: a proof built from these hashes verifies against a signed
 * root only if the tiles were right.
 */
export class TileHashSource implements HashSource {
  private readonly memo = new Map<string, Hash>();

  constructor(
    readonly size: number,
    private readonly tiles: ReadonlyMap<string, Uint8Array>,
  ) {}

  hashAt(level: number, index: number): Hash {
    const key = `${level}/${index}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const tile = tileFor(level, index, this.size);
    const path = tilePath(tile);
    const bytes = this.tiles.get(path);
    if (bytes === undefined || bytes.length !== tile.width * HASH_SIZE) throw new MissingTile(path);
    const span = 2 ** (level - TILE_HEIGHT * Number(tile.level));
    const start = index * span - tile.index * TILE_WIDTH;
    let row: Hash[] = [];
    for (let at = start; at < start + span; at += 1) row.push(bytes.subarray(at * HASH_SIZE, (at + 1) * HASH_SIZE));
    while (row.length > 1) {
      const next: Hash[] = [];
      for (let at = 0; at < row.length; at += 2)
        next.push(nodeHash(assertDefined(row[at]), assertDefined(row[at + 1])));
      row = next;
    }
    const hash = assertDefined(row[0]);
    this.memo.set(key, hash);
    return hash;
  }
}

/** Records which tiles a computation reads, handing back zero hashes: the control flow never looks at them. */
class TileRecorder implements HashSource {
  readonly needed = new Map<string, TileRef>();
  constructor(private readonly size: number) {}
  hashAt(level: number, index: number): Hash {
    const tile = tileFor(level, index, this.size);
    this.needed.set(tilePath(tile), tile);
    return new Uint8Array(HASH_SIZE);
  }
}

function checkedSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`a tree size is a whole number, not ${size}`);
}

/** The tiles a client fetches to rebuild the root of a tree of `size`. */
export function tilesForRoot(size: number): TileRef[] {
  checkedSize(size);
  const recorder = new TileRecorder(size);
  rootFrom(recorder, size);
  return [...recorder.needed.values()];
}

/** The tiles a client fetches to prove leaf `index` in a tree of `size` (the leaf's own tile among them). */
export function tilesForInclusionProof(index: number, size: number): Result<TileRef[], CodedRefusal> {
  checkedSize(size);
  const recorder = new TileRecorder(size);
  const proof = inclusionProofFrom(recorder, index, size, size);
  if (!proof.ok) return proof;
  recorder.hashAt(0, index);
  return ok([...recorder.needed.values()]);
}

/** The tiles a client fetches to prove the tree of `m` leaves a prefix of the tree of `n`. */
export function tilesForConsistencyProof(m: number, n: number): Result<TileRef[], CodedRefusal> {
  checkedSize(n);
  const recorder = new TileRecorder(n);
  const proof = consistencyProofFrom(recorder, m, n, n);
  if (!proof.ok) return proof;
  return ok([...recorder.needed.values()]);
}

function fromTiles<T>(compute: () => T): Result<T, CodedRefusal> {
  try {
    return ok(compute());
  } catch (error) {
    if (error instanceof MissingTile) return refuse('TLOG_TILE_MISSING', { path: error.path });
    throw error;
  }
}

/** The root of a tree of `size` rebuilt from tiles (fetched as `tilesForRoot` lists). */
export function rootFromTiles(size: number, tiles: ReadonlyMap<string, Uint8Array>): Result<Hash, CodedRefusal> {
  return fromTiles(() => rootFrom(new TileHashSource(size, tiles), size));
}

/** The leaf hash at `index` and its inclusion proof in a tree of `size`, from tiles. */
export function inclusionProofFromTiles(
  index: number,
  size: number,
  tiles: ReadonlyMap<string, Uint8Array>,
): Result<{ leafHash: Hash; proof: Hash[] }, CodedRefusal> {
  const source = new TileHashSource(size, tiles);
  const result = fromTiles(() => {
    const proof = inclusionProofFrom(source, index, size, size);
    return proof.ok ? ok({ leafHash: source.hashAt(0, index), proof: proof.value }) : proof;
  });
  return result.ok ? result.value : result;
}

/** The consistency proof from `m` to `n` leaves, from tiles of the tree of `n`. */
export function consistencyProofFromTiles(
  m: number,
  n: number,
  tiles: ReadonlyMap<string, Uint8Array>,
): Result<Hash[], CodedRefusal> {
  const result = fromTiles(() => consistencyProofFrom(new TileHashSource(n, tiles), m, n, n));
  return result.ok ? result.value : result;
}

/**
 * Whether the tree of `larger` extends the tree of `smaller` (a smaller size), from tiles of the larger tree
 * (docs/transparency-log.md, "Checkpoints beyond a bundle"). True when the consistency proof holds. False when it
 * does not, yet the proof gives the larger root: then its hashes are the larger tree's own, and that tree's first
 * leaves have another root than the smaller's, a split view proved. Null when the tiles are missing or not the larger
 * tree's, which proves nothing either way.
 */
export function extendsFromTiles(
  smaller: { readonly size: number; readonly root: Hash },
  larger: { readonly size: number; readonly root: Hash },
  tiles: ReadonlyMap<string, Uint8Array>,
): boolean | null {
  const { size: m } = smaller;
  const { size: n } = larger;
  const proof = consistencyProofFromTiles(m, n, tiles);
  if (!proof.ok) return null;
  if (verifyConsistency(m, n, smaller.root, larger.root, proof.value)) return true;
  // For m a power of two the proof leaves out the node of the first m leaves (the smaller root, were it consistent):
  // the larger tree's own node is taken from the tiles instead, and checked with the rest.
  const nodeM = isPowerOfTwo(m) ? fromTiles(() => rangeHash(new TileHashSource(n, tiles), 0, m)) : ok(smaller.root);
  if (!nodeM.ok) return null;
  const roots = consistencyRoots(m, n, proof.value, nodeM.value);
  return roots !== null && hashesEqual(roots.rootN, larger.root) ? false : null;
}
