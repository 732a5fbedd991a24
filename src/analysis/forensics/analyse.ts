import { type DigitTest, digitTests } from './digits.ts';
import { type Fingerprint, fingerprint } from './fingerprint.ts';
import { FLAG_KINDS, type FlagKind, type StationFlag, stationFlags } from './flags.ts';
import { integerPercentTest, type IntegerPercentResult } from './integer-percent.ts';
import { DEFAULT_FORENSICS_PARAMETERS, type ForensicsParameters } from './parameters.ts';
import { shpilkinEstimate, type ShpilkinResult } from './shpilkin.ts';
import { leaderOf, type StationRecord } from './station-record.ts';

export interface ForensicsReport {
  readonly format: 'saylau-forensics/1';
  readonly stations: number;
  readonly options: readonly string[];
  readonly leader: { readonly id: string; readonly votes: number; readonly share: number | null } | null;
  readonly parameters: ForensicsParameters;
  readonly fingerprint: Fingerprint;
  readonly integerPercent: IntegerPercentResult;
  readonly shpilkin: ShpilkinResult;
  readonly digits: readonly DigitTest[];
  readonly flagCounts: Readonly<Record<FlagKind, number>>;
  readonly flags: readonly StationFlag[];
}

/**
 * Every method on one set of stations. Pure and deterministic: the same stations, options and
 * parameters (the seed among them) give the same report, byte for byte once serialised.
 */
export function analyseForensics(
  stations: readonly StationRecord[],
  options: readonly string[],
  given: Partial<ForensicsParameters> = {},
  onProgress?: (done: number, total: number) => void,
): ForensicsReport {
  const parameters = { ...DEFAULT_FORENSICS_PARAMETERS, ...given };
  const leader = leaderOf(stations, options);
  const leaderId = leader?.id ?? '';
  const found = stations.reduce((sum, station) => sum + station.found, 0);
  const flags = stationFlags(stations, leaderId, parameters);
  const flagCounts = Object.fromEntries(
    FLAG_KINDS.map((kind) => [
      kind,
      flags.filter((flag) => flag.reasons.some((reason) => reason.kind === kind)).length,
    ]),
  ) as Record<FlagKind, number>;
  return {
    format: 'saylau-forensics/1',
    stations: stations.length,
    options,
    leader: leader === null ? null : { ...leader, share: found > 0 ? leader.votes / found : null },
    parameters,
    fingerprint: fingerprint(stations, leaderId, parameters.fingerprintBins),
    integerPercent: integerPercentTest(stations, leaderId, parameters, onProgress),
    shpilkin: shpilkinEstimate(stations, leaderId),
    digits: digitTests(stations, leaderId, parameters.secondDigitMinimum, parameters.lastDigitMinimum),
    flagCounts,
    flags,
  };
}
