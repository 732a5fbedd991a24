import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MerkleTree, leafHash } from '../tlog/index.ts';
import { byteLines, utf8Text } from './file-lines.ts';

/**
 * The journal's lines as the log saw them: how many, the tree of their leaf hashes (leaf i = the line of seq i + 1),
 * and any run of them again as bytes, read back from the file by their offsets. Verify reads journal.ndjson once, a
 * chunk at a time, and holds none of its text (docs/scale.md): ten times Kazakhstan's journal is half a gigabyte.
 */
export interface JournalLines {
  readonly count: number;
  readonly tree: MerkleTree;
  /** Lines `first` to `first + width - 1`, as their bytes without the line end. */
  bytesOf(first: number, width: number): Uint8Array[];
}

/** In memory, for lines read already (the transparency-log benchmark, tests). */
export function journalLinesOf(lines: readonly string[]): JournalLines {
  const encoded = lines.map((line) => new TextEncoder().encode(line));
  const tree = new MerkleTree();
  for (const bytes of encoded) tree.append(leafHash(bytes));
  return { count: lines.length, tree, bytesOf: (first, width) => encoded.slice(first, first + width) };
}

/**
 * Reads `path` a chunk at a time, giving each non-empty line to `onLine` as text (null when it is not UTF-8) until
 * `onLine` returns false; the lines' leaf hashes and offsets are kept, their text is not.
 */
export function readJournalLines(path: string, onLine: (line: string | null, index: number) => boolean): JournalLines {
  const tree = new MerkleTree();
  let starts = new Float64Array(1024);
  let count = 0;
  for (const { bytes, offset } of byteLines(path)) {
    if (count === starts.length) {
      const grown = new Float64Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count] = offset;
    tree.append(leafHash(bytes));
    count += 1;
    if (!onLine(utf8Text(bytes), count - 1)) break;
  }
  const offsets = starts.subarray(0, count);
  return {
    count,
    tree,
    bytesOf: (first, width) => {
      const from = Math.max(0, first);
      const to = Math.min(count, first + width);
      if (to <= from) return [];
      const handle = openSync(path, 'r');
      try {
        // The whole run in one read, from its first line's start to the next line's (or the file's end).
        const begin = offsets[from] ?? 0;
        const end = to < count ? (offsets[to] ?? 0) : fstatSync(handle).size;
        const span = Buffer.allocUnsafe(end - begin);
        const read = readSync(handle, span, 0, span.length, begin);
        return Array.from({ length: to - from }, (_, index) => {
          const lineStart = (offsets[from + index] ?? 0) - begin;
          const newline = span.subarray(0, read).indexOf(0x0a, lineStart);
          return new Uint8Array(span.subarray(lineStart, newline >= 0 ? newline : read));
        });
      } finally {
        closeSync(handle);
      }
    },
  };
}
