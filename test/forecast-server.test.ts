import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaylauServer } from '../src/server/app.ts';
import { forecastResponse } from '../src/server/routes/forecast-routes.ts';
import type { Store } from '../src/store/store.ts';
import { testServer } from './server-harness.ts';
import { engines } from './store-engines.ts';

// The forecast reads no database, so one engine is enough.
describe('GET /api/analysis/forecast', () => {
  let server: SaylauServer;
  let store: Store;

  beforeAll(async () => {
    ({ server, store } = await testServer(engines()[0]!, []));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('serves the forecast of the shipped 2023 poll, the same bytes every time, cacheable by its hash', async () => {
    const first = await server.app.inject({ method: 'GET', url: '/api/analysis/forecast' });
    expect(first.statusCode).toBe(200);
    const answer = forecastResponse.parse(first.json());
    expect(answer).toMatchObject({
      seed: 2023,
      simulations: 40_000,
      asOf: '2023-03-19',
      seats: { total: 98, majority: 50, twoThirds: 66 },
    });
    expect(answer.lists.map((list) => list.id)).toEqual([
      'amanat',
      'auyl',
      'respublica',
      'qhp',
      'baitaq',
      'ak-zhol',
      'osdp',
    ]);
    expect(answer.districts).toHaveLength(29);
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/analysis/forecast',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toContain('/api/analysis/forecast');
  });
});
