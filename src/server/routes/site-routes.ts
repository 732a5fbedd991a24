import { stepText } from '../../i18n/allocation-steps.ts';
import { LANGUAGES } from '../../i18n/language.ts';
import { journalPayloadSchemas } from '../../journal/events.ts';
import { allocationToJson } from '../../law/allocation-json.ts';
import { assertDefined } from '../../law/assert.ts';
import { toJsonForm } from '../../law/json-form.ts';
import type { Election } from '../../model/election.ts';
import type { Protocol } from '../../model/protocol.ts';
import { currentDecisions } from '../../services/results-service.ts';
import { addProtocol, emptyTotals, type Totals } from '../../tally/aggregate.ts';
import { tallyFromTotals } from '../../tally/tally-election.ts';
import { turnoutOf } from '../../tally/turnout.ts';
import { sumTurnout, TURNOUT_CONTEST, isTurnoutKey, turnoutRecordOf } from '../../tally/turnout-day.ts';
import { TURNOUT_HOURS } from '../../model/turnout-report.ts';
import { ApiError } from '../api-error.ts';
import type { RouteRegistry } from '../route-registry.ts';
import {
  bodyPageResponse,
  cecKeyResponse,
  contestPageResponse,
  overviewResponse,
  regionPageResponse,
  regionsResponse,
  stationPageResponse,
  turnoutDayResponse,
} from '../site-schemas.ts';
import { candidatesByContest, contestsByBody } from '../registration-reads.ts';
import type { ServerContext } from '../server-context.ts';
import { LATEST, sendCached, sha } from './results-routes.ts';

const parsed = (json: string | undefined): unknown => (json === undefined ? null : (JSON.parse(json) as unknown));
const byId = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The turnout of a contest's result as the live results hold it; null before anything is counted. */
const turnoutOfResult = (result: unknown) =>
  result === null ? null : turnoutOf((result as { totals: { lines: Record<string, number | string> } }).totals.lines);

/** What a page needs of a district candidate. */
const candidateCard = ({ id, contestId, name, nomination, nominatedBy, status }: Election['candidates'][number]) => ({
  id,
  contestId,
  name,
  nomination,
  nominatedBy,
  status,
});

/** The site's lookups of one version of the election (registration swaps it: server-context.ts). */
function indexOf(election: Election) {
  const regionsOf = new Map<string, Set<string>>();
  for (const station of election.stations)
    for (const contestId of station.contests)
      if (station.regionId !== null)
        regionsOf.set(contestId, (regionsOf.get(contestId) ?? new Set()).add(station.regionId));
  return {
    /** The regions whose stations issue each contest's ballot, in order. */
    regionsOf: new Map([...regionsOf].map(([contestId, regions]) => [contestId, [...regions].sort()])),
    bodies: new Map(election.bodies.map((body) => [body.id as string, body])),
    contestsById: new Map(election.contests.map((contest) => [contest.id as string, contest])),
    stationsById: new Map(election.stations.map((station) => [station.id as string, station])),
    regionIds: new Set(election.regions.map((region) => region.id as string)),
  };
}

/**
 * What the public site reads, in pieces small enough for a phone: the election's outline, one
 * body with its contests and candidates, the regions for the map, one region's territories and
 * stations, and the steps of one allocation. Each is cached for the current results.
 */
