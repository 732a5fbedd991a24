import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ActSigner } from '../../journal/act.ts';
import { assertDefined } from '../../law/assert.ts';
import type { CodedRefusal } from '../../model/refusal.ts';
import { ok, type Result } from '../../model/result.ts';
import { type ActToSign, type Signed, toSignResponse } from '../act-signing.ts';
import type { AccountPrincipal } from '../server-context.ts';
import { formatMessage } from '../../i18n/messages.ts';
import {
  changeMandate,
  chooseDeputies,
  registerNominations,
  submitNominations,
  withdrawCandidate,
} from '../../services/registration-service.ts';
import { parseBody } from '../api-schemas.ts';
import { ApiError } from '../api-error.ts';
import { asApiError, okOrApiError } from '../field-names.ts';
import { registrationReads } from '../registration-reads.ts';
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
import { registrationScope } from '../registration-scope.ts';
import { refusalOf } from '../registration-views.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';
import { BALLOT_PROOF_CSP } from '../security-headers.ts';

/** What `changeMandate` is asked to do: a vacancy or its filling. */
type MandateChange = Parameters<typeof changeMandate>[0]['change'];

/** The id a wildcard route is about: `/api/candidates/majilis/smd-01` → `majilis/smd-01`. */
const wildcard = (request: FastifyRequest): string => (request.params as { '*': string })['*'];

/**
 * Registration over HTTP (docs/registration.md), the same decisions as `saylau nominate | register |
 * withdraw | deputies`: public reads of candidates, nominations, ballots, deputies and deposits
 * (src/server/registration-reads.ts); writes by the staff of the commission whose decision it is
 * (src/server/registration-scope.ts), signed with that commission's key. A registration the
 * commission refuses is a decision like any other (200, with the law's codes); a request the
 * registry cannot take is a coded refusal, and then nothing is journaled.
 */
/** The signer's refusals (act-signing.ts): they refuse a request whole, not one document of it. */
const SIGNER_REFUSALS: ReadonlySet<string> = new Set(['ACT_SIGNATURE_REQUIRED', 'ACT_SIGNATURE_MISMATCH']);

