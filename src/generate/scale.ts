import type { Translated } from '../model/election.ts';
import type { KzData, KzResult } from './kz-data.ts';

// `generate --scale K`: a country K times Kazakhstan's size, to measure how every step's cost grows (docs/scale.md).
//
// Each region is copied K times: the first copy is the region itself (so K = 1 gives the 2023 dataset), copy k is
// `KZ-35-k`, named "… (k)". Every region brings its stations, territories, maslikhats and Majilis districts; the
// country's totals and the published Majilis list result are K times 2023's, so the national figures stay exact
// multiples of the official ones. The Majilis list part keeps its 69 seats (EL Art. 89); only its districts multiply.

/** The largest K: stations abroad are numbered from 9001 with four digits (docs/dataset.md §1.3); 77 × 12 still fit. */
export const MAXIMUM_SCALE = 12;

const COPIED_REGION = /^(KZ-\d{2})-\d+$/;

/** The 2023 region a (possibly copied) region stands for: `KZ-35-3` → `KZ-35`. */
export function baseRegionIso(iso: string): string {
  return iso.replace(COPIED_REGION, '$1');
}

const COPY_NAME_SUFFIX = / \(\d+\)$/;

/** The 2023 name a copied place's English name stands for: `Aksuat District (3)` → `Aksuat District`. */
export function baseName(english: string): string {
  return english.replace(COPY_NAME_SUFFIX, '');
}

const copyIso = (iso: string, copy: number): string => (copy === 1 ? iso : `${iso}-${copy}`);

const copyName = (name: Translated, copy: number): Translated =>
  copy === 1 ? name : { kk: `${name.kk} (${copy})`, ru: `${name.ru} (${copy})`, en: `${name.en} (${copy})` };

const timesResult = (result: KzResult, scale: number): KzResult => ({
  ...result,
  votes: Object.fromEntries(Object.entries(result.votes).map(([party, votes]) => [party, votes * scale])),
  againstAll: result.againstAll === null ? null : result.againstAll * scale,
  participants: result.participants === null ? null : result.participants * scale,
  registered: result.registered === null ? null : result.registered * scale,
});

/** The 2023 figures of `data`, K times over. */
export function scaleKzData(data: KzData, scale: number): KzData {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAXIMUM_SCALE) throw new RangeError(`scale ${scale}`);
  if (scale === 1) return data;
  const copies = Array.from({ length: scale }, (_, index) => index + 1);
  const districtsPerCopy = data.majilisSmd.length;
  const { totals } = data;
  const results: Record<string, KzResult> = {};
  for (const [key, result] of Object.entries(data.results)) {
    // The national result is K times the country's; a region's published result is each copy's own.
    if (key === 'majilisList') results[key] = timesResult(result, scale);
    else for (const copy of copies) results[copyIso(key, copy)] = result;
  }
  return {
    totals: {
      registeredVoters: totals.registeredVoters * scale,
      pollingStationsDomestic: totals.pollingStationsDomestic * scale,
      pollingStationsAbroad: totals.pollingStationsAbroad * scale,
      maslikhats: {
        regional: totals.maslikhats.regional * scale,
        city: totals.maslikhats.city * scale,
        district: totals.maslikhats.district * scale,
        mandates: totals.maslikhats.mandates * scale,
      },
      smdWinnersByNomination: {
        Amanat: totals.smdWinnersByNomination.Amanat * scale,
        selfNominated: totals.smdWinnersByNomination.selfNominated * scale,
      },
    },
    regions: copies.flatMap((copy) =>
      data.regions.map((region) => ({
        ...region,
        iso: copyIso(region.iso, copy),
        name: copyName(region.name, copy),
        centre: copyName(region.centre, copy),
        majilisSmd: region.majilisSmd.map((number) => number + (copy - 1) * districtsPerCopy),
        localMaslikhats: region.localMaslikhats.map((local) => ({ ...local, name: copyName(local.name, copy) })),
      })),
    ),
    majilisSmd: copies.flatMap((copy) =>
      data.majilisSmd.map((district) => ({
        ...district,
        number: district.number + (copy - 1) * districtsPerCopy,
        region: copyIso(district.region, copy),
      })),
    ),
    results,
  };
}
