import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLines, fileSha256 } from './file-lines.ts';
import { journalLinesOf, readJournalLines } from './journal-lines.ts';

// Lines of every length up to a few kilobytes, Kazakh letters among them (two bytes each), over three megabytes: many
// cross the one-megabyte chunks the readers take.
const directory = mkdtempSync(join(tmpdir(), 'saylau-journal-lines-'));
const lines = Array.from({ length: 4000 }, (_, index) => `{"seq":${index + 1},"text":"${'Әз'.repeat(index % 700)}"}`);
const path = join(directory, 'journal.ndjson');
const text = `${lines.join('\n')}\n`;
writeFileSync(path, text);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('reading a journal a chunk at a time', () => {
  it('gives every line, its leaf in the tree, and its bytes again by offset', () => {
    const seen: string[] = [];
    const journal = readJournalLines(path, (line) => (seen.push(line ?? 'not UTF-8'), true));
    const inMemory = journalLinesOf(lines);
    expect(seen).toEqual(lines);
    expect(journal.count).toBe(lines.length);
    expect(Buffer.from(journal.tree.root()).equals(Buffer.from(inMemory.tree.root()))).toBe(true);
    for (const [first, width] of [
      [0, 256],
      [3840, 256],
      [3999, 5],
      [1234, 1],
    ] as const)
      expect(journal.bytesOf(first, width).map((bytes) => Buffer.from(bytes).toString('utf8'))).toEqual(
        lines.slice(first, first + width),
      );
  });

  it('stops where the reader says, and skips blank lines as the bundle does', () => {
    const journal = readJournalLines(path, (_line, index) => index < 9);
    expect(journal.count).toBe(10);
    writeFileSync(join(directory, 'blank.ndjson'), `a\n\nb\n`);
    expect([...fileLines(join(directory, 'blank.ndjson'))]).toEqual(['a', 'b']);
    expect(readJournalLines(join(directory, 'blank.ndjson'), () => true).count).toBe(2);
  });

  it('takes a line longer than a chunk, a last line without its newline, an empty file, and names bytes not UTF-8', () => {
    const long = 'ә'.repeat(1_500_000);
    writeFileSync(join(directory, 'long.ndjson'), `a\n${long}\nb`);
    const seen: (string | null)[] = [];
    const journal = readJournalLines(join(directory, 'long.ndjson'), (line) => (seen.push(line), true));
    expect(seen).toEqual(['a', long, 'b']);
    expect(journal.bytesOf(1, 2).map((bytes) => Buffer.from(bytes).toString('utf8'))).toEqual([long, 'b']);
    writeFileSync(join(directory, 'empty.ndjson'), '');
    expect(readJournalLines(join(directory, 'empty.ndjson'), () => true).count).toBe(0);
    writeFileSync(join(directory, 'latin1.ndjson'), Buffer.from([0x61, 0x0a, 0xe9, 0x0a]));
    expect([...fileLines(join(directory, 'latin1.ndjson'))]).toEqual(['a', null]);
  });

  it('hashes a file as its bytes', () => {
    expect(fileSha256(path)).toBe(createHash('sha256').update(text).digest('hex'));
    expect([...fileLines(path)]).toEqual(lines);
  });
});
