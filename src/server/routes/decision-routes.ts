import type { FastifyRequest } from 'fastify';
import type { Election } from '../../model/election.ts';
import { decide } from '../../services/decision-service.ts';
import { approveRequest, certifyRequest, decisionResponse, lotsRequest, parseBody } from '../api-schemas.ts';
import type { Signed } from '../act-signing.ts';
import { ApiError } from '../api-error.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

type Decision = Parameters<typeof decide>[0]['decision'];

/**
 * A commission's decisions, taken by its chair and signed with the commission's key (as `saylau
 * lots | approve | certify`): only the chair of the commission whose decision it is may take it.
 */
export function registerDecisionRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { store, live } = context;
  const commissionOf = (election: Election) =>
    new Map(election.contests.map((c) => [c.id as string, c.commissionId as string]));

  /**
   * A decision signed in the client by the chair's own key (docs/server.md, "Signing in the client"); whether that key
   * may author the commission's decision is the journal's rule (docs/keys.md, "Who registers whom").
   */
  const take = async (request: FastifyRequest, decision: Decision, signed: Signed | undefined) => {
    const principal = await context.account(request, 'decide');
    const owner =
      decision.kind === 'certify'
        ? 'cec'
        : decision.kind === 'approve' && decision.commissionId !== undefined
          ? decision.commissionId
          : context.derived(commissionOf).get(decision.contestId);
    if (owner === undefined)
      throw new ApiError(
        'DATASET_UNKNOWN_REFERENCE',
        { id: decision.kind === 'certify' ? decision.bodyId : decision.contestId },
        'contestId',
      );
    if (principal.commission !== owner)
      throw new ApiError('AUTH_WRONG_COMMISSION', { own: principal.commission ?? '—', commission: owner });
    const outcome = await context.signed(principal, signed, (signer) =>
      decide({ store, election: context.election, signer, decision }),
    );
    if ('prepared' in outcome) return { toSign: outcome.prepared };
    void live.changed();
    return { decision: decision.kind };
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/decisions/lots',
      summary: "The order drawn by lot for a tie, recorded by the chair of the contest's commission",
      action: 'decide',
      receipts: true,
      body: lotsRequest,
      response: decisionResponse,
    },
    async (request) => {
      const body = parseBody(lotsRequest, request.body);
      return take(request, { kind: 'lots', contestId: body.contestId, order: body.order }, body.signed);
    },
  );
  routes.add(
    {
      method: 'POST',
      url: '/api/decisions/approvals',
      summary:
        "Approval of a contest's summary (or of one commission's part of it) by the chair of the establishing commission",
      action: 'decide',
      receipts: true,
      body: approveRequest,
      response: decisionResponse,
    },
    async (request) => {
      const body = parseBody(approveRequest, request.body);
      return take(
        request,
        { kind: 'approve', contestId: body.contestId, commissionId: body.commissionId },
        body.signed,
      );
    },
  );
  routes.add(
    {
      method: 'POST',
      url: '/api/decisions/certifications',
      summary: "Certification of a body's results by the CEC's chair",
      action: 'decide',
      receipts: true,
      body: certifyRequest,
      response: decisionResponse,
    },
    async (request) => {
      const body = parseBody(certifyRequest, request.body);
      return take(request, { kind: 'certify', bodyId: body.bodyId }, body.signed);
    },
  );
}
