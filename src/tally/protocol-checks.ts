import type { ProtocolLines } from '../model/protocol.ts';

export type ProtocolCheckCode =
  | 'PROTOCOL_ISSUED_EXCEEDS_LIST'
  | 'PROTOCOL_BALLOT_BALANCE'
  | 'PROTOCOL_VOTE_BALANCE'
  | 'PROTOCOL_FOUND_EXCEEDS_ISSUED'
  | 'PROTOCOL_MOBILE_EXCEEDS_OUTSIDE'
  | 'PROTOCOL_ABSENTEE_EXCEEDS_ISSUED'
  | 'PROTOCOL_UNKNOWN_OPTION'
  | 'PROTOCOL_MISSING_OPTION'
  | 'PROTOCOL_BALLOTS_TAKEN_AWAY'
  | 'PROTOCOL_INVALID_SHARE_HIGH'
  | 'PROTOCOL_TURNOUT_HIGH'
  | 'PROTOCOL_ROUND_SHARES';

export interface ProtocolFinding {
  readonly code: ProtocolCheckCode;
  /** Errors block acceptance; warnings need an operator's acknowledgement (docs/protocol-checks.md, Severity). */
  readonly severity: 'error' | 'warning';
  /** The protocol lines the relation ties together, as numbered on the form. */
  readonly lines: readonly string[];
  /** The option concerned, for option findings. */
  readonly optionId?: string;
}

/** Thresholds of the warnings: parameters with documented defaults (docs/protocol-checks.md). */
export interface WarningThresholds {
  /** Ballots issued but not found in the boxes, as a share of those issued, above which to warn… */
  readonly takenAwayShare: { readonly numerator: number; readonly denominator: number };
  /** …provided at least this many are missing (small stations are noisy). */
  readonly takenAwayMinimum: number;
  readonly invalidShare: { readonly numerator: number; readonly denominator: number };
  readonly turnoutShare: { readonly numerator: number; readonly denominator: number };
  /** Round shares are suspicious only with enough valid votes to make them unlikely. */
  readonly roundSharesMinimumValid: number;
}

export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  takenAwayShare: { numerator: 3, denominator: 100 },
  takenAwayMinimum: 10,
  invalidShare: { numerator: 1, denominator: 10 },
  turnoutShare: { numerator: 95, denominator: 100 },
  roundSharesMinimumValid: 200,
};

export interface ProtocolCheckInput {
  readonly lines: ProtocolLines;
  readonly votes: Readonly<Record<string, number>>;
  /** The contest's registered options, exactly. */
  readonly options: readonly string[];
  readonly thresholds?: WarningThresholds | undefined;
}

type Fraction = { readonly numerator: number; readonly denominator: number };
const n = (value: number): bigint => BigInt(value);
/** count / total > fraction, exactly. */
const share = (count: bigint, total: bigint, { numerator, denominator }: Fraction): boolean =>
  total > 0n && count * BigInt(denominator) > total * BigInt(numerator);
/** count / total ≥ fraction, exactly. */
const atLeast = (count: bigint, total: bigint, { numerator, denominator }: Fraction): boolean =>
  total > 0n && count * BigInt(denominator) >= total * BigInt(numerator);

/**
 * The control relations of docs/protocol-checks.md, each with a stable code and the lines it ties.
 * All in BigInt: a protocol of safe integers can still have sums past 2^53 − 1 when it is wrong.
 * Every finding is returned, not only the first.
 */
export function checkProtocol({
  lines,
  votes,
  options,
  thresholds = DEFAULT_WARNING_THRESHOLDS,
}: ProtocolCheckInput): ProtocolFinding[] {
  // The findings are made by functions of the module, not by closures made at each call: this runs for every protocol
  // an import checks, and those closures (named at each call, in the sources as tsx runs them) were 3 % of the import's
  // time (docs/tabulation.md, "Where an import's time goes, and the bar of 0.7").
  const issued = n(lines.issuedInPremises) + n(lines.issuedOutside);
  const found = n(lines.foundStationary) + n(lines.foundMobile);
  let optionVotes = 0n;
  for (const option of options) optionVotes += n(votes[option] ?? 0);
  const valid = optionVotes + n(lines.againstAll);
  const findings: ProtocolFinding[] = [];

  if (issued > n(lines.votersOnList)) findings.push(error('PROTOCOL_ISSUED_EXCEEDS_LIST', ['3', '4', '1']));
  if (n(lines.ballotsReceived) + n(lines.unaccounted) !== issued + n(lines.cancelled) + n(lines.lost))
    findings.push(error('PROTOCOL_BALLOT_BALANCE', ['2', 'U', '3', '4', '6', 'L']));
  if (found !== n(lines.invalid) + valid) findings.push(error('PROTOCOL_VOTE_BALANCE', ['7', '8', '9', '10…', 'A']));
  if (found > issued) findings.push(error('PROTOCOL_FOUND_EXCEEDS_ISSUED', ['7', '8', '3', '4']));
  if (lines.foundMobile > lines.issuedOutside) findings.push(error('PROTOCOL_MOBILE_EXCEEDS_OUTSIDE', ['8', '4']));
  if (n(lines.absentee) > issued) findings.push(error('PROTOCOL_ABSENTEE_EXCEEDS_ISSUED', ['5', '3', '4']));
  for (const option of Object.keys(votes))
    if (!options.includes(option)) findings.push(error('PROTOCOL_UNKNOWN_OPTION', ['10…'], option));
  for (const option of options)
    if (!Object.hasOwn(votes, option)) findings.push(error('PROTOCOL_MISSING_OPTION', ['10…'], option));

  const missing = issued - found;
  if (missing >= BigInt(thresholds.takenAwayMinimum) && share(missing, issued, thresholds.takenAwayShare))
    findings.push(warning('PROTOCOL_BALLOTS_TAKEN_AWAY', ['3', '4', '7', '8']));
  if (share(n(lines.invalid), found, thresholds.invalidShare))
    findings.push(warning('PROTOCOL_INVALID_SHARE_HIGH', ['9', '7', '8']));
  if (atLeast(issued, n(lines.votersOnList), thresholds.turnoutShare))
    findings.push(warning('PROTOCOL_TURNOUT_HIGH', ['3', '4', '1']));
  if (
    valid >= BigInt(thresholds.roundSharesMinimumValid) &&
    hasRoundShares(
      options.map((option) => n(votes[option] ?? 0)),
      valid,
    )
  ) {
    findings.push(warning('PROTOCOL_ROUND_SHARES', ['10…', 'A']));
  }
  return findings;
}

function error(code: ProtocolCheckCode, lines: string[], optionId?: string): ProtocolFinding {
  return { code, severity: 'error', lines, ...(optionId === undefined ? {} : { optionId }) };
}

function warning(code: ProtocolCheckCode, lines: string[]): ProtocolFinding {
  return { code, severity: 'warning', lines };
}

/**
 * Every option with votes holds a whole-percent share of the valid votes, and at least two do:
 * the pattern of protocols written to a target rather than counted.
 */
export function hasRoundShares(optionVotes: readonly bigint[], valid: bigint): boolean {
  const withVotes = optionVotes.filter((votes) => votes > 0n);
  return withVotes.length >= 2 && withVotes.every((votes) => (votes * 100n) % valid === 0n);
}
