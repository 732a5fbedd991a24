import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { BALLOT_PROOF_STYLE } from '../export/ballot-proof.ts';

/**
 * The public site (web/dist): its own scripts and styles only — no inline script or style, no
 * eval — the favicon as a data: URL, requests and the live stream to this origin; never framed.
 */
export const SITE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The ballot proofs' policy: their one style block, named by its hash, and nothing else at all. */
export const BALLOT_PROOF_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(BALLOT_PROOF_STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** Everything else is data (JSON, CSV, tar, event streams): nothing in it may load or run anything. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const ALWAYS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** The headers of an answer that is data; also for refusals made before any hook runs (request-refusals.ts). */
export function setDataHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(ALWAYS)) response.setHeader(name, value);
  response.setHeader('content-security-policy', DATA_CSP);
}

/** The same headers as lines of a raw HTTP answer, for what Node refuses before Fastify sees it. */
export const DATA_HEADER_LINES = [...Object.entries(ALWAYS), ['content-security-policy', DATA_CSP]]
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/**
 * The headers helmet would set, on every answer (docs/server.md, "Headers"). Written here rather
 * than by @fastify/helmet because they must be set on the raw response at the start, so that
 * answers written directly (the live stream) carry them too, and because the policy depends on
 * what is answered: an HTML page gets the site's unless its route chose one of its own (the
 * ballot proofs), data gets one that allows nothing.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    setDataHeaders(reply.raw);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = String(reply.getHeader('content-type') ?? '');
    // Still the data policy set at the start (getHeader reads the raw response too): no route chose one.
    if (type.startsWith('text/html') && reply.getHeader('content-security-policy') === DATA_CSP)
      void reply.header('content-security-policy', SITE_CSP);
    done(null, payload);
  });
}
