import { groupBy } from '../model/group-by.ts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ballotProofHtml } from '../export/ballot-proof.ts';
import type { Election } from '../model/election.ts';
import { ballotsForStation } from '../registration/ballots.ts';
import { deputiesOfBody, depositsReport } from '../registration/deputies.ts';
import { takesBallotFromRegistry } from '../registration/effective-election.ts';
import { currentDecisions } from '../services/results-service.ts';
import { tallyFromTotals } from '../tally/tally-election.ts';
import { ApiError } from './api-error.ts';
import type { nominationsQuery } from './registration-schemas.ts';
import { candidateOf, candidatesOfContest, definedCandidateOf, nominationOf } from './registration-views.ts';
import { LATEST, sendCached, sha } from './routes/results-routes.ts';
import type { ServerContext } from './server-context.ts';

/**
 * The election's ids the registration routes look up, and who establishes each body's results: its list contest's
 * commission.
 */
export function registrationLookups(election: Election) {
  const contests = new Map(election.contests.map((contest) => [contest.id as string, contest]));
  const bodyCommission = new Map<string, string>();
  for (const contest of election.contests)
    if (contest.kind === 'list') bodyCommission.set(contest.bodyId, contest.commissionId);
  return {
    contests,
    bodyCommission,
    bodies: new Set(election.bodies.map((body) => body.id as string)),
    stations: new Set(election.stations.map((station) => station.id as string)),
  };
}

/**
 * The election's candidates by contest, in its order: for `context.derived`, shared by the site's pages and the
 * registration reads. A filter of them all per contest is quadratic (docs/scale.md).
 */
export function candidatesByContest(election: Election): ReadonlyMap<string, Election['candidates']> {
  return groupBy(election.candidates, (candidate): string => candidate.contestId);
}

/**
 * The election's contests by body, in its order: for `context.derived`, shared by the site's body pages and the
 * registration reads, rather than a search of them all per body.
 */
export function contestsByBody(election: Election): ReadonlyMap<string, Election['contests']> {
  return groupBy(election.contests, (contest): string => contest.bodyId);
}

/**
 * The public reads of registration (docs/registration.md) over the live registry and results: each refuses an id the
 * election does not have, and the heavier answers are cached per results snapshot and version of the registry (a
 * deposit depends on both).
 */
export function registrationReads(context: ServerContext) {
  const { store, live } = context;
  const lookups = () => context.derived(registrationLookups);
  const registry = () => live.registered.registry;

  const cache = new Map<string, { text: string; sha256: string }>();
  /** The answer under `key`, built once per snapshot and registry version, sent with its ETag. */
  const cached = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendCached>[1],
    key: string,
    build: () => unknown,
    contentType?: string,
  ) => {
    const full = `${live.current().sha256} ${live.registered.version} ${key}`;
    let entry = cache.get(full);
    if (entry === undefined) {
      const value = await build();
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      entry = { text, sha256: sha(text) };
      if (cache.size > 500) cache.clear();
      cache.set(full, entry);
    }
    return sendCached(request, reply, entry.text, entry.sha256, LATEST, contentType);
  };

  const knownStation = (stationId: string): void => {
    if (!lookups().stations.has(stationId))
      throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: stationId }, 'stationId');
  };
  const knownBody = (bodyId: string): void => {
    if (!lookups().bodies.has(bodyId)) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: bodyId }, 'bodyId');
  };

  const bodyTally = async (bodyId: string) => {
    const election = context.election;
    const contests = [...(context.derived(contestsByBody).get(bodyId) ?? [])];
    const totals = await store.contestTotalsOf(contests.map((contest) => contest.id));
    return tallyFromTotals({ election: { ...election, contests }, totals, decisions: await currentDecisions(store) });
  };

  return {
    cached,
    knownStation,
    knownBody,
    /** The commission whose decision a contest's registrations are, if the contest exists. */
    contestCommission: (contestId: string): string | undefined => lookups().contests.get(contestId)?.commissionId,
    /** The commission that establishes a body's results: the CEC unless a list contest says otherwise. */
    bodyCommission: (bodyId: string): string => lookups().bodyCommission.get(bodyId) ?? 'cec',

    /** A contest's candidates in ballot order: the registry's, or the definition's while none is registered. */
    candidates: (contestId: string) => {
      const contest = lookups().contests.get(contestId);
      if (contest === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: contestId }, 'contestId');
      return () => ({
        contest: {
          id: contest.id,
          kind: contest.kind,
          bodyId: contest.bodyId,
          commissionId: contest.commissionId,
          name: contest.name,
        },
        postponed: registry().postponed.get(contestId) ?? null,
        // A contest with no registered candidacy keeps the definition's candidates (src/registration/effective-
        // election.ts).
        candidates: !takesBallotFromRegistry(registry(), contestId)
          ? [...(context.derived(candidatesByContest).get(contestId) ?? [])]
              .sort((a, b) => (a.listPosition ?? 0) - (b.listPosition ?? 0))
              .map(definedCandidateOf)
          : candidatesOfContest(registry(), context.election, contestId).map(candidateOf),
      });
    },

    /** The nominations a query matches, newest last, the first `limit` of them shown. */
    nominations: (query: z.infer<typeof nominationsQuery>) => {
      const commissionOf = (contestId: string) => lookups().contests.get(contestId)?.commissionId;
      const matching = [...registry().nominations.values()].filter(
        (record) =>
          (query.contest === undefined || record.nomination.contestId === query.contest) &&
          (query.commission === undefined || commissionOf(record.nomination.contestId) === query.commission) &&
          (query.status === undefined || record.status === query.status),
      );
      return {
        total: matching.length,
        nominations: matching.slice(0, query.limit).map((record) => nominationOf(record, registry())),
      };
    },

    nomination: (nominationId: string) => {
      const record = registry().nominations.get(nominationId);
      if (record === undefined) throw new ApiError('NOMINATION_UNKNOWN', { id: nominationId }, 'nominationId');
      return nominationOf(record, registry());
    },

    ballots: (stationId: string) => ({ stationId, ballots: ballotsForStation(context.election, stationId) ?? [] }),

    ballotProof: (stationId: string, language: 'kk' | 'ru') =>
      ballotProofHtml({ stationId, ballots: ballotsForStation(context.election, stationId) ?? [], language }),

    deputies: async (bodyId: string) =>
      deputiesOfBody({ bodyId, election: context.election, tally: await bodyTally(bodyId), registry: registry() }),

    deposits: async (bodyId: string) => {
      const contests = new Set(
        (context.derived(contestsByBody).get(bodyId) ?? []).map((contest) => contest.id as string),
      );
      const lines = depositsReport({
        election: context.election,
        tally: await bodyTally(bodyId),
        registry: registry(),
      });
      return { bodyId, deposits: lines.filter((line) => contests.has(line.contestId)) };
    },

    /** A party's list mandates in a body as they stand: who holds them, who gave them up. */
    mandates: (bodyId: string, partyId: string) => {
      const record = registry().mandates.get(`${bodyId} ${partyId}`);
      return { bodyId, partyId, holders: [...(record?.holders ?? [])], vacated: [...(record?.vacated ?? [])] };
    },

    /** The party of a list mandate: the one given, else the list the candidate stood on. */
    partyOf: (candidateId: string, given: string | undefined): string =>
      given ?? registry().candidates.get(candidateId)?.nominatedBy ?? '',
  };
}

export type RegistrationReads = ReturnType<typeof registrationReads>;
