import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCodedRefusal,
  type Fixture,
  hardeningFixture,
  type ServedRoute,
  servedRoutes,
} from './hardening-fixture.ts';
import { engines } from './store-engines.ts';

/**
 * Path traversal against every route that takes a name from the URL and against the static site
 * (docs/server.md): encoded, double-encoded, backslashed, NUL-cut and overlong dots. Nothing
 * outside what the server means to serve comes back — not a system file, not a file beside the
 * site, not the private key file — and never a server error. Sent twice: through Fastify's
 * inject, and as raw bytes over a socket, since a client library may tidy a path before sending it.
 */

const SECRET = `secret-${randomBytes(8).toString('hex')}`;

/** What goes after a route's fixed part: ways of climbing out of it. */
const CLIMBS: readonly string[] = [
  '../../../../../../../../etc/passwd',
  '..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '%2E%2E%2F%2E%2E%2Fsecret.txt',
  '..%5c..%5c..%5c..%5cetc%5cpasswd',
  '..\\..\\..\\secret.txt',
  '%252e%252e%252f%252e%252e%252fetc%252fpasswd',
  '%25252e%25252e%25252fsecret.txt',
  '..%00/etc/passwd',
  '%00',
  'index.html%00.json',
  '....//....//....//etc/passwd',
  '..././..././secret.txt',
  '%2F%2Fetc%2Fpasswd',
  '/etc/passwd',
  '//etc/passwd',
  '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '%c0%af%c0%afetc%c0%afpasswd',
  '..;/..;/secret.txt',
  '%ef%bc%8e%ef%bc%8e%ef%bc%8fsecret.txt',
  '../secret.txt',
  '..%2fsecret.txt',
  '..%2f..%2fsecret.txt',
  '../keys.json',
  '..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fproc%2fself%2fenviron',
  'file:%2f%2f%2fetc%2fpasswd',
  '%u002e%u002e%u2215etc%u2215passwd',
];

/** Whether a path's percent-escapes decode to text: those that do not are tested apart (below). */
const decodes = (text: string): boolean => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};
const UNDECODABLE = CLIMBS.filter((climb) => !decodes(climb));

/** Things that must never appear in an answer. */
const LEAKS = [
  /root:.*:0:0:/,
  new RegExp(SECRET),
  /PRIVATE KEY/,
  /Keep secret; never publish/,
  /SAYLAU_PG_URL|PATH=\//,
  /SQLite format 3/,
];

/**
 * One raw HTTP/1.1 request: the path as written, nothing normalised. Not half-closed: Node drops the answer to a
 * request whose client has ended its side.
 */
function rawGet(port: number, path: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        Buffer.concat([
          Buffer.from('GET '),
          Buffer.from(path, 'latin1'),
          Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
        ]),
      ),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        headers: text.slice(0, end),
        body: text.slice(end + 4),
      });
    });
  });
}

