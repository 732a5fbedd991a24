import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { isMessageCode, MESSAGES } from '../src/i18n/messages.ts';
import type { Nomination } from '../src/model/nomination.ts';
import type { Protocol } from '../src/model/protocol.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';
import { statusOf } from '../src/server/api-error.ts';
import { refusalResponse } from '../src/server/api-schemas.ts';
import { buildServer, DEFAULT_LIMITS, type SaylauServer } from '../src/server/app.ts';
import type { Action } from '../src/server/permissions.ts';
import type { Store } from '../src/store/store.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { type Account, bearer, preparedDatabase } from './server-harness.ts';
import type { Engine } from './store-engines.ts';
import { signedInject } from './signing-fixture.ts';
import { assertDefined } from '../src/law/assert.ts';
import { generateSigningKey, type SigningKey } from '../src/journal/keys.ts';

/**
 * One server over the tiny election for the hardening tests (docs/server.md, "Accounts and
 * roles"), with an operator and a chair in each of three commissions, an observer and an
 * administrator, and a little registration done, so that every write route has something in
 * scope and something out of it.
 */

/** The commission whose work the requests are about, and another one beside it (not above it). */
export const HOME = 'KZ-35/rec';
export const ELSEWHERE = 'KZ-10/rec';
/** The list contest and body the regional commission of KZ-35 establishes. */
export const HOME_CONTEST = 'KZ-35/maslikhat/list';
export const HOME_BODY = 'KZ-35/maslikhat';

export type PrincipalKind =
  'public' | 'observer' | 'operator' | 'operator-elsewhere' | 'chair' | 'chair-elsewhere' | 'administrator';
export const PRINCIPAL_KINDS: readonly PrincipalKind[] = [
  'public',
  'observer',
  'operator',
  'operator-elsewhere',
  'chair',
  'chair-elsewhere',
  'administrator',
];

/** Refusal codes of the permission matrix. */
export type AuthCode = 'AUTH_REQUIRED' | 'AUTH_FORBIDDEN' | 'AUTH_WRONG_COMMISSION' | 'ENTRY_OUT_OF_SCOPE';

/**
 * Who must be refused, and with what, for each permission: the table of docs/server.md written
 * out again on purpose (not read from permissions.ts), so that a change of the server's rules
 * fails here until the documented policy is changed with it. "operator"/"chair" are of the
 * commission the request is about; "…-elsewhere" of another commission. A principal not listed
 * passes the permission checks (and may still be refused for what it sends).
 */
export const REFUSED: Readonly<Record<Action, Partial<Record<PrincipalKind, AuthCode>>>> = {
  'read-results': {},
  'read-journal': { public: 'AUTH_REQUIRED' },
  'read-entries': { public: 'AUTH_REQUIRED' },
  'manage-own-account': { public: 'AUTH_REQUIRED' },
  enter: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    administrator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'ENTRY_OUT_OF_SCOPE',
    'chair-elsewhere': 'ENTRY_OUT_OF_SCOPE',
  },
  resolve: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    administrator: 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'ENTRY_OUT_OF_SCOPE',
  },
  accept: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    administrator: 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'ENTRY_OUT_OF_SCOPE',
  },
  decide: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    administrator: 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_WRONG_COMMISSION',
  },
  import: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    chair: 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_FORBIDDEN',
  },
  'manage-accounts': {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    chair: 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_FORBIDDEN',
  },
  nominate: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_WRONG_COMMISSION',
    'chair-elsewhere': 'AUTH_WRONG_COMMISSION',
  },
  register: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_WRONG_COMMISSION',
  },
  withdraw: {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_WRONG_COMMISSION',
  },
  'choose-deputies': {
    public: 'AUTH_REQUIRED',
    observer: 'AUTH_FORBIDDEN',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_WRONG_COMMISSION',
  },
  // An observer's own acts: no one else's role may send them.
  observe: {
    public: 'AUTH_REQUIRED',
    operator: 'AUTH_FORBIDDEN',
    'operator-elsewhere': 'AUTH_FORBIDDEN',
    chair: 'AUTH_FORBIDDEN',
    'chair-elsewhere': 'AUTH_FORBIDDEN',
    administrator: 'AUTH_FORBIDDEN',
  },
};

