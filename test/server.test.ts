import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Protocol } from '../src/model/protocol.ts';
import { exportPrivateKey } from '../src/journal/keys.ts';
import type { SaylauServer } from '../src/server/app.ts';
import type { Store } from '../src/store/store.ts';
import type { Keyring } from '../src/store/keyring.ts';
import { currentDecisions, currentTally } from '../src/services/results-service.ts';
import { resultsToJson } from '../src/tally/results-json.ts';
import { resultsDocumentSchema } from '../src/model/results-document.ts';
import {
  bodyPageResponse,
  contestPageResponse,
  overviewResponse,
  regionPageResponse,
  regionsResponse,
  stationPageResponse,
} from '../src/server/site-schemas.ts';
import {
  entryResponse,
  importResponse,
  journalResponse,
  pointerResponse,
  refusalResponse,
  sessionResponse,
  stationResponse,
  whoAmIResponse,
} from '../src/server/api-schemas.ts';
import { withReceipts } from '../src/server/route-registry.ts';
import { type Account, bearer, PASSWORD, testServer } from './server-harness.ts';
import { signedInject } from './signing-fixture.ts';
import { generateSigningKey, type SigningKey } from '../src/journal/keys.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';

interface Refusal {
  error: {
    code: string;
    message: string;
    messages: { kk: string; ru: string; en: string };
    params: Record<string, unknown>;
    field: string | null;
  };
}

