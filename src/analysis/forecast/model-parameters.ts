/**
 * Every number the forecast model assumes, in one place; docs/forecast.md gives the reason for
 * each, and every forecast repeats them in its output.
 */
export interface ModelParameters {
  /** A poll's weight halves every this many days between its fieldwork midpoint and the as-of date. */
  readonly halfLifeDays: number;
  /** Respondents per independent observation lost to clustering and weighting: n_eff = n / deff. */
  readonly designEffect: number;
  /**
   * The systematic polling error: each option's simulated share is multiplied by exp(σ·z), z a
   * standard normal drawn once per simulated election and shared by every poll, then all are
   * renormalised. It does not shrink as polls are added.
   */
  readonly systematicErrorSigma: number;
  /** Regional deviation from uniform swing, added to a district candidate's share (0.03 = 3 points). */
  readonly regionalSwingSigma: number;
  /** Valid votes (lists + against all) when no previous election gives them. */
  readonly defaultValidVotes: number;
}

export const DEFAULT_PARAMETERS: ModelParameters = {
  halfLifeDays: 14,
  designEffect: 1.5,
  systematicErrorSigma: 0.25,
  regionalSwingSigma: 0.03,
  defaultValidVotes: 6_366_441,
};

export const DEFAULT_SIMULATIONS = 40_000;
export const DEFAULT_SEED = 2023;
export const MIN_SIMULATIONS = 100;
export const MAX_SIMULATIONS = 1_000_000;

/** The Majilis since 2023 (docs/law.md §2.1). */
export const MAJILIS = { total: 98, list: 69, smd: 29 } as const;
/** More than half of 98. */
export const MAJORITY_SEATS = 50;
/** Two thirds of 98 is 65⅓; a two-thirds vote needs at least that many deputies, so 66 (rounded up). */
export const TWO_THIRDS_SEATS = 66;
