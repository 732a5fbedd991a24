import { closeSync, openSync, readSync } from 'node:fs';
import { MerkleTree, leafHash } from '../tlog/index.ts';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

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

/** In memory, for callers that have the lines already (tests, a checkpoint kept beside a bundle). */
export function journalLinesOf(lines: readonly string[]): JournalLines {
  const encoded = lines.map((line) => new TextEncoder().encode(line));
  const tree = new MerkleTree();
  for (const bytes of encoded) tree.append(leafHash(bytes));
  return { count: lines.length, tree, bytesOf: (first, width) => encoded.slice(first, first + width) };
}

/**
 * Reads `path` a chunk at a time, giving each non-empty line to `onLine` (decoded as UTF-8) as it is met; the lines'
 * leaf hashes and offsets are kept, their text is not.
 */
export function readJournalLines(path: string, onLine: (line: string, index: number) => boolean): JournalLines {
  const tree = new MerkleTree();
  let starts = new Float64Array(1024);
  let count = 0;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let stopped = false;
    const line = (bytes: Buffer, offset: number): void => {
      if (bytes.length === 0 || stopped) return;
      if (count === starts.length) {
        const grown = new Float64Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count] = offset;
      tree.append(leafHash(bytes));
      stopped = !onLine(bytes.toString('utf8'), count);
      count += 1;
    };
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      const chunk = carry.length === 0 ? buffer.subarray(0, read) : Buffer.concat([carry, buffer.subarray(0, read)]);
      const chunkOffset = carry.length === 0 ? position : carryOffset;
      position += read;
      let start = 0;
      let end = chunk.indexOf(NEWLINE, start);
      while (end >= 0) {
        line(chunk.subarray(start, end), chunkOffset + start);
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      // The rest of the chunk is the start of the next line: copied, as the buffer is read into again.
      carry = Buffer.from(chunk.subarray(start));
      carryOffset = chunkOffset + start;
      if (stopped) break;
    }
    line(carry, carryOffset);
  } finally {
    closeSync(fd);
  }
  const offsets = starts.subarray(0, count);
  return {
    count,
    tree,
    bytesOf: (first, width) => {
      const from = Math.max(0, first);
      const to = Math.min(count, first + width);
      if (to <= from) return [];
      const lines: Uint8Array[] = [];
      const handle = openSync(path, 'r');
      try {
        for (let index = from; index < to; index++) {
          const begin = offsets[index] ?? 0;
          const next = index + 1 < count ? (offsets[index + 1] ?? 0) : Number.POSITIVE_INFINITY;
          // The line, up to its newline; a blank line between two (never written) would end it the same way.
          const bytes = Buffer.allocUnsafe(Math.min(next - begin, 1 << 24));
          const read = readSync(handle, bytes, 0, bytes.length, begin);
          const end = bytes.subarray(0, read).indexOf(NEWLINE);
          lines.push(new Uint8Array(bytes.subarray(0, end >= 0 ? end : read)));
        }
      } finally {
        closeSync(handle);
      }
      return lines;
    },
  };
}