/** Refusals decided before the body is read: the body cannot matter to them. */
export const BEFORE_BODY: readonly AuthCode[] = ['AUTH_REQUIRED', 'AUTH_FORBIDDEN'];

/**
 * A request a route takes, about the home commission's work (or the CEC's, for what only the CEC
 * decides), with its optional fields given too, so that the mutations reach them.
 */
export interface SampleRequest {
  /** The commission whose work it is: "operator" and "chair" are of this one. */
  readonly commission: string;
  /** Another commission, not above the first: "…-elsewhere" are of this one. */
  readonly elsewhere: string;
  readonly body?: unknown;
  readonly query?: string;
}

export interface Fixture {
  readonly server: SaylauServer;
  readonly store: Store;
  /** The server's private key file: nothing it serves may contain it. */
  readonly keysPath: string;
  /** `Authorization` header of each account by username. */
  readonly auth: Readonly<Record<string, string>>;
  /** The route's sample request, by `METHOD url` as Fastify has it; every route with a body has one. */
  readonly samples: Readonly<Record<string, SampleRequest>>;
  /** Protocols of stations under the home commission, none of them entered yet. */
  readonly homeProtocols: readonly Protocol[];
  /** The registered candidate of the home list (withdrawals, vacancies). */
  readonly registeredCandidate: string;
  /** A value each path parameter of a route takes (by Fastify's url), so that a request reaches the handler's work. */
  readonly pathSamples: Readonly<Record<string, string>>;
  /** Username of a principal of the given kind, for a request about `commission` (null for the public). */
  username(kind: PrincipalKind, sample: SampleRequest): string | null;
  /** The person's own key (docs/keys.md): what signs their acts in the second phase of a request. */
  keyOf(username: string): SigningKey | undefined;
}

/** The dataset's nominations, each candidate a different person. */
export function datasetNominations(): Nomination[] {
  let person = 0;
  return nominationsFromElection(tinyElection().dataset.election).map((nomination) => ({
    ...nomination,
    candidates: nomination.candidates.map((dossier) => ({ ...dossier, personId: `P-${++person}` })),
  }));
}

const COMMISSIONS = [HOME, ELSEWHERE, 'cec'];
const userOf = (role: 'operator' | 'chair', commission: string): string => `${role}-${commission.replace(/\W+/g, '-')}`;

