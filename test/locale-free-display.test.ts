import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Numbers and dates reach people through src/i18n/format.ts only (docs/formatting.md): `Intl` and
 * `toLocaleString` write what the runtime's locale data says, and Debian's Chromium has none for
 * Kazakh, so a page would print `3,430,707` in kk. `toExponential` writes `3.5e-7`.
 */
const LOCALE_DEPENDENT =
  /\bIntl\.(?:NumberFormat|DateTimeFormat|PluralRules|RelativeTimeFormat)\b|\.toLocale(?:Date|Time)?String\(|\.toExponential\(/;
const ALLOWED = new Set(['src/i18n/format.ts']);

const root = resolve(new URL('..', import.meta.url).pathname);

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('display code owes nothing to the runtime locale data', () => {
  it('finds the pattern where it is', () => {
    expect(LOCALE_DEPENDENT.test('new Intl.NumberFormat(LOCALES[language()])')).toBe(true);
    expect(LOCALE_DEPENDENT.test('value.toLocaleString(locale)')).toBe(true);
    expect(LOCALE_DEPENDENT.test('test.pValue.toExponential(1)')).toBe(true);
    expect(LOCALE_DEPENDENT.test('formatCount(value, language)')).toBe(false);
  });

  it('no file under src or web/src but the formatting module uses Intl, toLocaleString or toExponential', () => {
    const files = [...sources(join(root, 'src')), ...sources(join(root, 'web/src'))];
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) => {
      const path = relative(root, file);
      if (ALLOWED.has(path)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (LOCALE_DEPENDENT.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : []));
    });
    expect(offending).toEqual([]);
  });
});
