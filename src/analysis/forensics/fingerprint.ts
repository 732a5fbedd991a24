import type { StationRecord } from './station-record.ts';
import { assertDefined } from '../../law/assert.ts';

/** The election fingerprint of Klimek, Thurner et al. (PNAS 2012): stations counted by turnout × leader share. */
export interface Fingerprint {
  readonly bins: number;
  /** Stations in the histogram: those with voters on the list and ballots in the boxes. */
  readonly stations: number;
  /**
   * counts[t][s]: stations with turnout in [t, t + 1) / bins and leader share in [s, s + 1) / bins; 100 % goes in the
   * last bin.
   */
  readonly counts: readonly (readonly number[])[];
}

/** floor(bins × part / whole) in [0, bins − 1]; above 100 % (a broken protocol) joins the last bin. */
export function binOf(part: number, whole: number, bins: number): number {
  return Math.min(bins - 1, Math.floor((bins * part) / whole));
}

export function fingerprint(stations: readonly StationRecord[], leader: string, bins: number): Fingerprint {
  const counts = Array.from({ length: bins }, () => new Array<number>(bins).fill(0));
  let included = 0;
  for (const station of stations) {
    if (station.votersOnList === 0 || station.found === 0) continue;
    const row = assertDefined(counts[binOf(station.issued, station.votersOnList, bins)]);
    const column = binOf(station.votes[leader] ?? 0, station.found, bins);
    row[column] = assertDefined(row[column]) + 1;
    included += 1;
  }
  return { bins, stations: included, counts };
}
