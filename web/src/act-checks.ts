import { PROTOCOL_LINES, type ProtocolRow } from '@saylau/web-shared';
import type { ActToSign, ActCheck } from './signing.ts';
import { t } from './i18n.ts';

/**
 * What the console checks before it signs (docs/server.md, "Signing in the client"): that the acts the server planned
 * say what their person did — as many acts as the request makes, each of the kind asked for, and every field of each
 * payload: what the person typed or chose, exactly, and nothing else; the fields the server adds itself (a summary's
 * hash, a decision's calendar) only of the form the journal gives them. A server that changed a figure, added an act,
 * or asks for a signature over anything else gets no signature, and the person is told why in words. (The envelope of
 * each act — election, author, time, digest — is checked in signing.ts.)
 */
type Figures = {
  readonly stationId: string;
  readonly contestId: string;
  readonly lines: Readonly<Record<string, number | undefined>>;
  readonly votes: Readonly<Record<string, number>>;
};

/** The rows of the paper form, to name a row by the number printed on it (`9`, `10`, `A`). */
type Rows = readonly ProtocolRow[];

/** Why one act must not be signed, or null. */
type OneCheck = (act: ActToSign) => string | null | Promise<string | null>;

const rowNumber = (rows: Rows, key: string): string =>
  rows.find((row) => (row.kind === 'line' ? row.line === key : row.optionId === key))?.number ?? key;

/** A figure as the act holds it, for a message: a number, or a dash for anything else. */
const shownFigure = (value: unknown): string => (typeof value === 'number' ? String(value) : '—');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** The same JSON value: numbers, strings, booleans, null, arrays in order, objects with the same keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return a === b;
}

/** The payload has exactly these fields (the optional ones may be absent), none besides. */
function hasFields(payload: unknown, required: readonly string[], optional: readonly string[] = []): boolean {
  if (!isRecord(payload)) return false;
  const keys = Object.keys(payload);
  return (
    required.every((key) => key in payload) && keys.every((key) => required.includes(key) || optional.includes(key))
  );
}

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isText = (value: unknown): boolean => typeof value === 'string';
const isTextList = (value: unknown): boolean => Array.isArray(value) && value.every(isText);
const isSha256 = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/**
 * The acts of one request: `types[i]` is the kind of the i-th act, and only the last `optional` may be missing (a
 * withdrawal postpones its contest only when it was the last candidate); `checks[i]` checks the i-th act's payload.
 */
function actsOf(types: readonly string[], checks: readonly OneCheck[], optional = 0): ActCheck {
  return async (acts) => {
    if (acts.length > types.length || acts.length < types.length - optional)
      return t('signWrongCount', { got: acts.length, expected: types.length });
    for (const [index, act] of acts.entries()) {
      const expected = types[index] ?? '';
      if (act.type !== expected) return t('signWrongType', { expected, got: act.type });
      const refusal = await checks[index]?.(act);
      if (refusal !== null && refusal !== undefined) return refusal;
    }
    return null;
  };
}

/**
 * The protocol in an act: the station, contest and version shown, every line as typed (a line not on the form is
 * 0, as the server fills it in), every vote as typed, and no line or vote besides.
 */
function protocolRefusal(value: unknown, typed: Figures & { readonly version: number }, rows: Rows): string | null {
  if (!hasFields(value, ['stationId', 'contestId', 'version', 'lines', 'votes'])) return t('signWrongShape');
  const protocol = record(value);
  if (protocol.stationId !== typed.stationId || protocol.contestId !== typed.contestId)
    return t('signWrongTarget', { station: typed.stationId, contest: typed.contestId });
  if (protocol.version !== typed.version)
    return t('signWrongLine', { row: t('version'), got: shownFigure(protocol.version), typed: typed.version });
  const lines = record(protocol.lines);
  for (const line of Object.keys(lines))
    if (!(PROTOCOL_LINES as readonly string[]).includes(line)) return t('signWrongExtra', { row: line });
  for (const line of PROTOCOL_LINES) {
    const expected = typed.lines[line] ?? 0;
    if (lines[line] !== expected)
      return t('signWrongLine', { row: rowNumber(rows, line), got: shownFigure(lines[line]), typed: expected });
  }
  const votes = record(protocol.votes);
  for (const [option, value] of Object.entries(typed.votes))
    if (votes[option] !== value)
      return t('signWrongLine', { row: rowNumber(rows, option), got: shownFigure(votes[option]), typed: value });
  for (const option of Object.keys(votes))
    if (!(option in typed.votes)) return t('signWrongExtra', { row: rowNumber(rows, option) });
  return null;
}

