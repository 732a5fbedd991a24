/** Every threshold of the forensics, with its default; docs/forensics.md explains each. */
export interface ForensicsParameters {
  /** Monte Carlo runs of the integer-percentage null. */
  readonly runs: number;
  /** Seed of the Monte Carlo (recorded in the output: the same seed gives the same figures). */
  readonly seed: number;
  /** Integer-percentage test: stations with at least this many voters on the list… */
  readonly integerMinimumVoters: number;
  /** …and turnout and leader share at most this many percent. */
  readonly integerMaximumPercent: number;
  /** Bins per axis of the fingerprint (100: 1 % each). */
  readonly fingerprintBins: number;
  /** Turnout and leader share both at least this many percent: a flag. */
  readonly highPercent: number;
  /**
   * Identical protocols are looked for among those with at least this many valid votes (small ones coincide by chance).
   */
  readonly identicalMinimumValid: number;
  /** A robust z-score above this within the district is an outlier… */
  readonly outlierZ: number;
  /** …among districts with at least this many stations… */
  readonly outlierMinimumStations: number;
  /**
   * …with the scaled MAD taken as at least this (a share), so that a district of near-equal stations does not flag a
   * small difference.
   */
  readonly outlierMadFloor: number;
  /** Second-digit test: counts of at least this (two digits). */
  readonly secondDigitMinimum: number;
  /** Last-digit test: counts of at least this (three digits: small counts' last digits are not uniform). */
  readonly lastDigitMinimum: number;
}

export const DEFAULT_FORENSICS_PARAMETERS: ForensicsParameters = {
  runs: 200,
  seed: 1,
  integerMinimumVoters: 100,
  integerMaximumPercent: 99,
  fingerprintBins: 100,
  highPercent: 95,
  identicalMinimumValid: 50,
  outlierZ: 5,
  outlierMinimumStations: 10,
  outlierMadFloor: 0.01,
  secondDigitMinimum: 10,
  lastDigitMinimum: 100,
};
