import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Language, LANGUAGES } from '../i18n/language.ts';
import { packagePath } from '../package-root.ts';
import { ApiError, errorBody, statusOf } from './api-error.ts';
import { requestLanguage } from './request-language.ts';

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
export const BUILT_SITE = packagePath('web', 'dist');

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
  if (!existsSync(join(directory, 'index.html'))) {
    registerMissingSite(app);
    return false;
  }
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
    if (path.startsWith('/api/')) throw new ApiError('API_NOT_FOUND', { method: request.method, path });
    if (file === undefined) return pageNotFound(request, reply, path);
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

const escapeHtml = (text: string): string =>
  text.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char] as string);

/** The page's own words; the message under them is the coded refusal's (src/i18n/messages.ts). */
const NOT_FOUND_PAGE: Readonly<Record<Language, { title: string; back: string }>> = {
  kk: { title: 'Бет табылмады', back: 'Басты бетке оралу' },
  ru: { title: 'Страница не найдена', back: 'Вернуться на главную страницу' },
  en: { title: 'Page not found', back: 'Back to the home page' },
};

/**
 * A path the site does not have: a browser gets a page in its reader's language with a way back
 * (the site's own pages live after `#`, so this is a mistyped or stale link); anything else the
 * usual coded refusal (docs/server.md, "The built package").
 */
function pageNotFound(request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply {
  const error = new ApiError('SITE_PAGE_NOT_FOUND', { path });
  if (!/\btext\/html\b/.test(request.headers.accept ?? '')) throw error;
  const language = requestLanguage(request.query, request.headers['accept-language']);
  const { message } = errorBody(error, language).error;
  const words = NOT_FOUND_PAGE[language];
  return reply
    .code(statusOf(error.code))
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(
      `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8">` +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        `<title>${words.title} · saylau</title></head>\n<body><main>\n<h1>${words.title}</h1>\n` +
        `<p>${escapeHtml(message)}</p>\n<p><a href="/?lang=${language}">${words.back}</a></p>\n</main></body></html>\n`,
    );
}

/**
 * Without a built site, `/` says how to build one instead of a bare 404: a page in the three languages for a
 * browser, the usual coded refusal for anything else (docs/server.md, "The built package").
 */
function registerMissingSite(app: FastifyInstance): void {
  const answer = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const error = new ApiError('SITE_NOT_BUILT');
    if (!/\btext\/html\b/.test(request.headers.accept ?? '')) throw error;
    const language = requestLanguage(request.query, request.headers['accept-language']);
    const { messages } = errorBody(error, language).error;
    const paragraphs = [language, ...LANGUAGES.filter((other) => other !== language)]
      .map((lang) => `<p lang="${lang}">${escapeHtml(messages[lang])}</p>`)
      .join('\n');
    return reply
      .code(statusOf(error.code))
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(
        `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>saylau: ${error.code}</title></head>` +
          `<body>\n<h1>${error.code}</h1>\n${paragraphs}\n</body></html>\n`,
      );
  };
  for (const url of ['/', '/index.html']) app.get(url, { config: { limited: false, action: 'read-results' } }, answer);
}
