import { z } from 'zod';
import { formatMessage } from '../../i18n/messages.ts';
import { protocolCopySchema } from '../../model/observer.ts';
import { refuse } from '../../model/refusal.ts';
import { ok } from '../../model/result.ts';
import { enterCopies } from '../../services/observer-service.ts';
import { BatchRefused } from '../../services/journal-append.ts';
import { bulkSignedField, toSignResponse } from '../act-signing.ts';
import { parseBody } from '../api-schemas.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

/** An observer's protocol copies, as many as an import's protocols; each checked by the service, not here. */
const copiesRequest = z.strictObject({
  copies: z.array(protocolCopySchema).min(1).max(5000),
  signed: bulkSignedField.optional(),
});

const copiesResponse = z.union([
  toSignResponse,
  z.strictObject({
    taken: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
    refusals: z.array(
      z.strictObject({
        index: z.number().int(),
        id: z.string().optional(),
        code: z.string(),
        message: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
      }),
    ),
  }),
]);

/**
 * An accredited observer's acts over HTTP (docs/server.md, "Observers"): the copies of protocols they were handed,
 * signed in two phases with the observer's own key like every act; the accreditation the key holds is the service's
 * to check (docs/law.md §10.2).
 */
export function registerObserverActRoutes(routes: RouteRegistry, context: ServerContext): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/observers/copies',
      summary:
        "An observer's protocol copies, signed with the observer's own key: compared with the official protocols",
      action: 'observe',
      body: copiesRequest,
      response: copiesResponse,
    },
    async (request) => {
      const principal = await context.account(request, 'observe');
      const body = parseBody(copiesRequest, request.body);
      const outcome = await context.signed(principal, body.signed, async (signer) => {
        try {
          return ok(
            await enterCopies({ store: context.store, election: context.election, documents: body.copies, signer }),
          );
        } catch (error) {
          // The signer's refusal (phase 1 asks for signatures; a signature over other acts) refuses the request.
          if (error instanceof BatchRefused) return refuse(error.code, error.params);
          throw error;
        }
      });
      if ('prepared' in outcome) return { toSign: outcome.prepared };
      const language = context.language(request);
      const { taken, unchanged, refused, refusals } = outcome.done;
      return {
        taken,
        unchanged,
        refused,
        refusals: refusals.map((refusal) => ({
          ...refusal,
          message: formatMessage(refusal.code, language, refusal.params),
        })),
      };
    },
  );
}
