import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `text` so that a crash at any moment (kill -9, power loss) leaves either the old file or
 * the new one, whole: the text goes to a temporary file beside it, which is flushed to disk, renamed over `path`
 * (atomic on POSIX), and then the folder is flushed so that the rename itself survives (docs/witness.md,
 * "What the witness keeps"). Returns only once all of it is on disk.
 */
export function writeFileDurably(path: string, text: string | Uint8Array, mode = 0o600): void {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w', mode);
  try {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  syncFolder(folder);
}

/** Flushes a folder's entries (a rename, a new file) to disk. */
export function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
