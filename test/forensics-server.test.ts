import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaylauServer } from '../src/server/app.ts';
import { forensicsResponse } from '../src/server/forensics-schemas.ts';
import type { Store } from '../src/store/store.ts';
import { majilisListServer } from './server-harness.ts';
import { engines } from './store-engines.ts';

// One engine is enough: the route reads the store through its interface, which store.test.ts runs on both.
describe.each(engines().slice(0, 1))('GET /api/analysis/forensics on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;

  beforeAll(async () => {
    ({ server, store } = await majilisListServer(engine));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('answers the forensics of the counted Majilis list, the same bytes for the same journal head', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/analysis/forensics' });
    expect(response.statusCode).toBe(200);
    // The shape the OpenAPI document publishes, and so the site's generated types.
    forensicsResponse.parse(response.json());
    const answer = response.json<{
      contestId: string;
      stations: number;
      leader: { id: string };
      integerPercent: { either: { observed: number; expected: number; excess: number; sd: number } };
      shpilkin: { anomalousVotes: number };
      fingerprint: { bins: number };
      flags: unknown[];
    }>();
    expect(answer).toMatchObject({
      contestId: 'majilis/list',
      stations: 10_223,
      leader: { id: 'amanat' },
      fingerprint: { bins: 100 },
    });
    expect(Math.abs(answer.integerPercent.either.excess)).toBeLessThan(3 * answer.integerPercent.either.sd);
    expect(answer.flags).toEqual([
      expect.objectContaining({ reasons: [expect.objectContaining({ kind: 'district-outlier' })] }),
      expect.objectContaining({ reasons: [expect.objectContaining({ kind: 'district-outlier' })] }),
    ]);
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/analysis/forensics',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });
});
