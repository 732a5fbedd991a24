import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where `npm run build:web` puts the site. */
export const BUILT_SITE = fileURLToPath(new URL('../../web/dist', import.meta.url));

function filesBelow(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * The built public site (web/dist), held in memory with a gzipped copy of each file: a few hundred
 * kilobytes. Files under assets/ carry a hash in their names and are cached for good; the page
 * itself is revalidated every time, so a new build reaches everyone at once.
 */
export function registerStaticSite(app: FastifyInstance, directory: string): boolean {
  if (!existsSync(join(directory, 'index.html'))) return false;
  const files = new Map<string, { type: string; raw: Buffer; gzip: Buffer; immutable: boolean }>();
  for (const path of filesBelow(directory)) {
    const raw = readFileSync(path);
    const name = `/${relative(directory, path).split('\\').join('/')}`;
    files.set(name, {
      type: TYPES[extname(path)] ?? 'application/octet-stream',
      raw,
      gzip: gzipSync(raw, { level: 9 }),
      immutable: name.startsWith('/assets/'),
    });
  }
  app.get('/*', { config: { limited: false, action: 'read-results' } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file === undefined || path.startsWith('/api/'))
      throw new ApiError('API_NOT_FOUND', { method: request.method, path });
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    void reply
      .header('content-type', file.type)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('vary', 'accept-encoding');
    if (gzip) void reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? file.gzip : file.raw);
  });
  return true;
}
