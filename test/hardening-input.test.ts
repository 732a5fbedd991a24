import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorOf,
  datasetNominations,
  ELSEWHERE,
  expectCodedItems,
  expectCodedRefusal,
  expectTakenOrRefused,
  type Fixture,
  fillPath,
  hardeningFixture,
  HOME,
  pathsOf,
  REMOVE,
  replaced,
  type ServedRoute,
  servedRoutes,
} from './hardening-fixture.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { signedInject } from './signing-fixture.ts';

/**
 * The malformed-input corpus of a hostile or careless client: bodies that are not JSON, JSON of
 * the wrong type, prototype keys, numbers JavaScript cannot hold, very long and very deep values,
 * odd unicode, wrong media types, bodies too large or missing; query strings of the wrong type
 * and repeated. Sent as a principal the route lets through, so each reaches the body and query
 * checks. Never a server error; a refusal is coded (docs/server.md, status codes) and changes nothing.
 */

/** JSON text JSON.stringify cannot write, put in place of a marker string. */
const RAW: readonly string[] = [
  '9007199254740993',
  '1e999',
  '-1e999',
  '1E400',
  '123456789012345678901234567890',
  '-0',
  '0.1e-400',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
];
const rawMarker = (index: number): string => `\u0001RAW${index}\u0001`;
const withRaw = (text: string): string =>
  text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_all, index: string) => RAW[Number(index)] as string);

/**
 * Values put in place of each field of a valid request. A NUL inside a string has its own test (hardening-nul.test.ts).
 */
const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  [],
  {},
  '',
  -1,
  0.5,
  1e308,
  -1e308,
  'NaN',
  'Infinity',
  'x'.repeat(100_000),
  '\ud800',
  '\udc00x\ud800',
  '\u202etxt.exe',
  '\ufeff',
  '<script>alert(1)</script>',
  "' OR 1=1; DROP TABLE events; --",
  '../../../../etc/passwd',
  [null],
  ...RAW.map((_raw, index) => rawMarker(index)),
];

/** Whole bodies that are not what any route takes. */
const ODD_BODIES: readonly { payload: string | Buffer; type?: string; label: string }[] = [
  { payload: '{not json', label: 'not JSON' },
  { payload: '{"a": 1,}', label: 'trailing comma' },
  { payload: "{'a': 1}", label: 'single quotes' },
  { payload: 'NaN', label: 'NaN' },
  { payload: 'undefined', label: 'undefined' },
  { payload: '', label: 'empty with a JSON type' },
  { payload: ' \n\t', label: 'whitespace' },
  { payload: '\u0000', label: 'NUL' },
  { payload: '[]', label: 'array' },
  { payload: '[{}]', label: 'array of an object' },
  { payload: '1', label: 'number' },
  { payload: '1e308', label: 'huge number' },
  { payload: 'null', label: 'null' },
  { payload: '"string"', label: 'string' },
  { payload: 'true', label: 'boolean' },
  { payload: '{}', label: 'empty object' },
  { payload: '{"__proto__": {"isAdmin": true}}', label: '__proto__' },
  { payload: '{"constructor": {"prototype": {"isAdmin": true}}}', label: 'constructor.prototype' },
  { payload: `${'['.repeat(10_000)}${']'.repeat(10_000)}`, label: '10,000 nested arrays' },
  { payload: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, label: '10,000 nested objects' },
  { payload: `${'['.repeat(100_000)}`, label: '100,000 unclosed arrays' },
  {
    payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xae, 0x22, 0x7d]),
    label: 'invalid UTF-8',
  },
  { payload: '{"a": "\\ud800"}', label: 'escaped lone surrogate' },
  { payload: `{"a": "${'x'.repeat(600 * 1024)}"}`, label: 'over every body limit' },
  { payload: `{"a": "${'x'.repeat(300 * 1024)}"}`, label: 'over the default body limit' },
  { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded', label: 'a form' },
  {
    payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    type: 'multipart/form-data; boundary=x',
    label: 'multipart',
  },
  { payload: '{}', type: 'text/plain', label: 'JSON as text/plain' },
  { payload: '{}', type: 'application/jsonx', label: 'application/jsonx' },
  { payload: '{}', type: 'application/json-patch+json', label: 'json-patch' },
  { payload: '{}', type: 'application/json; charset=utf-16', label: 'JSON in UTF-16 by its type' },
  { payload: '{}', type: '', label: 'an empty content type' },
  { payload: '{}', type: ';;;', label: 'a broken content type' },
];

