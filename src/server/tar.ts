import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** The 512-byte ustar header of one file. */
function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const seconds = Math.floor(mtime.getTime() / 1000);
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  const octal = (value: number, digits: number) => `${value.toString(8).padStart(digits, '0')}\0`;
  header.write(name, 0, 100, 'utf8');
  field(100, 8, octal(0o644, 7));
  field(108, 8, octal(0, 7));
  field(116, 8, octal(0, 7));
  field(124, 12, octal(size, 11));
  field(136, 12, octal(seconds, 11));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  // The checksum is the sum of the header's bytes with its own field read as spaces.
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

const padding = (size: number): Buffer => Buffer.alloc((512 - (size % 512)) % 512);

/**
 * A POSIX ustar archive of a few files, in memory: how the verifiable bundle (a directory) is
 * downloaded in one piece. `tar -xf` on any system unpacks it.
 */
export function tarArchive(files: readonly { readonly name: string; readonly content: Buffer }[], mtime: Date): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files)
    blocks.push(tarHeader(file.name, file.content.length, mtime), file.content, padding(file.content.length));
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The same archive of files on disk, written to `path` piece by piece (a national bundle is tens of MB). */
export async function writeTarFile(
  path: string,
  files: readonly { readonly name: string; readonly path: string }[],
  mtime: Date,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const out = await open(path, 'w');
  const write = async (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    await out.write(chunk);
  };
  try {
    for (const file of files) {
      const input = await open(file.path, 'r');
      try {
        const { size } = await input.stat();
        await write(tarHeader(file.name, size, mtime));
        const chunk = Buffer.alloc(1 << 20);
        let copied = 0;
        while (copied < size) {
          const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - copied), copied);
          if (bytesRead === 0) throw new Error(`tar: ${file.path} shrank while archived`);
          await write(chunk.subarray(0, bytesRead));
          copied += bytesRead;
        }
        await write(padding(size));
      } finally {
        await input.close();
      }
    }
    await write(Buffer.alloc(1024));
  } finally {
    await out.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}
