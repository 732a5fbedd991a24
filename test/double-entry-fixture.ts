import { type Election, electionSchema } from '../src/model/election.ts';
import { type Protocol, protocolSchema } from '../src/model/protocol.ts';
import type { Actor } from '../src/tally/entry-authority.ts';

/**
 * A tiny election for double entry: one region with two territorial commissions, a station under
 * each, and one list contest of two parties. HOME_STATION is under HOME's commission, and the
 * region's commission is above both.
 */
const names = (en: string) => ({ kk: en, ru: en, en });

export const REGION = 'KZ-01/rec';
export const HOME = 'KZ-01/C01/tec';
export const ELSEWHERE = 'KZ-01/D02/tec';
export const HOME_STATION = 'KZ-01/PS-0001';
export const OTHER_STATION = 'KZ-01/PS-0002';
export const CONTEST = 'majilis/list';

export const tinyElection: Election = electionSchema.parse({
  schemaVersion: 1,
  event: { id: 'tiny-2023', name: names('A tiny election'), date: '2023-03-19' },
  parties: [
    { id: 'alpha', name: names('Alpha'), registrationOrder: 1, ballotOrder: 1, colour: '#112233' },
    { id: 'beta', name: names('Beta'), registrationOrder: 2, ballotOrder: 2, colour: '#445566' },
  ],
  regions: [{ id: 'KZ-01', kind: 'oblast', name: names('Region'), centre: names('Centre') }],
  territories: [
    { id: 'KZ-01/C01', regionId: 'KZ-01', kind: 'city', name: names('City') },
    { id: 'KZ-01/D02', regionId: 'KZ-01', kind: 'district', name: names('District') },
  ],
  bodies: [
    {
      id: 'majilis',
      kind: 'majilis',
      name: names('Majilis'),
      regionId: null,
      territoryId: null,
      seats: 2,
      listSeats: 2,
      smdSeats: 0,
    },
  ],
  contests: [
    {
      kind: 'list',
      id: CONTEST,
      bodyId: 'majilis',
      name: names('Majilis, party lists'),
      seats: 2,
      rules: 'kz-2023-majilis',
      options: [
        { kind: 'list', id: 'alpha', listSize: 2 },
        { kind: 'list', id: 'beta', listSize: 2 },
      ],
      againstAll: true,
      commissionId: 'cec',
    },
  ],
  candidates: [],
  commissions: [
    { id: 'cec', level: 'central', parentId: null, name: names('CEC') },
    { id: REGION, level: 'regional', parentId: 'cec', name: names('Regional commission') },
    { id: HOME, level: 'territorial', parentId: REGION, name: names('City commission') },
    { id: ELSEWHERE, level: 'territorial', parentId: REGION, name: names('District commission') },
    { id: `${HOME_STATION}/pec`, level: 'precinct', parentId: HOME, name: names('Precinct 1') },
    { id: `${OTHER_STATION}/pec`, level: 'precinct', parentId: ELSEWHERE, name: names('Precinct 2') },
  ],
  stations: [
    {
      id: HOME_STATION,
      regionId: 'KZ-01',
      territoryId: 'KZ-01/C01',
      setting: 'urban',
      contests: [CONTEST],
      commissionId: `${HOME_STATION}/pec`,
    },
    {
      id: OTHER_STATION,
      regionId: 'KZ-01',
      territoryId: 'KZ-01/D02',
      setting: 'rural',
      contests: [CONTEST],
      commissionId: `${OTHER_STATION}/pec`,
    },
  ],
});

export const parents: ReadonlyMap<string, string | null> = new Map(
  tinyElection.commissions.map((c) => [c.id as string, c.parentId as string | null]),
);

/**
 * A protocol of the home station that holds every control relation: 60 ballots found, of which
 * `invalid` invalid, 3 against all and the rest split between the parties (alpha gets `alpha`).
 */
export function protocolOf({
  version = 1,
  alpha = 30,
  invalid = 2,
  stationId = HOME_STATION,
}: { version?: number; alpha?: number; invalid?: number; stationId?: string } = {}): Protocol {
  return protocolSchema.parse({
    stationId,
    contestId: CONTEST,
    version,
    lines: {
      votersOnList: 100,
      ballotsReceived: 100,
      issuedInPremises: 60,
      issuedOutside: 0,
      absentee: 0,
      cancelled: 40,
      foundStationary: 60,
      foundMobile: 0,
      invalid,
      againstAll: 3,
      lost: 0,
      unaccounted: 0,
    },
    votes: { alpha, beta: 60 - invalid - 3 - alpha },
  });
}

export const actor = (fingerprint: string, role: string, commission: string | null): Actor => ({
  fingerprint,
  role,
  commission,
});

/** The people of the tests: two operators and the chair of HOME, the region's chair, and people who may not enter. */
export const people = {
  first: actor('fp-op-1', 'operator', HOME),
  second: actor('fp-op-2', 'operator', HOME),
  chair: actor('fp-chair', 'chair', HOME),
  regionChair: actor('fp-region-chair', 'chair', REGION),
  outsider: actor('fp-op-x', 'operator', ELSEWHERE),
  outsideChair: actor('fp-chair-x', 'chair', ELSEWHERE),
  observer: actor('fp-observer', 'observer', null),
  administrator: actor('fp-admin', 'administrator', null),
} as const;
