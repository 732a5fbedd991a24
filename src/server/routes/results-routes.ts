import { createHash } from 'node:crypto';
import { createReadStream, openSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toJsonForm } from '../../law/json-form.ts';
import type { Election } from '../../model/election.ts';
import type { Protocol } from '../../model/protocol.ts';
import { addProtocol, emptyTotals, type Totals } from '../../tally/aggregate.ts';
import { commissionCovers } from '../../tally/entry-authority.ts';
import { checkProtocol } from '../../tally/protocol-checks.ts';
import { z } from 'zod';
import {
  listContestResultSchema,
  resultsDocumentSchema,
  smdContestResultSchema,
} from '../../model/results-document.ts';
import { ApiError } from '../api-error.ts';
import type { BuiltFile } from '../offload/offload-jobs.ts';
import { pointerResponse, stationResponse } from '../api-schemas.ts';
import type { RouteRegistry } from '../route-registry.ts';
import type { ServerContext } from '../server-context.ts';

/** Latest results: a CDN may keep them a second, then must ask again (the ETag makes that a 304). */
export const LATEST = 'public, max-age=1, must-revalidate';
/** A snapshot named by its hash never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** If-None-Match as RFC 9110 reads it: a list, weak tags compared weakly (a CDN that compressed says W/), or `*`. */
function matches(header: string | undefined, sha256: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '');
    return trimmed === '*' || trimmed === `"${sha256}"` || trimmed === `"${sha256}-gz"`;
  });
}

const gzipAsync = promisify(gzip);

/** Gzipped bodies by hash: each version of the results is compressed once, however many ask. */
const gzipped = new Map<string, Promise<Buffer>>();
const GZIP_ABOVE = 1024;

function gzipOf(body: Buffer | string, sha256: string): Promise<Buffer> {
  let compressed = gzipped.get(sha256);
  if (compressed === undefined) {
    // zlib's thread pool, not the event loop: the 12 MB election takes a few hundred milliseconds.
    compressed = gzipAsync(body, { level: 6 });
    compressed.catch(() => gzipped.delete(sha256));
    if (gzipped.size >= 64) gzipped.delete(gzipped.keys().next().value as string);
    gzipped.set(sha256, compressed);
  }
  return compressed;
}

const wantsGzip = (request: FastifyRequest): boolean => /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');

/**
 * Sends bytes with a strong ETag (the SHA-256 of the plain bytes; the gzipped representation has
 * its own tag), gzipped for clients that take it, or 304 when the client has them already.
 */
export async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Buffer | string,
  sha256: string,
  cacheControl: string,
  contentType = 'application/json; charset=utf-8',
): Promise<FastifyReply> {
  const gzip = Buffer.byteLength(body) > GZIP_ABOVE && wantsGzip(request);
  reply
    .header('etag', gzip ? `"${sha256}-gz"` : `"${sha256}"`)
    .header('cache-control', cacheControl)
    .header('content-type', contentType)
    .header('vary', 'accept-encoding');
  if (matches(request.headers['if-none-match'], sha256)) return reply.code(304).send();
  if (gzip) return reply.header('content-encoding', 'gzip').send(await gzipOf(body, sha256));
  return reply.send(body);
}

/**
 * The same for a file an export build wrote (offload/offload-jobs.ts), streamed from disk with
 * its gzipped twin for clients that take it: a national bundle never sits in memory.
 */
export function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: BuiltFile,
  cacheControl: string,
  contentType: string,
): FastifyReply {
  const gzip = file.gzip !== null && wantsGzip(request);
  reply
    .header('etag', gzip ? `"${file.sha256}-gz"` : `"${file.sha256}"`)
    .header('cache-control', cacheControl)
    .header('content-type', contentType)
    .header('vary', 'accept-encoding');
  if (matches(request.headers['if-none-match'], file.sha256)) return reply.code(304).send();
  const [path, bytes] = file.gzip !== null && gzip ? [file.gzip.path, file.gzip.bytes] : [file.path, file.bytes];
  // Opened now, before anything else runs: a newer build may delete this file later, and an open file stays readable.
  const stream = createReadStream(path, { fd: openSync(path, 'r') });
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.header('content-length', String(bytes)).send(stream);
}

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the result routes look up, per version of the election. */
function indexOf(election: Election) {
  return {
    parents: new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null])),
    stations: new Map(election.stations.map((s) => [s.id as string, s])),
    contests: new Map(election.contests.map((c) => [c.id as string, c])),
    commissionIds: new Set(election.commissions.map((c) => c.id as string)),
  };
}

/** The election's JSON (12 MB nationally): made only when someone asks for it. */
function textOf(election: Election): { text: string; sha256: string } {
  const text = JSON.stringify(election);
  return { text, sha256: sha(text) };
}

