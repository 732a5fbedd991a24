import type { Principal } from './permissions.ts';

/**
 * Whose figures of a pending double entry a reader of GET /api/protocols/entries sees
 * (docs/server.md, "Reading a double entry"). The second entry must be typed from the paper, not
 * copied from the first, so nobody sees another operator's figures before both are in, except the
 * chair who resolves them:
 * - the chair of a commission at or above the station's: both entries and the resolution;
 * - an operator of such a commission: their own entry, and the other once both are entered;
 * - anyone else logged in: the state, who entered and which lines differ, but no figures.
 */
export interface EntryReader {
  readonly principal: Principal;
  /** The fingerprint of the reader's signing key; null when they have none. */
  readonly fingerprint: string | null;
  /** Whether the reader's commission is the station's precinct commission or above it. */
  readonly coversStation: boolean;
}

export function showsEntry(reader: EntryReader, entryOperator: string, bothEntered: boolean): boolean {
  const { principal } = reader;
  if (principal.kind !== 'account' || !reader.coversStation) return false;
  if (principal.role === 'chair') return true;
  if (principal.role !== 'operator') return false;
  return bothEntered || entryOperator === reader.fingerprint;
}

/** The chair's resolution: for the chair who may resolve, like both entries. */
export function showsResolution(reader: EntryReader): boolean {
  return reader.principal.kind === 'account' && reader.principal.role === 'chair' && reader.coversStation;
}