export function registerSiteRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { live, store } = context;
  const index = () => context.derived(indexOf);
  // Registration changes options and candidates, never the event, parties, regions or bodies.
  const election = context.election;

  const overview = JSON.stringify({
    event: election.event,
    parties: election.parties,
    regions: election.regions,
    territories: election.territories,
    bodies: election.bodies,
  });
  const overviewSha = sha(overview);
  routes.add(
    {
      method: 'GET',
      url: '/api/site/overview',
      summary: "The election's outline: event, parties with colours, regions, territories, bodies",
      action: 'read-results',
      limited: false,
      response: overviewResponse,
    },
    (request, reply) => Promise.resolve(sendCached(request, reply, overview, overviewSha, LATEST)),
  );

  /** Cached per results snapshot: recomputed only when the results change. */
  const cache = new Map<string, { text: string; sha256: string }>();
  const cached = (key: string, build: () => unknown): Promise<{ text: string; sha256: string }> => {
    const full = `${live.current().sha256} ${live.registered.version} ${key}`;
    const hit = cache.get(full);
    if (hit !== undefined) return Promise.resolve(hit);
    return Promise.resolve(build()).then((value) => {
      const text = JSON.stringify(toJsonForm(value));
      const entry = { text, sha256: sha(text) };
      if (cache.size > 500) cache.clear();
      cache.set(full, entry);
      return entry;
    });
  };

  routes.add(
    {
      method: 'GET',
      url: '/api/site/bodies/*',
      summary:
        'One body (the Majilis or a maslikhat): its definition, result, contests with their results, and its district candidates',
      action: 'read-results',
      limited: false,
      response: bodyPageResponse,
    },
    async (request, reply) => {
      const bodyId = (request.params as { '*': string })['*'];
      const { bodies } = index();
      const candidatesOf = context.derived(candidatesByContest);
      const contestsOfBody = context.derived(contestsByBody);
      const body = bodies.get(bodyId);
      if (body === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: bodyId }, 'bodyId');
      const entry = await cached(`body ${bodyId}`, () => {
        const contests = contestsOfBody.get(bodyId) ?? [];
        return {
          body,
          result: parsed(live.body(bodyId)),
          contests: contests.map((contest) => {
            const result = parsed(live.contest(contest.id));
            return { contest, result, turnout: turnoutOfResult(result) };
          }),
          candidates: contests
            .filter((contest) => contest.kind === 'smd')
            .flatMap((contest) => (candidatesOf.get(contest.id) ?? []).map(candidateCard)),
        };
      });
      return sendCached(request, reply, entry.text, entry.sha256, LATEST);
    },
  );

  /** Sums of one contest's protocols per group of stations (regions, or one region's territories). */
  const sums = (contestId: string, groupOf: (station: Election['stations'][number]) => string | null) => {
    const options =
      index()
        .contestsById.get(contestId)
        ?.options.map((o) => o.id) ?? [];
    const groups = new Map<string, { totals: Totals; expected: number }>();
    for (const station of context.election.stations) {
      const group = groupOf(station);
      if (group === null || !station.contests.includes(contestId as never)) continue;
      let entry = groups.get(group);
      if (entry === undefined) groups.set(group, (entry = { totals: emptyTotals(options), expected: 0 }));
      entry.expected += 1;
      for (const protocol of live.stationProtocols(station.id, [contestId])) addProtocol(entry.totals, protocol);
    }
    return Object.fromEntries(
      [...groups].sort(byId).map(([id, { totals, expected }]) => [
        id,
        {
          stationsCounted: totals.stations,
          stationsExpected: expected,
          lines: totals.lines,
          votes: totals.votes,
          turnout: turnoutOf(totals.lines),
        },
      ]),
    );
  };

  routes.add(
    {
      method: 'GET',
      url: '/api/site/regions',
      summary: 'For the map: the Majilis list votes and protocol lines of each region, summed from its stations',
      action: 'read-results',
      limited: false,
      response: regionsResponse,
    },
    async (request, reply) => {
      const entry = await cached('regions', () => ({
        contestId: 'majilis/list',
        regions: sums('majilis/list', (station) => station.regionId),
      }));
      return sendCached(request, reply, entry.text, entry.sha256, LATEST);
    },
  );

  /** Turnout through the day, summed again when the journal's head moves (after any append), not per request. */
  let turnoutDay: { seq: number; text: string; sha256: string } | undefined;
  routes.add(
    {
      method: 'GET',
      url: '/api/site/turnout',
      summary:
        'Turnout through election day: the share of voters who had received a ballot by each hour, nationally and by region',
      action: 'read-results',
      limited: false,
      response: turnoutDayResponse,
    },
    async (request, reply) => {
      const { seq } = await store.journalHead();
      if (turnoutDay?.seq !== seq) {
        const regionOf = new Map(context.election.stations.map((station) => [station.id as string, station.regionId]));
        const reports = [...(await store.storedText('election_day'))].flatMap(([key, text]) =>
          isTurnoutKey(key) ? [turnoutRecordOf(text).report] : [],
        );
        // Only the election's stations: the journal's are (verify checks it), and a sum should not have to trust that.
        const sums = sumTurnout(
          reports.filter((report) => regionOf.has(report.stationId)),
          (stationId) => regionOf.get(stationId) ?? undefined,
        );
        const text = JSON.stringify(
          toJsonForm({
            hours: TURNOUT_HOURS,
            stationsExpected: context.election.stations.filter((station) =>
              station.contests.some((id) => id === TURNOUT_CONTEST),
            ).length,
            national: assertDefined(sums.get('')),
            regions: Object.fromEntries([...sums].filter(([area]) => area !== '').sort(byId)),
            previous: context.previousTurnout,
          }),
        );
        turnoutDay = { seq, text, sha256: sha(text) };
      }
      return sendCached(request, reply, turnoutDay.text, turnoutDay.sha256, LATEST);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/site/regions/:regionId',
      summary:
        'One region: the Majilis list sums of its territories and the list of its stations with the protocols counted',
      action: 'read-results',
      limited: false,
      response: regionPageResponse,
    },
    async (request, reply) => {
      const regionId = (request.params as { regionId: string }).regionId;
      if (!index().regionIds.has(regionId))
        throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: regionId }, 'regionId');
      const entry = await cached(`region ${regionId}`, () => {
        const stations = context.election.stations.filter((station) => station.regionId === regionId);
        return {
          regionId,
          contestId: 'majilis/list',
          totals: sums('majilis/list', (station) => (station.regionId === regionId ? regionId : null))[regionId] ?? {
            stationsCounted: 0,
            stationsExpected: 0,
            lines: emptyTotals([]).lines,
            votes: {},
            turnout: turnoutOf({}),
          },
          territories: sums('majilis/list', (station) =>
            station.regionId === regionId ? (station.territoryId ?? regionId) : null,
          ),
          stations: stations.map((station) => ({
            id: station.id,
            territoryId: station.territoryId,
            setting: station.setting,
            contests: station.contests.length,
            counted: live.stationProtocols(station.id, station.contests).length,
          })),
        };
      });
      return sendCached(request, reply, entry.text, entry.sha256, LATEST);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/site/contests/*',
      summary:
        'One contest: its definition, candidates or parties, result, and for a list contest every step of the seat allocation',
      action: 'read-results',
      limited: false,
      response: contestPageResponse,
    },
    async (request, reply) => {
      const contestId = (request.params as { '*': string })['*'];
      const { contestsById, regionsOf, bodies } = index();
      const candidatesOf = context.derived(candidatesByContest);
      const contest = contestsById.get(contestId);
      if (contest === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: contestId }, 'contestId');
      const entry = await cached(`contest ${contestId}`, async () => {
        const totals = await store.contestTotalsOf([contestId]);
        const tally = tallyFromTotals({
          // Its body alone: the election's every body, for each of its contests, would be quadratic (docs/scale.md).
          election: {
            ...context.election,
            contests: [contest],
            bodies: [bodies.get(contest.bodyId)].filter((body) => body !== undefined),
          },
          totals,
          decisions: await currentDecisions(store),
        });
        const result = tally.contests[0];
        const liveResult = parsed(live.contest(contestId));
        return {
          contest,
          candidates: candidatesOf.get(contestId)?.filter(() => contest.kind === 'smd') ?? [],
          result: liveResult,
          turnout: turnoutOfResult(liveResult),
          regions: regionsOf.get(contestId) ?? [],
          allocation: result?.kind === 'list' ? allocationToJson(result.allocation) : null,
          // Each step as a sentence, as `saylau allocate` prints it, in every language.
          steps:
            result?.kind === 'list'
              ? Object.fromEntries(
                  LANGUAGES.map((language) => [
                    language,
                    result.allocation.steps.map((step) => stepText(step, language)),
                  ]),
                )
              : null,
        };
      });
      return sendCached(request, reply, entry.text, entry.sha256, LATEST);
    },
  );

  // The station page needs the names of what is on each of its ballots.
  routes.add(
    {
      method: 'GET',
      url: '/api/site/stations/*',
      summary:
        'One polling station with the definitions of its contests (options and candidates), for its page and the entry form',
      action: 'read-results',
      limited: false,
      response: stationPageResponse,
    },
    async (request, reply) => {
      const stationId = (request.params as { '*': string })['*'];
      const { stationsById, contestsById } = index();
      const candidatesOf = context.derived(candidatesByContest);
      const station = stationsById.get(stationId);
      if (station === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: stationId }, 'stationId');
      const entry = await cached(`station ${stationId}`, () => {
        const protocols = live.stationProtocols(station.id, station.contests) satisfies Protocol[];
        return {
          station,
          contests: station.contests.map((id) => {
            const contest = contestsById.get(id);
            const protocol = protocols.find((p) => p.contestId === id);
            return {
              contest,
              candidates: contest?.kind === 'smd' ? (candidatesOf.get(id) ?? []).map(candidateCard) : [],
              turnout: protocol === undefined ? null : turnoutOf(protocol.lines),
            };
          }),
          protocols,
        };
      });
      return sendCached(request, reply, entry.text, entry.sha256, LATEST);
    },
  );

  // The root of trust never changes once the journal has begun, so it is read once.
  let cecKey: Promise<{ text: string; sha256: string }> | undefined;
  routes.add(
    {
      method: 'GET',
      url: '/api/site/cec-key',
      summary:
        "The CEC's public key and its fingerprint, as the journal's first entry registers it: what `saylau verify --trust` pins",
      action: 'read-results',
      limited: false,
      response: cecKeyResponse,
    },
    async (request, reply) => {
      cecKey ??= store.eventsAfter(0, 1).then(([root]) => {
        const registered = journalPayloadSchemas['key-registered'].safeParse(root?.payload);
        if (root?.type !== 'key-registered' || !registered.success) throw new ApiError('STORE_NOT_INITIALISED');
        // verify compares --trust with the root entry's signer (src/verify/verify-bundle.ts, "trust root").
        const { holder, publicKey } = registered.data;
        const text = JSON.stringify({ holder, fingerprint: root.actor, publicKey });
        return { text, sha256: sha(text) };
      });
      const entry = await cecKey.catch((error: unknown) => {
        cecKey = undefined;
        throw error;
      });
      return sendCached(request, reply, entry.text, entry.sha256, LATEST);
    },
  );
}
