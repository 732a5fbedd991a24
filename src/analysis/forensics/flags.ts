import type { ProtocolCheckCode } from '../../tally/protocol-checks.ts';
import type { ForensicsParameters } from './parameters.ts';
import { median, scaledMad } from './statistics.ts';
import type { StationRecord } from './station-record.ts';
import { assertDefined } from '../../law/assert.ts';

export type FlagReason =
  | { readonly kind: 'turnout-and-leader-high'; readonly turnout: number; readonly leaderShare: number }
  | { readonly kind: 'identical-protocol'; readonly other: string }
  | { readonly kind: 'control-relation'; readonly codes: readonly ProtocolCheckCode[] }
  | { readonly kind: 'protocol-warning'; readonly codes: readonly ProtocolCheckCode[] }
  | {
      readonly kind: 'district-outlier';
      readonly statistic: 'turnout' | 'leader-share';
      readonly value: number;
      readonly median: number;
      readonly mad: number;
      readonly z: number;
    };

export type FlagKind = FlagReason['kind'];
export const FLAG_KINDS: readonly FlagKind[] = [
  'turnout-and-leader-high',
  'identical-protocol',
  'control-relation',
  'protocol-warning',
  'district-outlier',
];

export interface StationFlag {
  readonly stationId: string;
  readonly district: string;
  readonly reasons: readonly FlagReason[];
}

const turnoutOf = (s: StationRecord): number => s.issued / s.votersOnList;

/** The counted part of a protocol (lines 9, 10…, A), as the dataset validator compares copies. */
const countedKey = (s: StationRecord): string =>
  `${s.invalid}|${s.againstAll ?? ''}|${Object.entries(s.votes)
    .map(([option, votes]) => `${option}=${votes}`)
    .join(',')}`;

/**
 * Per-station flags, each saying what it measured. Upward outliers only: a station far above its
 * district's turnout or leader share is the pattern of stuffing; one far below is not evidence of it.
 */
export function stationFlags(
  stations: readonly StationRecord[],
  leader: string,
  parameters: ForensicsParameters,
): StationFlag[] {
  const reasons = new Map<string, FlagReason[]>();
  const add = (station: StationRecord, reason: FlagReason): void => {
    const list = reasons.get(station.id);
    if (list === undefined) reasons.set(station.id, [reason]);
    else list.push(reason);
  };
  const high = parameters.highPercent;
  const firstWith = new Map<string, StationRecord>();
  const byDistrict = new Map<string, StationRecord[]>();
  for (const station of stations) {
    const leaderVotes = station.votes[leader] ?? 0;
    // Exact: 100 × issued ≥ 95 × voters, 100 × leader ≥ 95 × found.
    if (
      station.votersOnList > 0 &&
      station.found > 0 &&
      100 * station.issued >= high * station.votersOnList &&
      100 * leaderVotes >= high * station.found
    ) {
      add(station, {
        kind: 'turnout-and-leader-high',
        turnout: turnoutOf(station),
        leaderShare: leaderVotes / station.found,
      });
    }
    const errors = (station.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.code);
    const warnings = (station.findings ?? []).filter((f) => f.severity === 'warning').map((f) => f.code);
    if (errors.length > 0) add(station, { kind: 'control-relation', codes: [...new Set(errors)] });
    if (warnings.length > 0) add(station, { kind: 'protocol-warning', codes: [...new Set(warnings)] });
    if (station.found - station.invalid >= parameters.identicalMinimumValid) {
      const key = countedKey(station);
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, station);
      else {
        if (!(reasons.get(first.id) ?? []).some((r) => r.kind === 'identical-protocol'))
          add(first, { kind: 'identical-protocol', other: station.id });
        add(station, { kind: 'identical-protocol', other: first.id });
      }
    }
    if (station.votersOnList > 0 && station.found > 0) {
      const group = byDistrict.get(station.district);
      if (group === undefined) byDistrict.set(station.district, [station]);
      else group.push(station);
    }
  }
  for (const group of byDistrict.values()) {
    if (group.length < parameters.outlierMinimumStations) continue;
    for (const [statistic, of] of [
      ['turnout', turnoutOf],
      ['leader-share', (s: StationRecord) => (s.votes[leader] ?? 0) / s.found],
    ] as const) {
      const values = group.map(of);
      const centre = median(values);
      const mad = Math.max(parameters.outlierMadFloor, scaledMad(values, centre));
      group.forEach((station, index) => {
        const z = (assertDefined(values[index]) - centre) / mad;
        if (z > parameters.outlierZ)
          add(station, {
            kind: 'district-outlier',
            statistic,
            value: assertDefined(values[index]),
            median: centre,
            mad,
            z,
          });
      });
    }
  }
  return stations
    .filter((station) => reasons.has(station.id))
    .map((station) => ({
      stationId: station.id,
      district: station.district,
      reasons: assertDefined(reasons.get(station.id)),
    }));
}