export async function hardeningFixture(
  engine: Engine,
  { siteDirectory }: { siteDirectory?: string } = {},
): Promise<Fixture> {
  const { dataset } = tinyElection();
  const election = dataset.election;
  const accounts: Account[] = [
    { username: 'admin', role: 'administrator', commission: null },
    { username: 'observer', role: 'observer', commission: null },
    ...COMMISSIONS.flatMap((commission): Account[] => [
      { username: userOf('operator', commission), role: 'operator', commission },
      { username: userOf('chair', commission), role: 'chair', commission },
    ]),
  ];
  // Limits out of the way: these tests make thousands of requests from one address.
  const generous = { perMinute: 1_000_000, burst: 1_000_000 };
  const prepared = await preparedDatabase(engine, accounts);
  const { store, keysPath } = prepared;
  const server = await buildServer({
    store,
    election,
    keysPath,
    limits: {
      ...DEFAULT_LIMITS,
      bodyBytes: 512 * 1024,
      perAddress: generous,
      perAccount: generous,
      login: generous,
      loginFailures: generous,
      downloads: generous,
      // Each write answered at once, not at the results' next turn of five a second: the pace is not the point here.
      resultsRefreshMs: 0,
    },
    ...(siteDirectory === undefined ? {} : { siteDirectory }),
    // What the routes answer is the point here, not where exports and analyses are built: a worker thread costs a
    // second of CPU to start from the sources. test/offload-server.test.ts and the exports of test/server.test.ts
    // keep the workers, on both engines.
    jobsOnMainThread: true,
  });
  const auth: Record<string, string> = {};
  for (const account of accounts) auth[account.username] = await bearer(server, account.username);

  // One list of the home contest registered (a candidate to withdraw), one submitted (a nomination to decide), one kept
  // back (to nominate).
  const [registered, submitted, unsent] = datasetNominations().filter(
    (nomination) => nomination.contestId === HOME_CONTEST,
  ) as [Nomination, Nomination, Nomination];
  const post = async (url: string, payload: unknown) => {
    // The administrator's acts signed in two phases by its own key (docs/server.md, "Signing in the client").
    const response = await signedInject(
      server,
      {
        method: 'POST',
        url,
        headers: { authorization: auth.admin as string },
        payload: payload as Record<string, unknown>,
      },
      assertDefined(prepared.keyring.users.get('admin')),
    );
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.body}`);
    return response.json<Record<string, unknown>>();
  };
  await post('/api/nominations/import', { nominations: [registered, submitted] });
  const decided = await post('/api/registrations', { nominationIds: [registered.id], decidedAt: '2023-02-15T10:00' });
  if (JSON.stringify(decided).includes('"refused"')) throw new Error(`registration: ${JSON.stringify(decided)}`);
  const registeredCandidate = registered.candidates[0]!.id;

  const homeStations = new Set(
    election.stations.filter((station) => station.id.startsWith('KZ-35/')).map((station) => station.id as string),
  );
  const homeProtocols = dataset.protocols.filter((protocol) => homeStations.has(protocol.stationId));
  const protocol = homeProtocols[0]!;
  const inHome = (body: unknown, query?: string): SampleRequest => ({
    commission: HOME,
    elsewhere: ELSEWHERE,
    body,
    ...(query === undefined ? {} : { query }),
  });
  const samples: Record<string, SampleRequest> = {
    'POST /api/protocols/entries': inHome({ protocol, reason: null }),
    'POST /api/protocols/resolutions': inHome({ protocol }),
    'POST /api/protocols/acceptances': inHome({
      stationId: protocol.stationId,
      contestId: protocol.contestId,
      acknowledged: [],
    }),
    'POST /api/protocols/import': inHome({ protocols: [protocol] }),
    // The observer's copy of the same protocol: the fixture's observer holds no accreditation, so it is refused.
    'POST /api/observers/copies': inHome({
      copies: [
        {
          accreditation: 'fixture-observer',
          protocol: {
            stationId: protocol.stationId,
            contestId: protocol.contestId,
            lines: protocol.lines,
            votes: protocol.votes,
          },
        },
      ],
    }),
    'GET /api/protocols/entries': inHome(
      undefined,
      `station=${encodeURIComponent(protocol.stationId)}&contest=${encodeURIComponent(protocol.contestId)}`,
    ),
    'POST /api/decisions/lots': inHome({
      contestId: HOME_CONTEST,
      order: [registered.nominatedBy, submitted.nominatedBy],
    }),
    'POST /api/decisions/approvals': inHome({ contestId: HOME_CONTEST, commissionId: HOME }),
    // Only the CEC certifies: its chair is the one in scope, a regional chair the one elsewhere.
    'POST /api/decisions/certifications': { commission: 'cec', elsewhere: HOME, body: { bodyId: 'majilis' } },
    'POST /api/accounts': inHome({
      username: 'someone-new',
      password: 'a long enough password here',
      role: 'operator',
      commission: HOME,
    }),
    'POST /api/session': inHome({ username: 'observer', password: 'not the password of anyone' }),
    // A browser's new key for a person whose key is registered: refused until its authority revokes the old one.
    'POST /api/me/key': inHome({ publicKey: generateSigningKey().publicKey }),
    // A key nobody sent: refused with its code.
    'POST /api/keys/registrations': inHome({ username: 'operator-KZ-35-rec', fingerprint: '0'.repeat(64) }),
    // A cosignature of no registered witness over a checkpoint the log never signed: refused with its code.
    'POST /api/log/cosignatures': inHome({
      checkpoint: 'saylau/kz\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— saylau/kz AAAAAAAA\n',
      cosignature:
        '— witness.example/w AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    }),
    // Requests that would change the fixture's own accounts are refused on purpose: a wrong current
    // password, and the route's literal `:username`, which is nobody's (ACCOUNT_UNKNOWN).
    'POST /api/session/password': inHome({
      currentPassword: 'not the current password',
      newPassword: 'a new password nobody would guess 7',
    }),
    'POST /api/accounts/:username/disable': inHome({ reason: 'a lost laptop' }),
    'POST /api/accounts/:username/enable': inHome({ reason: 'the laptop found again' }),
    'POST /api/accounts/:username/password': inHome({ password: 'a new password nobody would guess 7' }),
    'POST /api/nominations': inHome({ nomination: unsent }),
    'POST /api/nominations/import': inHome({ nominations: [unsent] }),
    'POST /api/registrations': inHome({ nominationIds: [submitted.id], decidedAt: '2023-02-15T11:00' }),
    'POST /api/withdrawals': inHome({
      candidateId: registeredCandidate,
      kind: 'withdrawn',
      at: '2023-02-16T10:00',
      reason: 'a personal decision',
    }),
    'POST /api/deputies': inHome({ bodyId: HOME_BODY, partyId: registered.nominatedBy, chosen: [registeredCandidate] }),
    'POST /api/mandates/vacancies': inHome({
      bodyId: HOME_BODY,
      candidateId: registeredCandidate,
      partyId: registered.nominatedBy,
      reason: 'resigned',
    }),
    'POST /api/mandates/fills': inHome({
      bodyId: HOME_BODY,
      candidateId: registeredCandidate,
      partyId: registered.nominatedBy,
    }),
  };
  const station = protocol.stationId;
  const snapshot = (await server.app.inject({ method: 'GET', url: '/api/results/latest' })).json<{ sha256: string }>()
    .sha256;
  const pathSamples: Record<string, string> = {
    '/api/results/snapshots/:name': `${snapshot}.json`,
    '/api/results/contests/*': HOME_CONTEST,
    '/api/results/commissions/*': HOME,
    '/api/stations/*': station,
    '/api/exports/csv/:file': 'contests.csv',
    '/api/candidates/*': HOME_CONTEST,
    '/api/nominations/*': submitted.id,
    '/api/ballots/*': station,
    '/api/ballots/print/*': station,
    '/api/deputies/*': HOME_BODY,
    '/api/deposits/*': HOME_BODY,
    '/api/site/bodies/*': HOME_BODY,
    '/api/site/regions/:regionId': 'KZ-35',
    '/api/site/contests/*': HOME_CONTEST,
    '/api/site/stations/*': station,
  };
  return {
    server,
    store,
    keysPath,
    auth,
    samples,
    pathSamples,
    homeProtocols: homeProtocols.slice(1),
    registeredCandidate,
    keyOf: (username) => prepared.keyring.users.get(username),
    username(kind, sample) {
      switch (kind) {
        case 'public':
          return null;
        case 'observer':
          return 'observer';
        case 'administrator':
          return 'admin';
        case 'operator':
        case 'chair':
          return userOf(kind, sample.commission);
        case 'operator-elsewhere':
        case 'chair-elsewhere':
          return userOf(kind === 'operator-elsewhere' ? 'operator' : 'chair', sample.elsewhere);
      }
    },
  };
}

/** A route as the server lists it: `POST /api/protocols/entries`, `GET /api/stations/*`. */
export interface ServedRoute {
  readonly key: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly action: Action;
}

/** Every /api route the server serves, with the permission its OpenAPI entry names. */
export async function servedRoutes(server: SaylauServer): Promise<ServedRoute[]> {
  const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, { 'x-saylau-permission'?: string }>>;
  }>();
  return [...new Set(server.routes)].map((key) => {
    const [method, url] = key.split(' ') as [ServedRoute['method'], string];
    const path = url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{id}');
    const permission = document.paths[path]?.[method.toLowerCase()]?.['x-saylau-permission'];
    if (permission === undefined || !Object.hasOwn(REFUSED, permission))
      throw new Error(`${key} names no known permission (${String(permission)}): add it to REFUSED`);
    return { key, method, url, action: permission as Action };
  });
}

