import { maslikhatName } from './maslikhat-name.ts';
import type {
  Body,
  Candidate,
  Commission,
  Contest,
  Election,
  Region,
  Station,
  Territory,
  Translated,
} from '../model/election.ts';
import type {
  BodyId,
  CandidateId,
  CommissionId,
  ContestId,
  PartyId,
  RegionId,
  StationId,
  TerritoryId,
} from '../model/ids.ts';
import { apportion, apportionBounded } from './apportion.ts';
import type { KzData, KzRegion } from './kz-data.ts';
import { MAJILIS_LIST_LENGTHS, PARTIES_2023 } from './parties-2023.ts';
import { makePerson, type NameLists } from './people.ts';
import type { Prng } from './prng.ts';
import { assertDefined } from '../law/assert.ts';
import { baseName, baseRegionIso } from './scale.ts';
import { groupBy } from '../model/group-by.ts';

/**
 * Two districts created in 2021–22 had no council of their own in 2023 (205 listed, 203 counted
 * by the CEC); which two is not known. We drop these two, an arbitrary choice, and say so.
 */
/** The election of 19 March 2023 as it names itself in every dataset. */
export const ELECTION_EVENT_2023 = {
  id: 'kz-2023-03-19',
  name: {
    kk: '2023 жылғы 19 наурыздағы Мәжіліс және мәслихат сайлауы',
    ru: 'Выборы в Мажилис и маслихаты 19 марта 2023 года',
    en: 'Majilis and maslikhat elections of 19 March 2023',
  },
  date: '2023-03-19',
};

export const DROPPED_TERRITORIES = ['Aksuat District', 'Makanshy District'] as const;
const CITY_REGIONS = new Set(['KZ-71', 'KZ-75', 'KZ-79']);
const ABROAD_STATIONS_FIRST_NUMBER = 9001;
const MAJILIS_LIST_SEATS = 69;
/** The Majilis districts' candidates in 2023, and how many of them nominated themselves (docs/dataset.md §4.2). */
const MAJILIS_SMD_CANDIDATES_2023 = { all: 435, selfNominated: 359, districts: 29 };

export interface StationPlan {
  readonly station: Station;
  readonly registered: number;
  readonly regionIso: string | null;
}

export interface SmdPlan {
  readonly contestId: ContestId;
  readonly candidates: readonly CandidateId[];
  /** The candidate the synthetic count is built to elect (their nomination mix follows 2023). */
  readonly winner: CandidateId;
}

export interface Structure {
  readonly election: Election;
  readonly stations: readonly StationPlan[];
  readonly smd: readonly SmdPlan[];
  /** Parties with a list in each list contest, in ballot order. */
  readonly listParties: ReadonlyMap<ContestId, readonly PartyId[]>;
  readonly abroadRegistered: number;
  readonly notes: readonly string[];
}

const contestName = (en: string, kk: string, ru: string): Translated => ({ kk, ru, en });

/** Splits items into `groups` contiguous runs of about equal weight (stations into districts). */
export function contiguousGroups<T>(items: readonly T[], groups: number, weight: (item: T) => number): T[][] {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  const result: T[][] = Array.from({ length: groups }, () => []);
  let running = 0;
  items.forEach((item, index) => {
    const remainingItems = items.length - index;
    let group = Math.min(groups - 1, Math.floor((running / total) * groups));
    // Every group needs at least one station: never leave later groups short.
    const emptyAfter = result.slice(group + 1).filter((g) => g.length === 0).length;
    if (remainingItems <= emptyAfter) group = groups - remainingItems;
    while (group > 0 && assertDefined(result[group - 1]).length === 0) group -= 1;
    assertDefined(result[group]).push(item);
    running += weight(item);
  });
  return result;
}

