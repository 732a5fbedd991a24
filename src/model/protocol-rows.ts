import { PROTOCOL_LINE_NUMBERS, PROTOCOL_LINES, type ProtocolLine } from './protocol-lines.ts';

/**
 * The rows of the paper form in its order, each with the number printed beside it: lines 1 to 9,
 * then one row per option of the ballot numbered 10, 11, … in ballot order, then A, L and U
 * (docs/protocol-checks.md). `field` is the path a comparison of two entries names
 * (`lines.invalid`, `votes.amanat`), so that a difference finds its row.
 */
export type ProtocolRow =
  | { readonly kind: 'line'; readonly line: ProtocolLine; readonly number: string; readonly field: string }
  | { readonly kind: 'option'; readonly optionId: string; readonly number: string; readonly field: string };

/** The number of the first option row: the rows "10…" of the form. */
export const FIRST_OPTION_ROW = 10;

export function protocolRows(optionIds: readonly string[]): ProtocolRow[] {
  const line = (name: ProtocolLine): ProtocolRow => ({
    kind: 'line',
    line: name,
    number: PROTOCOL_LINE_NUMBERS[name],
    field: `lines.${name}`,
  });
  const beforeOptions = PROTOCOL_LINES.slice(0, PROTOCOL_LINES.indexOf('invalid') + 1);
  const afterOptions = PROTOCOL_LINES.slice(beforeOptions.length);
  return [
    ...beforeOptions.map(line),
    ...optionIds.map((optionId, index): ProtocolRow => ({
      kind: 'option',
      optionId,
      number: String(FIRST_OPTION_ROW + index),
      field: `votes.${optionId}`,
    })),
    ...afterOptions.map(line),
  ];
}

/** The option rows' numbers as the form prints them together: "10–13" (or "10" for one option). */
export function optionRowsLabel(optionCount: number): string {
  if (optionCount <= 1) return String(FIRST_OPTION_ROW);
  return `${FIRST_OPTION_ROW}–${FIRST_OPTION_ROW + optionCount - 1}`;
}
