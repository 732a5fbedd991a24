/** A protocol line or a sum of them, as a store, a protocol or a results document holds it. */
type Count = bigint | number | string;

/**
 * Participation at any level — a station, a territory, a region, the country — from the summed
 * protocol lines of one contest (docs/protocol-checks.md numbers the lines): the voters on the list
 * (line 1), the ballots issued, which is how the CEC counts those who took part (3 + 4), and the
 * ballots cast, found in the boxes (7 + 8). Exact: national sums of synthetic data may pass 2^53.
 */
export interface Turnout {
  readonly votersOnList: bigint;
  readonly ballotsIssued: bigint;
  readonly ballotsCast: bigint;
}

export function turnoutOf(lines: Readonly<Record<string, Count | undefined>>): Turnout {
  const line = (name: string): bigint => BigInt(lines[name] ?? 0);
  return {
    votersOnList: line('votersOnList'),
    ballotsIssued: line('issuedInPremises') + line('issuedOutside'),
    ballotsCast: line('foundStationary') + line('foundMobile'),
  };
}
