import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatMessage } from '../../i18n/messages.ts';
import { doubleEntryOf, submitEntry } from '../../services/entry-service.ts';
import { currentKeyOf } from '../../services/key-enrolment-service.ts';
import { entryState } from '../../tally/double-entry.ts';
import { commissionCovers } from '../../tally/entry-authority.ts';
import type { Election } from '../../model/election.ts';
import type { EntryAction } from '../../tally/entry-flow.ts';
import {
  acceptRequest,
  entryRequest,
  entryResponse,
  importRequest,
  importResponse,
  parseBody,
  resolveRequest,
  signedEntryResponse,
} from '../api-schemas.ts';
import { type Signed, toSignResponse } from '../act-signing.ts';
import { refuse } from '../../model/refusal.ts';
import { ok } from '../../model/result.ts';
import { type EntryReader, showsEntry, showsResolution } from '../entry-visibility.ts';
import type { Principal } from '../permissions.ts';
import { ImportQueue } from '../import-queue.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

/** Each station's precinct commission and each commission's parent: whose a station is. */
const commissionTree = (election: Election) => ({
  stations: new Map(election.stations.map((station) => [station.id as string, station.commissionId as string])),
  parents: new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null])),
});

const entryQuery = z.object({ station: z.string().min(1), contest: z.string().min(1) });

/** The signer's refusals, which an import's summary counts per protocol but which refuse the request whole. */
const IMPORT_SIGNER_REFUSALS: ReadonlySet<string> = new Set(['ACT_SIGNATURE_REQUIRED', 'ACT_SIGNATURE_MISMATCH']);