export function buildStructure(data: KzData, names: NameLists, random: Prng): Structure {
  const notes: string[] = [
    `Registration order of the lists is the 2023 ballot order (not published by the CEC).`,
    `Local councils dropped to match the CEC's 203: ${DROPPED_TERRITORIES.join(', ')} (which two had no council is not known).`,
  ];
  const regions: Region[] = data.regions.map((region) => ({
    id: region.iso as RegionId,
    kind: CITY_REGIONS.has(baseRegionIso(region.iso)) ? 'city' : 'oblast',
    name: region.name,
    centre: region.centre,
  }));

  // Abroad electorates come out of the regions whose voter counts are estimates.
  const abroadSizes = Array.from({ length: data.totals.pollingStationsAbroad }, () => random.integer(90, 420));
  const abroadRegistered = abroadSizes.reduce((a, b) => a + b, 0);
  const regionSum = data.regions.reduce((sum, region) => sum + region.registeredVoters.value, 0);
  const surplus = regionSum + abroadRegistered - data.totals.registeredVoters;
  const estimated = data.regions.filter((region) => !region.registeredVoters.verified);
  const cuts = apportion(
    surplus,
    estimated.map((region) => region.registeredVoters.value),
  );
  const registeredByRegion = new Map(data.regions.map((region) => [region.iso, region.registeredVoters.value]));
  estimated.forEach((region, index) =>
    registeredByRegion.set(region.iso, region.registeredVoters.value - assertDefined(cuts[index])),
  );
  notes.push(
    `Stations abroad: ${abroadRegistered} voters on their lists (an estimate), taken from the regions whose electorate is itself an estimate.`,
  );

  // Territories (cities and districts of regional significance) with their councils' sizes.
  const territories: Territory[] = [];
  const territoryWeight = new Map<TerritoryId, number>();
  for (const region of data.regions) {
    let cities = 0;
    let districts = 0;
    region.localMaslikhats.forEach((local, index) => {
      if ((DROPPED_TERRITORIES as readonly string[]).includes(baseName(local.name.en))) return;
      const code =
        local.kind === 'city' ? `C${String(++cities).padStart(2, '0')}` : `D${String(++districts).padStart(2, '0')}`;
      const id = `${region.iso}/${code}` as TerritoryId;
      territories.push({ id, regionId: region.iso as RegionId, kind: local.kind, name: local.name });
      // The first city listed is the regional centre; other towns are smaller than a district.
      const base = local.kind === 'city' ? (cities === 1 && index === 0 ? 9 : 1.2) : 1.6;
      territoryWeight.set(id, base * random.lognormal(0.35));
    });
  }
  // Every maslikhat mandate not in a regional maslikhat is a city's or district's (3,415 − 668 = 2,747 in 2023).
  const localSeatsInAll =
    data.totals.maslikhats.mandates - data.regions.reduce((sum, region) => sum + region.regionalMaslikhat.total, 0);
  const localSeats = apportionBounded(
    localSeatsInAll,
    territories.map((t) => Math.pow(assertDefined(territoryWeight.get(t.id)), 0.45)),
    territories.map((t) => (t.kind === 'city' ? 11 : 9)),
    territories.map((t) => (t.kind === 'city' ? 30 : 25)),
  );
  const seatsByTerritory = new Map(territories.map((t, index) => [t.id, assertDefined(localSeats[index])]));

  // Polling stations, numbered within each region, with their electorates.
  const stations: StationPlan[] = [];
  for (const region of data.regions) {
    const inRegion = territories.filter((t) => t.regionId === region.iso);
    const count = region.pollingStations.value;
    const perTerritory =
      inRegion.length === 0
        ? []
        : apportionBounded(
            count,
            inRegion.map((t) => assertDefined(territoryWeight.get(t.id))),
            inRegion.map((t) => assertDefined(seatsByTerritory.get(t.id))),
            inRegion.map(() => count),
          );
    const slots: { territory: Territory | null; urban: boolean }[] = [];
    if (inRegion.length === 0) for (let i = 0; i < count; i++) slots.push({ territory: null, urban: true });
    inRegion.forEach((territory, index) => {
      const n = assertDefined(perTerritory[index]);
      for (let i = 0; i < n; i++)
        slots.push({ territory, urban: territory.kind === 'city' || i < Math.ceil(n * 0.15) });
    });
    const weights = slots.map((slot) => (slot.urban ? 1700 : 520) * random.lognormal(0.45));
    const registered = apportionBounded(
      assertDefined(registeredByRegion.get(region.iso)),
      weights,
      slots.map(() => 25),
      slots.map(() => 3600),
    );
    slots.forEach((slot, index) => {
      const id = `${region.iso}/PS-${String(index + 1).padStart(4, '0')}` as StationId;
      stations.push({
        station: {
          id,
          regionId: region.iso as RegionId,
          territoryId: slot.territory?.id ?? null,
          setting: slot.urban ? 'urban' : 'rural',
          contests: [],
          commissionId: `${id}/pec` as CommissionId,
        },
        registered: assertDefined(registered[index]),
        regionIso: region.iso,
      });
    });
  }
  abroadSizes.forEach((size, index) => {
    const id = `ABROAD/PS-${ABROAD_STATIONS_FIRST_NUMBER + index}` as StationId;
    stations.push({
      station: {
        id,
        regionId: null,
        territoryId: null,
        setting: 'abroad',
        contests: [],
        commissionId: `${id}/pec` as CommissionId,
      },
      registered: size,
      regionIso: null,
    });
  });

  // Bodies, contests, candidates.
  const bodies: Body[] = [];
  const contests: Contest[] = [];
  const candidates: Candidate[] = [];
  const smd: SmdPlan[] = [];
  const listParties = new Map<ContestId, PartyId[]>();
  const contestsOf = new Map<StationId, ContestId[]>(stations.map((plan) => [plan.station.id, []]));
  const attach = (group: readonly StationPlan[], contestId: ContestId): void => {
    for (const plan of group) assertDefined(contestsOf.get(plan.station.id)).push(contestId);
  };
  const peopleRandom = random.fork('people');
  const russianShareOf = (copiedIso: string | null): number => {
    const iso = copiedIso === null ? null : baseRegionIso(copiedIso);
    return iso !== null && ['KZ-59', 'KZ-39', 'KZ-55', 'KZ-35', 'KZ-63', 'KZ-11'].includes(iso)
      ? 0.35
      : iso === 'KZ-75' || iso === 'KZ-71'
        ? 0.2
        : 0.06;
  };
  const person = (iso: string | null, minimumAge: number, femaleShare: number) =>
    makePerson(peopleRandom, names, {
      russianShare: russianShareOf(iso),
      femaleShare,
      bornFrom: 1953,
      bornTo: 2023 - minimumAge - 1,
    });

  const addListContest = (
    bodyId: BodyId,
    contestId: ContestId,
    name: Translated,
    seats: number,
    rules: 'kz-2023-majilis' | 'kz-2023-maslikhat',
    parties: readonly PartyId[],
    iso: string | null,
    commissionId: CommissionId,
    lengthOf: (party: PartyId) => number,
  ): void => {
    const options = parties.map((partyId) => ({ kind: 'list' as const, id: partyId, listSize: lengthOf(partyId) }));
    contests.push({ kind: 'list', id: contestId, bodyId, name, seats, rules, options, againstAll: true, commissionId });
    listParties.set(contestId, [...parties]);
    for (const option of options) {
      for (let position = 1; position <= option.listSize; position++) {
        // Quota groups (docs/law.md §4) make up well over 30 %: every third name is a woman, and the young are common.
        const young = position % 5 === 0;
        const someone = person(
          iso,
          young ? (rules === 'kz-2023-majilis' ? 25 : 20) : 30,
          position % 3 === 1 ? 0.9 : 0.25,
        );
        const birthDate = young
          ? `${1995 + (position % 3)}-0${1 + (position % 9)}-1${position % 10}`
          : someone.birthDate;
        candidates.push({
          id: `${contestId}/${option.id}-${String(position).padStart(3, '0')}` as CandidateId,
          contestId,
          name: someone.name,
          birthDate,
          gender: someone.gender,
          disability: peopleRandom.chance(0.02),
          partyMember: option.id,
          nomination: 'list',
          nominatedBy: option.id,
          listPosition: position,
          status: 'registered',
        });
      }
    }
  };

  /**
   * An SMD contest with its candidates; `nominations` lists each candidate's nominating party or null (self-nominated).
   */
  const addSmdContest = (
    bodyId: BodyId,
    contestId: ContestId,
    number: number,
    name: Translated,
    iso: string | null,
    nominations: readonly (PartyId | 'public-association' | null)[],
    winnerIndex: number,
    minimumAge: number,
  ): void => {
    const ids: CandidateId[] = [];
    nominations.forEach((nominator, index) => {
      const someone = person(iso, minimumAge, 0.22);
      const id = `${contestId}/c-${String(index + 1).padStart(2, '0')}` as CandidateId;
      ids.push(id);
      const nomination =
        nominator === null ? 'self-nominated' : nominator === 'public-association' ? 'public-association' : 'party';
      candidates.push({
        id,
        contestId,
        name: someone.name,
        birthDate: someone.birthDate,
        gender: someone.gender,
        disability: peopleRandom.chance(0.01),
        partyMember: nomination === 'party' ? (nominator as PartyId) : null,
        nomination,
        nominatedBy:
          nomination === 'party' ? nominator : nomination === 'public-association' ? 'Public association' : null,
        listPosition: null,
        status: 'registered',
      });
    });
    contests.push({
      kind: 'smd',
      id: contestId,
      bodyId,
      name,
      number,
      options: ids.map((id) => ({ kind: 'candidate' as const, id })),
      againstAll: true,
      commissionId: `${contestId}/dec` as CommissionId,
    });
    smd.push({ contestId, candidates: ids, winner: assertDefined(ids[winnerIndex]) });
  };

  // The Majilis: 69 list seats, 29 districts.
  const majilis = 'majilis' as BodyId;
  bodies.push({
    id: majilis,
    kind: 'majilis',
    name: {
      kk: 'Қазақстан Республикасы Парламентінің Мәжілісі',
      ru: 'Мажилис Парламента Республики Казахстан',
      en: 'Majilis of the Parliament of Kazakhstan',
    },
    regionId: null,
    territoryId: null,
    // 69 list seats (EL Art. 89) and a seat per district: 98 in 2023; a scaled country has more districts.
    seats: MAJILIS_LIST_SEATS + data.majilisSmd.length,
    listSeats: MAJILIS_LIST_SEATS,
    smdSeats: data.majilisSmd.length,
  });
  addListContest(
    majilis,
    'majilis/list' as ContestId,
    contestName('Majilis — party lists', 'Мәжіліс — партиялық тізімдер', 'Мажилис — партийные списки'),
    MAJILIS_LIST_SEATS,
    'kz-2023-majilis',
    PARTIES_2023.map((p) => p.id),
    null,
    'cec' as CommissionId,
    (party) => assertDefined(MAJILIS_LIST_LENGTHS[party]),
  );
  attach(stations, 'majilis/list' as ContestId);
  buildMajilisDistricts(data, random.fork('majilis-smd'), (number, iso, nominations, winnerIndex) => {
    const contestId = `majilis/smd-${String(number).padStart(2, '0')}` as ContestId;
    addSmdContest(
      majilis,
      contestId,
      number,
      contestName(
        `Majilis — single-member district No. ${number}`,
        `Мәжіліс — № ${number} бір мандатты округ`,
        `Мажилис — одномандатный округ № ${number}`,
      ),
      iso,
      nominations,
      winnerIndex,
      25,
    );
  });
  // Grouped once: a scaled country has ten times the regions and territories, and a filter for each is quadratic.
  const stationsByRegion = groupBy(stations, (plan) => plan.regionIso);
  const stationsByTerritory = groupBy(stations, (plan) => plan.station.territoryId);
  for (const region of data.regions) {
    const inRegion = stationsByRegion.get(region.iso) ?? [];
    const groups = contiguousGroups(inRegion, region.majilisSmd.length, (plan) => plan.registered);
    region.majilisSmd.forEach((number, index) =>
      attach(assertDefined(groups[index]), `majilis/smd-${String(number).padStart(2, '0')}` as ContestId),
    );
  }

  // Regional maslikhats: half list, half single-member districts.
  const maslikhatRandom = random.fork('maslikhat');
  for (const region of data.regions) {
    const bodyId = `${region.iso}/maslikhat` as BodyId;
    const { total, list } = region.regionalMaslikhat;
    bodies.push({
      id: bodyId,
      kind: 'regional-maslikhat',
      name: maslikhatName(region.name),
      regionId: region.iso as RegionId,
      territoryId: null,
      seats: total,
      listSeats: list,
      smdSeats: total - list,
    });
    const parties = regionalListParties(data, region, maslikhatRandom);
    const maximum = Math.ceil((list * 13) / 10);
    addListContest(
      bodyId,
      `${bodyId}/list` as ContestId,
      contestName(
        `${region.name.en} maslikhat — party lists`,
        `${region.name.kk} мәслихаты — партиялық тізімдер`,
        `${maslikhatName(region.name).ru} — партийные списки`,
      ),
      list,
      'kz-2023-maslikhat',
      parties,
      region.iso,
      `${region.iso}/rec` as CommissionId,
      (party) => (party === 'amanat' ? maximum : maslikhatRandom.integer(Math.max(3, Math.ceil(list / 2)), maximum)),
    );
    const inRegion = stationsByRegion.get(region.iso) ?? [];
    attach(inRegion, `${bodyId}/list` as ContestId);
    const groups = contiguousGroups(inRegion, total - list, (plan) => plan.registered);
    groups.forEach((group, index) => {
      const contestId = `${bodyId}/smd-${String(index + 1).padStart(2, '0')}` as ContestId;
      const { nominations, winnerIndex } = localNominations(maslikhatRandom, 2, 5);
      addSmdContest(
        bodyId,
        contestId,
        index + 1,
        contestName(
          `${region.name.en} maslikhat — district No. ${index + 1}`,
          `${region.name.kk} мәслихаты — № ${index + 1} округ`,
          `${maslikhatName(region.name).ru} — округ № ${index + 1}`,
        ),
        region.iso,
        nominations,
        winnerIndex,
        20,
      );
      attach(group, contestId);
    });
  }

  // City and district maslikhats: single-member districts only.
  for (const territory of territories) {
    const bodyId = `${territory.id}/maslikhat` as BodyId;
    const seats = assertDefined(seatsByTerritory.get(territory.id));
    bodies.push({
      id: bodyId,
      kind: territory.kind === 'city' ? 'city-maslikhat' : 'district-maslikhat',
      name: maslikhatName(territory.name),
      regionId: territory.regionId,
      territoryId: territory.id,
      seats,
      listSeats: 0,
      smdSeats: seats,
    });
    const inTerritory = stationsByTerritory.get(territory.id) ?? [];
    const groups = contiguousGroups(inTerritory, seats, (plan) => plan.registered);
    groups.forEach((group, index) => {
      const contestId = `${bodyId}/smd-${String(index + 1).padStart(2, '0')}` as ContestId;
      const { nominations, winnerIndex } = localNominations(maslikhatRandom, 2, 4);
      addSmdContest(
        bodyId,
        contestId,
        index + 1,
        contestName(
          `${territory.name.en} maslikhat — district No. ${index + 1}`,
          `${territory.name.kk} мәслихаты — № ${index + 1} округ`,
          `${maslikhatName(territory.name).ru} — округ № ${index + 1}`,
        ),
        territory.regionId,
        nominations,
        winnerIndex,
        20,
      );
      attach(group, contestId);
    });
  }

  const commissions = buildCommissions(regions, territories, stations, contests);
  const finalStations = stations.map((plan) => ({
    ...plan,
    station: { ...plan.station, contests: assertDefined(contestsOf.get(plan.station.id)) },
  }));
  const election: Election = {
    schemaVersion: 1,
    event: ELECTION_EVENT_2023,
    parties: [...PARTIES_2023],
    regions,
    territories,
    bodies,
    contests,
    candidates,
    commissions,
    stations: finalStations.map((plan) => plan.station),
  };
  return { election, stations: finalStations, smd, listParties, abroadRegistered, notes };
}

