import { ageOn, type CalendarDate } from './calendar-date.ts';

export type Body = 'majilis' | 'maslikhat';

export interface CandidateFacts {
  readonly id: string;
  readonly birthDate: CalendarDate;
  readonly citizen: boolean;
  /** Years of residence in Kazakhstan immediately before the election. */
  readonly residenceYears: number;
  /** Lives in the region of the maslikhat (required for maslikhat candidates). */
  readonly residesInRegion?: boolean | undefined;
  readonly criminalRecord: boolean;
  readonly corruptionOffence: boolean;
  readonly legallyIncapable: boolean;
}

export type EligibilityReason =
  | 'ELIGIBILITY_NOT_CITIZEN'
  | 'ELIGIBILITY_UNDER_AGE'
  | 'ELIGIBILITY_RESIDENCE_TOO_SHORT'
  | 'ELIGIBILITY_NOT_RESIDENT_IN_REGION'
  | 'ELIGIBILITY_CRIMINAL_RECORD'
  | 'ELIGIBILITY_CORRUPTION_OFFENCE'
  | 'ELIGIBILITY_LEGALLY_INCAPABLE';

export interface EligibilityRules {
  readonly minimumAge: number;
  /** Years of residence in the country required; null where residence in the region counts instead. */
  readonly residenceYears: number | null;
  readonly mustResideInRegion: boolean;
}

/**
 * docs/law.md §6 (C Art. 51, EL) [V]: Majilis 25 years and 10 years' residence; maslikhat 20 years
 * and residence in the region.
 */
export const ELIGIBILITY_RULES: Readonly<Record<Body, EligibilityRules>> = {
  majilis: { minimumAge: 25, residenceYears: 10, mustResideInRegion: false },
  maslikhat: { minimumAge: 20, residenceYears: null, mustResideInRegion: true },
};

export interface EligibilityInput {
  readonly body: Body;
  readonly electionDate: CalendarDate;
  readonly candidate: CandidateFacts;
  readonly rules?: EligibilityRules | undefined;
}

export interface EligibilityOutcome {
  readonly eligible: boolean;
  readonly age: number;
  /** Every refusal reason, in a fixed order, so one check tells the candidate everything at once. */
  readonly reasons: readonly EligibilityReason[];
}

export function checkEligibility({
  body,
  electionDate,
  candidate,
  rules = ELIGIBILITY_RULES[body],
}: EligibilityInput): EligibilityOutcome {
  const age = ageOn(candidate.birthDate, electionDate);
  const reasons: EligibilityReason[] = [];
  if (!candidate.citizen) reasons.push('ELIGIBILITY_NOT_CITIZEN');
  if (age < rules.minimumAge) reasons.push('ELIGIBILITY_UNDER_AGE');
  if (rules.residenceYears !== null && candidate.residenceYears < rules.residenceYears)
    reasons.push('ELIGIBILITY_RESIDENCE_TOO_SHORT');
  if (rules.mustResideInRegion && candidate.residesInRegion !== true)
    reasons.push('ELIGIBILITY_NOT_RESIDENT_IN_REGION');
  if (candidate.criminalRecord) reasons.push('ELIGIBILITY_CRIMINAL_RECORD');
  if (candidate.corruptionOffence) reasons.push('ELIGIBILITY_CORRUPTION_OFFENCE');
  if (candidate.legallyIncapable) reasons.push('ELIGIBILITY_LEGALLY_INCAPABLE');
  return { eligible: reasons.length === 0, age, reasons };
}
