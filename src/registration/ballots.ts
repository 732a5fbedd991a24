import type { Election, Translated } from '../model/election.ts';

/** One line of a ballot: a party's list or a candidate, as printed in Kazakh and Russian. */
export interface BallotOption {
  readonly id: string;
  readonly kind: 'list' | 'candidate';
  readonly label: { readonly kk: string; readonly ru: string; readonly en: string };
  /** Under a candidate's name: year of birth and who nominated them. */
  readonly detail: { readonly kk: string; readonly ru: string; readonly en: string } | null;
}

/**
 * A ballot a voter at one station receives (docs/law.md §2.1): the contest, its options in ballot
 * order, then "Against all".
 */
export interface Ballot {
  readonly contestId: string;
  readonly kind: 'list' | 'smd';
  readonly title: Translated;
  readonly options: readonly BallotOption[];
  readonly againstAll: true;
}

const SELF_NOMINATED: Translated = { kk: 'өзін-өзі ұсынған', ru: 'самовыдвиженец', en: 'self-nominated' };
const BORN: Translated = { kk: '{year} ж. т.', ru: '{year} г. р.', en: 'born {year}' };

/** The election's lookups by id, once per election: a site export asks for every station's ballots. */
const lookups = new WeakMap<Election, ReturnType<typeof buildLookups>>();
const buildLookups = (election: Election) => ({
  stations: new Map(election.stations.map((station) => [station.id as string, station])),
  contests: new Map(election.contests.map((contest) => [contest.id as string, contest])),
  parties: new Map(election.parties.map((party) => [party.id as string, party])),
  candidates: new Map(election.candidates.map((candidate) => [candidate.id as string, candidate])),
});
function lookupsOf(election: Election): ReturnType<typeof buildLookups> {
  let found = lookups.get(election);
  if (found === undefined) lookups.set(election, (found = buildLookups(election)));
  return found;
}

/**
 * The ballots of one polling station, in the order the station lists its contests, each with the
 * options of the election as registration made it (src/registration/effective-election.ts).
 * Null for an unknown station.
 */
export function ballotsForStation(election: Election, stationId: string): Ballot[] | null {
  const { stations, contests, parties, candidates } = lookupsOf(election);
  const station = stations.get(stationId);
  if (station === undefined) return null;
  return station.contests.flatMap((contestId): Ballot[] => {
    const contest = contests.get(contestId);
    if (contest === undefined) return [];
    const options = contest.options.map((option): BallotOption => {
      if (option.kind === 'list') {
        const party = parties.get(option.id);
        const name = party?.name ?? { kk: option.id, ru: option.id, en: option.id };
        return { id: option.id, kind: 'list', label: name, detail: null };
      }
      const candidate = candidates.get(option.id);
      if (candidate === undefined)
        return {
          id: option.id,
          kind: 'candidate',
          label: { kk: option.id, ru: option.id, en: option.id },
          detail: null,
        };
      const year = candidate.birthDate.slice(0, 4);
      const nominator: Translated =
        candidate.nomination === 'self-nominated'
          ? SELF_NOMINATED
          : candidate.nomination === 'party' || candidate.nomination === 'list'
            ? (parties.get(candidate.nominatedBy ?? '')?.name ?? SELF_NOMINATED)
            : { kk: candidate.nominatedBy ?? '', ru: candidate.nominatedBy ?? '', en: candidate.nominatedBy ?? '' };
      const detail = (language: keyof Translated): string =>
        `${BORN[language].replace('{year}', year)}; ${nominator[language]}`;
      return {
        id: option.id,
        kind: 'candidate',
        label: { kk: candidate.name.kk, ru: candidate.name.ru, en: candidate.name.latin },
        detail: { kk: detail('kk'), ru: detail('ru'), en: detail('en') },
      };
    });
    return [{ contestId: contest.id, kind: contest.kind, title: contest.name, options, againstAll: true }];
  });
}
