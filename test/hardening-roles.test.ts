import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../src/server/permissions.ts';
import {
  BEFORE_BODY,
  ELSEWHERE,
  expectCodedRefusal,
  type Fixture,
  fillPath,
  hardeningFixture,
  HOME,
  PRINCIPAL_KINDS,
  REFUSED,
  type SampleRequest,
  type ServedRoute,
  servedRoutes,
} from './hardening-fixture.ts';
import { engines } from './store-engines.ts';

/**
 * The permission matrix of docs/server.md ("Accounts and roles"), generated from the routes the
 * server serves and the permission each names in its OpenAPI entry: every route × every kind of
 * principal that must be refused, with the code and status, and nothing journaled. A new route
 * is in the matrix by being served; one naming an unknown permission fails the test.
 */
describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'the permission matrix on %s',
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

    /** Actions whose refusals depend on what the request is about, not only on who asks. */
    const scoped = (action: Action) => Object.values(REFUSED[action]).some((code) => !BEFORE_BODY.includes(code));
    const sampleOf = (route: ServedRoute): SampleRequest => {
      const sample = fixture.samples[route.key];
      if (sample !== undefined) return sample;
      if (scoped(route.action))
        throw new Error(
          `${route.key}: a route of '${route.action}' needs a sample request about the home commission in hardening-fixture.ts`,
        );
      return { commission: HOME, elsewhere: ELSEWHERE, body: {} };
    };
    const url = (route: ServedRoute, sample: SampleRequest) =>
      `${fillPath(route.url, 'x')}${sample.query === undefined ? '' : `?${sample.query}`}`;

    it('every route names a permission the policy table knows, and the write routes are all gated', () => {
      expect(routes.length).toBeGreaterThan(40);
      for (const route of routes)
        // Open to all, each for its own reason: a login; a cosignature, which proves its author by a registered
        // witness's signature, not by an account (docs/witness.md), and writes nothing to the journal.
        if (route.method !== 'GET' && !['/api/session', '/api/log/cosignatures'].includes(route.url))
          expect(route.action, route.key).not.toBe('read-results');
    });

    it('each principal that must be refused is refused with its code and status, whatever the body, and nothing is journaled', async () => {
      const head = await fixture.store.journalHead();
      let requests = 0;
      const seen = new Map<string, number>();
      for (const route of routes) {
        const sample = sampleOf(route);
        for (const kind of PRINCIPAL_KINDS) {
          const expected = REFUSED[route.action][kind];
          if (expected === undefined) continue;
          const username = fixture.username(kind, sample);
          const authorization = username === null ? {} : { authorization: fixture.auth[username] as string };
          // A refusal made before the body is read must not depend on the body: also with one that is not JSON, and
          // with one of another type.
          const bodies: { payload?: string; type?: string }[] =
            route.method === 'GET' || route.method === 'DELETE'
              ? [{}]
              : [
                  { payload: JSON.stringify(sample.body ?? {}), type: 'application/json' },
                  ...(BEFORE_BODY.includes(expected)
                    ? [
                        { payload: '{"protocol": [', type: 'application/json' },
                        { payload: 'not json', type: 'text/plain' },
                        {},
                      ]
                    : []),
                ];
          for (const body of bodies) {
            const response = await fixture.server.app.inject({
              method: route.method,
              url: url(route, sample),
              headers: { ...authorization, ...(body.type === undefined ? {} : { 'content-type': body.type }) },
              ...(body.payload === undefined ? {} : { payload: body.payload }),
            });
            requests++;
            const what = `${kind} ${route.key} ${body.type ?? 'no body'}`;
            expect(expectCodedRefusal(response, what), what).toBe(expected);
            expect(response.statusCode, what).toBe(expected === 'AUTH_REQUIRED' ? 401 : 403);
            expect(await fixture.store.journalHead(), what).toEqual(head);
            seen.set(expected, (seen.get(expected) ?? 0) + 1);
          }
        }
      }
      console.log(`permission matrix on ${engine.name}: ${requests} refused requests`, Object.fromEntries(seen));
      // Each kind of refusal of the policy table was met at least once.
      expect([...seen.keys()].sort()).toEqual([
        'AUTH_FORBIDDEN',
        'AUTH_REQUIRED',
        'AUTH_WRONG_COMMISSION',
        'ENTRY_OUT_OF_SCOPE',
      ]);
      expect(await fixture.store.journalHead()).toEqual(head);
    }, 120_000);

    it('a token that is forged, garbled, expired or logged out opens no gated route', async () => {
      const head = await fixture.store.journalHead();
      const expired = randomBytes(32).toString('base64url');
      await fixture.store.putSession(
        {
          tokenSha256: createHash('sha256').update(expired).digest('hex'),
          username: 'admin',
          expiresAt: '2000-01-01T00:00:00.000Z',
        },
        new Date().toISOString(),
      );
      const loggedOut = (
        await fixture.server.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'admin', password: 'a long enough test password' },
        })
      ).json<{ token: string }>().token;
      expect(
        (
          await fixture.server.app.inject({
            method: 'DELETE',
            url: '/api/session',
            headers: { authorization: `Bearer ${loggedOut}` },
          })
        ).statusCode,
      ).toBe(200);
      const tokens = [
        `Bearer ${'A'.repeat(43)}`,
        `Bearer ${expired}`,
        `Bearer ${loggedOut}`,
        'Basic YWRtaW46eA==',
        'Bearer',
        `Bearer ${'A'.repeat(43)} extra`,
        `bearer ${expired}`,
        `Bearer ${'\u0000'.repeat(30)}`,
      ];
      let requests = 0;
      for (const route of routes.filter((r) => r.action !== 'read-results')) {
        const sample = sampleOf(route);
        for (const authorization of tokens) {
          const response = await fixture.server.app.inject({
            method: route.method,
            url: url(route, sample),
            headers: { authorization },
            ...(route.method === 'POST'
              ? {
                  payload: JSON.stringify(sample.body ?? {}),
                  headers: { authorization, 'content-type': 'application/json' },
                }
              : {}),
          });
          requests++;
          const what = `${route.key} with ${JSON.stringify(authorization)}`;
          expect([response.statusCode, expectCodedRefusal(response, what)], what).toEqual([
            401,
            'AUTH_SESSION_INVALID',
          ]);
        }
      }
      console.log(`bad tokens on ${engine.name}: ${requests} refused requests`);
      expect(await fixture.store.journalHead()).toEqual(head);
    }, 120_000);

    it('a non-administrator chair may not override the calendar of a withdrawal', async () => {
      const head = await fixture.store.journalHead();
      const sample = fixture.samples['POST /api/withdrawals']!;
      const calendar = {
        nominationOpens: '2023-01-01T00:00',
        nominationCloses: '2023-02-01T18:00',
        registrationCloses: '2023-02-18T18:00',
        withdrawalCloses: '2023-03-01T00:00',
      };
      const response = await fixture.server.app.inject({
        method: 'POST',
        url: '/api/withdrawals',
        headers: { authorization: fixture.auth[fixture.username('chair', sample)!] as string },
        payload: { ...(sample.body as object), calendar },
      });
      expect([response.statusCode, expectCodedRefusal(response, 'calendar override')]).toEqual([
        403,
        'REGISTRATION_OVERRIDE_FORBIDDEN',
      ]);
      expect(await fixture.store.journalHead()).toEqual(head);
    });

    // Last: these may journal. They show that the samples above were refused for who sent them, not for what they said.
    it('the same requests from a principal in scope pass the permission checks', async () => {
      let requests = 0;
      for (const route of routes.filter((r) => r.action !== 'read-results')) {
        const sample = sampleOf(route);
        for (const kind of PRINCIPAL_KINDS.filter((k) => k !== 'public' && REFUSED[route.action][k] === undefined)) {
          const response = await fixture.server.app.inject({
            method: route.method,
            url: url(route, sample),
            headers: { authorization: fixture.auth[fixture.username(kind, sample)!] as string },
            ...(route.method === 'POST' ? { payload: sample.body as object } : {}),
          });
          requests++;
          const what = `${kind} ${route.key}: ${response.body.slice(0, 300)}`;
          expect(response.statusCode, what).toBeLessThan(500);
          expect([401, 403], what).not.toContain(response.statusCode);
        }
      }
      console.log(`principals in scope on ${engine.name}: ${requests} requests`);
    }, 120_000);
  },
);