/** An entry: the protocol as typed, the first or second entry, and the reason typed for a new version (or none). */
export function entryCheck(typed: Figures & { version: number }, reason: string | null, rows: Rows): ActCheck {
  return actsOf(
    ['protocol-entered'],
    [
      (act) => {
        const payload = record(act.payload);
        if (!hasFields(act.payload, ['protocol', 'entry', 'reason'])) return t('signWrongShape');
        if (payload.entry !== 1 && payload.entry !== 2) return t('signWrongShape');
        if (payload.reason !== reason) return t('signWrongDecision');
        return protocolRefusal(payload.protocol, typed, rows);
      },
    ],
  );
}

/** A resolution: the protocol as the chair typed and chose it, figure for figure. */
export function resolutionCheck(typed: Figures & { version: number }, rows: Rows): ActCheck {
  return actsOf(
    ['protocol-resolved'],
    [
      (act) =>
        hasFields(act.payload, ['protocol'])
          ? protocolRefusal(record(act.payload).protocol, typed, rows)
          : t('signWrongShape'),
    ],
  );
}

/** An acceptance: the protocol shown to the chair, the warnings they acknowledged, the reason of its version. */
export function acceptanceCheck(
  shown: Figures & { version: number },
  acknowledged: readonly string[],
  reason: string | null,
  rows: Rows,
): ActCheck {
  return actsOf(
    ['protocol-accepted'],
    [
      (act) => {
        if (!hasFields(act.payload, ['protocol', 'acknowledged', 'via', 'reason'])) return t('signWrongShape');
        const payload = record(act.payload);
        const refusal = protocolRefusal(payload.protocol, shown, rows);
        if (refusal !== null) return refusal;
        const signed = payload.acknowledged;
        const same =
          Array.isArray(signed) &&
          signed.length === acknowledged.length &&
          signed.every((code) => acknowledged.includes(code as string));
        return same && payload.via === 'entry' && payload.reason === reason ? null : t('signWrongDecision');
      },
    ],
  );
}

