import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, MerkleTree, verifyConsistency, verifyInclusion, type Hash } from '../src/tlog/merkle.ts';
import {
  consistencyProofFromTiles,
  decodeEntryBundle,
  extendsFromTiles,
  encodeEntryBundle,
  entryBundleLeafHashes,
  formatTileIndex,
  inclusionProofFromTiles,
  newTiles,
  parseTilePath,
  rootFromTiles,
  tileBytes,
  tilePath,
  tilesForConsistencyProof,
  tilesForInclusionProof,
  tilesForRoot,
  tilesForSize,
  tileIsServable,
  type TileRef,
} from '../src/tlog/tiles.ts';

// Tiles and entry bundles of c2sp.org/tlog-tiles (/work/notes/specs/c2sp/tlog-tiles.md) and the proofs a client
// rebuilds from them (docs/transparency-log.md, "Tiles").

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}`);
  return result.value;
};
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const SIZE = 70_000;
const entries = Array.from({ length: SIZE }, (_, i) => utf8(`{"seq":${i + 1},"type":"test"}`));
const tree = new MerkleTree();
tree.appendEntries(entries);

/** Every tile of a tree of `size`, by path: what a log serves for that checkpoint. */
function servedTiles(size: number): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const tile of tilesForSize(size)) if (tile.level !== 'entries') out.set(tilePath(tile), tileBytes(tree, tile));
  return out;
}

function fetched(tiles: readonly TileRef[]): Map<string, Uint8Array> {
  return new Map(tiles.map((tile) => [tilePath(tile), tileBytes(tree, tile)]));
}

describe('tile paths (c2sp.org/tlog-tiles, "Merkle Tree")', () => {
  it('writes the index as three-digit groups, x before all but the last', () => {
    // The spec's example, then Go's tilePaths (tlog_tlog_test.go), whose paths add the tile height.
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(formatTileIndex(1)).toBe('001');
    expect(formatTileIndex(123456078)).toBe('x123/x456/078');
    expect(formatTileIndex(3057500)).toBe('x003/x057/500');
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
  });

  it('writes level, index and partial width; entries under tile/entries', () => {
    expect(tilePath({ level: 5, index: 123456078, width: 256 })).toBe('tile/5/x123/x456/078');
    expect(tilePath({ level: 5, index: 123456078, width: 2 })).toBe('tile/5/x123/x456/078.p/2');
    expect(tilePath({ level: 0, index: 3057500, width: 256 })).toBe('tile/0/x003/x057/500');
    expect(tilePath({ level: 'entries', index: 1, width: 7 })).toBe('tile/entries/001.p/7');
    expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrow();
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow();
  });

  it('parses what it writes, for any tile', () => {
    const tiles = fc.record({
      level: fc.oneof(fc.integer({ min: 0, max: 63 }), fc.constant('entries' as const)),
      index: fc.maxSafeNat(),
      width: fc.integer({ min: 1, max: 256 }),
    });
    fc.assert(
      fc.property(tiles, (tile) => {
        expect(must(parseTilePath(tilePath(tile)))).toEqual(tile);
      }),
    );
  });

  it('refuses every path that is not the one canonical path of a tile', () => {
    const bad = [
      'tile/3/5/123/456/078', // Go's form with a height; groups without x
      'tile/3/-1/123/456/078',
      'tile/1/data/x003/x057/500',
      'tile/0/x000/001', // a leading zero group
      'tile/0/1',
      'tile/0/0001',
      'tile/01/000',
      'tile/64/000',
      'tile/-1/000',
      'tile/0/000.p/0',
      'tile/0/000.p/256',
      'tile/0/000.p/007',
      'tile/0/000.p/',
      'tile/0/000.p',
      '/tile/0/000',
      'tile/0/000/',
      'tile//000',
      'tile/data/000',
      'tile/entries/x000/000',
      'tile/0/x009/x007/x199/x254/x740/x993/000', // beyond 2^53
      'tile/0/x001/x2340/67',
      'tile/0/../000',
      'tile/0/000\n',
      'TILE/0/000',
    ];
    for (const path of bad)
      expect(parseTilePath(path), path).toMatchObject({ ok: false, error: { code: 'TLOG_TILE_PATH_INVALID' } });
  });

  it('any string either is refused or names a tile whose path is exactly that string', () => {
    const pieces = fc.constantFrom(
      'tile/',
      'entries/',
      '0/',
      '1/',
      '63/',
      '64/',
      'x001/',
      'x000/',
      '000',
      '255',
      '.p/',
      '1',
      '256',
      '/',
      'x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const path = parts.join('');
        const parsed = parseTilePath(path);
        if (parsed.ok) expect(tilePath(parsed.value)).toBe(path);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('which tiles a tree has (c2sp.org/tlog-tiles, "Partial Tiles")', () => {
  const summary = (tiles: readonly TileRef[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const { level, width } of tiles) {
      const key = `${level}:${width === 256 ? 'full' : width}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  };

  it('the spec’s example: a tree of 70,000', () => {
    // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile, one partial level 1
    // tile of width 17, and one partial level 2 tile of width 1" — and the entry bundles as level 0.
    expect(summary(tilesForSize(70_000))).toEqual({
      '0:full': 273,
      '0:112': 1,
      '1:full': 1,
      '1:17': 1,
      '2:1': 1,
      'entries:full': 273,
      'entries:112': 1,
    });
  });

  it('the spec’s example: a tree of 256 is a full level 0 tile and a partial level 1 tile of width 1', () => {
    expect(summary(tilesForSize(256))).toEqual({ '0:full': 1, '1:1': 1, 'entries:full': 1 });
    expect(tilesForSize(0)).toEqual([]);
  });

  it('the tiles new at a size are exactly those that differ from the tiles of the size before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: 2000 }), (old, growth) => {
        const next = Math.min(SIZE, old + growth);
        const before = new Set(tilesForSize(old).map(tilePath));
        const expected = tilesForSize(next)
          .map(tilePath)
          .filter((path) => !before.has(path));
        expect(newTiles(old, next).map(tilePath).sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe('which tiles a log can serve', () => {
  it('full tiles once complete, partial ones up to the current width, nothing beyond', () => {
    expect(tileIsServable({ level: 0, index: 0, width: 256 }, 300)).toBe(true);
    expect(tileIsServable({ level: 0, index: 0, width: 17 }, 300)).toBe(true);
    expect(tileIsServable({ level: 0, index: 1, width: 44 }, 300)).toBe(true);
    expect(tileIsServable({ level: 0, index: 1, width: 45 }, 300)).toBe(false);
    expect(tileIsServable({ level: 0, index: 1, width: 256 }, 300)).toBe(false);
    expect(tileIsServable({ level: 0, index: 2, width: 1 }, 300)).toBe(false);
    expect(tileIsServable({ level: 1, index: 0, width: 1 }, 300)).toBe(true);
    expect(tileIsServable({ level: 1, index: 0, width: 2 }, 300)).toBe(false);
    expect(tileIsServable({ level: 2, index: 0, width: 1 }, 300)).toBe(false);
    expect(tileIsServable({ level: 'entries', index: 1, width: 44 }, 300)).toBe(true);
  });

  it('every tile of every earlier size is servable at a later size, and its bytes are what they were', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (earlier, growth) => {
        const later = Math.min(SIZE, earlier + growth);
        for (const tile of tilesForSize(earlier)) expect(tileIsServable(tile, later)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('tile contents', () => {
  const hashUp = (hashes: Uint8Array): Uint8Array => {
    // A full tile's Merkle Tree Hash: its 256 hashes as leaves of a perfect tree of height 8, computed here.
    let row: Uint8Array[] = [];
    for (let at = 0; at < hashes.length; at += 32) row.push(hashes.subarray(at, at + 32));
    while (row.length > 1) {
      const next: Uint8Array[] = [];
      for (let at = 0; at < row.length; at += 2) {
        next.push(
          new Uint8Array(
            createHash('sha256')
              .update(Buffer.from([1]))
              .update(row[at] as Uint8Array)
              .update(row[at + 1] as Uint8Array)
              .digest(),
          ),
        );
      }
      row = next;
    }
    return row[0] as Uint8Array;
  };

  it('a level 0 tile holds the leaf hashes; each hash of a level 1 tile is the hash of a full level 0 tile', () => {
    const level0 = tileBytes(tree, { level: 0, index: 3, width: 256 });
    const expected = Buffer.concat(
      entries.slice(768, 1024).map((entry) =>
        createHash('sha256')
          .update(Buffer.from([0]))
          .update(entry)
          .digest(),
      ),
    );
    expect(hex(level0)).toBe(expected.toString('hex'));
    const level1 = tileBytes(tree, { level: 1, index: 0, width: 17 });
    for (const n of [0, 3, 16]) {
      expect(hex(level1.subarray(n * 32, n * 32 + 32))).toBe(
        hex(hashUp(tileBytes(tree, { level: 0, index: n, width: 256 }))),
      );
    }
  });

  it('a partial tile is a prefix of the tile it grows into', () => {
    const partial = tileBytes(tree, { level: 0, index: 7, width: 100 });
    const full = tileBytes(tree, { level: 0, index: 7, width: 256 });
    expect(hex(full.subarray(0, partial.length))).toBe(hex(partial));
  });

  it('a partial level 1 tile of a smaller tree is what the log served then (full tiles never change)', () => {
    const small = new MerkleTree();
    small.appendEntries(entries.slice(0, 1000));
    for (const tile of tilesForSize(1000)) {
      if (tile.level !== 'entries') expect(hex(tileBytes(small, tile))).toBe(hex(tileBytes(tree, tile)));
    }
  });
});

describe('entry bundles (c2sp.org/tlog-tiles, "Log entries")', () => {
  it('round trip, and the leaf hashes of a bundle are its level 0 tile', () => {
    const bundle = must(encodeEntryBundle(entries.slice(256, 512)));
    const decoded = must(decodeEntryBundle(bundle, 256));
    expect(decoded.map((entry) => Buffer.from(entry).toString())).toEqual(
      entries.slice(256, 512).map((e) => Buffer.from(e).toString()),
    );
    expect(hex(entryBundleLeafHashes(decoded))).toBe(hex(tileBytes(tree, { level: 0, index: 1, width: 256 })));
  });

  it('each entry is a big-endian uint16 length and its bytes', () => {
    const bundle = must(encodeEntryBundle([utf8('ab'), new Uint8Array(0), new Uint8Array(300)]));
    expect(hex(bundle.subarray(0, 4))).toBe('00026162');
    expect(hex(bundle.subarray(4, 6))).toBe('0000');
    expect(hex(bundle.subarray(6, 8))).toBe('012c');
    expect(bundle.length).toBe(2 + 2 + 2 + 2 + 300);
  });

  it('round trip over random entries', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { minLength: 1, maxLength: 40 }), (list) => {
        const decoded = must(decodeEntryBundle(must(encodeEntryBundle(list)), list.length));
        expect(decoded.map(hex)).toEqual(list.map(hex));
      }),
    );
  });

  it('refuses an entry over 65,535 bytes, naming it', () => {
    expect(encodeEntryBundle([new Uint8Array(65_535)]).ok).toBe(true);
    expect(encodeEntryBundle([new Uint8Array(1), new Uint8Array(65_536)], 512)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_ENTRY_TOO_LARGE', params: { index: 513, bytes: 65_536 } },
    });
  });

  it('refuses a bundle cut short or with the wrong number of entries', () => {
    const bundle = must(encodeEntryBundle([utf8('abc'), utf8('de')]));
    expect(decodeEntryBundle(bundle.subarray(0, bundle.length - 1), 2)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_TILE_MALFORMED' },
    });
    expect(decodeEntryBundle(bundle.subarray(0, 6), 2)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_TILE_MALFORMED' },
    });
    expect(decodeEntryBundle(bundle, 3)).toMatchObject({ ok: false, error: { code: 'TLOG_TILE_MALFORMED' } });
    expect(decodeEntryBundle(Buffer.concat([bundle, Buffer.from([0])]), 2)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_TILE_MALFORMED' },
    });
  });
});

