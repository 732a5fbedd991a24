import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorOf,
  ELSEWHERE,
  expectTakenOrRefused,
  type Fixture,
  HOME,
  fillPath,
  hardeningFixture,
  pathsOf,
  replaced,
  type ServedRoute,
  servedRoutes,
} from './hardening-fixture.ts';
import { engines } from './store-engines.ts';

/**
 * A NUL character inside a string — in a JSON body (`"a\u0000b"`), a query (`%00`), a path — on
 * every route, in every string field of a valid request. JSON and URLs carry it; PostgreSQL's
 * text cannot hold it. Apart from the other corpora so that this one known failure is seen
 * whole, route by route, and not as a random fuzz failure.
 */
describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'a NUL inside a string on %s',
  (_name, engine) => {
    let fixture: Fixture;
    let routes: ServedRoute[];
    beforeAll(async () => {
      fixture = await hardeningFixture(engine);
      routes = await servedRoutes(fixture.server);
    }, 180_000);
    afterAll(async () => {
      await fixture?.server.close();
      await fixture?.store.close();
    });

    const headersOf = (route: ServedRoute): Record<string, string> => {
      const username = fixture.username(
        actorOf(route.action),
        fixture.samples[route.key] ?? { commission: HOME, elsewhere: ELSEWHERE },
      );
      return username === null ? {} : { authorization: fixture.auth[username] as string };
    };

    // PostgreSQL cannot store a NUL (SQLSTATE 22021): the server refuses one anywhere in a request
    // (INPUT_NUL_CHARACTER) before any handler, so both engines answer alike.
    it('is taken or refused with a code on every route, never a server error', async () => {
      let requests = 0;
      const failures: string[] = [];
      const check = async (what: string, send: () => Promise<LightMyRequestResponse>) => {
        const head = await fixture.store.journalHead();
        const response = await send();
        requests++;
        try {
          await expectTakenOrRefused(fixture.store, head, response, what);
        } catch {
          failures.push(`${what} → ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      };
      for (const route of routes.filter((r) => r.method === 'POST')) {
        const body = fixture.samples[route.key]?.body;
        expect(body, route.key).toBeDefined();
        for (const path of pathsOf(body)) {
          const value = path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown>)[key], body);
          if (typeof value !== 'string') continue;
          for (const nul of [`${value}\u0000`, '\u0000', `a\u0000${value}`]) {
            await check(`${route.key} ${path.join('.')} = ${JSON.stringify(nul).slice(0, 60)}`, () =>
              fixture.server.app.inject({
                method: 'POST',
                url: fillPath(route.url, 'x'),
                headers: { ...headersOf(route), 'content-type': 'application/json' },
                payload: JSON.stringify(replaced(body, path, nul)),
              }),
            );
          }
        }
      }
      for (const route of routes.filter(
        (r) => r.method === 'GET' && r.url !== '/api/live' && !r.url.startsWith('/api/exports/'),
      )) {
        const sample = fixture.samples[route.key]?.query ?? '';
        const withNul = sample.replace(/=([^&]*)/g, '=$1%00');
        const path = fillPath(route.url, fixture.pathSamples[route.url] ?? 'x');
        for (const url of [`${path}?${withNul}`, `${path}%00?${sample}`, `${fillPath(route.url, '%00')}?${sample}`]) {
          await check(`GET ${url.slice(0, 120)}`, () =>
            fixture.server.app.inject({ method: 'GET', url, headers: { ...headersOf(route), 'if-none-match': '*' } }),
          );
        }
      }
      console.log(`NUL in strings on ${engine.name}: ${requests} requests, ${failures.length} failures`, failures);
      expect(failures).toEqual([]);
    }, 180_000);
  },
);
