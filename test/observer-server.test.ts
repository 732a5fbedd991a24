import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySigner } from '../src/journal/act.ts';
import { generateSigningKey, type SigningKey } from '../src/journal/keys.ts';
import { registerKey } from '../src/services/key-service.ts';
import { assertDefined } from '../src/law/assert.ts';
import { stationIdSchema } from '../src/model/ids.ts';
import type { SaylauServer } from '../src/server/app.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { accreditObservers } from '../src/services/observer-service.ts';
import type { Store } from '../src/store/store.ts';
import { TINY, tinyElection } from './fixtures/tiny-election.ts';
import { bearer } from './server-harness.ts';
import { signedInject, signingServer } from './signing-fixture.ts';
import { engines } from './store-engines.ts';

// An accredited observer enters their protocol copies over HTTP with their own key, in two phases like every act
// (docs/server.md, "Accounts and roles"; docs/law.md §10.2): taken under the accreditation the key holds, never
// changing an official figure; another person's role is refused before the body is read.
describe.each(engines())('observers’ copies over HTTP on $name', (engine) => {
  const { dataset } = tinyElection();
  const { election } = dataset;
  let server: SaylauServer;
  let store: Store;
  let keys: Map<string, SigningKey>;
  const official = assertDefined(
    dataset.protocols.find((p) => p.stationId === TINY.cityStations[0] && p.contestId === TINY.majilisList),
  );
  const copy = (accreditation: string) => ({
    accreditation,
    protocol: {
      stationId: official.stationId,
      contestId: official.contestId,
      lines: { ...official.lines, invalid: official.lines.invalid + 2 },
      votes: official.votes,
    },
  });
  const post = async (username: string, copies: unknown[]) =>
    signedInject(
      server,
      {
        method: 'POST',
        url: '/api/observers/copies',
        headers: { authorization: await bearer(server, username), 'accept-language': 'ru' },
        payload: { copies },
      },
      assertDefined(keys.get(username)),
    );

  beforeAll(async () => {
    let cec: SigningKey;
    ({ server, store, keys, cec } = await signingServer(engine, [
      { username: 'watcher', role: 'observer', commission: null, withKey: true },
      { username: 'stranger', role: 'observer', commission: null, withKey: true },
      { username: 'op-1', role: 'operator', commission: TINY.cityCommission, withKey: true },
    ]));
    const importer = generateSigningKey();
    await registerKey({
      store,
      election,
      signer: keySigner(cec),
      key: { holder: 'importer', role: 'user', commission: null, publicKey: importer.publicKey },
    });
    await ingestProtocols({ store, election, documents: dataset.protocols, signer: keySigner(importer) });
    await server.live.changed();
    await accreditObservers({
      store,
      election,
      signer: keySigner(cec),
      documents: [
        {
          id: 'city-watch',
          person: 'Асель Сейітова',
          organisation: 'City Watch',
          sender: 'public-association',
          senderId: null,
          scope: { kind: 'stations', stationIds: [stationIdSchema.parse(TINY.cityStations[0])] },
          from: election.event.date,
          // The server signs now: the term runs to a day past any test run.
          until: '2099-12-31',
          key: assertDefined(keys.get('watcher')).fingerprint,
        },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('takes the accredited observer’s copy, signed by their key, and leaves the official totals as they were', async () => {
    const totals = await store.storedText('contest_totals');
    const response = await post('watcher', [copy('city-watch')]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ taken: 1, refused: 0 });
    expect(await store.storedText('contest_totals')).toEqual(totals);
    const list = (await server.app.inject({ method: 'GET', url: '/api/site/copies' })).json<{
      discrepancies: { stationId: string; accreditation: string }[];
    }>();
    expect(list.discrepancies).toEqual([
      expect.objectContaining({ stationId: official.stationId, accreditation: 'city-watch' }),
    ]);
  });

  it('refuses a copy under another’s accreditation, in the reader’s language, and an operator before the body', async () => {
    const response = await post('stranger', [copy('city-watch')]);
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json<{ taken: number; refusals: { code: string; message: string }[] }>();
    expect(answer.taken).toBe(0);
    expect(answer.refusals.map((refusal) => refusal.code)).toEqual(['OBSERVER_NOT_ACCREDITED']);
    expect(answer.refusals[0]?.message).toContain('Аккредитации');
    const operator = await server.app.inject({
      method: 'POST',
      url: '/api/observers/copies',
      headers: { authorization: await bearer(server, 'op-1') },
      payload: { copies: [copy('city-watch')] },
    });
    expect(operator.statusCode).toBe(403);
    expect(operator.json()).toMatchObject({ error: { code: 'AUTH_FORBIDDEN' } });
  });
});