/**
 * Query strings of the wrong type, repeated, too long, or with prototype keys; per route, each query field gets the odd
 * values too (a NUL: hardening-nul.test.ts).
 */
const ODD_QUERIES: readonly string[] = [
  'after=abc&limit=-1',
  'after=1e308&limit=1e308',
  'after=9007199254740993',
  'after=1&after=2&limit=1&limit=2',
  'after[]=1&limit[x]=2',
  'limit=0',
  'limit=NaN',
  'after=0x10',
  'lang=zz',
  'lang=kk&lang=ru',
  'lang[]=kk',
  'status=bogus&contest=&commission=',
  // More than 12 rule sets: its own test below.
  `rules=${'threshold-7,'.repeat(5)}threshold-3`,
  'rules=threshold-999,threshold--1,threshold-NaN',
  'contest=%01&station=%01',
  `contest=${'a'.repeat(10_000)}`,
  '__proto__[isAdmin]=1&constructor[prototype][isAdmin]=1',
  '%ff=%ff&%=%',
  '&&&=&=',
  'a=1&'.repeat(2000),
];
/** Enough for every field and every odd value to be met on each route, few enough for a busy machine. */
const VARIANTS_PER_ROUTE = 40;

const ODD_QUERY_VALUES: readonly string[] = [
  '',
  'abc',
  '-1',
  '0',
  '0.5',
  '1e308',
  '9007199254740993',
  'NaN',
  '%01',
  '%ff',
  'a'.repeat(5000),
  '%E2%80%AE',
  '..%2F..%2F',
];