/** A route's URL with its parameters filled in by `value`. */
export const fillPath = (url: string, value: string): string => url.replace(/:(\w+)/g, value).replace(/\*$/, value);

/**
 * A refusal as docs/server.md promises it: the documented shape, a code the catalogue knows, the
 * status that code has, and never a server error.
 */
export function expectCodedRefusal(
  response: Pick<LightMyRequestResponse, 'statusCode' | 'body'>,
  what: string,
): string {
  expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw new Error(`${what}: ${response.statusCode} with a body that is not JSON: ${response.body.slice(0, 200)}`);
  }
  const refusal = refusalResponse.safeParse(parsed);
  expect(refusal.success, `${what}: not the refusal shape: ${response.body.slice(0, 300)}`).toBe(true);
  const code = (refusal.data as { error: { code: string } }).error.code;
  expect(isMessageCode(code), `${what}: unregistered code ${code}`).toBe(true);
  expect(response.statusCode, `${what}: ${code}`).toBe(statusOf(code as never));
  const { params } = (refusal.data as { error: { params: Record<string, unknown> } }).error;
  expect(
    missingParams(code, params),
    `${what}: ${code} leaves placeholders unfilled: ${response.body.slice(0, 300)}`,
  ).toEqual([]);
  return code;
}

/**
 * The placeholders of a code's messages (`{field}`) that its parameters do not fill: a person would read them as they
 * are.
 */
