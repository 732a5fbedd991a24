import { z } from 'zod';
import { acceptCosignature, witnessStatuses } from '../../services/witness-service.ts';
import { parseBody } from '../api-schemas.ts';
import { okOrApiError } from '../field-names.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

// Witnesses (docs/witness.md): cosignatures handed to the log by registered witnesses, and who has cosigned what.

export const cosignatureBody = z.strictObject({
  /** The checkpoint note the witness cosigned, as the log signed it. */
  checkpoint: z
    .string()
    .min(1)
    .max(16 * 1024),
  /** The witness's cosignature line: `— <name> <base64>` (c2sp.org/tlog-cosignature). */
  cosignature: z.string().min(1).max(1024),
});

export const cosignatureResponse = z.strictObject({
  size: z.number().int(),
  name: z.string(),
  /** False when this witness's cosignature of that size was kept already (the first stays). */
  stored: z.boolean(),
});

export const witnessesResponse = z.strictObject({
  /** The size of the latest checkpoint the log signed (0 before the first). */
  size: z.number().int(),
  signedAt: z.string().nullable(),
  witnesses: z.array(
    z.strictObject({
      organisation: z.string(),
      name: z.string(),
      verifierKey: z.string(),
      registeredAt: z.string(),
      /** The largest size it cosigned; null before its first cosignature. */
      size: z.number().int().nullable(),
      /** The time its latest cosignature carries (ISO). */
      cosignedAt: z.string().nullable(),
      /** Entries of the latest checkpoint not covered by its latest cosignature. */
      behind: z.number().int().nullable(),
    }),
  ),
});

export function registerWitnessRoutes(routes: RouteRegistry, context: ServerContext): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/log/cosignatures',
      summary: 'A registered witness hands the log its cosignature of a checkpoint the log signed',
      action: 'read-results',
      body: cosignatureBody,
      response: cosignatureResponse,
      responses: {
        403: 'The key is not a registered witness (COSIGNATURE_UNKNOWN_WITNESS)',
        404: 'The log signed no such checkpoint (COSIGNATURE_NO_CHECKPOINT)',
      },
    },
    async (request) => {
      const { checkpoint, cosignature } = parseBody(cosignatureBody, request.body);
      return okOrApiError(await acceptCosignature({ store: context.store, checkpoint, cosignature }));
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/log/witnesses',
      summary: 'The registered witnesses: the latest size each cosigned, when, and how far behind the log it is',
      action: 'read-results',
      response: witnessesResponse,
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-cache');
      return witnessStatuses(context.store);
    },
  );
}