describe.each(engines().map((engine) => [engine.name, engine] as const))('the HTTP API on %s', (_name, engine) => {
  const { dataset } = tinyElection();
  const election = dataset.election;
  const protocol = dataset.protocols.find(
    (p) => p.stationId.startsWith('KZ-35/') && p.contestId === 'majilis/list',
  ) as Protocol;
  const station = election.stations.find((s) => s.id === protocol.stationId)!;
  const territorial = election.commissions.find((c) => c.id === station.commissionId)!.parentId!;
  const elsewhere = election.commissions.find((c) => c.level === 'territorial' && c.id !== territorial)!.id;
  const foreign = dataset.protocols.find(
    (p) =>
      election.stations
        .find((s) => s.id === p.stationId)!
        .commissionId.startsWith(`${elsewhere.replace(/\/tec$/, '')}/`) && p.contestId === 'majilis/list',
  );
  const accounts: Account[] = [
    { username: 'admin', role: 'administrator', commission: null },
    { username: 'observer', role: 'observer', commission: null },
    { username: 'op-1', role: 'operator', commission: territorial },
    { username: 'op-2', role: 'operator', commission: territorial },
    { username: 'chair', role: 'chair', commission: territorial },
    { username: 'cec-chair', role: 'chair', commission: 'cec' },
  ];
  let server: SaylauServer;
  let store: Store;
  let keyring: Keyring;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    ({ server, store, keyring } = await testServer(engine, accounts, {
      bodyBytes: 256 * 1024,
      login: { perMinute: 60, burst: 30 },
    }));
    for (const account of accounts) auth[account.username] = await bearer(server, account.username);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  /** Keys made in a test by the people themselves, beside the harness's. */
  const ownKeys = new Map<string, SigningKey>();
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, as: string | null, payload?: unknown) => {
    const headers: Record<string, string> = as === null ? {} : { authorization: auth[as] as string };
    // An act is signed in the client by the person's own key (docs/server.md, "Signing in the client").
    const key = as === null ? undefined : (ownKeys.get(as) ?? keyring.users.get(as));
    const response =
      method === 'POST' &&
      key !== undefined &&
      typeof payload === 'object' &&
      payload !== null &&
      !Array.isArray(payload)
        ? await signedInject(server, { method, url, headers, payload: payload as Record<string, unknown> }, key)
        : await server.app.inject({
            method,
            url,
            headers,
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
    return {
      status: response.statusCode,
      body: response.body,
      json: <T>() => JSON.parse(response.body) as T,
      headers: response.headers,
    };
  };
  const code = (response: { json: <T>() => T }) => response.json<Refusal>().error.code;
  /** Everything a refused request could have changed. */
  const state = async () => ({
    head: await store.journalHead(),
    protocols: (await store.allProtocols()).length,
    keys: (await store.keys()).length,
  });

  it('every role can do exactly what it may; a refused request changes nothing', async () => {
    const before = await state();
    const entry = { protocol };
    // The public: results only.
    expect((await call('GET', '/api/results', null)).status).toBe(200);
    expect(code(await call('GET', '/api/journal', null))).toBe('AUTH_REQUIRED');
    expect(code(await call('GET', '/api/keys', null))).toBe('AUTH_REQUIRED');
    expect(code(await call('POST', '/api/protocols/entries', null, entry))).toBe('AUTH_REQUIRED');
    // An observer reads everything, the journal included, and writes nothing.
    const journal = await call('GET', '/api/journal?limit=5000', 'observer');
    expect(journal.status).toBe(200);
    journalResponse.parse(journal.json());
    expect(journal.json<{ events: unknown[] }>().events).toHaveLength(before.head.seq);
    for (const key of [keyring.cec, ...keyring.users.values()])
      expect(journal.body).not.toContain(exportPrivateKey(key).split('\n')[1]);
    expect(journal.body).not.toContain('argon2');
    for (const [url, payload] of [
      ['/api/protocols/entries', entry],
      ['/api/protocols/import', { protocols: [protocol] }],
      ['/api/accounts', { username: 'x1', password: PASSWORD, role: 'observer' }],
      ['/api/decisions/certifications', { bodyId: 'majilis' }],
    ] as const) {
      const refused = await call('POST', url, 'observer', payload);
      expect([refused.status, code(refused)], url).toEqual([403, 'AUTH_FORBIDDEN']);
    }
    // An operator enters protocols of their own commission only, and cannot accept.
    if (foreign !== undefined)
      expect(code(await call('POST', '/api/protocols/entries', 'op-1', { protocol: foreign }))).toBe(
        'ENTRY_OUT_OF_SCOPE',
      );
    expect(
      code(
        await call('POST', '/api/protocols/acceptances', 'op-1', {
          stationId: protocol.stationId,
          contestId: protocol.contestId,
        }),
      ),
    ).toBe('AUTH_FORBIDDEN');
    expect(code(await call('POST', '/api/protocols/import', 'op-1', { protocols: [protocol] }))).toBe('AUTH_FORBIDDEN');
    // A chair decides for their own commission only; an administrator manages accounts, not protocols.
    expect(code(await call('POST', '/api/decisions/approvals', 'chair', { contestId: 'majilis/list' }))).toBe(
      'AUTH_WRONG_COMMISSION',
    );
    expect(code(await call('POST', '/api/decisions/certifications', 'chair', { bodyId: 'majilis' }))).toBe(
      'AUTH_WRONG_COMMISSION',
    );
    expect(code(await call('POST', '/api/protocols/entries', 'admin', entry))).toBe('AUTH_FORBIDDEN');
    expect(
      code(
        await call('POST', '/api/decisions/approvals', 'chair', { contestId: 'majilis/list', commissionId: elsewhere }),
      ),
    ).toBe('AUTH_WRONG_COMMISSION');
    expect(code(await call('POST', '/api/protocols/resolutions', 'op-1', { protocol }))).toBe('AUTH_FORBIDDEN');
    if (foreign !== undefined)
      expect(
        code(
          await call('POST', '/api/protocols/acceptances', 'chair', {
            stationId: foreign.stationId,
            contestId: foreign.contestId,
          }),
        ),
      ).toBe('ENTRY_OUT_OF_SCOPE');
    // Who may call is decided before the body is read: the public gets 401 even for a body that is not JSON.
    const unread = await server.app.inject({
      method: 'POST',
      url: '/api/protocols/import',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect([unread.statusCode, (JSON.parse(unread.body) as Refusal).error.code]).toEqual([401, 'AUTH_REQUIRED']);
    expect(code(await call('POST', '/api/decisions/certifications', 'cec-chair', { bodyId: 'majilis' }))).toBe(
      'BODY_NOT_ESTABLISHED',
    );
    expect(await state()).toEqual(before);

    // The life of a protocol through the API: two operators, a comparison, the chair's acceptance.
    const first = await call('POST', '/api/protocols/entries', 'op-1', entry);
    withReceipts(entryResponse).parse(first.json());
    expect(first.json()).toMatchObject({ decision: 'entered', entry: 1, state: 'first-entered' });
    const typo = {
      ...protocol,
      lines: { ...protocol.lines, invalid: protocol.lines.invalid + 1, againstAll: protocol.lines.againstAll - 1 },
    };
    const second = await call('POST', '/api/protocols/entries', 'op-2', { protocol: typo });
    withReceipts(entryResponse).parse(second.json());
    expect(second.json()).toMatchObject({
      decision: 'entered',
      entry: 2,
      state: 'entries-differ',
      differences: ['lines.againstAll', 'lines.invalid'],
    });
    expect(
      code(
        await call('POST', '/api/protocols/acceptances', 'chair', {
          stationId: protocol.stationId,
          contestId: protocol.contestId,
        }),
      ),
    ).toBe('ENTRY_DIFFERENCES_UNRESOLVED');
    const pending = await call(
      'GET',
      `/api/protocols/entries?station=${encodeURIComponent(protocol.stationId)}&contest=majilis%2Flist`,
      'observer',
    );
    expect(pending.json()).toMatchObject({
      state: 'entries-differ',
      first: { operator: expect.any(String) as string },
      differences: ['lines.againstAll', 'lines.invalid'],
    });
    expect((await call('POST', '/api/protocols/resolutions', 'chair', { protocol })).json()).toMatchObject({
      decision: 'resolved',
      state: 'resolved',
    });
    expect(
      (
        await call('POST', '/api/protocols/acceptances', 'chair', {
          stationId: protocol.stationId,
          contestId: protocol.contestId,
        })
      ).json(),
    ).toMatchObject({ decision: 'accepted', state: 'none' });
    const after = await state();
    expect(after.protocols).toBe(before.protocols + 1);
    // Each step is a journal event signed by the person who took it.
    const events = (await call('GET', `/api/journal?after=${before.head.seq}`, 'observer')).json<{
      events: { type: string; actor: string }[];
    }>().events;
    expect(events.map((e) => e.type)).toEqual([
      'protocol-entered',
      'protocol-entered',
      'protocol-resolved',
      'protocol-accepted',
    ]);
    expect(events.map((e) => e.actor)).toEqual([
      keyring.users.get('op-1')!.fingerprint,
      keyring.users.get('op-2')!.fingerprint,
      keyring.users.get('chair')!.fingerprint,
      keyring.users.get('chair')!.fingerprint,
    ]);
  }, 60_000);

  it('bad requests of every kind are refused with their codes, in kk, ru and en, and change nothing', async () => {
    const before = await state();
    const raw = async (options: { url: string; payload: string; headers?: Record<string, string>; as?: string }) => {
      const response = await server.app.inject({
        method: 'POST',
        url: options.url,
        payload: options.payload,
        headers: {
          'content-type': 'application/json',
          ...(options.as === undefined ? {} : { authorization: auth[options.as] as string }),
          ...options.headers,
        },
      });
      return {
        status: response.statusCode,
        code: (JSON.parse(response.body) as Refusal).error.code,
        body: JSON.parse(response.body) as Refusal,
      };
    };
    const malformed = await raw({ url: '/api/protocols/import', payload: '{"protocols": [', as: 'admin' });
    expect([malformed.status, malformed.code]).toEqual([400, 'INPUT_NOT_JSON']);
    expect(malformed.body.error.messages.ru).toMatch(/JSON/);
    refusalResponse.parse(malformed.body);
    expect(
      (
        await raw({
          url: '/api/protocols/import',
          payload: 'protocols',
          headers: { 'content-type': 'text/plain' },
          as: 'admin',
        })
      ).code,
    ).toBe('REQUEST_UNSUPPORTED_MEDIA');
    expect(
      (await raw({ url: '/api/protocols/import', payload: '{"__proto__": {"x": 1}, "protocols": []}', as: 'admin' }))
        .status,
    ).toBe(400);
    const huge = await raw({
      url: '/api/protocols/import',
      payload: JSON.stringify({ protocols: Array.from({ length: 1000 }, () => protocol) }),
      as: 'admin',
    });
    expect([huge.status, huge.code, huge.body.error.params.limit]).toEqual([413, 'REQUEST_TOO_LARGE', 256 * 1024]);
    const wrongType = await call('POST', '/api/protocols/entries', 'op-1', { protocol, reason: 5 });
    expect([wrongType.status, code(wrongType), wrongType.json<Refusal>().error.field]).toEqual([
      422,
      'INPUT_WRONG_TYPE',
      'reason',
    ]);
    expect(code(await call('POST', '/api/protocols/entries', 'op-1', { protocol, extra: true }))).toBe(
      'INPUT_INVALID_VALUE',
    );
    expect(code(await call('POST', '/api/protocols/entries', 'op-1', {}))).toBe('INPUT_MISSING_FIELD');
    expect(
      code(
        await call('POST', '/api/protocols/entries', 'op-1', {
          protocol: { ...protocol, lines: { ...protocol.lines, invalid: -1 } },
        }),
      ),
    ).toBe('PROTOCOL_MALFORMED');
    const unknownStation = await call('POST', '/api/protocols/import', 'admin', {
      protocols: [{ ...protocol, stationId: 'KZ-35/PS-9999' }],
    });
    expect(unknownStation.json()).toMatchObject({
      accepted: 0,
      refused: 1,
      refusals: [{ code: 'DATASET_UNKNOWN_REFERENCE' }],
    });
    expect(code(await call('GET', '/api/results/contests/no/such', null))).toBe('DATASET_UNKNOWN_REFERENCE');
    expect(code(await call('GET', '/api/stations/KZ-35/PS-9999', null))).toBe('DATASET_UNKNOWN_REFERENCE');
    expect(
      code(await call('POST', '/api/decisions/lots', 'cec-chair', { contestId: 'majilis/list', order: ['amanat'] })),
    ).toBe('LOTS_NOT_REQUIRED');
    const notFound = await call('GET', '/api/nothing-here?lang=en', null);
    expect([notFound.status, notFound.json<Refusal>().error.message]).toEqual([
      404,
      'No such address: GET /api/nothing-here',
    ]);
    // Credentials: missing, forged, malformed, wrong, logged out.
    expect(
      code(await call('POST', '/api/accounts', null, { username: 'x2', password: PASSWORD, role: 'observer' })),
    ).toBe('AUTH_REQUIRED');
    const forged = await server.app.inject({
      method: 'GET',
      url: '/api/journal',
      headers: { authorization: `Bearer ${'A'.repeat(43)}` },
    });
    expect([forged.statusCode, (JSON.parse(forged.body) as Refusal).error.code]).toEqual([401, 'AUTH_SESSION_INVALID']);
    const garbled = await server.app.inject({
      method: 'GET',
      url: '/api/journal',
      headers: { authorization: 'Basic YWRtaW46eA==' },
    });
    expect((JSON.parse(garbled.body) as Refusal).error.code).toBe('AUTH_SESSION_INVALID');
    const wrong = await call('POST', '/api/session', null, { username: 'admin', password: 'not the password at all' });
    expect([wrong.status, code(wrong)]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    expect(code(await call('POST', '/api/session', null, { username: 'nobody', password: PASSWORD }))).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );
    const session = await bearer(server, 'observer');
    expect(
      (await server.app.inject({ method: 'DELETE', url: '/api/session', headers: { authorization: session } }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        JSON.parse(
          (await server.app.inject({ method: 'GET', url: '/api/journal', headers: { authorization: session } })).body,
        ) as Refusal
      ).error.code,
    ).toBe('AUTH_SESSION_INVALID');
    expect(await state()).toEqual(before);

    // Versions: a replay changes nothing, a different version 1 conflicts, an older version is stale.
    const other = dataset.protocols.find(
      (p) => p.stationId !== protocol.stationId && p.contestId === 'majilis/list' && p.stationId.startsWith('KZ-35/'),
    )!;
    expect((await call('POST', '/api/protocols/import', 'admin', { protocols: [other] })).json()).toMatchObject({
      accepted: 1,
    });
    expect((await call('POST', '/api/protocols/import', 'admin', { protocols: [other] })).json()).toMatchObject({
      accepted: 0,
      unchanged: 1,
    });
    const altered = {
      ...other,
      lines: { ...other.lines, invalid: other.lines.invalid + 1, againstAll: other.lines.againstAll - 1 },
    };
    expect((await call('POST', '/api/protocols/import', 'admin', { protocols: [altered] })).json()).toMatchObject({
      refused: 1,
      refusals: [{ code: 'PROTOCOL_VERSION_CONFLICT' }],
    });
    // Import follows double entry's rule: exactly the accepted version + 1, so no version can lock a station.
    for (const version of [0, 3, Number.MAX_SAFE_INTEGER])
      expect(
        (await call('POST', '/api/protocols/import', 'admin', { protocols: [{ ...altered, version }] })).json(),
      ).toMatchObject({
        refused: 1,
        refusals: [{ code: version === 0 ? 'PROTOCOL_STALE_VERSION' : 'ENTRY_WRONG_VERSION' }],
      });
    expect(
      (await call('POST', '/api/protocols/import', 'admin', { protocols: [{ ...altered, version: 2 }] })).json(),
    ).toMatchObject({ accepted: 1 });
    expect(
      (await call('POST', '/api/protocols/import', 'admin', { protocols: [{ ...other, version: 1 }] })).json(),
    ).toMatchObject({ refused: 1, refusals: [{ code: 'PROTOCOL_STALE_VERSION' }] });
  }, 60_000);

  it('accounts: argon2id passwords, a key registered in the journal, coded refusals', async () => {
    expect(
      code(await call('POST', '/api/accounts', 'admin', { username: 'short', password: 'short', role: 'observer' })),
    ).toBe('PASSWORD_TOO_SHORT');
    expect(
      code(await call('POST', '/api/accounts', 'admin', { username: 'op-9', password: PASSWORD, role: 'operator' })),
    ).toBe('INPUT_MISSING_FIELD');
    expect(
      code(
        await call('POST', '/api/accounts', 'admin', {
          username: 'op-9',
          password: PASSWORD,
          role: 'operator',
          commission: 'nowhere',
        }),
      ),
    ).toBe('DATASET_UNKNOWN_REFERENCE');
    expect(
      code(await call('POST', '/api/accounts', 'admin', { username: 'op-1', password: PASSWORD, role: 'observer' })),
    ).toBe('DATASET_DUPLICATE_ID');
    expect(
      code(await call('POST', '/api/accounts', 'admin', { username: 'x', password: PASSWORD, role: 'king' })),
    ).toBe('INPUT_INVALID_VALUE');
    // The new operator's key made where the operator is (`saylau keygen`): only its public half travels.
    const opKey = generateSigningKey();
    ownKeys.set('op-9', opKey);
    const created = await call('POST', '/api/accounts', 'admin', {
      username: 'op-9',
      password: 'another long password',
      role: 'operator',
      commission: territorial,
      publicKey: opKey.publicKey,
    });
    expect(created.json()).toMatchObject({ username: 'op-9', role: 'operator', commission: territorial });
    expect((await store.account('op-9'))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await store.keys()).find((key) => key.holder === 'op-9')).toMatchObject({
      role: 'operator',
      commission: territorial,
      fingerprint: opKey.fingerprint,
    });
    expect(created.json<{ fingerprint: string }>().fingerprint).toBe(opKey.fingerprint);
    const login = await call('POST', '/api/session', null, { username: 'op-9', password: 'another long password' });
    sessionResponse.parse(login.json());
    expect(login.json()).toMatchObject({ role: 'operator', commission: territorial });
    // The new operator signs with the key of its own.
    auth['op-9'] = `Bearer ${login.json<{ token: string }>().token}`;
    const third = dataset.protocols.find((p) => p.contestId !== 'majilis/list' && p.stationId === protocol.stationId)!;
    expect((await call('POST', '/api/protocols/entries', 'op-9', { protocol: third })).json()).toMatchObject({
      decision: 'entered',
    });
  }, 60_000);

  it('a protocol accepted through the API appears in the SSE stream and in GET results; results are cacheable and content-addressed', async () => {
    await server.live.changed();
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    /** A live stream opened, with the events it has had so far. */
    const openStream = async () => {
      const had: { seq: number; sha256: string; changedContests: string[] }[] = [];
      const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) =>
        httpRequest(`${address}/api/live`, resolve).on('error', reject).end(),
      );
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          if (data !== undefined) had.push(JSON.parse(data.slice(6)) as (typeof had)[number]);
          buffer = buffer.slice(end + 2);
        }
      });
      return { response, had };
    };
    const { response: stream, had: events } = await openStream();
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      return done();
    };
    expect(await until(() => events.length >= 1)).toBe(true);
    const first = await call('GET', '/api/results', null);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${events[0]!.sha256}"`);
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/results', headers: { 'if-none-match': etag } })).statusCode,
    ).toBe(304);
    // As a CDN that compressed the body asks: a weak tag in a list.
    expect(
      (
        await server.app.inject({
          method: 'GET',
          url: '/api/results',
          headers: { 'if-none-match': `"other", W/${etag}` },
        })
      ).statusCode,
    ).toBe(304);
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/results', headers: { 'if-none-match': '"other"' } }))
        .statusCode,
    ).toBe(200);
    // Gzipped for those who take it, under a tag of its own, the same bytes once unzipped.
    const zipped = await server.app.inject({
      method: 'GET',
      url: '/api/results',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect([zipped.headers['content-encoding'], zipped.headers.etag, zipped.headers.vary]).toEqual([
      'gzip',
      etag.replace(/"$/, '-gz"'),
      'accept-encoding',
    ]);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(first.body);
    expect(
      (
        await server.app.inject({
          method: 'GET',
          url: '/api/results',
          headers: { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag as string },
        })
      ).statusCode,
    ).toBe(304);

    const fresh = dataset.protocols.find((p) => p.contestId === 'majilis/list' && p.stationId.startsWith('KZ-11/'))!;
    const before = first.json<{
      contests: Record<string, { totals: { stationsCounted: number; votes: Record<string, string> } }>;
    }>().contests['majilis/list']!.totals;
    const started = Date.now();
    const imported = await call('POST', '/api/protocols/import', 'admin', { protocols: [fresh] });
    importResponse.parse(imported.json());
    expect(imported.json()).toMatchObject({ accepted: 1 });
    expect(
      await until(() =>
        events.some((e) => e.changedContests.includes('majilis/list') && e.sha256 !== events[0]!.sha256),
      ),
    ).toBe(true);
    const latency = Date.now() - started;
    expect(latency).toBeLessThan(5000);

    const now = await call('GET', '/api/results', null);
    // The answers have the shapes the OpenAPI document publishes.
    resultsDocumentSchema.parse(now.json());
    expect(now.headers.etag).not.toBe(etag);
    const totals = now.json<typeof first extends { json: () => infer T } ? T : never>() as {
      contests: Record<string, { totals: { stationsCounted: number; votes: Record<string, string | number> } }>;
    };
    const after = totals.contests['majilis/list']!.totals;
    expect(after.stationsCounted).toBe(before.stationsCounted + 1);
    expect(BigInt(after.votes.amanat!)).toBe(BigInt(before.votes.amanat!) + BigInt(fresh.votes.amanat!));
    expect(now.body).toContain('"stage":"partial"');
    // Recomputed body by body, the document is byte for byte the full computation's.
    const decisions = await currentDecisions(store);
    expect(now.body).toBe(
      JSON.stringify({
        electionId: election.event.id,
        ...(resultsToJson(await currentTally({ store, election, decisions }), decisions) as object),
      }),
    );

    // The pointer names an immutable snapshot with the same bytes.
    const pointer = pointerResponse.parse((await call('GET', '/api/results/latest', null)).json());
    expect(`"${pointer.sha256}"`).toBe(now.headers.etag);
    const snapshot = await call('GET', pointer.href, null);
    expect(snapshot.body).toBe(now.body);
    expect(snapshot.headers['cache-control']).toContain('immutable');
    expect((await call('GET', `/api/results/snapshots/${events[0]!.sha256}.json`, null)).body).toBe(first.body);
    expect(code(await call('GET', `/api/results/snapshots/${'0'.repeat(64)}.json`, null))).toBe('SNAPSHOT_UNKNOWN');
    // Every level: the contest alone, a commission's summary, the station with its protocol and findings.
    expect((await call('GET', '/api/results/contests/majilis/list', null)).json()).toEqual(
      totals.contests['majilis/list'],
    );
    const region = (await call('GET', `/api/results/commissions/${fresh.stationId.split('/')[0]}/rec`, null)).json<{
      contests: Record<string, { stationsCounted: number; votes: Record<string, number> }>;
    }>();
    expect(region.contests['majilis/list']).toMatchObject({ stationsCounted: 1, votes: fresh.votes });
    const stationView = stationResponse.parse((await call('GET', `/api/stations/${fresh.stationId}`, null)).json());
    expect(stationView.protocols).toEqual([{ protocol: fresh, findings: [] }]);
    // Changes in quick succession, and a stream opened among them: each stream has each change once, in order.
    const more = dataset.protocols.filter((p) => p.contestId === 'majilis/list' && p.stationId.startsWith('KZ-11/'));
    const later = await openStream();
    for (const protocol of more.slice(1, 5)) {
      const answer = await call('POST', '/api/protocols/import', 'admin', { protocols: [protocol] });
      expect(answer.json()).toMatchObject({ accepted: 1 });
    }
    const head = (await call('GET', '/api/results/latest', null)).json<{ seq: number }>().seq;
    for (const had of [events, later.had]) {
      expect(await until(() => had.at(-1)?.seq === head)).toBe(true);
      const seqs = had.map((event) => event.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    }
    // On the wire, as a client that parses by hand reads it: each event one HTTP/1.1 chunk, framed exactly; an
    // HTTP/1.0 client, which knows no chunks, has the bare events until the connection closes; a stream asked for
    // behind another request on one connection has its events too, once the first answer is out; HEAD has the headers
    // alone, so that the next answer on the connection follows them at once.
    const { port } = new URL(address);
    const request = (method: string, path: string, version = '1.1') =>
      `${method} ${path} HTTP/${version}\r\nHost: 127.0.0.1\r\n\r\n`;
    const rawConnection = (requests: string) => {
      const socket = connect(Number(port), '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (bytes: Buffer) => received.push(bytes));
      socket.write(requests);
      /** The `n`th answer on the connection (from 0), as far as it has come: its head and its body. */
      const answer = (n: number) => {
        const text = Buffer.concat(received).toString('utf8');
        const starts = [...text.matchAll(/HTTP\/1\.[01] \d{3} /g)].map((match) => match.index);
        const from = starts[n];
        const end = from === undefined ? -1 : text.indexOf('\r\n\r\n', from);
        return end < 0 ? undefined : { head: text.slice(from, end), body: text.slice(end + 4, starts[n + 1]) };
      };
      return { socket, answer };
    };
    const eventAt = (seq: number) => {
      const change = events.find((event) => event.seq === seq)!;
      const data = { ...change, href: `/api/results/snapshots/${change.sha256}.json` };
      return `id: ${seq}\nevent: results\ndata: ${JSON.stringify(data)}\n\n`;
    };
    const chunk = (message: string) => `${Buffer.byteLength(message).toString(16)}\r\n${message}\r\n`;
    const chunked = rawConnection(request('GET', '/api/live'));
    const bare = rawConnection(request('GET', '/api/live', '1.0'));
    const pipelined = rawConnection(request('GET', '/api/results/latest') + request('GET', '/api/live'));
    const headOnly = rawConnection(request('HEAD', '/api/live') + request('GET', '/api/results/latest'));
    /** The event a stream has at connection: the results where they stand, no contest changed. */
    const AT_CONNECTION =
      /^id: \d+\nevent: results\ndata: \{"seq":\d+,"sha256":"[0-9a-f]{64}","changedContests":\[\],"href":"[^"]+"\}\n\n/;
    /** Each stream: which answer on its connection it is, and whether its events are chunks. */
    const wire = [
      { answer: chunked.answer, n: 0, framed: true },
      { answer: bare.answer, n: 0, framed: false },
      { answer: pipelined.answer, n: 1, framed: true },
    ];
    for (const { answer, n, framed } of wire) {
      expect(await until(() => (answer(n)?.body ?? '').includes(framed ? '\n\n\r\n' : '\n\n'))).toBe(true);
      expect(answer(n)!.head).toMatch(/content-type: text\/event-stream/i);
      const body = answer(n)!.body;
      // Framed: the chunk's length in hex, then exactly that many bytes, one event, then CRLF.
      const event = framed ? body.slice(body.indexOf('\r\n') + 2, body.indexOf('\n\n') + 2) : body;
      expect(event).toMatch(AT_CONNECTION);
      if (framed) expect(body.startsWith(chunk(event))).toBe(true);
    }
    expect(chunked.answer(0)!.head).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*transfer-encoding: chunked/i);
    expect(bare.answer(0)!.head).not.toMatch(/transfer-encoding/i);
    expect(await until(() => headOnly.answer(1) !== undefined)).toBe(true);
    expect([headOnly.answer(0)!.head.split('\r\n')[0], headOnly.answer(0)!.body]).toEqual(['HTTP/1.1 200 OK', '']);
    // Another protocol, not imported before (earlier tests import some): any accepted one changes the results.
    let accepted = 0;
    for (const protocol of dataset.protocols.filter((p) => p.contestId === 'majilis/list')) {
      accepted = (await call('POST', '/api/protocols/import', 'admin', { protocols: [protocol] })).json<{
        accepted: number;
      }>().accepted;
      if (accepted === 1) break;
    }
    expect(accepted).toBe(1);
    expect(await until(() => events.at(-1)!.seq > head)).toBe(true);
    const change = eventAt(events.at(-1)!.seq);
    for (const { answer, n, framed } of wire)
      expect(await until(() => answer(n)!.body.includes(framed ? chunk(change) : change))).toBe(true);
    for (const { socket } of [chunked, bare, pipelined, headOnly]) socket.destroy();
    later.response.destroy();
    stream.destroy();
  }, 60_000);

  it('exports for download: json, csv per level, NIST ERR; an unknown file is refused', async () => {
    const results = await call('GET', '/api/exports/results.json', null);
    expect(results.json<{ format: string; results: { contests: Record<string, unknown> } }>()).toMatchObject({
      format: 'saylau-results/1',
    });
    expect(
      Object.keys(results.json<{ results: { contests: Record<string, unknown> } }>().results.contests),
    ).toHaveLength(election.contests.length);
    const csv = await call('GET', '/api/exports/csv/contests.csv', null);
    expect([csv.status, csv.headers['content-type'], csv.headers['content-disposition']]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'attachment; filename="contests.csv"',
    ]);
    expect(csv.body.split('\n')[0]).toMatch(/^contest_id,/);
    const nist = await call('GET', '/api/exports/nist-err.json', null);
    expect(nist.json<{ '@type': string }>()['@type']).toBe('ElectionResults.ElectionReport');
    expect(code(await call('GET', '/api/exports/csv/passwords.csv', null))).toBe('API_NOT_FOUND');
    // The verifiable bundle in one file: unpacked by the system's tar, every check of verify passes with the CEC
    // pinned.
    const bundle = await server.app.inject({ method: 'GET', url: '/api/exports/bundle.tar' });
    expect([bundle.statusCode, bundle.headers['content-type']]).toEqual([200, 'application/x-tar']);
    const directory = mkdtempSync(join(tmpdir(), 'saylau-bundle-download-'));
    writeFileSync(join(directory, 'bundle.tar'), bundle.rawPayload);
    execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: directory });
    const checks = await verifyBundle(join(directory, 'saylau-bundle'), { trust: keyring.cec.fingerprint });
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.length).toBeGreaterThan(10);
  }, 120_000);

  it('the OpenAPI document describes every route, with request schemas from the model', async () => {
    const document = (await call('GET', '/api/openapi.json', null)).json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown }>>;
    }>();
    expect(document.openapi).toBe('3.1.0');
    const described = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = server.routes.map((route) => route.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{id}'));
    expect(served.length).toBeGreaterThan(25);
    expect([...described].sort()).toEqual([...new Set(served)].sort());
    expect(described).toEqual(
      expect.arrayContaining([
        'GET /api/results',
        'GET /api/live',
        'POST /api/protocols/entries',
        'POST /api/protocols/import',
        'POST /api/decisions/approvals',
        'POST /api/accounts',
        'GET /api/journal',
        'GET /api/results/contests/{id}',
        'GET /api/openapi.json',
      ]),
    );
    expect(JSON.stringify(document.paths['/api/protocols/entries']!.post!.requestBody)).toContain(
      '#/components/schemas/Protocol',
    );
    expect(document.paths['/api/protocols/entries']!.post!.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(document)).not.toContain('"undefined"');
  });

  it("the site's answers and the session have the shapes the OpenAPI document publishes (the site's API types)", async () => {
    const parsed = async <T>(schema: z.ZodType<T>, url: string, as: string | null = null): Promise<T> => {
      const response = await call('GET', url, as);
      expect(response.status, url).toBe(200);
      return schema.parse(response.json());
    };
    await parsed(overviewResponse, '/api/site/overview');
    await parsed(bodyPageResponse, '/api/site/bodies/majilis');
    await parsed(bodyPageResponse, `/api/site/bodies/${station.regionId}/maslikhat`);
    await parsed(regionsResponse, '/api/site/regions');
    await parsed(regionPageResponse, `/api/site/regions/${station.regionId}`);
    const list = await parsed(contestPageResponse, '/api/site/contests/majilis/list');
    expect([list.contest.kind, list.steps?.kk.length === list.allocation?.steps.length]).toEqual(['list', true]);
    await parsed(contestPageResponse, '/api/site/contests/majilis/smd-01');
    const stationPage = await parsed(stationPageResponse, `/api/site/stations/${station.id}`);
    expect(stationPage.protocols.length).toBeGreaterThan(0);
    expect(await parsed(whoAmIResponse, '/api/session')).toEqual({ role: 'public' });
    expect(await parsed(whoAmIResponse, '/api/session', 'observer')).toMatchObject({ role: 'observer' });
  });
});

