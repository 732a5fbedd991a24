import { createHash } from 'node:crypto';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer, DEFAULT_LIMITS, type SaylauServer } from '../src/server/app.ts';
import { DATA_CSP, SITE_CSP } from '../src/server/security-headers.ts';
import { exportBundle } from '../src/services/export-bundle.ts';

import type { Keyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { type Account, bearer, PASSWORD, preparedDatabase, testServer } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { appendSigned } from './fixtures/test-keys.ts';
import { signedInject } from './signing-fixture.ts';

interface Refusal {
  error: { code: string; field: string | null };
}

const territorial = () => tinyElection().dataset.election.commissions.find((c) => c.level === 'territorial')!.id;

describe.each(engines().map((engine) => [engine.name, engine] as const))('accounts on %s', (_name, engine) => {
  const accounts: Account[] = [
    { username: 'admin', role: 'administrator', commission: null },
    { username: 'admin-2', role: 'administrator', commission: null },
    { username: 'observer', role: 'observer', commission: null },
    { username: 'op-1', role: 'operator', commission: territorial() },
    { username: 'chair', role: 'chair', commission: territorial() },
  ];
  let server: SaylauServer;
  let store: Store;
  let keyring: Keyring;

  beforeAll(async () => {
    ({ server, store, keyring } = await testServer(engine, accounts, {
      login: { perMinute: 600, burst: 600 },
      loginFailures: { perMinute: 1, burst: 3 },
    }));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  /** Whose each bearer token is, for signing their acts with their own key. */
  const owners = new Map<string, string>();
  const bearerOf = async (username: string): Promise<string> => {
    const token = await bearer(server, username);
    owners.set(token, username);
    return token;
  };
  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    authorization: string | null,
    payload?: unknown,
    remoteAddress = '127.0.0.1',
  ) => {
    const headers: Record<string, string> = authorization === null ? {} : { authorization };
    // An act is signed in the client by the person's own key (docs/server.md, "Signing in the client").
    const owner = authorization === null ? undefined : owners.get(authorization);
    const key = owner === undefined ? undefined : keyring.users.get(owner);
    const response =
      method === 'POST' && key !== undefined && typeof payload === 'object' && payload !== null
        ? await signedInject(
            server,
            { method, url, headers, payload: payload as Record<string, unknown>, remoteAddress } as never,
            key,
          )
        : await server.app.inject({
            method,
            url,
            remoteAddress,
            headers,
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
    return {
      status: response.statusCode,
      headers: response.headers,
      json: <T>() => JSON.parse(response.body) as T,
      code: () => (JSON.parse(response.body) as Refusal).error.code,
    };
  };
  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    call('POST', '/api/session', null, { username, password }, remoteAddress);
  const events = async () => (await store.eventsAfter(0, 100_000)).filter((event) => event.type.startsWith('account-'));

  it('an administrator disables a person: the sessions end, the login is refused, the journal says who, whom and why', async () => {
    const admin = await bearerOf('admin');
    const operator = await bearerOf('op-1');
    const another = await bearerOf('op-1');
    expect((await call('GET', '/api/keys', operator)).status).toBe(200);

    expect((await call('POST', '/api/accounts/op-1/disable', await bearerOf('observer'), { reason: 'x' })).code()).toBe(
      'AUTH_FORBIDDEN',
    );
    expect((await call('POST', '/api/accounts/op-1/disable', admin, { reason: ' ' })).status).toBe(422);
    const unknown = await call('POST', '/api/accounts/nobody/disable', admin, { reason: 'left' });
    // The HTTP answer names the request's own field, never a CLI option.
    expect([unknown.code(), unknown.json<{ error: { field: string | null } }>().error.field]).toEqual([
      'ACCOUNT_UNKNOWN',
      'username',
    ]);
    expect((await call('POST', '/api/accounts/admin/disable', admin, { reason: 'tired' })).code()).toBe(
      'ACCOUNT_SELF_DISABLE',
    );
    expect(await events()).toEqual([]);

    const disabled = await call('POST', '/api/accounts/op-1/disable', admin, { reason: 'laptop stolen' });
    expect(disabled.json()).toMatchObject({ username: 'op-1', disabled: true, sessionsEnded: 2 });
    for (const token of [operator, another])
      expect((await call('GET', '/api/keys', token)).code()).toBe('AUTH_SESSION_INVALID');
    // Only whoever knows the password learns that the account is disabled.
    expect((await login('op-1', PASSWORD)).code()).toBe('AUTH_ACCOUNT_DISABLED');
    expect((await login('op-1', 'not the password at all')).code()).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await call('POST', '/api/accounts/op-1/disable', admin, { reason: 'again' })).code()).toBe(
      'ACCOUNT_ALREADY_DISABLED',
    );
    const journaled = await events();
    expect(journaled.map((event) => ({ type: event.type, actor: event.actor, payload: event.payload }))).toEqual([
      {
        type: 'account-disabled',
        // The administrator signs it with their own key (docs/keys.md, "Who registers whom").
        actor: keyring.users.get('admin')!.fingerprint,
        payload: { holder: 'op-1', by: 'admin', reason: 'laptop stolen' },
      },
    ]);
    expect((await store.account('op-1'))?.disabledAt).toBe(journaled[0]?.at);

    expect((await call('POST', '/api/accounts/op-1/enable', admin, { reason: 'laptop found' })).json()).toMatchObject({
      username: 'op-1',
      disabled: false,
    });
    expect((await call('POST', '/api/accounts/op-1/enable', admin, { reason: 'twice' })).code()).toBe(
      'ACCOUNT_NOT_DISABLED',
    );
    expect((await login('op-1', PASSWORD)).status).toBe(200);
    expect((await events()).map((event) => event.type)).toEqual(['account-disabled', 'account-enabled']);
  }, 120_000);

  it('the bundle with these events verifies; an account event signed by neither the CEC nor an administrator does not', async () => {
    const { dataset, electionText } = tinyElection();
    const out = mkdtempSync(join(tmpdir(), 'saylau-accounts-bundle-'));
    await exportBundle({ store, election: dataset.election, electionText, out: join(out, 'good'), cec: keyring.cec });
    const good = await verifyBundle(join(out, 'good'), { trust: keyring.cec.fingerprint });
    expect(good.filter((check) => !check.ok)).toEqual([]);
    // An operator's own key claiming to disable someone: the journal takes it from the CEC or an administrator only.
    await store.write(async (writer) =>
      appendSigned(
        writer,
        dataset.election.event.id,
        [
          {
            payload: { type: 'account-disabled', holder: 'chair', by: 'admin', reason: 'forged' },
            key: keyring.users.get('op-1')!,
          },
        ],
        new Date().toISOString(),
      ),
    );
    await exportBundle({ store, election: dataset.election, electionText, out: join(out, 'forged'), cec: keyring.cec });
    const forged = await verifyBundle(join(out, 'forged'), { trust: keyring.cec.fingerprint });
    const failed = forged.find((check) => !check.ok);
    expect(failed?.name).toBe('authority');
    expect(failed?.detail).toContain('account-disabled not signed by the CEC or an administrator');
  }, 120_000);

  it('a person changes their own password: the current one is asked for, the new one checked, other sessions end', async () => {
    const mine = await bearerOf('chair');
    const elsewhere = await bearerOf('chair');
    const change = (currentPassword: string, newPassword: string) =>
      call('POST', '/api/session/password', mine, { currentPassword, newPassword });
    expect(
      (await call('POST', '/api/session/password', null, { currentPassword: PASSWORD, newPassword: 'x' })).code(),
    ).toBe('AUTH_REQUIRED');
    // Logged in, so a wrong current password is a field's mistake (422), not a lost session (401).
    const wrong = await change('not the password at all', 'a brand new passphrase for me');
    expect([wrong.status, wrong.code(), wrong.json<Refusal>().error.field]).toEqual([
      422,
      'PASSWORD_CURRENT_WRONG',
      'currentPassword',
    ]);
    const weak = await change(PASSWORD, 'Password2023!');
    expect([weak.code(), weak.json<Refusal>().error.field]).toEqual(['PASSWORD_TOO_COMMON', 'newPassword']);
    expect((await change(PASSWORD, 'the chair of this commission')).code()).toBe('PASSWORD_CONTAINS_USERNAME');
    expect((await change(PASSWORD, 'a brand new passphrase for me')).json()).toEqual({
      username: 'chair',
      sessionsEnded: 1,
    });
    expect((await call('GET', '/api/session', mine)).json()).toMatchObject({ username: 'chair' });
    expect((await call('GET', '/api/keys', elsewhere)).code()).toBe('AUTH_SESSION_INVALID');
    expect((await login('chair', PASSWORD)).code()).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await login('chair', 'a brand new passphrase for me')).status).toBe(200);
  }, 120_000);

  it("an administrator sets a person's password or ends their sessions; each ends every session", async () => {
    const admin = await bearerOf('admin-2');
    // The observer's second session: the first test logged in as the observer too.
    const observer = await bearerOf('observer');
    expect(
      (await call('POST', '/api/accounts/observer/password', admin, { password: `${' '.repeat(11)}x` })).code(),
    ).toBe('PASSWORD_TOO_SIMPLE');
    expect(
      (await call('POST', '/api/accounts/observer/password', admin, { password: 'observed by the observer' })).code(),
    ).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(
      (
        await call('POST', '/api/accounts/observer/password', admin, { password: 'watching the count all night' })
      ).json(),
    ).toEqual({ username: 'observer', sessionsEnded: 2 });
    expect((await call('GET', '/api/keys', observer)).code()).toBe('AUTH_SESSION_INVALID');
    const fresh = (await login('observer', 'watching the count all night')).json<{ token: string }>().token;
    expect((await call('DELETE', '/api/accounts/observer/sessions', admin)).json()).toEqual({
      username: 'observer',
      sessionsEnded: 1,
    });
    expect((await call('GET', '/api/keys', `Bearer ${fresh}`)).code()).toBe('AUTH_SESSION_INVALID');
    expect((await call('DELETE', '/api/accounts/nobody/sessions', admin)).code()).toBe('ACCOUNT_UNKNOWN');
  }, 120_000);

  it('a new account: a commission refused for a role that has none; the answer is what was stored', async () => {
    const admin = await bearerOf('admin');
    const refused = await call('POST', '/api/accounts', admin, {
      username: 'watcher',
      password: 'another long passphrase',
      role: 'observer',
      commission: territorial(),
    });
    expect([refused.status, refused.code(), refused.json<Refusal>().error.field]).toEqual([
      422,
      'ACCOUNT_COMMISSION_NOT_TAKEN',
      'commission',
    ]);
    expect(await store.account('watcher')).toBeNull();
    // The service's subject named as the request's field, in the message too: never a CLI flag.
    for (const [body, code] of [
      [{ role: 'operator' }, 'INPUT_MISSING_FIELD'],
      [{ role: 'operator', commission: 'nowhere' }, 'DATASET_UNKNOWN_REFERENCE'],
    ] as const) {
      const answer = await call('POST', '/api/accounts', admin, {
        username: 'op-9',
        password: 'another long passphrase',
        ...body,
      });
      const { error } = answer.json<{ error: { code: string; field: string; message: string } }>();
      expect([answer.status, error.code, error.field]).toEqual([422, code, 'commission']);
      expect(JSON.stringify(error)).not.toContain('--');
    }
    const created = await call('POST', '/api/accounts', admin, {
      username: 'op-7',
      password: 'another long passphrase',
      role: 'operator',
      commission: territorial(),
    });
    const stored = await store.account('op-7');
    expect(created.json()).toMatchObject({ username: 'op-7', role: stored?.role, commission: stored?.commission });
    expect(
      (
        await call('POST', '/api/accounts', admin, {
          username: 'op-8',
          password: 'op-8 is my password',
          role: 'operator',
          commission: territorial(),
        })
      ).code(),
    ).toBe('PASSWORD_CONTAINS_USERNAME');
  }, 120_000);

  it('a defect answers 500 INTERNAL_ERROR with a generic message: no stack trace, nothing of the error reaches the caller', async () => {
    const admin = await bearerOf('admin');
    const defect = new Error('relation "secret_table" broke');
    defect.stack = `${defect.message}\n    at endSessions (/srv/saylau/src/services/account-service.ts:1:1)`;
    const spy = vi.spyOn(store, 'account').mockRejectedValueOnce(defect);
    try {
      const answer = await call('DELETE', '/api/accounts/op-1/sessions', admin);
      expect([answer.status, answer.code()]).toEqual([500, 'INTERNAL_ERROR']);
      expect(JSON.stringify(answer.json())).not.toMatch(/secret_table|account-service|\bat /);
    } finally {
      spy.mockRestore();
    }
  }, 120_000);

  it('wrong passwords are limited per account name, from however many addresses; the allowance is not spent by concurrency', async () => {
    // Ten guesses at once from ten addresses: three (the allowance) are checked, the rest refused unchecked.
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login('admin', `guess number ${i} of many`, `10.0.0.${i + 1}`)),
    );
    expect(guesses.map((guess) => guess.code()).sort()).toEqual(
      [...Array<string>(3).fill('AUTH_INVALID_CREDENTIALS'), ...Array<string>(7).fill('RATE_LIMITED')].sort(),
    );
    const limited = await login('admin', PASSWORD, '10.0.0.99');
    expect([limited.code(), Number(limited.headers['retry-after'])]).toEqual(['RATE_LIMITED', 60]);
    // Another account is not affected; nor does a correct password spend the allowance.
    for (let i = 0; i < 5; i++) expect((await login('admin-2', PASSWORD, '10.0.1.1')).status).toBe(200);
  }, 120_000);
});

