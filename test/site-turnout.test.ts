import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../src/model/protocol.ts';
import type { SaylauServer } from '../src/server/app.ts';
import {
  bodyPageResponse,
  contestPageResponse,
  regionPageResponse,
  regionsResponse,
  stationPageResponse,
} from '../src/server/site-schemas.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import type { Store } from '../src/store/store.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { testServer } from './server-harness.ts';
import { engines } from './store-engines.ts';
import type { z } from 'zod';
import { importerSigner } from './fixtures/test-keys.ts';

const { dataset } = tinyElection();
const stationsById = new Map(dataset.election.stations.map((station) => [station.id as string, station]));
/** Every protocol but those of one station: the count is under way. */
const held = TINY.districtStations[1];
const counted = dataset.protocols.filter((protocol) => protocol.stationId !== held);

/** Participation as the test reads docs/protocol-checks.md: lines 1, 3 + 4 and 7 + 8, summed by hand. */
function expectedTurnout(protocols: readonly Protocol[]) {
  let votersOnList = 0;
  let ballotsIssued = 0;
  let ballotsCast = 0;
  for (const { lines } of protocols) {
    votersOnList += lines.votersOnList;
    ballotsIssued += lines.issuedInPremises + lines.issuedOutside;
    ballotsCast += lines.foundStationary + lines.foundMobile;
  }
  return { votersOnList, ballotsIssued, ballotsCast };
}

const of = (contestId: string, where: (protocol: Protocol) => boolean = () => true) =>
  expectedTurnout(counted.filter((protocol) => protocol.contestId === contestId && where(protocol)));
const inRegion = (regionId: string) => (protocol: Protocol) =>
  stationsById.get(protocol.stationId)?.regionId === regionId;

describe.each(engines())('turnout on the site answers ($name)', (engine) => {
  let server: SaylauServer;
  let store: Store;
  beforeAll(async () => {
    const prepared = await testServer(engine, []);
    ({ server, store } = prepared);
    await ingestProtocols({
      store,
      election: dataset.election,
      documents: counted,
      signer: importerSigner(prepared.keyring),
    });
    await server.live.changed();
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  const get = async <T>(schema: z.ZodType<T>, url: string): Promise<T> => {
    const response = await server.app.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    return schema.parse(response.json());
  };

  it('the national page: voters on the list, ballots issued and cast of each contest', async () => {
    const page = await get(bodyPageResponse, '/api/site/bodies/majilis');
    const list = page.contests.find(({ contest }) => contest.id === TINY.majilisList);
    expect(list?.turnout).toEqual(of(TINY.majilisList));
    const district = page.contests.find(({ contest }) => contest.id === TINY.majilisDistrict);
    expect(district?.turnout).toEqual(of(TINY.majilisDistrict));
    expect(of(TINY.majilisList).ballotsIssued).toBeGreaterThan(0);
  });

  it('the map and a region: each region, the region as a whole and each of its territories', async () => {
    const map = await get(regionsResponse, '/api/site/regions');
    expect(map.regions[TINY.region]?.turnout).toEqual(of(TINY.majilisList, inRegion(TINY.region)));
    const region = await get(regionPageResponse, `/api/site/regions/${TINY.region}`);
    expect(region.totals.turnout).toEqual(of(TINY.majilisList, inRegion(TINY.region)));
    expect(region.totals.stationsExpected).toBe(
      dataset.election.stations.filter((station) => station.regionId === TINY.region).length,
    );
    expect(region.territories[TINY.districtTerritory]?.turnout).toEqual(
      of(TINY.majilisList, (protocol) => stationsById.get(protocol.stationId)?.territoryId === TINY.districtTerritory),
    );
  });

  it('a district contest: its turnout and the regions it lies in', async () => {
    const page = await get(contestPageResponse, `/api/site/contests/${TINY.majilisDistrict}`);
    expect(page.turnout).toEqual(of(TINY.majilisDistrict));
    const regions = new Set(
      dataset.election.stations
        .filter((station) => station.contests.includes(TINY.majilisDistrict as never))
        .map((station) => station.regionId),
    );
    expect(page.regions).toEqual([...regions].sort());
  });

  it('a station: the turnout of each counted contest, none for one not counted', async () => {
    const station = TINY.districtStations[0];
    const page = await get(stationPageResponse, `/api/site/stations/${station}`);
    for (const { contest, turnout } of page.contests)
      expect(turnout).toEqual(of(contest.id, (protocol) => protocol.stationId === station));
    const heldPage = await get(stationPageResponse, `/api/site/stations/${held}`);
    expect(heldPage.contests.map(({ turnout }) => turnout)).toEqual(heldPage.contests.map(() => null));
  });
});
