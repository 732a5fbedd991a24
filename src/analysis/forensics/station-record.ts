import type { ProtocolCheckCode } from '../../tally/protocol-checks.ts';

/**
 * One polling station as forensics sees it, whatever the source: the lines every method needs
 * (docs/dataset.md §1.4 numbers in brackets) and the votes per option.
 */
export interface StationRecord {
  readonly id: string;
  /** The grouping within which a station is compared with its neighbours (a territory, a region, a foreign TIK). */
  readonly district: string;
  /** Line 1. */
  readonly votersOnList: number;
  /** Lines 3 + 4: ballots issued (early voters' ballots are in line 3 for foreign data). */
  readonly issued: number;
  /** Lines 7 + 8: ballots found in the boxes. */
  readonly found: number;
  /** Line 9. */
  readonly invalid: number;
  /** Lines 10…, by option id. */
  readonly votes: Readonly<Record<string, number>>;
  /** Line A, when the ballot has it. */
  readonly againstAll?: number;
  /**
   * The control relations of docs/protocol-checks.md this protocol breaks (errors) or trips
   * (warnings), as far as the source's lines express them; computed by the source, since only it
   * knows which lines it has.
   */
  readonly findings?: readonly { readonly code: ProtocolCheckCode; readonly severity: 'error' | 'warning' }[];
}

/** The option with the most votes over all stations; a tie goes to the option named first. */
export function leaderOf(
  stations: readonly StationRecord[],
  options: readonly string[],
): { readonly id: string; readonly votes: number } | null {
  const totals = new Map<string, number>(options.map((option) => [option, 0]));
  for (const station of stations)
    for (const [option, votes] of Object.entries(station.votes)) totals.set(option, (totals.get(option) ?? 0) + votes);
  let best: { id: string; votes: number } | null = null;
  for (const [id, votes] of totals) if (best === null || votes > best.votes) best = { id, votes };
  return best;
}

/** Valid votes not for the leader: the other options and "against all". */
export function othersOf(station: StationRecord, leader: string): number {
  let sum = station.againstAll ?? 0;
  for (const [option, votes] of Object.entries(station.votes)) if (option !== leader) sum += votes;
  return sum;
}