describe('trusted proxies', () => {
  it('X-Forwarded-For is believed from a configured proxy only: a client cannot choose its address', async () => {
    const [engine] = engines();
    const { store, keysPath } = await preparedDatabase(engine!, []);
    const proxied = await buildServer({
      store,
      election: tinyElection().dataset.election,
      keysPath,
      limits: { ...DEFAULT_LIMITS, login: { perMinute: 60, burst: 2 } },
      trustProxy: ['127.0.0.2'],
    });
    try {
      const attempt = (remoteAddress: string, forwarded: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/session',
          remoteAddress,
          headers: { 'x-forwarded-for': forwarded },
          payload: { username: 'nobody', password: 'a password of nobody at all' },
        });
      // From 127.0.0.1, a forged header changes nothing: the third attempt is limited whatever it claims.
      const direct = [];
      for (let i = 0; i < 3; i++) direct.push((await attempt('127.0.0.1', `203.0.113.${i}`)).statusCode);
      expect(direct).toEqual([401, 401, 429]);
      // Through the proxy, each client has its own allowance.
      const viaProxy = [];
      for (let i = 0; i < 3; i++) viaProxy.push((await attempt('127.0.0.2', `198.51.100.${i}`)).statusCode);
      expect(viaProxy).toEqual([401, 401, 401]);
    } finally {
      await proxied.close();
      await store.close();
    }
  }, 120_000);
});

