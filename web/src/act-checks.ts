import type { ProtocolRow } from '@saylau/web-shared';
import type { ActToSign, ActCheck } from './signing.ts';
import { t } from './i18n.ts';

/**
 * What the console checks before it signs (docs/server.md, "Signing in the client"): that the act the server planned
 * says what its person did — the kind of act, the station and contest, every figure as typed. A server that changed a
 * figure, or asks for a signature over something else, gets no signature, and the person is told why in words.
 */
type Figures = {
  readonly stationId: string;
  readonly contestId: string;
  readonly lines: Readonly<Record<string, number | undefined>>;
  readonly votes: Readonly<Record<string, number>>;
};

/** The rows of the paper form, to name a row by the number printed on it (`9`, `10`, `A`). */
type Rows = readonly ProtocolRow[];

const rowNumber = (rows: Rows, key: string): string =>
  rows.find((row) => (row.kind === 'line' ? row.line === key : row.optionId === key))?.number ?? key;

/** A figure as the act holds it, for a message: a number, or a dash for anything else. */
const shownFigure = (value: unknown): string => (typeof value === 'number' ? String(value) : '—');

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** The protocol inside a protocol act's payload, as a plain record. */
function protocolOf(act: ActToSign): Record<string, unknown> {
  return record(record(act.payload).protocol);
}

function typeRefusal(act: ActToSign, expected: string): string | null {
  return act.type === expected ? null : t('signWrongType', { expected, got: act.type });
}

/** Every figure of `typed` in the act's protocol, and no vote besides; lines intake fills in itself may be added. */
function figuresRefusal(act: ActToSign, typed: Figures, rows: Rows): string | null {
  const protocol = protocolOf(act);
  if (protocol.stationId !== typed.stationId || protocol.contestId !== typed.contestId)
    return t('signWrongTarget', { station: typed.stationId, contest: typed.contestId });
  const lines = record(protocol.lines);
  for (const [line, value] of Object.entries(typed.lines))
    if (value !== undefined && lines[line] !== value)
      return t('signWrongLine', { row: rowNumber(rows, line), got: shownFigure(lines[line]), typed: value });
  const votes = record(protocol.votes);
  for (const [option, value] of Object.entries(typed.votes))
    if (votes[option] !== value)
      return t('signWrongLine', { row: rowNumber(rows, option), got: shownFigure(votes[option]), typed: value });
  for (const option of Object.keys(votes))
    if (!(option in typed.votes)) return t('signWrongExtra', { row: rowNumber(rows, option) });
  return null;
}

/** An entry or a resolution: the protocol the person typed, figure for figure. */
export function protocolCheck(
  type: 'protocol-entered' | 'protocol-resolved',
  typed: Figures & { version: number },
  rows: Rows,
): ActCheck {
  return (act) =>
    typeRefusal(act, type) ??
    figuresRefusal(act, typed, rows) ??
    (protocolOf(act).version === typed.version
      ? null
      : t('signWrongLine', { row: t('version'), got: shownFigure(protocolOf(act).version), typed: typed.version }));
}

/** An acceptance: the protocol shown to the chair, with the warnings they acknowledged. */
export function acceptanceCheck(shown: Figures, acknowledged: readonly string[], rows: Rows): ActCheck {
  return (act) => {
    const refusal = typeRefusal(act, 'protocol-accepted') ?? figuresRefusal(act, shown, rows);
    if (refusal !== null) return refusal;
    const signed = record(act.payload).acknowledged;
    const same =
      Array.isArray(signed) &&
      signed.length === acknowledged.length &&
      signed.every((code) => acknowledged.includes(code as string));
    return same ? null : t('signWrongDecision');
  };
}

/** The registration of a waiting key: that person, that fingerprint, as compared. */
export function keyRegistrationCheck(username: string, fingerprint: string): ActCheck {
  return (act) => {
    const payload = record(act.payload);
    return (
      typeRefusal(act, 'key-registered') ??
      (payload.holder === username && payload.fingerprint === fingerprint ? null : t('signWrongKey'))
    );
  };
}

/** A commission's decision: its kind and the contest (or body) chosen. */
export function decisionCheck(expected: Readonly<Record<string, unknown>>): ActCheck {
  return (act) => {
    const payload = record(act.payload);
    return Object.entries(expected).every(([field, value]) => payload[field] === value) ? null : t('signWrongDecision');
  };
}

/** An act of one of the kinds the person's request makes: a registration step, whose content the console shows. */
export function actTypeCheck(types: readonly string[]): ActCheck {
  return (act) => (types.includes(act.type) ? null : t('signWrongType', { expected: types.join(', '), got: act.type }));
}