describe.each(engines().map((engine) => [engine.name, engine] as const))('path traversal on %s', (_name, engine) => {
  let fixture: Fixture;
  let routes: ServedRoute[];
  let port: number;
  let site: string;
  beforeAll(async () => {
    // The site with a file beside it (not in it) that a climb out of the site would reach.
    const root = mkdtempSync(join(tmpdir(), 'saylau-traversal-'));
    site = join(root, 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>saylau</title>');
    writeFileSync(join(site, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), SECRET);
    writeFileSync(join(site, '..', 'keys.json'), SECRET);
    fixture = await hardeningFixture(engine, { siteDirectory: site });
    routes = await servedRoutes(fixture.server);
    port = Number(new URL(await fixture.server.app.listen({ port: 0, host: '127.0.0.1' })).port);
  }, 180_000);
  afterAll(async () => {
    await fixture?.server.close();
    await fixture?.store.close();
  });

  /**
   * Every fixed prefix a name is read after: each GET route's part before its parameter (with a
   * real id too, to climb out of one), and the site's root and assets.
   */
  const prefixes = (): string[] => {
    const named = routes.filter((route) => route.method === 'GET' && /[:*]/.test(route.url));
    const fromRoutes = named.flatMap((route) => {
      const fixed = route.url.replace(/(:\w+|\*)$/, '');
      const sample = fixture.pathSamples[route.url];
      return sample === undefined ? [fixed] : [fixed, `${fixed}${sample}/`];
    });
    return [...fromRoutes, '/', '/assets/', '/api/'];
  };

  const leaks = (body: string) => LEAKS.filter((pattern) => pattern.test(body)).map(String);

  it('through inject: a coded refusal or what the route serves, never a file from outside', async () => {
    expect(prefixes()).toEqual(
      expect.arrayContaining(['/api/results/snapshots/', '/api/exports/csv/', '/api/ballots/print/', '/api/stations/']),
    );
    const head = await fixture.store.journalHead();
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const prefix of prefixes()) {
      for (const climb of CLIMBS.filter(decodes)) {
        const url = `${prefix}${climb}`;
        const response = await fixture.server.app.inject({ method: 'GET', url });
        requests++;
        expect(leaks(response.body), url).toEqual([]);
        if (response.statusCode >= 400) expectCodedRefusal(response, url);
        else expect(response.statusCode, url).toBeLessThan(400);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      }
    }
    console.log(`traversal through inject on ${engine.name}: ${requests} requests`, Object.fromEntries(statuses));
    expect(await fixture.store.journalHead()).toEqual(head);
  }, 180_000);

  it('as raw bytes on a socket: never a server error, never a file from outside', async () => {
    let requests = 0;
    const statuses = new Map<number, number>();
    const bare: string[] = [];
    const raw = [...CLIMBS.filter(decodes), '..%00', '\u0000', '..\u0000/etc/passwd'];
    for (const prefix of prefixes()) {
      for (const climb of raw) {
        const path = `${prefix}${climb}`;
        const response = await rawGet(port, path);
        requests++;
        expect(response.status, path).toBeGreaterThanOrEqual(200);
        expect(response.status, `${path}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
        expect(leaks(response.body), path).toEqual([]);
        if (response.status >= 400) {
          // Node's HTTP parser refuses some bytes (a NUL) before the app sees the request; buildServer's
          // clientErrorHandler answers those REQUEST_MALFORMED, coded like every other refusal.
          if (/REQUEST_MALFORMED/.test(response.body)) bare.push(path);
          expectCodedRefusal({ statusCode: response.status, body: decodeChunked(response) }, path);
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }
    console.log(
      `traversal over a socket on ${engine.name}: ${requests} requests`,
      Object.fromEntries(statuses),
      `${bare.length} refused by Node's parser:`,
      bare.slice(0, 3).map((path) => JSON.stringify(path)),
    );
    // What the parser refuses is only what carries a raw NUL.
    for (const path of bare) expect(path, JSON.stringify(path)).toContain('\u0000');
  }, 180_000);

  // A path parameter whose %-escapes are not UTF-8 (`%c0%ae`, `%u002e`) is refused by the router
  // before any route: buildServer's `frameworkErrors` answers it REQUEST_BAD_URL.
  it('a path whose escapes do not decode is a coded refusal, never a file from outside', async () => {
    expect(UNDECODABLE.length).toBeGreaterThan(0);
    let requests = 0;
    const uncoded: string[] = [];
    for (const prefix of prefixes()) {
      for (const climb of [...UNDECODABLE, '%ff', '%E0%A4%A']) {
        const url = `${prefix}${climb}`;
        for (const response of [
          await fixture.server.app.inject({ method: 'GET', url }),
          await rawGet(port, url).then((r) => ({ statusCode: r.status, body: decodeChunked(r) })),
        ]) {
          requests++;
          expect(response.statusCode, url).toBeLessThan(500);
          expect(leaks(response.body), url).toEqual([]);
          if (
            response.statusCode >= 400 &&
            !(JSON.parse(response.body) as { error?: { messages?: unknown } }).error?.messages
          )
            uncoded.push(`${url} ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
    }
    console.log(
      `undecodable paths on ${engine.name}: ${requests} requests, ${uncoded.length} not coded, e.g. ${uncoded[0]}`,
    );
    expect(uncoded).toEqual([]);
  }, 120_000);

  it('the site itself is served, so the refusals above are not the site missing', async () => {
    const page = await rawGet(port, '/');
    expect([page.status, page.body]).toEqual([200, '<!doctype html><title>saylau</title>']);
    expect((await rawGet(port, '/assets/app-1234.js')).body).toBe('console.log(1)');
  });
});

/** A body sent with `Transfer-Encoding: chunked`, as plain text. */
function decodeChunked(response: { headers: string; body: string }): string {
  if (!/transfer-encoding: chunked/i.test(response.headers)) return response.body;
  let rest = response.body;
  let out = '';
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, line), 16);
    if (!(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}
