/** The shapes the site reads from /api/site/… (see the server's site-routes.ts). */
export type Translated = Readonly<Record<'kk' | 'ru' | 'en', string>>;
export type Count = number | string;

export interface Party {
  readonly id: string;
  readonly name: Translated;
  readonly colour: string;
  readonly ballotOrder: number;
}
export interface Region {
  readonly id: string;
  readonly kind: string;
  readonly name: Translated;
}
export interface Territory {
  readonly id: string;
  readonly regionId: string;
  readonly name: Translated;
}
export interface Body {
  readonly id: string;
  readonly kind: string;
  readonly name: Translated;
  readonly regionId: string | null;
  readonly territoryId: string | null;
  readonly seats: number;
  readonly listSeats: number;
  readonly smdSeats: number;
}
export interface Overview {
  readonly event: { readonly id: string; readonly name: Translated; readonly date: string };
  readonly parties: Party[];
  readonly regions: Region[];
  readonly territories: Territory[];
  readonly bodies: Body[];
}

export interface Totals {
  readonly stationsCounted: number;
  readonly stationsExpected: number;
  readonly lines: Record<string, Count>;
  readonly votes: Record<string, Count>;
}
export interface ContestResult {
  readonly kind: 'list' | 'smd';
  readonly status: string;
  readonly totals: Totals;
  readonly seats?: Record<string, number>;
  readonly winner?: string | null;
  readonly stage: string;
  readonly counted: string;
}
export interface Contest {
  readonly kind: 'list' | 'smd';
  readonly id: string;
  readonly bodyId: string;
  readonly name: Translated;
  readonly seats?: number;
  readonly number?: number;
  readonly options: { readonly kind: string; readonly id: string }[];
}
export interface Candidate {
  readonly id: string;
  readonly contestId?: string;
  readonly name: Readonly<Record<'kk' | 'ru' | 'latin', string>>;
  readonly nomination: 'list' | 'party' | 'public-association' | 'self-nominated';
  readonly nominatedBy: string | null;
  readonly status: string;
}
export interface BodyResult {
  readonly seats: Record<string, number>;
  readonly filled: number;
  readonly competent?: boolean;
  readonly stage: string;
}
export interface BodyPage {
  readonly body: Body;
  readonly result: BodyResult | null;
  readonly contests: { readonly contest: Contest; readonly result: ContestResult | null }[];
  readonly candidates: Candidate[];
}
export interface RegionsPage {
  readonly regions: Record<string, Totals>;
}
export interface RegionPage {
  readonly regionId: string;
  readonly territories: Record<string, Totals>;
  readonly stations: {
    readonly id: string;
    readonly territoryId: string | null;
    readonly setting: string;
    readonly contests: number;
    readonly counted: number;
  }[];
}
export interface Protocol {
  readonly stationId: string;
  readonly contestId: string;
  readonly version: number;
  readonly lines: Record<string, number>;
  readonly votes: Record<string, number>;
}
export interface StationPage {
  readonly station: {
    readonly id: string;
    readonly regionId: string | null;
    readonly territoryId: string | null;
    readonly setting: string;
    readonly commissionId: string;
  };
  readonly contests: { readonly contest: Contest; readonly candidates: Candidate[] }[];
  readonly protocols: Protocol[];
}
export interface ContestPage {
  readonly contest: Contest;
  readonly candidates: Candidate[];
  readonly result: ContestResult | null;
  readonly allocation: Allocation | null;
}
export interface Allocation {
  readonly status: string;
  readonly seats: Record<string, number>;
  readonly admitted: string[];
  readonly rules: Record<string, unknown>;
  readonly steps: { readonly kind: string; readonly [key: string]: unknown }[];
}

/** The registration answers (src/server/registration-schemas.ts). */
export interface RegistrationRefusal {
  readonly code: string;
  readonly candidateIds: string[];
  readonly params: Record<string, string | number>;
  readonly messages: Translated;
}
export interface RegisteredCandidate {
  readonly id: string;
  readonly contestId: string;
  readonly name: Readonly<Record<'kk' | 'ru' | 'latin', string>>;
  readonly birthDate: string;
  readonly gender: string;
  readonly nominationId: string | null;
  readonly nomination: string;
  readonly nominatedBy: string | null;
  readonly listPosition: number | null;
  readonly status: string;
  readonly statusAt: string | null;
  readonly statusReason: string | null;
}
export interface CandidatesPage {
  readonly contest: {
    readonly id: string;
    readonly kind: 'list' | 'smd';
    readonly bodyId: string;
    readonly commissionId: string;
    readonly name: Translated;
  };
  readonly postponed: { readonly at: string; readonly reason: string } | null;
  readonly candidates: RegisteredCandidate[];
}
export interface NominationRecord {
  readonly id: string;
  readonly contestId: string;
  readonly nomination: string;
  readonly nominatedBy: string | null;
  readonly submittedAt: string;
  readonly status: string;
  readonly decidedAt: string | null;
  readonly refusals: RegistrationRefusal[];
  readonly candidates: {
    readonly id: string;
    readonly name: Readonly<Record<'kk' | 'ru' | 'latin', string>>;
    readonly registered: boolean | null;
  }[];
}
export interface BallotOption {
  readonly id: string;
  readonly kind: 'list' | 'candidate';
  readonly label: Translated;
  readonly detail: Translated | null;
}
export interface BallotsPage {
  readonly stationId: string;
  readonly ballots: {
    readonly contestId: string;
    readonly kind: 'list' | 'smd';
    readonly title: Translated;
    readonly options: BallotOption[];
  }[];
}
export interface RegistrationDecision {
  readonly nominationId: string;
  readonly outcome: 'registered' | 'refused' | 'not-decided';
  readonly registered: string[];
  readonly refusals: RegistrationRefusal[];
  readonly code?: string;
}