describe('headers', () => {
  it('every answer says nosniff, no referrer, no framing; data gets a policy that loads nothing, the site its own, ballot proofs exactly their own style', async () => {
    const [engine] = engines();
    const { store, keysPath } = await preparedDatabase(engine!, []);
    const site = mkdtempSync(join(tmpdir(), 'saylau-site-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
    const server = await buildServer({
      store,
      election: tinyElection().dataset.election,
      keysPath,
      siteDirectory: site,
    });
    try {
      // The site's page gets the site's policy, and the common headers as well.
      const page = await server.app.inject({ method: 'GET', url: '/' });
      expect(page.headers).toMatchObject({
        'content-security-policy': SITE_CSP,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
      const station = tinyElection().dataset.election.stations[0]!.id;
      for (const url of ['/api/results/latest', '/api/nowhere', '/api/openapi.json']) {
        const response = await server.app.inject({ method: 'GET', url });
        expect(response.headers, url).toMatchObject({
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
          'content-security-policy': DATA_CSP,
        });
      }
      const proof = await server.app.inject({ method: 'GET', url: `/api/ballots/print/${station}?lang=ru` });
      const style = /<style>([\s\S]*?)<\/style>/.exec(proof.body)?.[1] ?? '';
      expect(proof.headers['content-security-policy']).toContain(
        `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
      );
      expect(proof.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      expect(proof.body.match(/<style>/g)).toHaveLength(1);
      expect(proof.body).not.toMatch(/<script|style="/);
      // The live stream is written directly, past Fastify's replies: it carries them all the same.
      const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const live = await new Promise<IncomingMessage>((resolve, reject) =>
        httpGet(`${address}/api/live`, resolve).on('error', reject),
      );
      live.destroy();
      expect(live.headers).toMatchObject({
        'content-type': 'text/event-stream; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'content-security-policy': DATA_CSP,
      });
    } finally {
      await server.close();
      await store.close();
    }
  }, 120_000);
});
