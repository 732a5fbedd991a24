/**
 * The lines of the precinct protocol (docs/dataset.md, "protocols.ndjson"). Lines keep readable names;
 * `PROTOCOL_LINE_NUMBERS` gives the number printed on the form, which every check and message
 * refers to. Kept apart from the zod schemas so that the public site can use it without zod.
 */
export const PROTOCOL_LINE_NUMBERS = {
  votersOnList: '1',
  ballotsReceived: '2',
  issuedInPremises: '3',
  issuedOutside: '4',
  absentee: '5',
  cancelled: '6',
  foundStationary: '7',
  foundMobile: '8',
  invalid: '9',
  againstAll: 'A',
  lost: 'L',
  unaccounted: 'U',
} as const;

export type ProtocolLine = keyof typeof PROTOCOL_LINE_NUMBERS;
/** In the order of the paper form. */
export const PROTOCOL_LINES = Object.keys(PROTOCOL_LINE_NUMBERS) as ProtocolLine[];
