import { crc32, inflateRawSync } from 'node:zlib';
import { err, ok, type Result } from '../../model/result.ts';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * The entries of a zip archive, read from its central directory (APPNOTE 4.3.16 and 4.3.12): the
 * local headers may say nothing of sizes when the writer streamed (bit 3, data descriptor), the
 * central directory always does. Zip64 and multi-disk archives are refused, not guessed at.
 */
export function zipEntries(archive: Buffer): Result<ZipEntry[], string> {
  // The end record is 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 0xffff); at--) {
    if (archive.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return err('no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  const directorySize = archive.readUInt32LE(end + 12);
  let at = archive.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || at === 0xffffffff)
    return err('zip64 archives are not supported');
  if (archive.readUInt16LE(end + 4) !== 0 || archive.readUInt16LE(end + 6) !== 0)
    return err('multi-disk archives are not supported');
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== CENTRAL_FILE_HEADER)
      return err(`central directory entry ${index} is damaged`);
    const flags = archive.readUInt16LE(at + 8);
    if ((flags & 1) !== 0) return err('encrypted entries are not supported');
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    entries.push({
      method: archive.readUInt16LE(at + 10),
      crc32: archive.readUInt32LE(at + 16),
      compressedSize: archive.readUInt32LE(at + 20),
      size: archive.readUInt32LE(at + 24),
      localHeaderOffset: archive.readUInt32LE(at + 42),
      // Bit 11 says UTF-8; otherwise the name is CP437, and only ASCII names are read as such.
      name: archive.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

/** One entry's bytes: stored or deflated, checked against its CRC-32. */
export function zipEntryData(archive: Buffer, entry: ZipEntry): Result<Buffer, string> {
  const at = entry.localHeaderOffset;
  if (at + 30 > archive.length || archive.readUInt32LE(at) !== LOCAL_FILE_HEADER)
    return err(`local header of ${entry.name} is damaged`);
  const start = at + 30 + archive.readUInt16LE(at + 26) + archive.readUInt16LE(at + 28);
  const raw = archive.subarray(start, start + entry.compressedSize);
  if (raw.length !== entry.compressedSize) return err(`${entry.name} is truncated`);
  let data: Buffer;
  switch (entry.method) {
    case 0:
      data = raw;
      break;
    case 8:
      try {
        data = inflateRawSync(raw);
      } catch (error) {
        return err(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      break;
    default:
      return err(`${entry.name}: compression method ${entry.method} is not supported (stored and deflate are)`);
  }
  if (data.length !== entry.size) return err(`${entry.name}: ${data.length} bytes inflated, ${entry.size} expected`);
  if (crc32(data) !== entry.crc32) return err(`${entry.name}: CRC-32 mismatch`);
  return ok(data);
}

/** Whether the bytes start like a zip archive (a local file header, or an empty archive's end record). */
export function looksLikeZip(bytes: Buffer): boolean {
  return (
    bytes.length >= 4 &&
    (bytes.readUInt32LE(0) === LOCAL_FILE_HEADER || bytes.readUInt32LE(0) === END_OF_CENTRAL_DIRECTORY)
  );
}