/**
 * Lists in a regional maslikhat: those published for Kostanay and Karaganda; elsewhere Amanat and four to six others.
 */
function regionalListParties(data: KzData, region: KzRegion, random: Prng): PartyId[] {
  const published = data.results[region.iso];
  const all = PARTIES_2023.map((party) => party.id);
  if (published !== undefined) return all.filter((id) => Object.hasOwn(published.votes, id));
  const others = random.shuffle(all.filter((id) => id !== 'amanat')).slice(0, random.integer(4, 6));
  return all.filter((id) => id === 'amanat' || others.includes(id));
}

/**
 * Nominations in a maslikhat district: usually an Amanat nominee who usually wins, other parties, the self-nominated.
 */
function localNominations(
  random: Prng,
  fewest: number,
  most: number,
): { nominations: (PartyId | 'public-association' | null)[]; winnerIndex: number } {
  const count = random.integer(fewest, most);
  const nominations: (PartyId | 'public-association' | null)[] = [];
  if (random.chance(0.85)) nominations.push('amanat' as PartyId);
  const others = random.shuffle(['auyl', 'respublica', 'qhp', 'baitaq', 'ak-zhol', 'osdp'] as PartyId[]);
  while (nominations.length < count) {
    const roll = random.next();
    nominations.push(roll < 0.45 ? (others.pop() ?? null) : roll < 0.5 ? 'public-association' : null);
  }
  const shuffled = random.shuffle(nominations);
  const amanat = shuffled.indexOf('amanat' as PartyId);
  const winnerIndex = amanat >= 0 && random.chance(0.82) ? amanat : random.integer(0, shuffled.length - 1);
  return { nominations: shuffled, winnerIndex };
}

