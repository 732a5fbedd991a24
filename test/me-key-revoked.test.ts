import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySigner } from '../src/journal/act.ts';
import type { SigningKey } from '../src/journal/keys.ts';
import { okValue } from '../src/model/result.ts';
import type { SaylauServer } from '../src/server/app.ts';
import { revokeKey } from '../src/services/key-service.ts';
import type { Store } from '../src/store/store.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { bearer } from './server-harness.ts';
import { signingServer } from './signing-fixture.ts';
import { engines } from './store-engines.ts';

// `GET /api/me/key` names the person's revoked keys, so that a browser holding one says so and never sends it to wait
// again (docs/server.md, "Signing in the client"); on every store engine.
describe.each(engines())('the person’s revoked keys in /api/me/key on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;
  let keys: Map<string, SigningKey>;
  let cec: SigningKey;
  const election = tinyElection().dataset.election;

  beforeAll(async () => {
    ({ server, store, keys, cec } = await signingServer(engine, [
      { username: 'op-1', role: 'operator', commission: TINY.cityCommission, withKey: true },
      { username: 'op-2', role: 'operator', commission: TINY.cityCommission, withKey: true },
    ]));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  const myKey = async (username: string) => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/me/key',
      headers: { authorization: await bearer(server, username) },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ registered: { fingerprint: string } | null; revoked: unknown[] }>();
  };

  it('names none while the key stands, then the revoked key with its voidFrom, and only the person’s own', async () => {
    const key = keys.get('op-1')!;
    expect(await myKey('op-1')).toMatchObject({ registered: { fingerprint: key.fingerprint }, revoked: [] });
    const voidFrom = '2023-03-19T21:00:00.000Z';
    okValue(
      await revokeKey({
        store,
        election,
        signer: keySigner(cec),
        fingerprint: key.fingerprint,
        reason: 'laptop stolen',
        voidFrom,
      }),
    );
    expect(await myKey('op-1')).toMatchObject({
      registered: null,
      revoked: [{ fingerprint: key.fingerprint, voidFrom }],
    });
    // Another person's answer does not name op-1's revoked key.
    expect(await myKey('op-2')).toMatchObject({
      registered: { fingerprint: keys.get('op-2')!.fingerprint },
      revoked: [],
    });
  });
});
