import type { JournalLines } from './journal-lines.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JournalEvent } from '../journal/events.ts';
import {
  consistencyProofFromTiles,
  ed25519NoteVerifier,
  encodeEntryBundle,
  type Hash,
  type HashSource,
  hashesEqual,
  nodeHash,
  openCheckpoint,
  parseVerifierKey,
  rangeHash,
  splitPoint,
  type TileRef,
  tileBytes,
  TileHashSource,
  tilePath,
  tilesForConsistencyProof,
  tilesForSize,
  verifyConsistency,
} from '../tlog/index.ts';

// The transparency log carried by a bundle (docs/transparency-log.md, "Serving the log"), checked against the
// bundle's own journal; and the bundle checked against a checkpoint an observer kept. Pure reading of files: no
// store, no server (an observer runs it on a bundle alone).

export interface LogCheck {
  readonly ok: boolean;
  readonly detail: string;
}

const pass = (detail: string): LogCheck => ({ ok: true, detail });
const failure = (detail: string): LogCheck => ({ ok: false, detail });

/** The key the CEC registered for the log: the first `log-key-registered`, signed by the root key; or a failure. */
function registeredKey(events: readonly JournalEvent[]): { origin: string; verifierKey: string } | null | LogCheck {
  const registrations = events.filter((event) => event.type === 'log-key-registered');
  if (registrations.length === 0) return null;
  const [first, second] = registrations;
  if (second !== undefined) return failure(`journal.ndjson line ${second.seq}: a second log key registered`);
  if (first?.type !== 'log-key-registered' || first.actor !== events[0]?.actor)
    return failure(`journal.ndjson line ${first?.seq ?? 0}: the log key is not registered by the CEC`);
  return first.payload;
}

function opened(note: string, key: { origin: string; verifierKey: string }, where: string) {
  const verifier = parseVerifierKey(key.verifierKey);
  if (!verifier.ok) return failure(`journal.ndjson: the registered log key is malformed (${verifier.error.code})`);
  const checkpoint = openCheckpoint(
    note,
    key.origin,
    ed25519NoteVerifier(verifier.value.name, verifier.value.publicKey),
  );
  if (!checkpoint.ok)
    return failure(`${where}: not a checkpoint signed by the log key the CEC registered (${checkpoint.error.code})`);
  return checkpoint.value.checkpoint;
}

/** The expected bytes of one tile of the journal's tree. */
function expectedTile(journal: JournalLines, tile: TileRef): Uint8Array | LogCheck {
  if (tile.level !== 'entries') return tileBytes(journal.tree, tile);
  const first = tile.index * 256;
  const bundle = encodeEntryBundle(journal.bytesOf(first, tile.width), first);
  return bundle.ok
    ? bundle.value
    : failure(`journal.ndjson: ${bundle.error.code} ${JSON.stringify(bundle.error.params)}`);
}

/**
 * The bundle's log/: its checkpoint signed by the key the CEC registered, of the journal's size, with the root of
 * the journal's tree, and every tile of that size (full and partial, hashes and entry bundles) the exact bytes the
 * journal gives. A bundle of a journal that registers no log key carries no log (made before the log existed).
 */
export function checkBundleLog(directory: string, events: readonly JournalEvent[], journal: JournalLines): LogCheck {
  const { tree } = journal;
  const key = registeredKey(events);
  if (key !== null && 'ok' in key) return key;
  const logDirectory = join(directory, 'log');
  if (key === null)
    return existsSync(logDirectory)
      ? failure('log/: a log in a bundle whose journal registers no log key')
      : pass('no log key registered in the journal: the bundle carries no log');
  const checkpointPath = join(logDirectory, 'checkpoint');
  if (!existsSync(checkpointPath)) return failure('log/checkpoint is missing, though the journal registers a log key');
  const checkpoint = opened(readFileSync(checkpointPath, 'utf8'), key, 'log/checkpoint');
  if ('ok' in checkpoint) return checkpoint;
  if (checkpoint.size !== journal.count)
    return failure(`log/checkpoint is of a tree of ${checkpoint.size} entries; journal.ndjson holds ${journal.count}`);
  if (!hashesEqual(tree.root(checkpoint.size), checkpoint.root))
    return failure(`log/checkpoint: its root is not the root of journal.ndjson's tree of ${checkpoint.size}`);
  const tiles = tilesForSize(checkpoint.size);
  for (const tile of tiles) {
    const path = join(logDirectory, tilePath(tile));
    if (!existsSync(path)) return failure(`log/${tilePath(tile)} is missing`);
    const expected = expectedTile(journal, tile);
    if ('ok' in expected) return expected;
    const found = new Uint8Array(readFileSync(path));
    if (Buffer.compare(Buffer.from(found), Buffer.from(expected)) !== 0) {
      const at = firstDifferentHash(found, expected);
      return failure(
        tile.level === 0
          ? `log/${tilePath(tile)}: differs from journal.ndjson at line ${tile.index * 256 + at + 1}`
          : `log/${tilePath(tile)}: differs from journal.ndjson's tree`,
      );
    }
  }
  return pass(
    `log/checkpoint signed by ${key.verifierKey.split('+')[0] ?? ''}, size ${checkpoint.size}, ${tiles.length} tiles`,
  );
}

