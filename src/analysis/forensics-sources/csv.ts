/**
 * RFC 4180 CSV: fields separated by `delimiter`, quoted with ", a doubled quote inside quotes
 * standing for one; quoted fields may hold delimiters and line breaks; CRLF or LF ends a record.
 * Calls `onRow` with each record (the header first) and its 1-based record number.
 */
export function parseCsv(text: string, delimiter: string, onRow: (cells: string[], row: number) => void): void {
  const separator = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const LF = 10;
  const CR = 13;
  let cells: string[] = [];
  let row = 0;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  const endRecord = (): void => {
    row += 1;
    onRow(cells, row);
    cells = [];
  };
  while (at < length) {
    if (text.charCodeAt(at) === QUOTE) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          value += text.slice(from);
          at = length;
          break;
        }
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += '"';
          from = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
      cells.push(value);
    } else {
      let end = at;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === separator || code === LF || code === CR) break;
        end += 1;
      }
      cells.push(text.slice(at, end));
      at = end;
    }
    const code = text.charCodeAt(at);
    if (code === separator) {
      at += 1;
      // A delimiter at the very end of the text leaves one more, empty, field.
      if (at === length) cells.push('');
    } else if (code === CR || code === LF) {
      at += code === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      endRecord();
    }
  }
  if (cells.length > 0) endRecord();
}