async function fingerprintOf(publicKey: string): Promise<string> {
  const binary = atob(publicKey.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The registration of a waiting key: that person, with the role and commission listed (no role listed: nothing signed),
 * that key, as compared.
 */
export function keyRegistrationCheck(shown: {
  readonly username: string;
  readonly fingerprint: string;
  readonly role: string | null;
  readonly commission: string | null;
}): ActCheck {
  return actsOf(
    ['key-registered'],
    [
      async (act) => {
        if (!hasFields(act.payload, ['holder', 'role', 'publicKey', 'fingerprint'], ['commission']))
          return t('signWrongShape');
        const payload = record(act.payload);
        const same =
          payload.holder === shown.username &&
          payload.fingerprint === shown.fingerprint &&
          typeof payload.publicKey === 'string' &&
          /^[A-Za-z0-9_-]{43}$/.test(payload.publicKey) &&
          (await fingerprintOf(payload.publicKey)) === shown.fingerprint &&
          payload.role === shown.role &&
          (payload.commission ?? null) === shown.commission;
        return same ? null : t('signWrongKey');
      },
    ],
  );
}

/** A commission's approval of a contest's summary: that contest, that commission when one was typed. */
export function approvalCheck(contestId: string, commissionId: string | null): ActCheck {
  return actsOf(
    ['summary-approved'],
    [
      (act) => {
        const payload = record(act.payload);
        return hasFields(act.payload, ['commissionId', 'contestId', 'summarySha256', 'stationsCounted']) &&
          payload.contestId === contestId &&
          isText(payload.commissionId) &&
          (commissionId === null || payload.commissionId === commissionId) &&
          isSha256(payload.summarySha256) &&
          isCount(payload.stationsCounted)
          ? null
          : t('signWrongDecision');
      },
    ],
  );
}

/** A nomination received: exactly the nomination sent. */
export function nominationCheck(nomination: unknown): ActCheck {
  return actsOf(
    ['nomination-submitted'],
    [(act) => (sameValue(act.payload, { nomination }) ? null : t('signWrongDecision'))],
  );
}

/**
 * A decision on a nomination: that nomination, at the time typed; who is registered and why others are refused is
 * the law's outcome (docs/registration.md), of the journal's form, and is shown once decided.
 */
export function registrationCheck(nominationId: string, decidedAt: string): ActCheck {
  return actsOf(
    ['registration-decided'],
    [
      (act) => {
        const payload = record(act.payload);
        return hasFields(act.payload, [
          'nominationId',
          'decidedAt',
          'calendar',
          'minimumWage',
          'registered',
          'refusals',
        ]) &&
          payload.nominationId === nominationId &&
          payload.decidedAt === decidedAt &&
          isRecord(payload.calendar) &&
          isCount(payload.minimumWage) &&
          isTextList(payload.registered) &&
          Array.isArray(payload.refusals)
          ? null
          : t('signWrongDecision');
      },
    ],
  );
}

/**
 * A withdrawal: exactly the withdrawal typed, and — when it leaves its contest without a candidate — the contest's
 * postponement at the same time, for the contest the candidate stands in.
 */
export function withdrawalCheck(withdrawal: {
  readonly candidateId: string;
  readonly kind: string;
  readonly at: string;
  readonly reason: string;
}): ActCheck {
  return actsOf(
    ['candidate-withdrawn', 'contest-postponed'],
    [
      (act) => {
        const payload = record(act.payload);
        return hasFields(act.payload, ['withdrawal'], ['calendar']) &&
          sameValue(payload.withdrawal, withdrawal) &&
          (payload.calendar === undefined || isRecord(payload.calendar))
          ? null
          : t('signWrongDecision');
      },
      (act) => {
        const payload = record(act.payload);
        return hasFields(act.payload, ['contestId', 'at', 'reason']) &&
          typeof payload.contestId === 'string' &&
          withdrawal.candidateId.startsWith(`${payload.contestId}/`) &&
          payload.at === withdrawal.at &&
          payload.reason === 'all-candidates-withdrawn'
          ? null
          : t('signWrongDecision');
      },
    ],
    1,
  );
}

/** The deputies a party chose: that body, that party, exactly those candidates in that order. */
export function deputiesCheck(choice: {
  readonly bodyId: string;
  readonly partyId: string;
  readonly chosen: readonly string[];
}): ActCheck {
  return actsOf(
    ['deputies-chosen'],
    [
      (act) => {
        const payload = record(act.payload);
        return hasFields(act.payload, ['bodyId', 'partyId', 'seats', 'chosen']) &&
          payload.bodyId === choice.bodyId &&
          payload.partyId === choice.partyId &&
          sameValue(payload.chosen, choice.chosen) &&
          isCount(payload.seats)
          ? null
          : t('signWrongDecision');
      },
    ],
  );
}

/** A mandate vacated (with the reason typed) or filled: that body, that candidate; the party is the candidate's. */
export function mandateCheck(
  type: 'mandate-vacated' | 'mandate-filled',
  change: { readonly bodyId: string; readonly candidateId: string; readonly reason?: string },
): ActCheck {
  const fields =
    type === 'mandate-vacated' ? ['bodyId', 'partyId', 'candidateId', 'reason'] : ['bodyId', 'partyId', 'candidateId'];
  return actsOf(
    [type],
    [
      (act) => {
        const payload = record(act.payload);
        return hasFields(act.payload, fields) &&
          payload.bodyId === change.bodyId &&
          payload.candidateId === change.candidateId &&
          isText(payload.partyId) &&
          (type === 'mandate-filled' || payload.reason === change.reason)
          ? null
          : t('signWrongDecision');
      },
    ],
  );
}
