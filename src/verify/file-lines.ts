import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/** A file's bytes a chunk at a time: a large bundle file is never held whole. Each chunk is valid until the next. */
export function* chunksOf(path: string): Generator<Buffer> {
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
 * The non-empty lines of a file (LF endings) as bytes, with the offset of each line's first byte, one at a time. A
 * line's parts are joined once its end is found, so that a line of any length costs its length, not its square.
 */
export function* byteLines(path: string): Generator<{ readonly bytes: Buffer; readonly offset: number }> {
  let parts: Buffer[] = [];
  let lineOffset = 0;
  let position = 0;
  for (const chunk of chunksOf(path)) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      const bytes =
        parts.length === 0 ? chunk.subarray(start, end) : Buffer.concat([...parts, chunk.subarray(start, end)]);
      if (bytes.length > 0) yield { bytes, offset: lineOffset };
      parts = [];
      start = end + 1;
      lineOffset = position + start;
    }
    // The rest of the chunk begins the next line: copied, as the buffer is read into again.
    if (start < chunk.length) parts.push(Buffer.from(chunk.subarray(start)));
    position += chunk.length;
  }
  const last = Buffer.concat(parts);
  if (last.length > 0) yield { bytes: last, offset: lineOffset };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A line's bytes as text, or null when they are not UTF-8 (which a canonical journal or protocol never is not). */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The non-empty lines of a UTF-8 file, as text; null for a line that is not UTF-8. */
export function* fileLines(path: string): Generator<string | null> {
  for (const { bytes } of byteLines(path)) yield utf8Text(bytes);
}
