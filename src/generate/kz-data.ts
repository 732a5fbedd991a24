import type { Translated } from '../model/election.ts';

/** The shape of data/kz-2023.json (see scripts/extract-kz-data.py). */
export interface KzData {
  readonly totals: {
    readonly registeredVoters: number;
    readonly pollingStationsDomestic: number;
    readonly pollingStationsAbroad: number;
    readonly maslikhats: {
      readonly regional: number;
      readonly city: number;
      readonly district: number;
      readonly mandates: number;
    };
    readonly smdWinnersByNomination: { readonly Amanat: number; readonly selfNominated: number };
  };
  readonly regions: readonly KzRegion[];
  readonly majilisSmd: readonly {
    readonly number: number;
    readonly region: string;
    readonly winnerNomination: string | null;
    readonly candidates: number | null;
  }[];
  readonly results: Readonly<Record<string, KzResult>>;
}

export interface KzRegion {
  readonly iso: string;
  readonly name: Translated;
  readonly centre: Translated;
  readonly registeredVoters: { readonly value: number; readonly verified: boolean };
  readonly pollingStations: { readonly value: number; readonly verified: boolean };
  readonly majilisSmd: readonly number[];
  readonly regionalMaslikhat: { readonly total: number; readonly list: number; readonly verified: boolean };
  readonly turnoutPercent: number;
  readonly localMaslikhats: readonly {
    readonly kind: 'city' | 'district';
    readonly name: Translated;
    readonly verified: boolean;
  }[];
}

export interface KzResult {
  readonly votes: Readonly<Record<string, number>>;
  readonly againstAll: number | null;
  readonly participants: number | null;
  readonly registered: number | null;
}
