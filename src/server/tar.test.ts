import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarArchive } from './tar.ts';

describe('tar archives of a bundle', () => {
  it('unpack with the system tar to the same bytes and names', () => {
    const files = [
      { name: 'saylau-bundle/election.json', content: Buffer.from('{"a":1}\n') },
      { name: 'saylau-bundle/journal.ndjson', content: Buffer.alloc(1500, 'x') },
      { name: 'saylau-bundle/empty.txt', content: Buffer.alloc(0) },
    ];
    const directory = mkdtempSync(join(tmpdir(), 'saylau-tar-'));
    writeFileSync(join(directory, 'bundle.tar'), tarArchive(files, new Date('2023-03-19T20:00:00Z')));
    expect(execFileSync('tar', ['-tf', 'bundle.tar'], { cwd: directory, encoding: 'utf8' }).trim().split('\n')).toEqual(
      files.map((file) => file.name),
    );
    execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: directory });
    for (const file of files) expect(readFileSync(join(directory, file.name)).equals(file.content)).toBe(true);
    expect(() => tarArchive([{ name: 'x'.repeat(101), content: Buffer.alloc(1) }], new Date(0))).toThrow(/too long/);
  });
});
