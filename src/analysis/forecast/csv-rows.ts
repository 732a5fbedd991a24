import type { InputError } from '../../model/input-error.ts';
import { err, ok, type Result } from '../../model/result.ts';
import { assertDefined } from '../../law/assert.ts';

/**
 * RFC 4180 rows: commas, double-quoted cells with "" for a quote, CRLF or LF; blank lines are
 * skipped. An unterminated quote is an error rather than a silently merged row.
 */
export function parseCsvRows(text: string): Result<string[][], InputError> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const char = assertDefined(source[i]);
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      row.push(cell);
      if (row.some((value) => value.trim() !== '')) rows.push(row.map((value) => value.trim()));
      row = [];
      cell = '';
    } else cell += char;
  }
  if (quoted) return err({ code: 'INPUT_INVALID_VALUE', field: 'csv', params: { expected: 'a closing double quote' } });
  row.push(cell);
  if (row.some((value) => value.trim() !== '')) rows.push(row.map((value) => value.trim()));
  return ok(rows);
}
