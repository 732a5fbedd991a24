import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

/** A file's chunks as bytes, read in turn: a large bundle file is never held whole. */
function* chunksOf(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** Hex SHA-256 of a file's bytes, read a chunk at a time. */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  for (const chunk of chunksOf(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * The non-empty lines of a UTF-8 file (LF endings), one at a time: ten times Kazakhstan's journal is half a gigabyte
 * of text, twice that as a JavaScript string, and verify holds none of it (docs/scale.md).
 */
export function* fileLines(path: string): Generator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for (const chunk of chunksOf(path)) {
    pending += decoder.write(chunk);
    let start = 0;
    let end = pending.indexOf('\n', start);
    while (end >= 0) {
      if (end > start) yield pending.slice(start, end);
      start = end + 1;
      end = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}