/**
 * The 29 Majilis districts: 435 candidates, 359 self-nominated; winners 22 Amanat nominees and 7
 * self-nominated (docs/dataset.md §4.2), with the published nominations of the known winners.
 */
function buildMajilisDistricts(
  data: KzData,
  random: Prng,
  add: (number: number, iso: string, nominations: (PartyId | null)[], winnerIndex: number) => void,
): void {
  const districts = [...data.majilisSmd].sort((a, b) => a.number - b.number);
  // A scaled country (scale.ts) has its districts' candidates K times over.
  const copies = districts.length / MAJILIS_SMD_CANDIDATES_2023.districts;
  if (!Number.isInteger(copies)) throw new RangeError(`${districts.length} Majilis districts: not a copy of 2023's 29`);
  const allCandidates = MAJILIS_SMD_CANDIDATES_2023.all * copies;
  const selfNominated = MAJILIS_SMD_CANDIDATES_2023.selfNominated * copies;
  const known = districts.filter((d) => d.candidates !== null).reduce((sum, d) => sum + (d.candidates as number), 0);
  const unknown = districts.filter((d) => d.candidates === null);
  const spread = apportionBounded(
    allCandidates - known,
    unknown.map(() => random.lognormal(0.4)),
    unknown.map(() => 5),
    unknown.map(() => 25),
  );
  const counts = districts.map((d) => d.candidates ?? assertDefined(spread[unknown.indexOf(d)]));
  // Winners: the published nominations, then self-nominated winners up to 7 in districts chosen at random.
  const selfWinners = new Set(districts.filter((d) => d.winnerNomination === 'self-nominated').map((d) => d.number));
  const open = random.shuffle(districts.filter((d) => d.winnerNomination === null).map((d) => d.number));
  while (selfWinners.size < data.totals.smdWinnersByNomination.selfNominated)
    selfWinners.add(assertDefined(open.pop()));
  // 76 party nominations: Amanat in every district, 47 by the other six parties.
  const otherParties = ['auyl', 'respublica', 'qhp', 'baitaq', 'ak-zhol', 'osdp'] as PartyId[];
  const partyNominees = districts.map(() => [] as PartyId[]);
  let others = allCandidates - selfNominated - districts.length;
  while (others > 0) {
    const index = random.integer(0, districts.length - 1);
    const party = random.pick(otherParties);
    const list = assertDefined(partyNominees[index]);
    if (list.includes(party) || list.length + 2 > assertDefined(counts[index])) continue;
    list.push(party);
    others -= 1;
  }
  districts.forEach((district, index) => {
    const count = assertDefined(counts[index]);
    const nominations: (PartyId | null)[] = ['amanat' as PartyId, ...assertDefined(partyNominees[index])];
    while (nominations.length < count) nominations.push(null);
    const order = random.shuffle(nominations);
    const winnerIndex = selfWinners.has(district.number) ? order.indexOf(null) : order.indexOf('amanat' as PartyId);
    add(district.number, district.region, order, winnerIndex);
  });
}

