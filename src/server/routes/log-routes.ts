import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { base64Hashes, type TransparencyLog } from '../../services/transparency-log.ts';
import { cosignedCheckpoint } from '../../services/witness-service.ts';
import { encodeBase64, parseTilePath, TILE_WIDTH } from '../../tlog/index.ts';
import { ApiError } from '../api-error.ts';
import { parseBody } from '../api-schemas.ts';
import { okOrApiError } from '../field-names.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

// The journal served as a transparency log (docs/transparency-log.md, "Serving the log"): the C2SP tlog-tiles
// resources at the root, outside /api, as static files a CDN can hold; and a JSON API beside them for proofs.

/** Full tiles never change; a partial tile and the checkpoint do as the log grows (c2sp.org/tlog-tiles). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const size = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const inclusionQuery = z.object({ index: count, size: size.optional() });
export const consistencyQuery = z.object({ from: count, to: size.optional() });
const sizeParams = z.object({ size });

export const logResponse = z.strictObject({
  origin: z.string(),
  verifierKey: z.string(),
  size: z.number().int(),
  /** The signed checkpoint, as GET /checkpoint serves it. */
  checkpoint: z.string(),
});
export const inclusionResponse = z.strictObject({
  index: z.number().int(),
  size: z.number().int(),
  /** base64 of SHA-256(0x00 || the event's journal line). */
  leafHash: z.string(),
  proof: z.array(z.string()),
});
export const consistencyResponse = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(z.string()),
});

function notServed(): never {
  throw new ApiError('LOG_NOT_SERVED');
}

/** Bytes, gzipped when the client takes gzip and it pays (entry bundles are JSON text). */
function sendBytes(request: FastifyRequest, reply: FastifyReply, bytes: Uint8Array, cache: string): FastifyReply {
  void reply.header('content-type', 'application/octet-stream').header('cache-control', cache);
  void reply.header('vary', 'accept-encoding');
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (accepts && bytes.length > 1024) return reply.header('content-encoding', 'gzip').send(gzipSync(bytes));
  return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export function registerLogRoutes(routes: RouteRegistry, context: ServerContext, log: TransparencyLog | null): void {
  const store = context.store;
  routes.add(
    {
      method: 'GET',
      url: '/checkpoint',
      summary: 'The log’s latest signed checkpoint (c2sp.org/tlog-checkpoint, text/plain)',
      action: 'read-results',
    },
    async (_request, reply) => {
      if (log === null) return notServed();
      const { checkpoint } = await log.state(store);
      return (
        reply
          .header('content-type', 'text/plain; charset=utf-8')
          .header('cache-control', NO_CACHE)
          // With the cosignatures of the witnesses (docs/witness.md): a signed note may carry more signatures.
          .send(await cosignedCheckpoint(store, checkpoint.note, checkpoint.size))
      );
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/tile/*',
      summary:
        'A tile or an entry bundle of the log (c2sp.org/tlog-tiles: tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>])',
      action: 'read-results',
      responses: { 200: 'The tile’s bytes', 400: 'Not the canonical path of a tile', 404: 'Beyond the signed tree' },
    },
    async (request, reply) => {
      if (log === null) return notServed();
      const path = `tile/${(request.params as { '*': string })['*']}`;
      const tile = parseTilePath(path);
      if (!tile.ok) throw new ApiError(tile.error.code, tile.error.params, 'path');
      const { bytes, full } = okOrApiError(await log.tile(store, tile.value));
      return sendBytes(request, reply, bytes, full && tile.value.width === TILE_WIDTH ? IMMUTABLE : NO_CACHE);
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/log',
      summary: 'The transparency log: its origin, verifier key, size and latest signed checkpoint',
      action: 'read-results',
      response: logResponse,
    },
    async (_request, reply) => {
      if (log === null) return notServed();
      const state = await log.state(store);
      void reply.header('cache-control', NO_CACHE);
      return {
        origin: state.origin,
        verifierKey: state.verifierKey,
        size: state.checkpoint.size,
        checkpoint: state.checkpoint.note,
      };
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/log/proof/inclusion',
      summary: 'The inclusion proof of entry `index` (0-based: journal seq − 1) in the tree of `size` (latest signed)',
      action: 'read-results',
      query: inclusionQuery,
      response: inclusionResponse,
    },
    async (request) => {
      if (log === null) return notServed();
      const query = parseBody(inclusionQuery, request.query);
      const proof = okOrApiError(await log.inclusion(store, query.index, query.size));
      return {
        index: proof.index,
        size: proof.size,
        leafHash: encodeBase64(proof.leafHash),
        proof: base64Hashes(proof.proof),
      };
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/log/proof/consistency',
      summary: 'The consistency proof from the tree of `from` to the tree of `to` (latest signed)',
      action: 'read-results',
      query: consistencyQuery,
      response: consistencyResponse,
    },
    async (request) => {
      if (log === null) return notServed();
      const query = parseBody(consistencyQuery, request.query);
      const proof = okOrApiError(await log.consistency(store, query.from, query.to));
      return { from: proof.from, to: proof.to, proof: base64Hashes(proof.proof) };
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/log/checkpoints/:size',
      summary: 'The checkpoint the log signed at tree size `size` (text/plain), kept for good',
      action: 'read-results',
      responses: { 200: 'The signed checkpoint', 404: 'No checkpoint of that size' },
    },
    async (request, reply) => {
      if (log === null) return notServed();
      const { size: wanted } = parseBody(sizeParams, request.params);
      const checkpoint = await store.checkpointAt(wanted);
      if (checkpoint === null) throw new ApiError('LOG_CHECKPOINT_NOT_FOUND', { size: wanted });
      return (
        reply
          .header('content-type', 'text/plain; charset=utf-8')
          // Witnesses' cosignatures may still be added to it.
          .header('cache-control', NO_CACHE)
          .send(await cosignedCheckpoint(store, checkpoint.note, checkpoint.size))
      );
    },
  );
}
