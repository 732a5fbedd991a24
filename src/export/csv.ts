/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF; a field holding a comma, a double
 * quote, CR or LF is enclosed in double quotes, with each double quote doubled. Nothing else is
 * quoted, so the same rows always give the same bytes.
 */
export type CsvValue = string | number | bigint | boolean | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole file: the header record, then one record per row (each as long as the header). */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const records = [csvRecord(header)];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row of ${row.length} fields under a header of ${header.length}`);
    records.push(csvRecord(row));
  }
  return records.join('');
}