describe('rate limits', () => {
  it('per address and per account, refused with RATE_LIMITED and Retry-After', async () => {
    const [engine] = engines();
    const { server, store } = await testServer(
      engine!,
      [{ username: 'admin', role: 'administrator', commission: null }],
      {
        perAddress: { perMinute: 60, burst: 5 },
        perAccount: { perMinute: 60, burst: 2 },
        login: { perMinute: 60, burst: 3 },
      },
    );
    try {
      const token = await bearer(server, 'admin');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await server.app.inject({ method: 'GET', url: '/api/journal?limit=1', headers: { authorization: token } }))
            .statusCode,
        );
      // Login took one of the five; the public results are not limited (a CDN serves them).
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const limited = await server.app.inject({ method: 'GET', url: '/api/keys', headers: { authorization: token } });
      expect([
        limited.statusCode,
        (JSON.parse(limited.body) as Refusal).error.code,
        Number(limited.headers['retry-after']),
      ]).toEqual([429, 'RATE_LIMITED', 1]);
      for (let i = 0; i < 20; i++)
        expect((await server.app.inject({ method: 'GET', url: '/api/results/latest' })).statusCode).toBe(200);
      // An open live stream does not keep the server from closing.
      const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) =>
        httpRequest(`${address}/api/live`, resolve).on('error', reject).end(),
      );
      const ended = new Promise((resolve) => stream.on('end', resolve).resume());
      const started = Date.now();
      await server.close();
      await ended;
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await server.close().catch(() => undefined);
      await store.close();
    }
  }, 120_000);
});

describe('no private key in anything the server serves', () => {
  it('the key file is only read', () => {
    expect(readFileSync(new URL('../src/server/server-context.ts', import.meta.url), 'utf8')).not.toMatch(
      /exportPrivateKey/,
    );
  });
});
