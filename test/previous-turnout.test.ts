import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPreviousTurnout } from '../src/cli/previous-turnout-file.ts';
import { packagePath } from '../src/package-root.ts';

// `--previous-turnout FILE`: a previous election's hourly turnout, read in the format of data/turnout-2023-hourly.json
// (docs/site.md, "Turnout through the day"); a bad file is a coded refusal naming the option.
describe('a previous election’s turnout through the day', () => {
  it('reads the CEC’s bulletins of 2023: six hours in the day’s order, the evening’s final left out', () => {
    const read = readPreviousTurnout(packagePath('data', 'turnout-2023-hourly.json'));
    expect(read.ok && read.value.date).toBe('2023-03-19');
    expect(read.ok && read.value.national.map((hour) => hour.hour)).toEqual([
      '10:00',
      '12:00',
      '14:00',
      '16:00',
      '18:00',
      '20:00',
    ]);
    expect(read.ok && read.value.national[0]).toEqual({ hour: '10:00', percent: 14.21 });
  });

  it('refuses a missing file, text that is not JSON, and a file without its date, with codes', () => {
    const directory = mkdtempSync(join(tmpdir(), 'saylau-previous-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(directory, name), text);
      return join(directory, name);
    };
    const code = (path: string) => {
      const read = readPreviousTurnout(path);
      return read.ok ? 'ok' : read.error.code;
    };
    expect(code(join(directory, 'none.json'))).toBe('INPUT_FILE_UNREADABLE');
    expect(code(write('bad.json', '{'))).toBe('INPUT_NOT_JSON');
    expect(code(write('undated.json', '{"national":{"10:00":{"percent":14}}}'))).toBe('INPUT_MISSING_FIELD');
    expect(code(write('over.json', '{"date":"2021-01-10","national":{"10:00":{"percent":140}}}'))).not.toBe('ok');
  });
});
