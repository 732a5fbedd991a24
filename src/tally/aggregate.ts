import { createHash } from 'node:crypto';
import type { Protocol } from '../model/protocol.ts';
import { PROTOCOL_LINES, type ProtocolLine } from '../model/protocol.ts';

/** Exact sums of protocol lines and option votes (BigInt: national sums of synthetic data may pass 2^53). */
export interface Totals {
  readonly lines: Record<ProtocolLine, bigint>;
  readonly votes: Record<string, bigint>;
  stations: number;
}

export function emptyTotals(options: readonly string[]): Totals {
  return {
    lines: Object.fromEntries(PROTOCOL_LINES.map((line) => [line, 0n])) as Record<ProtocolLine, bigint>,
    votes: Object.fromEntries(options.map((option) => [option, 0n])),
    stations: 0,
  };
}

export function addProtocol(totals: Totals, protocol: Protocol, sign: 1n | -1n = 1n): void {
  // Added or subtracted rather than multiplied by the sign: a BigInt fewer per line, on the path of every protocol.
  const { lines, votes } = totals;
  const adding = sign === 1n;
  for (const line of PROTOCOL_LINES) {
    const count = BigInt(protocol.lines[line]);
    lines[line] = adding ? lines[line] + count : lines[line] - count;
  }
  for (const option of Object.keys(protocol.votes)) {
    const count = BigInt(protocol.votes[option] ?? 0);
    votes[option] = adding ? (votes[option] ?? 0n) + count : (votes[option] ?? 0n) - count;
  }
  totals.stations += Number(sign);
}

/** Takes a protocol back out, when a new version replaces it. */
export function subtractProtocol(totals: Totals, protocol: Protocol): void {
  addProtocol(totals, protocol, -1n);
}

/** Totals as stored: counts as decimal strings, so that no engine rounds them. */
export function totalsToText(totals: Totals): string {
  const strings = (record: Record<string, bigint>): Record<string, string> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.toString()]));
  return JSON.stringify({ stations: totals.stations, lines: strings(totals.lines), votes: strings(totals.votes) });
}

/** What a commission approves: the SHA-256 of the contest's exact totals, as stored. */
export function summaryHash(totals: Totals): string {
  return createHash('sha256').update(totalsToText(totals)).digest('hex');
}

export function totalsFromText(text: string): Totals {
  const parsed = JSON.parse(text) as { stations: number; lines: Record<string, string>; votes: Record<string, string> };
  const bigints = (record: Record<string, string>): Record<string, bigint> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, BigInt(v)]));
  return { stations: parsed.stations, lines: bigints(parsed.lines), votes: bigints(parsed.votes) };
}
