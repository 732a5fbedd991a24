import type { FastifyRequest } from 'fastify';
import type { Election } from '../../model/election.ts';
import { decide } from '../../services/decision-service.ts';
import { approveRequest, certifyRequest, lotsRequest, parseBody } from '../api-schemas.ts';
import { ApiError } from '../api-error.ts';
import { okOrApiError } from '../field-names.ts';
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

  const take = async (request: FastifyRequest, decision: Decision) => {
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
    const outcome = await decide({ store, election: context.election, keyring: context.keys(), decision });
    okOrApiError(outcome);
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
    },
    async (request) => {
      const body = parseBody(lotsRequest, request.body);
      return take(request, { kind: 'lots', contestId: body.contestId, order: body.order });
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
    },
    async (request) => {
      const body = parseBody(approveRequest, request.body);
      return take(request, { kind: 'approve', contestId: body.contestId, commissionId: body.commissionId });
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
    },
    async (request) => {
      const body = parseBody(certifyRequest, request.body);
      return take(request, { kind: 'certify', bodyId: body.bodyId });
    },
  );
}