export function registerRegistrationRoutes(
  routes: RouteRegistry,
  context: ServerContext,
  importBodyBytes: number,
): void {
  const { store, live } = context;
  const reads = registrationReads(context);
  const scope = registrationScope(context, reads);
  /**
   * A registration made by a CLI or another process a moment ago is seen before a request is checked against the
   * registry; after a write, the answer goes once this process's election includes it, so the next read sees it.
   */
  const caughtUp = () => live.changed();
  const written = () => live.changed();
  /** What every write service is given besides its request and signer: the election as registered. */
  const writing = async () => ({ store, definition: await live.registered.definition() });

  /**
   * A registration write signed in the client (docs/server.md, "Signing in the client"): the service's outcomes, or
   * the acts to sign (phase 1). A refusal of the signer refuses the whole request; any other refusal stays the
   * outcome of its document.
   */
  const signing = async <O extends { readonly result: Result<unknown, CodedRefusal> }>(
    principal: AccountPrincipal,
    signed: Signed | undefined,
    run: (signer: ActSigner) => Promise<O[]>,
  ): Promise<{ readonly toSign: ActToSign[] } | { readonly outcomes: O[] }> => {
    const outcome = await context.signed(principal, signed, async (signer) => {
      const outcomes = await run(signer);
      for (const { result } of outcomes) if (!result.ok && SIGNER_REFUSALS.has(result.error.code)) return result;
      return ok(outcomes);
    });
    return 'prepared' in outcome ? { toSign: outcome.prepared } : { outcomes: outcome.done };
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
      const contestId = wildcard(request);
      return reads.cached(request, reply, `candidates ${contestId}`, reads.candidates(contestId));
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
      return reads.nominations(query);
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
      await caughtUp();
      return reads.nomination(wildcard(request));
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
      const stationId = wildcard(request);
      reads.knownStation(stationId);
      return reads.cached(request, reply, `ballots ${stationId}`, () => reads.ballots(stationId));
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
      const stationId = wildcard(request);
      const { lang } = parseBody(printQuery, request.query);
      reads.knownStation(stationId);
      void reply.header('content-security-policy', BALLOT_PROOF_CSP);
      const build = () => reads.ballotProof(stationId, lang);
      return reads.cached(request, reply, `proof ${lang} ${stationId}`, build, 'text/html; charset=utf-8');
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
      const bodyId = wildcard(request);
      reads.knownBody(bodyId);
      return reads.cached(request, reply, `deputies ${bodyId}`, () => reads.deputies(bodyId));
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
      const bodyId = wildcard(request);
      reads.knownBody(bodyId);
      return reads.cached(request, reply, `deposits ${bodyId}`, () => reads.deposits(bodyId));
    },
  );

  // ---- writes

  routes.add(
    {
      method: 'POST',
      url: '/api/nominations',
      summary:
        "A nomination received by the contest's commission (operators, chairs, administrators): checked for what makes it receivable and journaled, to be decided",
      action: 'nominate',
      receipts: true,
      body: nominationRequest,
      response: z.union([toSignResponse, submittedResponse]),
    },
    async (request) => {
      const principal = await context.account(request, 'nominate');
      const { nomination } = parseBody(nominationRequest, request.body);
      scope.nominations(principal, [nomination]);
      await caughtUp();
      const { signed } = parseBody(nominationRequest, request.body);
      const answer = await signing(principal, signed, async (signer) =>
        submitNominations({ ...(await writing()), signer, documents: [nomination] }),
      );
      if ('toSign' in answer) return answer;
      const [outcome] = answer.outcomes;
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
      response: z.union([toSignResponse, nominationsImportResponse]),
    },
    async (request) => {
      const principal = await context.account(request, 'nominate');
      const { nominations, signed } = parseBody(nominationsImportRequest, request.body);
      // All of them the sender's, or none is taken.
      scope.nominations(principal, nominations);
      await caughtUp();
      const answer = await signing(principal, signed, async (signer) =>
        submitNominations({ ...(await writing()), signer, documents: nominations }),
      );
      if ('toSign' in answer) return answer;
      const { outcomes } = answer;
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
      receipts: true,
      body: registrationRequest,
      response: z.union([toSignResponse, decisionsResponse]),
    },
    async (request) => {
      const principal = await context.account(request, 'register');
      const body = parseBody(registrationRequest, request.body);
      await caughtUp();
      // What the registry cannot take refuses the whole request before anything is decided.
      scope.registration(principal, body);
      // The deadlines and the deposit are the law's unless an administrator gave others, journaled with each decision.
      const answer = await signing(principal, body.signed, async (signer) =>
        registerNominations({
          ...(await writing()),
          signer,
          nominationIds: body.nominationIds,
          decidedAt: body.decidedAt,
          ...(body.calendar === undefined ? {} : { calendar: body.calendar }),
          ...(body.minimumWage === undefined ? {} : { minimumWage: body.minimumWage }),
        }),
      );
      if ('toSign' in answer) return answer;
      const { outcomes } = answer;
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
      receipts: true,
      body: withdrawalRequest,
      response: z.union([toSignResponse, withdrawalResponse]),
    },
    async (request) => {
      const principal = await context.account(request, 'withdraw');
      const { calendar, signed, ...withdrawal } = parseBody(withdrawalRequest, request.body);
      scope.calendarOverride(principal, calendar);
      await caughtUp();
      const actingFor = scope.withdrawal(principal, withdrawal.candidateId);
      const answer = await signing(principal, signed, async (signer) => [
        await withdrawCandidate({
          ...(await writing()),
          signer,
          withdrawal,
          ...(calendar === undefined ? {} : { calendar }),
          ...(actingFor === undefined ? {} : { actingFor }),
        }),
      ]);
      if ('toSign' in answer) return answer;
      const { postponed } = okOrApiError(assertDefined(answer.outcomes[0]).result);
      await written();
      return { candidateId: withdrawal.candidateId, status: withdrawal.kind, postponed: postponed ?? null };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/deputies',
      summary:
        "A party's choice of deputies for the list seats it won, entered by the chair of the commission establishing the body's results (the CEC for the Majilis) or an administrator",
      action: 'choose-deputies',
      receipts: true,
      body: deputiesRequest,
      response: z.union([toSignResponse, mandateResponse]),
    },
    async (request) => {
      const principal = await context.account(request, 'choose-deputies');
      const { signed, ...choice } = parseBody(deputiesRequest, request.body);
      scope.body(principal, choice.bodyId);
      await caughtUp();
      const answer = await signing(principal, signed, async (signer) => [
        await chooseDeputies({ ...(await writing()), signer, election: context.election, choice }),
      ]);
      if ('toSign' in answer) return answer;
      okOrApiError(assertDefined(answer.outcomes[0]).result);
      await written();
      return reads.mandates(choice.bodyId, choice.partyId);
    },
  );

  /** A vacancy or its filling by the body's commission: one service call, then the body's mandates as they stand. */
  const mandateChanged = async (
    request: FastifyRequest,
    body: {
      readonly bodyId: string;
      readonly candidateId: string;
      readonly partyId?: string | undefined;
      readonly signed?: Signed | undefined;
    },
    change: (partyId: string) => MandateChange,
  ) => {
    const principal = await context.account(request, 'choose-deputies');
    scope.body(principal, body.bodyId);
    await caughtUp();
    const partyId = reads.partyOf(body.candidateId, body.partyId);
    const answer = await signing(principal, body.signed, async (signer) => [
      await changeMandate({ ...(await writing()), signer, change: change(partyId) }),
    ]);
    if ('toSign' in answer) return answer;
    okOrApiError(assertDefined(answer.outcomes[0]).result);
    await written();
    return reads.mandates(body.bodyId, partyId);
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/mandates/vacancies',
      summary: 'A list mandate given up (resignation, death): it becomes a vacancy of the party',
      action: 'choose-deputies',
      receipts: true,
      body: vacancyRequest,
      response: z.union([toSignResponse, mandateResponse]),
    },
    async (request) => {
      const body = parseBody(vacancyRequest, request.body);
      return mandateChanged(request, body, (partyId) => ({
        kind: 'vacate',
        bodyId: body.bodyId,
        candidateId: body.candidateId,
        reason: body.reason,
        partyId,
      }));
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/mandates/fills',
      summary: 'A vacancy filled by another candidate of the same list, chosen by the party',
      action: 'choose-deputies',
      receipts: true,
      body: fillRequest,
      response: z.union([toSignResponse, mandateResponse]),
    },
    async (request) => {
      const body = parseBody(fillRequest, request.body);
      return mandateChanged(request, body, (partyId) => ({
        kind: 'fill',
        bodyId: body.bodyId,
        candidateId: body.candidateId,
        partyId,
      }));
    },
  );
}
