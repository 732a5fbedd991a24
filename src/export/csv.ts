/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF; a field holding a comma, a double
 * quote, CR or LF is enclosed in double quotes, with each double quote doubled. Nothing else is
 * quoted, so the same rows always give the same bytes.
 *
 * Hand-written rather than csv-stringify: a dozen lines whose every byte the exports' hashes and
 * tests depend on, on the hot path of the stations file (hundreds of thousands of rows).
 *
 * A text that a spreadsheet would take for a formula (OWASP "CSV Injection": a first character
 * of `=`, `+`, `-`, `@`, tab or carriage return, or their full-width forms) is written with a
 * leading apostrophe and in double quotes, so that Excel, LibreOffice and Google Sheets show it as
 * text (docs/exports.md). Numbers are never touched: they reach this module as numbers, and a text
 * that is a plain decimal number ("-5", "+3.25") stays as it is.
 */
export type CsvValue = string | number | bigint | boolean | null;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** Whether a spreadsheet could read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) return `"'${text.replaceAll('"', '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole file: the header record, then one record per row (each as long as the header). */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const records = [csvRecord(header)];
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(`CSV row of ${row.length} fields under a header of ${header.length}`);
    records.push(csvRecord(row));
  }
  return records.join('');
}
