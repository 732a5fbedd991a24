import type { FastifyRequest } from 'fastify';
import { ballotProofHtml } from '../../export/ballot-proof.ts';
import { BALLOT_PROOF_CSP } from '../security-headers.ts';
import { formatMessage } from '../../i18n/messages.ts';
import { takesBallotFromRegistry } from '../../registration/effective-election.ts';
import type { Election } from '../../model/election.ts';
import { ballotsForStation } from '../../registration/ballots.ts';
import { deputiesOfBody, depositsReport } from '../../registration/deputies.ts';
import {
  changeMandate,
  chooseDeputies,
  registerNominations,
  submitNominations,
  withdrawCandidate,
} from '../../services/registration-service.ts';
import { currentDecisions } from '../../services/results-service.ts';
import { tallyFromTotals } from '../../tally/tally-election.ts';
import { parseBody } from '../api-schemas.ts';
import { ApiError } from '../api-error.ts';
import { asApiError, okOrApiError } from '../field-names.ts';
import {
  ballotsResponse,
  candidatesResponse,
  decisionsResponse,
  deputiesRequest,
  deputiesResponse,
  depositsResponse,
  fillRequest,
  mandateResponse,
  nominationRequest,
  nominationsImportRequest,
  nominationsImportResponse,
  nominationsQuery,
  nominationsResponse,
  nominationView,
  printQuery,
  registrationRequest,
  submittedResponse,
  vacancyRequest,
  withdrawalRequest,
  withdrawalResponse,
} from '../registration-schemas.ts';
import {
  candidateOf,
  candidatesOfContest,
  definedCandidateOf,
  nominationOf,
  refusalOf,
} from '../registration-views.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { AccountPrincipal, ServerContext } from '../server-context.ts';

import { LATEST, sendCached, sha } from './results-routes.ts';

/** What `changeMandate` is asked to do: a vacancy or its filling. */
type MandateChange = Parameters<typeof changeMandate>[0]['change'];

/**
 * Who establishes a body's results and so receives its parties' choice of deputies: the commission of its list contest.
 */
