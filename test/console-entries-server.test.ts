import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../src/model/protocol.ts';
import type { SaylauServer } from '../src/server/app.ts';
import { entryResponse } from '../src/server/api-schemas.ts';
import type { Store } from '../src/store/store.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { bearer, testServer } from './server-harness.ts';
import { signedInject } from './signing-fixture.ts';
import type { Keyring } from '../src/store/keyring.ts';
import { engines } from './store-engines.ts';

// Who reads which figures of a pending double entry (docs/server.md, "Reading a double entry").
const ACCOUNTS = [
  { username: 'op-1', role: 'operator', commission: TINY.cityCommission },
  { username: 'op-2', role: 'operator', commission: TINY.cityCommission },
  { username: 'chair', role: 'chair', commission: TINY.cityCommission },
  { username: 'other-chair', role: 'chair', commission: TINY.otherRegionalCommission },
  { username: 'observer', role: 'observer', commission: null },
] as const;

describe.each(engines())('GET /api/protocols/entries on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;
  const protocol = tinyElection().dataset.protocols.find(
    (p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList,
  )!;
  const typo: Protocol = {
    ...protocol,
    lines: { ...protocol.lines, invalid: protocol.lines.invalid + 1, againstAll: protocol.lines.againstAll - 1 },
  };
  const tokens = new Map<string, string>();
  let keyring: Keyring;
  // An act is signed in the client by the person's own key (docs/server.md, "Signing in the client").
  const call = async (method: 'GET' | 'POST', url: string, user: string, payload?: unknown) => {
    const headers = { authorization: tokens.get(user)! };
    const key = keyring.users.get(user);
    return method === 'POST' && key !== undefined && typeof payload === 'object' && payload !== null
      ? signedInject(server, { method, url, headers, payload: payload as Record<string, unknown> }, key)
      : server.app.inject({ method, url, headers, payload: payload as never });
  };
  const read = async (user: string) => {
    const response = await call(
      'GET',
      `/api/protocols/entries?station=${encodeURIComponent(protocol.stationId)}&contest=${encodeURIComponent(protocol.contestId)}`,
      user,
    );
    expect(response.statusCode).toBe(200);
    return entryResponse.parse(response.json());
  };

  beforeAll(async () => {
    ({ server, store, keyring } = await testServer(engine, ACCOUNTS));
    for (const { username } of ACCOUNTS) tokens.set(username, await bearer(server, username));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('the second operator enters blind; the chair sees both entries, the differences and the resolution', async () => {
    expect((await call('POST', '/api/protocols/entries', 'op-1', { protocol })).statusCode).toBe(200);
    // After one entry: its operator sees it, the other operator sees only that it exists, the chair sees it.
    const own = await read('op-1');
    expect(own.first).toEqual({ operator: expect.any(String) as string, yours: true, protocol });
    const blind = await read('op-2');
    expect(blind.state).toBe('first-entered');
    expect(blind.first).toEqual({ operator: own.first!.operator, yours: false });
    expect((await read('chair')).first?.protocol).toEqual(protocol);

    expect((await call('POST', '/api/protocols/entries', 'op-2', { protocol: typo })).statusCode).toBe(200);
    const chair = await read('chair');
    expect(chair).toMatchObject({
      state: 'entries-differ',
      first: { protocol, yours: false },
      second: { protocol: typo, yours: false },
      differences: ['lines.againstAll', 'lines.invalid'],
    });
    // Both entries in: the operators of the commission may compare them with the paper.
    expect((await read('op-1')).second?.protocol).toEqual(typo);

    // Another commission's chair and an observer: the state and the differing lines, no figures.
    for (const user of ['other-chair', 'observer']) {
      const outsider = await read(user);
      expect(outsider.differences).toEqual(['lines.againstAll', 'lines.invalid']);
      expect(outsider.first?.protocol).toBeUndefined();
      expect(outsider.second?.protocol).toBeUndefined();
    }

    const resolution = { ...protocol, lines: { ...protocol.lines, againstAll: protocol.lines.againstAll } };
    expect((await call('POST', '/api/protocols/resolutions', 'chair', { protocol: resolution })).statusCode).toBe(200);
    expect((await read('chair')).resolution).toEqual(resolution);
    expect((await read('op-1')).resolution).toBeUndefined();
    expect((await read('observer')).resolution).toBeUndefined();
  });
});