export function registerResultRoutes(routes: RouteRegistry, context: ServerContext): void {
  const { live } = context;
  const index = () => context.derived(indexOf);

  routes.add(
    {
      method: 'GET',
      url: '/api/election',
      summary: "The election definition with the contests' options as registration has made them (election.json)",
      action: 'read-results',
      limited: false,
    },
    (request, reply) => {
      const { text, sha256 } = context.derived(textOf);
      return Promise.resolve(sendCached(request, reply, text, sha256, LATEST));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/results',
      summary: 'The latest results of every contest and body (the document of `saylau results --json`)',
      action: 'read-results',
      limited: false,
      response: resultsDocumentSchema,
    },
    (request, reply) => {
      const snapshot = live.current();
      reply
        .header('x-saylau-seq', String(snapshot.seq))
        .header('link', `</api/results/snapshots/${snapshot.sha256}.json>; rel="canonical"`);
      return Promise.resolve(sendCached(request, reply, snapshot.body, snapshot.sha256, LATEST));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/results/latest',
      summary: 'The small pointer to the latest immutable results snapshot',
      action: 'read-results',
      limited: false,
      response: pointerResponse,
    },
    (request, reply) => {
      const snapshot = live.current();
      const pointer = JSON.stringify({
        electionId: context.election.event.id,
        seq: snapshot.seq,
        sha256: snapshot.sha256,
        bytes: snapshot.body.length,
        href: `/api/results/snapshots/${snapshot.sha256}.json`,
      });
      return Promise.resolve(sendCached(request, reply, pointer, sha(pointer), LATEST));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/results/snapshots/:name',
      summary: 'An immutable results snapshot, named by the SHA-256 of its bytes',
      action: 'read-results',
      limited: false,
      response: resultsDocumentSchema,
      responses: { 200: 'OK', 404: 'SNAPSHOT_UNKNOWN: no longer kept here' },
    },
    (request, reply) => {
      const name = (request.params as { name: string }).name;
      const snapshot = live.byHash(name.replace(/\.json$/, ''));
      if (snapshot === undefined) throw new ApiError('SNAPSHOT_UNKNOWN', { sha256: name.slice(0, 64) });
      return Promise.resolve(sendCached(request, reply, snapshot.body, snapshot.sha256, IMMUTABLE));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/results/contests/*',
      summary: 'One contest of the latest results (its id may contain slashes: /api/results/contests/majilis/list)',
      action: 'read-results',
      limited: false,
      responses: { 200: 'OK', 404: 'DATASET_UNKNOWN_REFERENCE' },
      response: z.discriminatedUnion('kind', [listContestResultSchema, smdContestResultSchema]),
    },
    (request, reply) => {
      const id = (request.params as { '*': string })['*'];
      const text = live.contest(id);
      if (text === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id }, 'contestId');
      return Promise.resolve(sendCached(request, reply, text, sha(text), LATEST));
    },
  );

  // Summaries of one commission are recomputed only when the results change.
  const summaries = new Map<string, { sha256: string; text: string }>();
  routes.add(
    {
      method: 'GET',
      url: '/api/results/commissions/*',
      summary: "A commission's summary: for each contest of its stations, the exact sum of their protocols",
      action: 'read-results',
      limited: false,
    },
    (request, reply) => {
      const commissionId = (request.params as { '*': string })['*'];
      const { commissionIds, parents, contests } = index();
      const election = context.election;
      if (!commissionIds.has(commissionId))
        throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: commissionId }, 'commissionId');
      const snapshot = live.current();
      const cacheKey = `${snapshot.sha256} ${live.registered.version} ${commissionId}`;
      let cached = summaries.get(cacheKey);
      if (cached === undefined) {
        const below = (s: { commissionId: string }): boolean => commissionCovers(commissionId, s.commissionId, parents);
        const totals = new Map<string, Totals>();
        const expected = new Map<string, number>();
        for (const station of election.stations) {
          if (!below(station)) continue;
          for (const contestId of station.contests) {
            expected.set(contestId, (expected.get(contestId) ?? 0) + 1);
            if (!totals.has(contestId))
              totals.set(contestId, emptyTotals(contests.get(contestId)?.options.map((o) => o.id) ?? []));
          }
          for (const protocol of live.stationProtocols(station.id, station.contests))
            addProtocol(totals.get(protocol.contestId) as Totals, protocol);
        }
        const document = {
          commissionId,
          contests: Object.fromEntries(
            [...totals]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([id, t]) => [
                id,
                {
                  stationsCounted: t.stations,
                  stationsExpected: expected.get(id) ?? 0,
                  lines: t.lines,
                  votes: t.votes,
                },
              ]),
          ),
        };
        const text = JSON.stringify(toJsonForm(document));
        cached = { sha256: sha(text), text };
        if (summaries.size > 2000) summaries.clear();
        summaries.set(cacheKey, cached);
      }
      return Promise.resolve(sendCached(request, reply, cached.text, cached.sha256, LATEST));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/stations/*',
      summary: 'A polling station: its definition, its current protocols and their control-relation findings',
      action: 'read-results',
      limited: false,
      response: stationResponse,
    },
    (request, reply) => {
      const stationId = (request.params as { '*': string })['*'];
      const { stations, contests } = index();
      const station = stations.get(stationId);
      if (station === undefined) throw new ApiError('DATASET_UNKNOWN_REFERENCE', { id: stationId }, 'stationId');
      const protocols = live.stationProtocols(station.id, station.contests).map((protocol: Protocol) => ({
        protocol,
        findings: checkProtocol({
          lines: protocol.lines,
          votes: protocol.votes,
          options: contests.get(protocol.contestId)?.options.map((o) => o.id) ?? [],
        }),
      }));
      const text = JSON.stringify(toJsonForm({ station, protocols }));
      return Promise.resolve(sendCached(request, reply, text, sha(text), LATEST));
    },
  );
}