export function missingParams(code: string, params: Readonly<Record<string, unknown>>): string[] {
  if (!isMessageCode(code)) return [];
  const templates = Object.values(MESSAGES[code]) as string[];
  return [
    ...new Set(
      templates.flatMap((template) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string)),
    ),
  ].filter((name) => !Object.hasOwn(params, name));
}

/**
 * Every `{code, params}` in an answer that was taken (bulk answers list their refusals so): codes of the catalogue,
 * placeholders filled.
 */
export function expectCodedItems(value: unknown, what: string): void {
  if (Array.isArray(value)) {
    for (const item of value) expectCodedItems(item, what);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const item = value as { code?: unknown; params?: unknown };
  if (typeof item.code === 'string') {
    expect(isMessageCode(item.code), `${what}: answer names ${item.code}`).toBe(true);
    if (typeof item.params === 'object' && item.params !== null)
      expect(
        missingParams(item.code, item.params as Record<string, unknown>),
        `${what}: ${item.code} leaves placeholders unfilled`,
      ).toEqual([]);
  }
  for (const inner of Object.values(value)) expectCodedItems(inner, what);
}

/**
 * The principal a request is sent as so that it passes the permission checks and reaches the
 * handler: the public for public routes, else the first of chair, operator, administrator,
 * observer that the policy lets through.
 */
export function actorOf(action: Action): PrincipalKind {
  if (action === 'read-results') return 'public';
  const kind = (['chair', 'operator', 'administrator', 'observer'] as const).find(
    (candidate) => REFUSED[action][candidate] === undefined,
  );
  if (kind === undefined) throw new Error(`nobody may ${action}`);
  return kind;
}

/** What a request may leave behind: it is taken (2xx, 304), or refused with a code and then changes nothing. */
export async function expectTakenOrRefused(
  store: Store,
  head: { seq: number; hash: string },
  response: Pick<LightMyRequestResponse, 'statusCode' | 'body'>,
  what: string,
): Promise<string | null> {
  expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  if (response.statusCode < 400) return null;
  const code = expectCodedRefusal(response, what);
  expect(await store.journalHead(), `${what}: refused with ${code} but journaled`).toEqual(head);
  return code;
}

/** A place in a JSON value: keys and array indices. */
export type Path = readonly (string | number)[];

/** Every leaf of a value and every object or array on the way, arrays by their first element only. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...(value.length > 0 ? pathsOf(value[0], [...prefix, 0]) : [])];
  if (typeof value === 'object' && value !== null)
    return [
      ...(prefix.length > 0 ? [prefix] : []),
      ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...prefix, key])),
    ];
  return [prefix];
}

/** `value` with the place at `path` replaced (or removed when `replacement` is REMOVE). */
export const REMOVE = Symbol('remove');
export function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = path as [string | number, ...Path];
  // A named key on an array (`length`, say, which cannot even be redefined) is not JSON: the body sent is the array.
  if (Array.isArray(value) && typeof head === 'string' && !/^\d+$/.test(head)) return copy;
  if (rest.length === 0 && replacement === REMOVE) delete copy[head];
  else
    Object.defineProperty(copy, head, {
      value: replaced(copy[head], rest, replacement),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}