/** A protocol's life (docs/tabulation.md) over HTTP, as `saylau enter | resolve | accept | ingest`. */
export function registerProtocolRoutes(routes: RouteRegistry, context: ServerContext, importBodyBytes: number): void {
  const { store, live } = context;
  const imports = new ImportQueue(store, () => context.election);

  /**
   * What the double entry of one protocol looks like now: its state and, when two entries differ,
   * where; each entry's figures only for a reader who may see them (entry-visibility.ts).
   */
  const entryView = async (stationId: string, contestId: string, viewer: Principal) => {
    const state = await doubleEntryOf(store, stationId, contestId);
    const reader = await entryReader(viewer, stationId);
    const bothEntered = state.status !== 'empty' && state.status !== 'accepted' && state.status !== 'first-entered';
    const shown = (entry: { operator: string; content: string }) => ({
      operator: entry.operator,
      yours: entry.operator === reader.fingerprint,
      ...(showsEntry(reader, entry.operator, bothEntered) ? { protocol: JSON.parse(entry.content) as unknown } : {}),
    });
    return {
      stationId,
      contestId,
      state: entryState(state),
      ...(state.status === 'empty' || state.status === 'accepted'
        ? {}
        : {
            version: state.round.version,
            reason: state.round.reason,
            first: shown(state.first),
            second: state.status === 'first-entered' ? null : shown(state.second),
          }),
      ...(state.status === 'resolved' && showsResolution(reader)
        ? { resolution: JSON.parse(state.resolution) as unknown }
        : {}),
      differences: state.status === 'entries-differ' || state.status === 'resolved' ? [...state.differences] : [],
    };
  };

  /** The reader of an entry: their key, and whether their commission is the station's or above it. */
  const entryReader = async (principal: Principal, stationId: string): Promise<EntryReader> => {
    if (principal.kind !== 'account') return { principal, fingerprint: null, coversStation: false };
    const { stations, parents } = context.derived(commissionTree);
    const stationCommission = stations.get(stationId);
    return {
      principal,
      // The reader's registered key, as the journal holds it: the server holds no person's key.
      fingerprint: (await currentKeyOf(store, principal.username))?.fingerprint ?? null,
      coversStation:
        stationCommission !== undefined && commissionCovers(principal.commission, stationCommission, parents),
    };
  };

  /**
   * One step, signed in the client (docs/server.md, "Signing in the client"): phase 1 answers the act the step would
   * journal, phase 2 journals it with the person's own signature — or nothing, if the act planned now differs.
   */
  const submit = async (
    request: FastifyRequest,
    kind: EntryAction['kind'],
    signed: Signed | undefined,
    build: (actor: EntryAction['actor']) => EntryAction,
  ) => {
    const principal = await context.account(request, kind);
    let action: EntryAction | undefined;
    const outcome = await context.signed(principal, signed, (signer, actor) => {
      action = build(actor);
      return submitEntry({ store, election: context.election, action, signer });
    });
    if ('prepared' in outcome) return { toSign: outcome.prepared };
    const decision = outcome.done;
    if (action === undefined) throw new Error('a signed step ran without its action');
    void live.changed();
    const target = action.kind === 'accept' ? action : (action.document as { stationId: string; contestId: string });
    return {
      decision: decision.kind,
      ...(decision.kind === 'entered' ? { entry: decision.entry } : {}),
      ...(await entryView(target.stationId, target.contestId, principal)),
    };
  };

  routes.add(
    {
      method: 'POST',
      url: '/api/protocols/entries',
      summary:
        "An operator's entry of a protocol from the paper form: the first, or the second by another operator (compared field by field)",
      action: 'enter',
      receipts: true,
      body: entryRequest,
      responses: {
        200: 'phase 1: the act to sign; phase 2: entered, with the entry state and any differences',
        409: 'ACT_SIGNATURE_MISMATCH with the act to sign now',
      },
      response: signedEntryResponse,
    },
    async (request) => {
      const body = parseBody(entryRequest, request.body);
      return submit(request, 'enter', body.signed, (actor) => ({
        kind: 'enter',
        document: body.protocol,
        actor,
        reason: body.reason ?? null,
      }));
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/protocols/resolutions',
      summary: "The chair's resolution of two entries that differ: the protocol as it stands on paper",
      action: 'resolve',
      receipts: true,
      body: resolveRequest,
      response: signedEntryResponse,
    },
    async (request) => {
      const body = parseBody(resolveRequest, request.body);
      return submit(request, 'resolve', body.signed, (actor) => ({ kind: 'resolve', document: body.protocol, actor }));
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/protocols/acceptances',
      summary: "The chair's acceptance of a protocol entered twice alike (or resolved), acknowledging its warnings",
      action: 'accept',
      receipts: true,
      body: acceptRequest,
      response: signedEntryResponse,
    },
    async (request) => {
      const body = parseBody(acceptRequest, request.body);
      return submit(request, 'accept', body.signed, (actor) => ({
        kind: 'accept',
        stationId: body.stationId,
        contestId: body.contestId,
        actor,
        acknowledged: body.acknowledged,
      }));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/protocols/entries',
      summary:
        "The pending double entry of one protocol (?station=…&contest=…): state, differences, and the entries' figures for the station's chair and operators (docs/server.md)",
      action: 'read-entries',
      query: entryQuery,
      response: entryResponse,
    },
    async (request) => {
      const principal = await context.guard(request, 'read-entries');
      const query = parseBody(entryQuery, request.query);
      return entryView(query.station, query.contest, principal);
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/protocols/import',
      summary:
        'Protocols from another system (administrators): each checked and journaled as accepted, or refused with its code',
      action: 'import',
      body: importRequest,
      bodyLimit: importBodyBytes,
      response: z.union([toSignResponse, importResponse]),
    },
    async (request) => {
      const principal = await context.account(request, 'import');
      const body = parseBody(importRequest, request.body);
      // Signed in two phases like every act (docs/server.md, "Signing in the client"): one signature per protocol
      // journaled; a signer's refusal refuses the whole request.
      const outcome = await context.signed(principal, body.signed, async (signer) => {
        const summary = await imports.submit(body.protocols, signer);
        const signing = summary.refusals.find((refusal) => IMPORT_SIGNER_REFUSALS.has(refusal.code));
        return signing === undefined ? ok(summary) : refuse(signing.code, signing.params);
      });
      if ('prepared' in outcome) return { toSign: outcome.prepared };
      const summary = outcome.done;
      if (summary.accepted + summary.warned > 0) void live.changed();
      const language = context.language(request);
      return {
        accepted: summary.accepted,
        warned: summary.warned,
        unchanged: summary.unchanged,
        refused: summary.refused,
        refusals: summary.refusals.map((refusal) => ({
          ...refusal,
          message: formatMessage(refusal.code, language, refusal.params),
        })),
      };
    },
  );
}