function firstDifferentHash(found: Uint8Array, expected: Uint8Array): number {
  for (let at = 0; at * 32 < Math.max(found.length, expected.length); at += 1)
    if (
      Buffer.compare(
        Buffer.from(found.subarray(at * 32, at * 32 + 32)),
        Buffer.from(expected.subarray(at * 32, at * 32 + 32)),
      ) !== 0
    )
      return at;
  return 0;
}

/** Tiles of a log copy on disk (a kept bundle's log/, a static site), read as they are asked for. */
export class TileFiles implements ReadonlyMap<string, Uint8Array> {
  constructor(private readonly directory: string) {}
  get(path: string): Uint8Array | undefined {
    const file = join(this.directory, path);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  }
  has(path: string): boolean {
    return existsSync(join(this.directory, path));
  }
  get size(): number {
    return 0;
  }
  forEach(): void {}
  entries(): MapIterator<[string, Uint8Array]> {
    return new Map<string, Uint8Array>().entries();
  }
  keys(): MapIterator<string> {
    return new Map<string, Uint8Array>().keys();
  }
  values(): MapIterator<Uint8Array> {
    return new Map<string, Uint8Array>().values();
  }
  [Symbol.iterator](): MapIterator<[string, Uint8Array]> {
    return this.entries();
  }
}

/**
 * The first leaf where the journal's tree and the checkpoint's differ, by binary search over subtree hashes
 * (RFC 6962's split): each step compares the left halves, and checks that the checkpoint side's two halves hash to
 * the parent already trusted — from the signed root down — so a tile that was tampered with is caught, not
 * believed. Returns null when the tiles do not authenticate.
 */
function firstDifferingLeaf(ours: HashSource, theirs: HashSource, size: number, root: Hash): number | null {
  let lo = 0;
  let hi = size;
  let trusted = root;
  try {
    if (!hashesEqual(rangeHash(theirs, 0, size), root)) return null;
    while (hi - lo > 1) {
      const middle = lo + splitPoint(hi - lo);
      const left = rangeHash(theirs, lo, middle);
      const right = rangeHash(theirs, middle, hi);
      if (!hashesEqual(nodeHash(left, right), trusted)) return null;
      if (!hashesEqual(rangeHash(ours, lo, middle), left)) {
        hi = middle;
        trusted = left;
      } else {
        lo = middle;
        trusted = right;
      }
    }
    return lo;
  } catch {
    // A tile the search needs is missing from the kept copy.
    return null;
  }
}

/**
 * `saylau verify DIR --checkpoint FILE [--tiles DIR]`: a checkpoint an observer kept, signed by the log key the
 * bundle's journal registers, must be consistent with the bundle's journal: the first entries of the journal give
 * its root. When they do not, the first entry that differs is named, found by binary search against the tiles the
 * log served with that checkpoint — a kept bundle's log/ or a static copy, by default the checkpoint file's own
 * directory — since a root alone cannot say where two trees part.
 */
export function checkAgainstCheckpoint(
  events: readonly JournalEvent[],
  journal: JournalLines,
  checkpointFile: string,
  tilesDirectory: string = dirname(checkpointFile),
): LogCheck {
  const { tree } = journal;
  const key = registeredKey(events);
  if (key === null) return failure('journal.ndjson registers no log key: no checkpoint can be checked');
  if ('ok' in key) return key;
  if (!existsSync(checkpointFile)) return failure(`${checkpointFile} is missing`);
  const checkpoint = opened(readFileSync(checkpointFile, 'utf8'), key, checkpointFile);
  if ('ok' in checkpoint) return checkpoint;
  const tiles = new TileFiles(tilesDirectory);
  const size = checkpoint.size;
  if (size <= journal.count) {
    if (hashesEqual(tree.root(size), checkpoint.root))
      return pass(`the journal's first ${size} entries give the root of the checkpoint (size ${size})`);
    const leaf = firstDifferingLeaf(tree, new TileHashSource(size, tiles), size, checkpoint.root);
    return failure(
      leaf === null
        ? `journal.ndjson differs from the checkpoint of size ${size}; to name the first entry that differs, give the tiles the log served with it (--tiles DIR)`
        : `journal.ndjson line ${leaf + 1} (seq ${leaf + 1}) is the first entry that differs from the checkpoint of size ${size}`,
    );
  }
  // The checkpoint is of a longer log: the bundle must be an earlier state of it.
  const proof = tilesForConsistencyProof(journal.count, size);
  const consistency = proof.ok ? consistencyProofFromTiles(journal.count, size, tiles) : proof;
  if (consistency.ok && verifyConsistency(journal.count, size, tree.root(), checkpoint.root, consistency.value))
    return pass(`the bundle (${journal.count} entries) is an earlier state of the checkpoint's log (size ${size})`);
  return failure(
    consistency.ok
      ? `journal.ndjson (${journal.count} entries) is not a prefix of the checkpoint's log of size ${size}`
      : `the checkpoint is of a log of ${size} entries, the bundle holds ${journal.count}: give the tiles the log served with it (--tiles DIR) to check the bundle is a prefix of it`,
  );
}