/** Text from HTML character references (numeric and the five named ones). */
const decodeEntities = (html: string): string =>
  html.replace(
    /&#(\d+);|&#x([0-9a-f]+);|&(amp|lt|gt|quot|apos);/gi,
    (_all, decimal?: string, hex?: string, name?: string) =>
      decimal !== undefined
        ? String.fromCodePoint(Number(decimal))
        : hex !== undefined
          ? String.fromCodePoint(Number.parseInt(hex, 16))
          : (({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[
              (name as string).toLowerCase()
            ] as string),
  );

describe.each(engines().map((engine) => [engine.name, engine] as const))('malformed input on %s', (_name, engine) => {
  let fixture: Fixture;
  let routes: ServedRoute[];
  let queryFields: Map<string, string[]>;
  beforeAll(async () => {
    fixture = await hardeningFixture(engine);
    routes = await servedRoutes(fixture.server);
    const document = (await fixture.server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    }>();
    queryFields = new Map(
      routes.map((route) => [
        route.key,
        (
          document.paths[route.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{id}')]?.[route.method.toLowerCase()]
            ?.parameters ?? []
        )
          .filter((p) => p.in === 'query')
          .map((p) => p.name),
      ]),
    );
  }, 180_000);
  afterAll(async () => {
    await fixture?.server.close();
    await fixture?.store.close();
  });

  const authorizationOf = (route: ServedRoute): Record<string, string> => {
    const username = fixture.username(
      actorOf(route.action),
      fixture.samples[route.key] ?? { commission: HOME, elsewhere: ELSEWHERE },
    );
    return username === null ? {} : { authorization: fixture.auth[username] as string };
  };
  const pathOf = (route: ServedRoute): string => fillPath(route.url, fixture.pathSamples[route.url] ?? 'x');

  // First the reads, while nothing has moved the journal: the computed answers (exports, analyses) are built once.
  it('GET routes: query parameters of the wrong type, repeated, too long; never a server error', async () => {
    const head = await fixture.store.journalHead();
    let requests = 0;
    const codes = new Map<string, number>();
    // The live stream never ends: it is read over a socket below. The export downloads read no
    // query and take tens of seconds each to build nationally; their file names are in the traversal test.
    for (const route of routes.filter(
      (r) => r.method === 'GET' && r.url !== '/api/live' && !r.url.startsWith('/api/exports/'),
    )) {
      const fields = queryFields.get(route.key) ?? [];
      const queries = [
        ...ODD_QUERIES,
        ...fields.flatMap((field) => [
          ...ODD_QUERY_VALUES.map((value) => `${field}=${value}`),
          `${field}=1&${field}=2`,
          `${field}[]=1`,
          `${field}[a]=1`,
        ]),
      ];
      for (const query of queries) {
        // Answered 304 where the route is cached: the query is still read, the export or definition not sent again.
        const response = await fixture.server.app.inject({
          method: 'GET',
          url: `${pathOf(route)}?${query}`,
          headers: { ...authorizationOf(route), 'if-none-match': '*' },
        });
        requests++;
        const what = `${route.key}?${query.slice(0, 80)}`;
        expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
        const code = response.statusCode < 400 ? null : expectCodedRefusal(response, what);
        if (code !== null) codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      // A read journals nothing, taken or refused: the head is read once a route (a round trip on PostgreSQL).
      expect(await fixture.store.journalHead(), route.key).toEqual(head);
    }
    console.log(`GET queries on ${engine.name}: ${requests} requests`, Object.fromEntries(codes));
    // The routes with a query schema refuse what it does not take.
    expect(codes.get('INPUT_WRONG_TYPE') ?? 0).toBeGreaterThan(0);
    expect(await fixture.store.journalHead()).toEqual(head);
  }, 180_000);

  it('the live stream answers odd query strings with the stream', async () => {
    const address = await fixture.server.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    for (const query of ODD_QUERIES.slice(0, 8)) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(`GET /api/live?${query} HTTP/1.1\r\nHost: x\r\n\r\n`),
        );
        let received = '';
        socket.on('data', (chunk) => {
          received += chunk.toString('latin1');
          if (received.includes('\r\n\r\n')) {
            socket.destroy();
            resolve(received.split('\r\n')[0] as string);
          }
        });
        socket.on('error', reject);
      });
      expect(head, query).toBe('HTTP/1.1 200 OK');
    }
  });

  it("markup is refused in a name and comes back escaped in an association's name, in the HTML the server makes and as JSON strings elsewhere", async () => {
    const contestId = 'KZ-35/maslikhat/smd-01';
    const admin = { authorization: fixture.auth.admin as string };
    const base = datasetNominations().find((nomination) => nomination.contestId === contestId)!;
    // A person's name holds letters, not markup (src/model/person-name.ts): refused, nothing journaled.
    const head = await fixture.store.journalHead();
    const hostileName = {
      kk: '<script>alert("kk")</script>',
      ru: '"><img src=x onerror=alert(1)>',
      latin: "</title><svg onload=alert(1)>'&",
    };
    const named = {
      ...base,
      id: 'KZ-35/maslikhat/smd-01/hostile-name',
      candidates: [
        { ...base.candidates[0]!, id: `${contestId}/hostile-name`, personId: 'P-HOSTILE-NAME', name: hostileName },
      ],
    };
    const refused = await fixture.server.app.inject({
      method: 'POST',
      url: '/api/nominations',
      headers: admin,
      payload: { nomination: named },
    });
    expect(expectCodedRefusal(refused, 'a name of markup')).toBe('INPUT_INVALID_NAME');
    expect(await fixture.store.journalHead()).toEqual(head);
    // An association's name may hold quotes and signs, so markup in it must come back as text.
    const hostile = '«<script>alert("kk")</script>"><img src=x onerror=alert(1)>»';
    const nomination = {
      ...base,
      id: 'KZ-35/maslikhat/smd-01/hostile',
      nomination: 'public-association',
      nominatedBy: hostile,
      candidates: [{ ...base.candidates[0]!, id: `${contestId}/hostile`, personId: 'P-HOSTILE', partyMember: null }],
    };
    // The administrator's acts, signed by its own key in the second phase (docs/server.md, "Signing in the client").
    const adminKey = fixture.keyOf('admin')!;
    const received = await signedInject(
      fixture.server,
      { method: 'POST', url: '/api/nominations', headers: admin, payload: { nomination } },
      adminKey,
    );
    expect(received.statusCode, received.body).toBe(200);
    const decided = await signedInject(
      fixture.server,
      {
        method: 'POST',
        url: '/api/registrations',
        headers: admin,
        payload: { nominationIds: [nomination.id], decidedAt: '2023-02-15T12:00' },
      },
      adminKey,
    );
    expect(decided.json<{ decisions: { outcome: string }[] }>().decisions[0]?.outcome, decided.body).toBe('registered');
    const station = tinyElection().dataset.election.stations.find((s) => s.contests.includes(contestId as never))!.id;
    for (const lang of ['kk', 'ru'] as const) {
      const proof = await fixture.server.app.inject({
        method: 'GET',
        url: `/api/ballots/print/${station}?lang=${lang}`,
      });
      expect([proof.statusCode, proof.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      expect(proof.body).not.toMatch(/<script>alert|<img src=x/);
      // The name is there, as text: its markup written as character references.
      expect(decodeEntities(proof.body)).toContain(hostile);
    }
    // JSON answers carry the text as it was given, as JSON: a browser does not run it.
    for (const url of [
      `/api/candidates/${contestId}`,
      `/api/nominations/${nomination.id}`,
      `/api/ballots/${station}`,
    ]) {
      const answer = await fixture.server.app.inject({ method: 'GET', url });
      expect([answer.statusCode, answer.headers['content-type']], url).toEqual([
        200,
        'application/json; charset=utf-8',
      ]);
      expect(answer.body, url).toContain(JSON.stringify(hostile).slice(1, -1));
    }
  });

  it('a refused item of a bulk import names its field in its message', async () => {
    const nomination = datasetNominations().find((n) => n.contestId === 'KZ-35/maslikhat/smd-02')!;
    const broken = { ...nomination, id: 'KZ-35/maslikhat/smd-02/broken', submittedAt: '1 February' };
    const response = await fixture.server.app.inject({
      method: 'POST',
      url: '/api/nominations/import?lang=en',
      headers: { authorization: fixture.auth.admin as string },
      payload: { nominations: [broken] },
    });
    const refusal = response.json<{
      refusals: { code: string; message: string; params: Record<string, unknown>; field: string }[];
    }>().refusals[0]!;
    expect([refusal.code, refusal.field, refusal.params.field]).toEqual([
      'INPUT_INVALID_DATE',
      'submittedAt',
      'submittedAt',
    ]);
    expect(refusal.message).toContain('"submittedAt"');
    expect(refusal.message).not.toMatch(/\{\w+\}/);
  });

  it('GET /api/analysis/whatif with more than 12 rule sets names the field in its message', async () => {
    const response = await fixture.server.app.inject({
      method: 'GET',
      url: `/api/analysis/whatif?rules=${'threshold-7,'.repeat(12)}threshold-3`,
    });
    expect(expectCodedRefusal(response, 'thirteen rule sets')).toBe('INPUT_OUT_OF_RANGE');
  });

  it('POST routes: odd bodies and media types are refused with a code; nothing is journaled', async () => {
    const head = await fixture.store.journalHead();
    let requests = 0;
    const codes = new Map<string, number>();
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const cases = [
        ...ODD_BODIES,
        { payload: undefined, type: 'application/json', label: 'no body with a JSON type' },
        { payload: undefined, type: undefined, label: 'no body at all' },
      ];
      for (const body of cases) {
        const type = 'type' in body ? body.type : 'application/json';
        const response = await fixture.server.app.inject({
          method: 'POST',
          url: pathOf(route),
          headers: { ...authorizationOf(route), ...(type === undefined ? {} : { 'content-type': type }) },
          ...(body.payload === undefined ? {} : { payload: body.payload }),
        });
        requests++;
        const what = `${route.key} with ${body.label}`;
        const code = expectCodedRefusal(response, what);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      // Every one of them refused: had any journaled, the head would have moved by the end of the route's.
      expect(await fixture.store.journalHead(), route.key).toEqual(head);
    }
    console.log(`odd bodies on ${engine.name}: ${requests} requests`, Object.fromEntries(codes));
    for (const expected of ['INPUT_NOT_JSON', 'REQUEST_TOO_LARGE', 'REQUEST_UNSUPPORTED_MEDIA'])
      expect(codes.get(expected) ?? 0, expected).toBeGreaterThan(0);
  }, 180_000);

  it('POST routes: each field of a valid request replaced by odd values, removed, or joined by unknown keys: taken or refused with a code', async () => {
    let requests = 0;
    const codes = new Map<string, number>();
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const sample = fixture.samples[route.key];
      expect(sample?.body, `${route.key}: add a sample body in hardening-fixture.ts`).toBeDefined();
      const body = sample!.body;
      const variants: { label: string; text: string }[] = [];
      const paths = pathsOf(body);
      // Every field gets some of the odd values and every odd value some of the fields: about VARIANTS_PER_ROUTE
      // requests a route.
      const stride = Math.max(1, Math.ceil((paths.length * ODD_VALUES.length) / VARIANTS_PER_ROUTE));
      for (const [pathIndex, path] of paths.entries()) {
        const at = path.join('.') || '(body)';
        for (const [index, value] of ODD_VALUES.entries())
          if ((pathIndex + index) % stride === 0)
            variants.push({
              label: `${at} = odd value ${index}`,
              text: withRaw(JSON.stringify(replaced(body, path, value))),
            });
        if (path.length > 0)
          variants.push({ label: `${at} removed`, text: JSON.stringify(replaced(body, path, REMOVE)) });
      }
      for (const key of ['__proto__', 'constructor', 'extra', ''])
        variants.push({
          label: `unknown key ${JSON.stringify(key)}`,
          text: JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}: {"isAdmin": true},`),
        });
      for (const variant of variants) {
        const head = await fixture.store.journalHead();
        const response = await fixture.server.app.inject({
          method: 'POST',
          url: pathOf(route),
          headers: { ...authorizationOf(route), 'content-type': 'application/json' },
          payload: variant.text,
        });
        requests++;
        const code = await expectTakenOrRefused(fixture.store, head, response, `${route.key} with ${variant.label}`);
        if (code === null && response.statusCode === 200)
          expectCodedItems(JSON.parse(response.body), `${route.key} with ${variant.label}`);
        codes.set(code ?? String(response.statusCode), (codes.get(code ?? String(response.statusCode)) ?? 0) + 1);
      }
    }
    console.log(`mutated fields on ${engine.name}: ${requests} requests`, Object.fromEntries(codes));
  }, 300_000);

  it('methods no route has are refused as unknown addresses', async () => {
    const head = await fixture.store.journalHead();
    let requests = 0;
    for (const route of routes) {
      for (const method of ['PUT', 'PATCH', 'OPTIONS'] as const) {
        const response = await fixture.server.app.inject({
          method,
          url: pathOf(route),
          headers: authorizationOf(route),
          payload: '{}',
        });
        requests++;
        expect(expectCodedRefusal(response, `${method} ${route.url}`), `${method} ${route.url}`).toBe('API_NOT_FOUND');
      }
    }
    console.log(`other methods on ${engine.name}: ${requests} requests`);
    expect(await fixture.store.journalHead()).toEqual(head);
  });
});
