import {
  checkProtocol,
  formatMessage,
  optionRowsLabel,
  protocolRows,
  type ProtocolRow,
  relationSums,
} from '@saylau/web-shared';
import { language } from './i18n.ts';
import type { Protocol } from './types.ts';

/** A control relation's finding as the console shows it: in words, with the rows and sums it ties. */
export interface ShownFinding {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** The message in the reader's language, the option rows by their numbers (10–16), not "10…". */
  readonly message: string;
  /** The fields (`lines.invalid`, `votes.amanat`) the relation ties: the inputs to mark. */
  readonly fields: readonly string[];
  /** Both sides of a failed comparison as row numbers ("7 + 8"), their sums and the difference. */
  readonly sums?: {
    readonly left: string;
    readonly leftSum: string;
    readonly right: string;
    readonly rightSum: string;
    readonly difference: string;
  };
}

/**
 * The same control relations the server applies (src/tally/protocol-checks.ts), for the rows of
 * one contest's form in ballot order, with their messages in the reader's language.
 */
export function shownFindings(
  protocol: Pick<Protocol, 'lines' | 'votes'>,
  rows: readonly ProtocolRow[],
): ShownFinding[] {
  const options = rows.flatMap((row) => (row.kind === 'option' ? [row.optionId] : []));
  const byNumber = new Map(rows.map((row) => [row.number, row.field]));
  const optionFields = options.map((option) => `votes.${option}`);
  const numberOf = new Map(rows.map((row) => [row.field, row.number]));
  return checkProtocol({ lines: protocol.lines, votes: protocol.votes, options }).map((finding) => {
    const sums = relationSums(finding.code, protocol, options);
    const fields =
      sums === null
        ? finding.lines.flatMap((line) => (line === '10…' ? optionFields : [byNumber.get(line) ?? []].flat()))
        : [...sums.left.fields, ...sums.right.fields];
    const message = formatMessage(finding.code, language(), {
      lines: finding.lines.join(', '),
      option: finding.optionId ?? '',
      // The catalogue's messages name the option rows "10…", as docs/protocol-checks.md does; the
      // form in front of the reader numbers them, so the message does too.
    }).replaceAll('10…', optionRowsLabel(options.length));
    return {
      code: finding.code,
      severity: finding.severity,
      message,
      fields,
      ...(sums === null
        ? {}
        : {
            sums: {
              left: rowsLabel(sums.left.fields, numberOf),
              leftSum: sums.left.sum,
              right: rowsLabel(sums.right.fields, numberOf),
              rightSum: sums.right.sum,
              difference: sums.difference,
            },
          }),
    };
  });
}

/** The findings of an accepted protocol, for the station page (its options in ballot order). */
export function findingsOf(
  protocol: Pick<Protocol, 'lines' | 'votes'>,
  options: string[],
): { code: string; severity: string; message: string }[] {
  return shownFindings(protocol, protocolRows(options));
}

/** Row numbers joined by " + ", a run of option rows written as one range ("9 + 10–16 + A"). */
export function rowsLabel(fields: readonly string[], numberOf: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) parts.push(run.length === 1 ? run[0]! : `${run[0]}–${run[run.length - 1]}`);
    run = [];
  };
  for (const field of fields) {
    const number = numberOf.get(field) ?? field;
    if (field.startsWith('votes.')) run.push(number);
    else {
      flush();
      parts.push(number);
    }
  }
  flush();
  return parts.join(' + ');
}
