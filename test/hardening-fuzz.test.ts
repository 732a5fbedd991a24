import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../src/model/protocol.ts';
import {
  actorOf,
  ELSEWHERE,
  expectCodedItems,
  HOME,
  expectTakenOrRefused,
  type Fixture,
  fillPath,
  hardeningFixture,
  type Path,
  pathsOf,
  REMOVE,
  replaced,
  type ServedRoute,
  servedRoutes,
} from './hardening-fixture.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { actDigest } from '../src/journal/act.ts';
import { signDigest, type SigningKey } from '../src/journal/keys.ts';
import { toSignResponse } from '../src/server/act-signing.ts';

/**
 * Property tests of every request body the API reads and of protocol intake (docs/server.md,
 * status codes): whatever arrives — any JSON, or a valid request with fields mutated — the answer
 * is never a server error; a refusal carries a code of the catalogue and journals nothing; a
 * bulk answer's per-item codes are of the catalogue too. Runs are few per route, so the file
 * stays quick on a busy machine; fast-check prints the seed of a failing run to replay it.
 */

const RUNS = { any: 15, shaped: 30, entries: 80, imports: 50 };

/** Number texts JSON.stringify cannot write, put in place of a marker string. */
const RAW_NUMBERS = [
  '9007199254740993',
  '1e999',
  '-1e999',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '0.30000000000000004',
];
const marker = (index: number): string => `\u0001RAW${index}\u0001`;
const withRaw = (text: string): string =>
  text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_all, index: string) => RAW_NUMBERS[Number(index)] as string);

/** Any JSON value, strings of any code units (lone surrogates, NUL, direction marks included). */
const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
/** What fc.anything makes, as JSON would carry it (undefined dropped, NaN as null). */
const anythingAsJson = fc
  .anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true })
  .map((value) => JSON.stringify(value) ?? 'null');
/** A value that might upset a field: of another type, out of range, not representable, very long. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  anyJson,
  fc.integer(),
  fc.double(),
  fc.constantFrom(...RAW_NUMBERS.map((_n, index) => marker(index))),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    '\u0001\u007f',
    '\u202e',
    '\ud800',
    'x'.repeat(70_000),
    '../../etc/passwd',
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE events; --",
  ),
);
const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ''),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A mutation of a valid request: a field replaced or removed, or an unknown key added. */
type Mutation =
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'remove'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown };
const mutations = (paths: readonly Path[]): fc.Arbitrary<Mutation[]> =>
  fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...paths), value: oddValue }),
      fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...paths) }),
      fc.record({
        kind: fc.constant('add' as const),
        path: fc.constantFrom([] as Path, ...paths),
        key: oddKey,
        value: oddValue,
      }),
    ),
    { minLength: 1, maxLength: 3 },
  );

function applied(body: unknown, changes: readonly Mutation[]): unknown {
  let value = body;
  for (const change of changes) {
    if (change.kind === 'replace') value = replaced(value, change.path, change.value);
    else if (change.kind === 'remove')
      value = change.path.length === 0 ? undefined : replaced(value, change.path, REMOVE);
    else value = replaced(value, [...change.path, change.key], change.value);
  }
  return value;
}

/**
 * The second phase of a request whose first answer gave acts to sign, as a function of the signing key; null when the
 * answer is anything else (a refusal, a request that makes no act) or the body is not an object to add `signed` to.
 */