function buildCommissions(
  regions: readonly Region[],
  territories: readonly Territory[],
  stations: readonly StationPlan[],
  contests: readonly Contest[],
): Commission[] {
  const commissions: Commission[] = [
    {
      id: 'cec' as CommissionId,
      level: 'central',
      parentId: null,
      name: {
        kk: 'Орталық сайлау комиссиясы',
        ru: 'Центральная избирательная комиссия',
        en: 'Central Election Commission',
      },
    },
  ];
  for (const region of regions) {
    commissions.push({
      id: `${region.id}/rec` as CommissionId,
      level: 'regional',
      parentId: 'cec' as CommissionId,
      name: {
        kk: `${region.name.kk} сайлау комиссиясы`,
        ru: `Избирательная комиссия: ${region.name.ru}`,
        en: `${region.name.en} election commission`,
      },
    });
  }
  for (const territory of territories) {
    commissions.push({
      id: `${territory.id}/tec` as CommissionId,
      level: 'territorial',
      parentId: `${territory.regionId}/rec` as CommissionId,
      name: {
        kk: `${territory.name.kk} аумақтық сайлау комиссиясы`,
        ru: `Территориальная избирательная комиссия: ${territory.name.ru}`,
        en: `${territory.name.en} territorial election commission`,
      },
    });
  }
  for (const contest of contests) {
    if (contest.kind !== 'smd') continue;
    const parent =
      contest.bodyId === 'majilis'
        ? 'cec'
        : contest.bodyId.split('/').length === 3
          ? `${contest.bodyId.split('/').slice(0, 2).join('/')}/tec`
          : `${contest.bodyId.split('/')[0]}/rec`;
    commissions.push({
      id: contest.commissionId,
      level: 'district',
      parentId: parent as CommissionId,
      name: {
        kk: `${contest.name.kk}: округтік сайлау комиссиясы`,
        ru: `${contest.name.ru}: окружная избирательная комиссия`,
        en: `${contest.name.en}: district election commission`,
      },
    });
  }
  for (const { station } of stations) {
    const parent =
      station.territoryId !== null
        ? `${station.territoryId}/tec`
        : station.regionId !== null
          ? `${station.regionId}/rec`
          : 'cec';
    const number = assertDefined(station.id.split('PS-')[1]);
    commissions.push({
      id: station.commissionId,
      level: 'precinct',
      parentId: parent as CommissionId,
      name: {
        kk: `№ ${number} учаскелік сайлау комиссиясы`,
        ru: `Участковая избирательная комиссия № ${number}`,
        en: `Precinct election commission No. ${number}`,
      },
    });
  }
  return commissions;
}
