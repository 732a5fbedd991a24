/**
 * A POSIX ustar archive of a few files, in memory: how the verifiable bundle (a directory) is
 * downloaded in one piece. `tar -xf` on any system unpacks it.
 */
export function tarArchive(files: readonly { readonly name: string; readonly content: Buffer }[], mtime: Date): Buffer {
  const blocks: Buffer[] = [];
  const seconds = Math.floor(mtime.getTime() / 1000);
  for (const file of files) {
    if (Buffer.byteLength(file.name) > 100) throw new Error(`tar: name too long: ${file.name}`);
    const header = Buffer.alloc(512);
    const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
    const octal = (value: number, digits: number) => `${value.toString(8).padStart(digits, '0')}\0`;
    header.write(file.name, 0, 100, 'utf8');
    field(100, 8, octal(0o644, 7));
    field(108, 8, octal(0, 7));
    field(116, 8, octal(0, 7));
    field(124, 12, octal(file.content.length, 11));
    field(136, 12, octal(seconds, 11));
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    // The checksum is the sum of the header's bytes with its own field read as spaces.
    let sum = 0;
    for (const byte of header) sum += byte;
    field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, file.content, Buffer.alloc((512 - (file.content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