function signedPhaseOf(
  answer: { statusCode: number; body: string },
  text: string,
): ((key: SigningKey) => string) | null {
  if (answer.statusCode !== 200) return null;
  const json = (value: string): unknown => {
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  };
  const parsed = toSignResponse.safeParse(json(answer.body));
  if (!parsed.success) return null;
  const body = json(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const acts = parsed.data.toSign;
  return (key) =>
    JSON.stringify({
      ...body,
      signed: {
        at: acts[0]?.at ?? new Date().toISOString(),
        signatures: acts.map((act) => signDigest(actDigest(act, act), key)),
      },
    });
}

describe('the mutations of a request body', () => {
  it('stay JSON: a key added to an array is no change (its `length` cannot even be redefined)', () => {
    expect(applied({ order: [1, 2] }, [{ kind: 'add', path: ['order'], key: 'length', value: 0 }])).toEqual({
      order: [1, 2],
    });
    expect(applied({ order: [1, 2] }, [{ kind: 'replace', path: ['order', 0], value: 'x' }])).toEqual({
      order: ['x', 2],
    });
    expect(applied({ a: 1 }, [{ kind: 'add', path: [], key: 'length', value: 0 }])).toEqual({ a: 1, length: 0 });
  });
});

describe.each(engines().map((engine) => [engine.name, engine] as const))('fuzzed requests on %s', (_name, engine) => {
  let fixture: Fixture;
  let routes: ServedRoute[];
  const counts = new Map<string, number>();
  beforeAll(async () => {
    fixture = await hardeningFixture(engine);
    routes = (await servedRoutes(fixture.server)).filter((route) => route.method === 'POST');
  }, 180_000);
  afterAll(async () => {
    console.log(`fuzzed requests on ${engine.name}:`, Object.fromEntries(counts));
    await fixture?.server.close();
    await fixture?.store.close();
  });

  /** Sends a body as a principal the route lets through; checks what it may leave behind. */
  const post = async (route: ServedRoute, text: string, as?: string) => {
    const username =
      as ??
      fixture.username(actorOf(route.action), fixture.samples[route.key] ?? { commission: HOME, elsewhere: ELSEWHERE });
    const head = await fixture.store.journalHead();
    // A NUL inside a string is the subject of hardening-nul.test.ts (it fails on PostgreSQL): here it becomes U+0001.
    const payload = text.replace(/\\u0000/g, '\\u0001');
    const request = {
      method: 'POST' as const,
      url: fillPath(route.url, 'x'),
      headers: {
        'content-type': 'application/json',
        ...(username === null ? {} : { authorization: fixture.auth[username] as string }),
      },
      payload,
    };
    // An act is signed in a second phase by its author's own key (docs/server.md, "Signing in the client"): what the
    // first phase plans is signed as a client would, so that a fuzzed act can reach the journal.
    const key = username === null ? undefined : fixture.keyOf(username);
    const first = await fixture.server.app.inject(request);
    const planned = signedPhaseOf(first, payload);
    const response =
      planned === null || key === undefined
        ? first
        : await fixture.server.app.inject({ ...request, payload: planned(key) });
    counts.set(route.key, (counts.get(route.key) ?? 0) + 1);
    const what = `${route.key} as ${username ?? 'the public'} with ${payload.slice(0, 300)}`;
    const code = await expectTakenOrRefused(fixture.store, head, response, what);
    if (code === null) expectCodedItems(JSON.parse(response.body), what);
    return { status: response.statusCode, code, head, body: response.body };
  };

  it('every request body: any JSON value', async () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(anyJson, async (value) => void (await post(route, JSON.stringify(value)))),
        { numRuns: RUNS.any },
      );
      await fc.assert(
        fc.asyncProperty(anythingAsJson, async (text) => void (await post(route, text))),
        { numRuns: RUNS.any },
      );
    }
  }, 300_000);

  it('every request body: a valid request with fields replaced, removed or added', async () => {
    for (const route of routes) {
      const body = fixture.samples[route.key]?.body;
      expect(body, `${route.key}: add a sample body in hardening-fixture.ts`).toBeDefined();
      await fc.assert(
        fc.asyncProperty(
          mutations(pathsOf(body)),
          async (changes) => void (await post(route, withRaw(JSON.stringify(applied(body, changes)) ?? 'null'))),
        ),
        { numRuns: RUNS.shaped },
      );
    }
  }, 300_000);

  /** Mutations of a protocol's figures and identity, from the plausible (one vote moved) to the absurd. */
  const protocolMutation = (protocol: Protocol): fc.Arbitrary<unknown> => {
    const lines = Object.keys(protocol.lines);
    const options = Object.keys(protocol.votes);
    const elsewhere = tinyElection().dataset.protocols.find((other) => other.stationId.startsWith('KZ-10/'))!;
    const figure = fc.oneof(
      fc.integer({ min: -1_000_000, max: -1 }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.constantFrom(2 ** 31, 2 ** 53, 1e308, marker(0), marker(1), marker(4)),
      fc.double({ min: 0, max: 5000, noNaN: true }).filter((x) => !Number.isInteger(x)),
      fc.constantFrom('12', '', null, true, [], {}),
    );
    const change = fc.oneof(
      fc.record({ at: fc.constant('lines'), key: fc.constantFrom(...lines), value: figure }),
      fc.record({ at: fc.constant('votes'), key: fc.constantFrom(...options), value: figure }),
      fc.record({
        at: fc.constantFrom('lines', 'votes'),
        key: fc.constantFrom(...lines, ...options),
        value: fc.constant(REMOVE),
      }),
      fc.record({ at: fc.constantFrom('lines', 'votes', ''), key: oddKey, value: figure }),
      fc.record({
        at: fc.constant(''),
        key: fc.constant('stationId'),
        value: fc.oneof(
          fc.constantFrom(elsewhere.stationId, 'KZ-35/PS-9999', '', 'KZ-35/PS-0001/../PS-0002'),
          fc.string({ maxLength: 30 }),
        ),
      }),
      fc.record({
        at: fc.constant(''),
        key: fc.constant('contestId'),
        value: fc.oneof(
          fc.constantFrom(elsewhere.contestId, 'KZ-10/maslikhat/list', 'majilis/smd-01', 'majilis'),
          fc.string({ maxLength: 30 }),
        ),
      }),
      fc.record({
        at: fc.constant(''),
        key: fc.constant('version'),
        value: fc.oneof(fc.constantFrom(0, -1, 1.5, 2, 3, '1', null, 2 ** 53), fc.integer()),
      }),
      // Plausible: one vote moved from one option to another, the sums kept.
      fc.record({
        at: fc.constant('move'),
        key: fc.tuple(fc.constantFrom(...options), fc.constantFrom(...options)),
        value: fc.constant(0),
      }),
    );
    return fc.array(change, { minLength: 0, maxLength: 4 }).map((changes) => {
      let document: Record<string, unknown> = JSON.parse(JSON.stringify(protocol)) as Record<string, unknown>;
      for (const { at, key, value } of changes) {
        if (at === 'move') {
          const [from, to] = key;
          const votes = document.votes as Record<string, unknown>;
          if (from !== to && typeof votes?.[from] === 'number' && typeof votes[to] === 'number' && votes[from] > 0)
            document = replaced(
              replaced(document, ['votes', from], votes[from] - 1),
              ['votes', to],
              votes[to] + 1,
            ) as Record<string, unknown>;
        } else document = replaced(document, at === '' ? [key] : [at, key], value) as Record<string, unknown>;
      }
      return document;
    });
  };

  it('protocol entries: mutated protocols of the home commission are entered (the journal moves) or refused with a code (it does not)', async () => {
    const route = routes.find((r) => r.key === 'POST /api/protocols/entries')!;
    const pool = fixture.homeProtocols;
    const outcomes = new Map<string, number>();
    const entry = fc
      .integer({ min: 0, max: pool.length - 1 })
      .chain((index) =>
        fc.tuple(protocolMutation(pool[index]!), fc.constantFrom<'operator' | 'chair'>('operator', 'chair')),
      );
    await fc.assert(
      fc.asyncProperty(entry, async ([document, kind]) => {
        const sample = fixture.samples[route.key]!;
        const answer = await post(
          route,
          withRaw(JSON.stringify({ protocol: document })),
          fixture.username(kind, sample)!,
        );
        outcomes.set(
          answer.code ?? String(answer.status),
          (outcomes.get(answer.code ?? String(answer.status)) ?? 0) + 1,
        );
        if (answer.code === null)
          expect((await fixture.store.journalHead()).seq, answer.body).toBe(answer.head.seq + 1);
      }),
      { numRuns: RUNS.entries },
    );
    console.log(`entries on ${engine.name}:`, Object.fromEntries(outcomes));
  }, 300_000);

  it('protocol import: each mutated protocol accepted or refused with a code; the journal moves only for those accepted', async () => {
    const route = routes.find((r) => r.key === 'POST /api/protocols/import')!;
    const pool = fixture.homeProtocols;
    const outcomes = new Map<string, number>();
    const batch = fc.array(
      fc.integer({ min: 0, max: pool.length - 1 }).chain((index) => protocolMutation(pool[index]!)),
      { minLength: 1, maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(batch, async (documents) => {
        const answer = await post(route, withRaw(JSON.stringify({ protocols: documents })));
        if (answer.code !== null) {
          outcomes.set(answer.code, (outcomes.get(answer.code) ?? 0) + 1);
          return;
        }
        const summary = JSON.parse(answer.body) as {
          accepted: number;
          warned: number;
          unchanged: number;
          refused: number;
          refusals: { code: string }[];
        };
        expect(summary.accepted + summary.warned + summary.unchanged + summary.refused, answer.body).toBe(
          documents.length,
        );
        for (const refusal of summary.refusals) outcomes.set(refusal.code, (outcomes.get(refusal.code) ?? 0) + 1);
        outcomes.set('accepted', (outcomes.get('accepted') ?? 0) + summary.accepted + summary.warned);
        const moved = (await fixture.store.journalHead()).seq - answer.head.seq;
        expect(moved > 0, answer.body).toBe(summary.accepted + summary.warned > 0);
      }),
      { numRuns: RUNS.imports },
    );
    console.log(`imports on ${engine.name}:`, Object.fromEntries(outcomes));
  }, 300_000);
});