describe('a client’s proofs from tiles', () => {
  const sizes = fc.oneof(fc.integer({ min: 1, max: 1200 }), fc.integer({ min: 1, max: SIZE }));

  it('the root from the tiles tilesForRoot names is the tree’s root', () => {
    fc.assert(
      fc.property(sizes, (size) => {
        const needed = tilesForRoot(size);
        expect(hex(must(rootFromTiles(size, fetched(needed))))).toBe(hex(tree.root(size)));
      }),
      { numRuns: 100 },
    );
  });

  it('inclusion proofs from only the tiles named are the log’s proofs, with the leaf hash', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), (size, seed) => {
        const index = seed % size;
        const needed = must(tilesForInclusionProof(index, size));
        const { leafHash: leaf, proof } = must(inclusionProofFromTiles(index, size, fetched(needed)));
        expect(hex(leaf)).toBe(hex(leafHash(entries[index] as Uint8Array)));
        expect(proof.map(hex)).toEqual(must(tree.inclusionProof(index, size)).map(hex));
        expect(verifyInclusion(index, size, leaf, proof, tree.root(size))).toBe(true);
        // A handful of tiles at most: one per tile level and its neighbours on the right edge.
        expect(needed.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 150 },
    );
  });

  it('consistency proofs from only the tiles named are the log’s proofs', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), (n, seed) => {
        const m = 1 + (seed % n);
        const needed = must(tilesForConsistencyProof(m, n));
        const proof = must(consistencyProofFromTiles(m, n, fetched(needed)));
        expect(proof.map(hex)).toEqual(must(tree.consistencyProof(m, n)).map(hex));
        expect(verifyConsistency(m, n, tree.root(m), tree.root(n), proof)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('two checkpoints beyond a bundle: the larger tree’s tiles prove it extends the smaller, or prove a split view', () => {
    // A second log that agrees with the first on its first `fork` leaves only: what a log showing two views signs.
    const fork = 300;
    const other = new MerkleTree();
    other.appendEntries([
      ...entries.slice(0, fork),
      ...entries.slice(fork, 5000).map((entry) => utf8(`x${hex(entry)}`)),
    ]);
    const otherTiles = (size: number): Map<string, Uint8Array> => {
      const out = new Map<string, Uint8Array>();
      for (const tile of tilesForSize(size))
        if (tile.level !== 'entries') out.set(tilePath(tile), tileBytes(other, tile));
      return out;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 999 }), (m, extra) => {
        const n = m + extra;
        const larger = { size: n, root: tree.root(n) };
        // The same log: proved to extend.
        expect(extendsFromTiles({ size: m, root: tree.root(m) }, larger, servedTiles(n))).toBe(true);
        // The other view at m (it differs once m passes the fork): a split view, proved from the larger tree's tiles.
        expect(extendsFromTiles({ size: m, root: other.root(m) }, larger, servedTiles(n))).toBe(m <= fork);
        // Tiles that are not the larger tree's, or none: nothing proved either way.
        if (m > fork) expect(extendsFromTiles({ size: m, root: tree.root(m) }, larger, otherTiles(n))).toBeNull();
        expect(extendsFromTiles({ size: m, root: other.root(m) }, larger, new Map())).toBeNull();
      }),
      { numRuns: 60 },
    );
    // Sizes that are powers of two, where the proof leaves out the smaller tree's node.
    for (const m of [1, 2, 256, 512, 1024, 2048])
      expect(
        extendsFromTiles({ size: m, root: other.root(m) }, { size: 4097, root: tree.root(4097) }, servedTiles(4097)),
      ).toBe(m <= fork);
  });

  it('a missing tile is named; a tile of the wrong length counts as missing', () => {
    const needed = must(tilesForInclusionProof(5000, SIZE));
    const tiles = fetched(needed);
    const [first] = needed;
    const path = tilePath(first as TileRef);
    tiles.delete(path);
    expect(inclusionProofFromTiles(5000, SIZE, tiles)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_TILE_MISSING', params: { path } },
    });
    tiles.set(path, new Uint8Array(32));
    expect(inclusionProofFromTiles(5000, SIZE, tiles)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_TILE_MISSING' },
    });
  });

  it('a server that alters any byte of any tile a client reads cannot make the proof verify', () => {
    // The tiles are not trusted: the signed root is.
    fc.assert(
      fc.property(fc.integer({ min: 2, max: SIZE }), fc.nat(), fc.nat(), fc.nat(), (size, seed, pick, bit) => {
        const index = seed % size;
        const served = servedTiles(size);
        const needed = must(tilesForInclusionProof(index, size));
        const victim = tilePath(needed[pick % needed.length] as TileRef);
        const bytes = (served.get(victim) as Uint8Array).slice();
        // Only bytes the computation reads matter; flip one in the part of the tile that was read.
        const altered = new Map(served);
        bytes[bit % bytes.length] = (bytes[bit % bytes.length] ?? 0) ^ (1 << (bit % 8));
        altered.set(victim, bytes);
        const result = inclusionProofFromTiles(index, size, altered);
        if (!result.ok) return;
        const root = tree.root(size);
        const honest = must(tree.inclusionProof(index, size));
        const same =
          result.value.proof.every((hash, i) => hex(hash) === hex(honest[i] as Hash)) &&
          hex(result.value.leafHash) === hex(leafHash(entries[index] as Uint8Array));
        // Either the byte was not one the proof used (same proof), or the proof fails.
        expect(verifyInclusion(index, size, result.value.leafHash, result.value.proof, root)).toBe(same);
      }),
      { numRuns: 150 },
    );
  });
});
