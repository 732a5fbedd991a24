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

export function addProtocol(totals: Totals, protocol: Protocol): void {
  for (const line of PROTOCOL_LINES) totals.lines[line] += BigInt(protocol.lines[line]);
  for (const [option, votes] of Object.entries(protocol.votes)) totals.votes[option] = (totals.votes[option] ?? 0n) + BigInt(votes);
  totals.stations += 1;
}