function commissionsOf(election: Election) {
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
 * Registration over HTTP (docs/registration.md), the same decisions as `saylau nominate | register |
 * withdraw | deputies`: public reads of candidates, nominations, ballots, deputies and deposits;
 * writes by the staff of the commission whose decision it is, signed with that commission's key.
 * A registration the commission refuses is a decision like any other (200, with the law's codes);
 * a request the registry cannot take is a coded refusal, and then nothing is journaled.
 */
export function registerRegistrationRoutes(
  routes: RouteRegistry,
  context: ServerContext,
  importBodyBytes: number,
): void {
  const { store, live } = context;
  const lookups = () => context.derived(commissionsOf);
  const registry = () => live.registered.registry;

  /** Only the staff of the commission concerned, or an administrator, may act. */
  const inScope = (principal: AccountPrincipal, commission: string): void => {
    if (principal.role === 'administrator' || principal.commission === commission) return;
    throw new ApiError('AUTH_WRONG_COMMISSION', { own: principal.commission ?? '—', commission });
  };
  const contestCommission = (contestId: string): string | undefined => lookups().contests.get(contestId)?.commissionId;
  const bodyCommission = (bodyId: string): string => lookups().bodyCommission.get(bodyId) ?? 'cec';
  /**
   * The write is in the registry; the answer goes once this process's election includes it, so the next read sees it.
   */
  const written = () => live.changed();
  /**
   * A registration made by a CLI or another process a moment ago is seen before a request is checked against the
   * registry.
   */
  const caughtUp = () => live.changed();

  // Answers cached per results snapshot and version of the election (a deposit depends on both).
  const cache = new Map<string, { text: string; sha256: string }>();
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

  const bodyTally = async (bodyId: string) => {
    const election = context.election;
    const contests = election.contests.filter((contest) => contest.bodyId === bodyId);
    const totals = await store.contestTotalsOf(contests.map((contest) => contest.id));
    return tallyFromTotals({ election: { ...election, contests }, totals, decisions: await currentDecisions(store) });
  };

  // ---- public reads

  routes.add(
    {
      method: 'GET',
      url: '/api/candidates/*',
      summary:
        "A contest's registered candidates in ballot order, with their nomination and status (/api/candidates/majilis/smd-01)",
      action: 'read-results',
      limited: false,
      response: candidatesResponse,
      responses: { 200: 'OK', 422: 'DATASET_UNKNOWN_REFERENCE' },
    },
    (request, reply) => {
      const contestId = (request.params as { '*': string })['*'];
      const contest = lookups().contests.get(contestId);
      if (contest === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: contestId }, 'contestId');
      return cached(request, reply, `candidates ${contestId}`, () => ({
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
          ? context.election.candidates
              .filter((candidate) => candidate.contestId === contestId)
              .sort((a, b) => (a.listPosition ?? 0) - (b.listPosition ?? 0))
              .map(definedCandidateOf)
          : candidatesOfContest(registry(), context.election, contestId).map(candidateOf),
      }));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/nominations',
      summary:
        'Nominations received, newest last, by contest, commission or status (?status=submitted: waiting for a decision)',
      action: 'read-results',
      query: nominationsQuery,
      response: nominationsResponse,
    },
    async (request) => {
      const query = parseBody(nominationsQuery, request.query);
      await caughtUp();
      const matching = [...registry().nominations.values()].filter(
        (record) =>
          (query.contest === undefined || record.nomination.contestId === query.contest) &&
          (query.commission === undefined || contestCommission(record.nomination.contestId) === query.commission) &&
          (query.status === undefined || record.status === query.status),
      );
      return {
        total: matching.length,
        nominations: matching.slice(0, query.limit).map((record) => nominationOf(record, registry())),
      };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/nominations/*',
      summary: 'One nomination: its candidates, status and, when refused, the coded reasons',
      action: 'read-results',
      response: nominationView,
      responses: { 200: 'OK', 422: 'NOMINATION_UNKNOWN' },
    },
    async (request) => {
      const nominationId = (request.params as { '*': string })['*'];
      await caughtUp();
      const record = registry().nominations.get(nominationId);
      if (record === undefined) throw new ApiError('NOMINATION_UNKNOWN', { id: nominationId }, 'nominationId');
      return nominationOf(record, registry());
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/ballots/*',
      summary: "A polling station's ballots: each contest's options in ballot order, then against all",
      action: 'read-results',
      limited: false,
      response: ballotsResponse,
      responses: { 200: 'OK', 422: 'DATASET_UNKNOWN_REFERENCE' },
    },
    (request, reply) => {
      const stationId = (request.params as { '*': string })['*'];
      if (!lookups().stations.has(stationId))
        throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: stationId }, 'stationId');
      return cached(request, reply, `ballots ${stationId}`, () => ({
        stationId,
        ballots: ballotsForStation(context.election, stationId) ?? [],
      }));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/ballots/print/*',
      summary:
        "Print-ready proofs of a station's ballots in Kazakh or Russian (?lang=kk|ru), one A5 page each: text/html",
      action: 'read-results',
      query: printQuery,
      responses: { 200: 'text/html; the proofs', 422: 'DATASET_UNKNOWN_REFERENCE' },
    },
    (request, reply) => {
      const stationId = (request.params as { '*': string })['*'];
      const { lang } = parseBody(printQuery, request.query);
      if (!lookups().stations.has(stationId))
        throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: stationId }, 'stationId');
      void reply.header('content-security-policy', BALLOT_PROOF_CSP);
      return cached(
        request,
        reply,
        `proof ${lang} ${stationId}`,
        () =>
          ballotProofHtml({ stationId, ballots: ballotsForStation(context.election, stationId) ?? [], language: lang }),
        'text/html; charset=utf-8',
      );
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/deputies/*',
      summary:
        "Who holds a body's seats: list mandates as the parties gave them (null until chosen), district seats as the votes did",
      action: 'read-results',
      limited: false,
      response: deputiesResponse,
      responses: { 200: 'OK', 422: 'DATASET_UNKNOWN_REFERENCE' },
    },
    (request, reply) => {
      const bodyId = (request.params as { '*': string })['*'];
      if (!lookups().bodies.has(bodyId)) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: bodyId }, 'bodyId');
      return cached(request, reply, `deputies ${bodyId}`, async () =>
        deputiesOfBody({ bodyId, election: context.election, tally: await bodyTally(bodyId), registry: registry() }),
      );
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/deposits/*',
      summary:
        "Each registered candidate's electoral deposit in a body's contests: returned (elected, ≥ 5 %, death) or kept; final once every station counted",
      action: 'read-results',
      limited: false,
      response: depositsResponse,
      responses: { 200: 'OK', 422: 'DATASET_UNKNOWN_REFERENCE' },
    },
    (request, reply) => {
      const bodyId = (request.params as { '*': string })['*'];
      if (!lookups().bodies.has(bodyId)) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: bodyId }, 'bodyId');
      return cached(request, reply, `deposits ${bodyId}`, async () => {
        const contests = new Set(
          context.election.contests
            .filter((contest) => contest.bodyId === bodyId)
            .map((contest) => contest.id as string),
        );
        const lines = depositsReport({
          election: context.election,
          tally: await bodyTally(bodyId),
          registry: registry(),
        });
        return { bodyId, deposits: lines.filter((line) => contests.has(line.contestId)) };
      });
    },
  );

  // ---- writes

  /** Each nomination's contest must be the sender's commission's; one that names none is the core's to refuse. */
  const nominationsInScope = (principal: AccountPrincipal, documents: readonly unknown[]): void => {
    for (const document of documents) {
      const contestId = (document as { contestId?: unknown } | null)?.contestId;
      const commission = typeof contestId === 'string' ? contestCommission(contestId) : undefined;
      if (commission !== undefined) inScope(principal, commission);
    }
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/nominations',
      summary:
        "A nomination received by the contest's commission (operators, chairs, administrators): checked for what makes it receivable and journaled, to be decided",
      action: 'nominate',
      body: nominationRequest,
      response: submittedResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'nominate');
      const { nomination } = parseBody(nominationRequest, request.body);
      nominationsInScope(principal, [nomination]);
      await caughtUp();
      const [outcome] = await submitNominations({
        store,
        definition: await live.registered.definition(),
        keyring: context.keys(),
        documents: [nomination],
      });
      if (outcome === undefined) throw new ApiError('INTERNAL_ERROR', { detail: 'no outcome' });
      okOrApiError(outcome.result);
      await written();
      return { id: outcome.id, status: 'submitted' as const };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/nominations/import',
      summary: 'Many nominations at once (up to 5,000), each received or refused with its code, as `saylau nominate`',
      action: 'nominate',
      body: nominationsImportRequest,
      bodyLimit: importBodyBytes,
      response: nominationsImportResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'nominate');
      const { nominations } = parseBody(nominationsImportRequest, request.body);
      // All of them the sender's, or none is taken.
      nominationsInScope(principal, nominations);
      await caughtUp();
      const outcomes = await submitNominations({
        store,
        definition: await live.registered.definition(),
        keyring: context.keys(),
        documents: nominations,
      });
      const language = context.language(request);
      const refusals = outcomes.flatMap(({ id, result }, index) => {
        if (result.ok) return [];
        // The field goes into the parameters too, as parseBody does: the messages of the input codes name it.
        const { code, params, field } = asApiError(result.error);
        return [{ index, id, code, message: formatMessage(code, language, params), params, field }];
      });
      if (refusals.length < outcomes.length) await written();
      return { submitted: outcomes.length - refusals.length, refused: refusals.length, refusals };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/registrations',
      summary:
        "The commission's decision on nominations (its chair, or an administrator): each registered, or refused with the law's codes",
      action: 'register',
      body: registrationRequest,
      response: decisionsResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'register');
      const body = parseBody(registrationRequest, request.body);
      await caughtUp();
      // What the registry cannot take refuses the whole request before anything is decided.
      for (const [index, nominationId] of body.nominationIds.entries()) {
        const record = registry().nominations.get(nominationId);
        if (record === undefined)
          throw new ApiError('NOMINATION_UNKNOWN', { id: nominationId }, `nominationIds[${index}]`);
        inScope(principal, contestCommission(record.nomination.contestId) ?? 'cec');
        if (record.status !== 'submitted')
          throw new ApiError(
            'NOMINATION_ALREADY_DECIDED',
            { id: nominationId, status: record.status },
            `nominationIds[${index}]`,
          );
      }
      if (new Set(body.nominationIds).size < body.nominationIds.length)
        throw new ApiError(
          'INPUT_DUPLICATE_ID',
          { id: body.nominationIds.find((id, index) => body.nominationIds.indexOf(id) !== index) ?? '' },
          'nominationIds',
        );
      // The deadlines and the deposit are the law's; another calendar (a postponed district's) is an administrator's
      // act, journaled with each decision.
      if (principal.role !== 'administrator' && (body.calendar !== undefined || body.minimumWage !== undefined))
        throw new ApiError(
          'REGISTRATION_OVERRIDE_FORBIDDEN',
          {},
          body.calendar === undefined ? 'minimumWage' : 'calendar',
        );
      const outcomes = await registerNominations({
        store,
        definition: await live.registered.definition(),
        keyring: context.keys(),
        nominationIds: body.nominationIds,
        decidedAt: body.decidedAt,
        ...(body.calendar === undefined ? {} : { calendar: body.calendar }),
        ...(body.minimumWage === undefined ? {} : { minimumWage: body.minimumWage }),
      });
      await written();
      return {
        decisions: outcomes.map(({ id, result }) =>
          result.ok
            ? {
                nominationId: id,
                outcome: (result.value.registered?.length ?? 0) > 0 ? ('registered' as const) : ('refused' as const),
                registered: [...(result.value.registered ?? [])],
                refusals: (result.value.refusals ?? []).map((r) => refusalOf({ ...r, code: r.code })),
              }
            : {
                nominationId: id,
                outcome: 'not-decided' as const,
                registered: [],
                refusals: [],
                code: result.error.code,
              },
        ),
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/withdrawals',
      summary:
        "A candidate withdrawn, deregistered or deceased (the chair of the contest's commission, or an administrator); a district left with nobody is postponed",
      action: 'withdraw',
      body: withdrawalRequest,
      response: withdrawalResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'withdraw');
      const { calendar, ...withdrawal } = parseBody(withdrawalRequest, request.body);
      if (principal.role !== 'administrator' && calendar !== undefined)
        throw new ApiError('REGISTRATION_OVERRIDE_FORBIDDEN', {}, 'calendar');
      await caughtUp();
      const record = registry().candidates.get(withdrawal.candidateId);
      // An unknown candidate is the core's to refuse (CANDIDATE_NOT_REGISTERED): it names no commission.
      if (record !== undefined) inScope(principal, contestCommission(record.contestId) ?? 'cec');
      // The scope is checked again under the lock, in case the candidate was registered a moment ago by another
      // process.
      const actingFor = principal.role === 'administrator' ? undefined : (principal.commission ?? '');
      const outcome = await withdrawCandidate({
        store,
        definition: await live.registered.definition(),
        keyring: context.keys(),
        withdrawal,
        ...(calendar === undefined ? {} : { calendar }),
        ...(actingFor === undefined ? {} : { actingFor }),
      });
      const { postponed } = okOrApiError(outcome.result);
      await written();
      return { candidateId: withdrawal.candidateId, status: withdrawal.kind, postponed: postponed ?? null };
    },
  );

  const mandates = (bodyId: string, partyId: string) => {
    const record = registry().mandates.get(`${bodyId} ${partyId}`);
    return { bodyId, partyId, holders: [...(record?.holders ?? [])], vacated: [...(record?.vacated ?? [])] };
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/deputies',
      summary:
        "A party's choice of deputies for the list seats it won, entered by the chair of the commission establishing the body's results (the CEC for the Majilis) or an administrator",
      action: 'choose-deputies',
      body: deputiesRequest,
      response: mandateResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'choose-deputies');
      const choice = parseBody(deputiesRequest, request.body);
      if (!lookups().bodies.has(choice.bodyId))
        throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: choice.bodyId }, 'bodyId');
      inScope(principal, bodyCommission(choice.bodyId));
      await caughtUp();
      const outcome = await chooseDeputies({
        store,
        definition: await live.registered.definition(),
        election: context.election,
        keyring: context.keys(),
        choice,
      });
      okOrApiError(outcome.result);
      await written();
      return mandates(choice.bodyId, choice.partyId);
    },
  );

  /** The party of a list mandate: the one given, else the list the candidate stood on. */
  const partyOf = (candidateId: string, given: string | undefined): string =>
    given ?? registry().candidates.get(candidateId)?.nominatedBy ?? '';

  /** A vacancy or its filling by the body's commission: one service call, then the body's mandates as they stand. */
  const mandateChanged = async (
    request: FastifyRequest,
    body: { readonly bodyId: string; readonly candidateId: string; readonly partyId?: string | undefined },
    change: (partyId: string) => MandateChange,
  ) => {
    const principal = await context.account(request, 'choose-deputies');
    if (!lookups().bodies.has(body.bodyId))
      throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: body.bodyId }, 'bodyId');
    inScope(principal, bodyCommission(body.bodyId));
    await caughtUp();
    const partyId = partyOf(body.candidateId, body.partyId);
    const outcome = await changeMandate({
      store,
      definition: await live.registered.definition(),
      keyring: context.keys(),
      change: change(partyId),
    });
    okOrApiError(outcome.result);
    await written();
    return mandates(body.bodyId, partyId);
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/mandates/vacancies',
      summary: 'A list mandate given up (resignation, death): it becomes a vacancy of the party',
      action: 'choose-deputies',
      body: vacancyRequest,
      response: mandateResponse,
    },
    async (request) => {
      const body = parseBody(vacancyRequest, request.body);
      return mandateChanged(request, body, (partyId) => ({ kind: 'vacate', ...body, partyId }));
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/mandates/fills',
      summary: 'A vacancy filled by another candidate of the same list, chosen by the party',
      action: 'choose-deputies',
      body: fillRequest,
      response: mandateResponse,
    },
    async (request) => {
      const body = parseBody(fillRequest, request.body);
      return mandateChanged(request, body, (partyId) => ({ kind: 'fill', ...body, partyId }));
    },
  );
}
