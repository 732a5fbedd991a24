import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaylauServer } from '../src/server/app.ts';
import { whatIfResponse } from '../src/server/routes/whatif-routes.ts';
import type { Store } from '../src/store/store.ts';
import { majilisListServer, nationalDataset } from './server-harness.ts';
import { engines } from './store-engines.ts';

describe.each(engines())('GET /api/analysis/whatif on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;

  beforeAll(async () => {
    // The national Majilis list: the seats of 2023 under other rules are what the answer is checked against.
    ({ server, store } = await majilisListServer(engine, nationalDataset()));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('re-runs the counted Majilis list under the rules asked for, side by side with the differences', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/analysis/whatif?rules=kz-2023-majilis,threshold-7,all-list-2021',
    });
    expect(response.statusCode).toBe(200);
    const answer = whatIfResponse.parse(response.json());
    expect(answer.variants.map((variant) => [variant.variant, variant.listSeats])).toEqual([
      ['kz-2023-majilis', { amanat: 40, auyl: 8, respublica: 6, qhp: 5, baitaq: 0, 'ak-zhol': 6, osdp: 4 }],
      ['threshold-7', { amanat: 46, auyl: 9, respublica: 7, qhp: 0, baitaq: 0, 'ak-zhol': 7, osdp: 0 }],
      // Every one of the 98 seats by list at 7 %: the same four lists.
      ['all-list-2021', expect.objectContaining({ qhp: 0, osdp: 0 })],
    ]);
    expect(Object.values(answer.variants[2]?.listSeats ?? {}).reduce((sum, seats) => sum + seats, 0)).toBe(98);
    expect(answer.variants[1]?.difference).toMatchObject({ amanat: 6, qhp: -5, osdp: -4 });
    expect(answer.available.map((variant) => variant.id)).toContain('sainte-lague');
  });

  it('refuses an unknown rule set or contest with a code', async () => {
    const rules = await server.app.inject({ method: 'GET', url: '/api/analysis/whatif?rules=kz-2023-majilis,nosuch' });
    expect([rules.statusCode, rules.json<{ error: { code: string; field: string } }>().error]).toEqual([
      422,
      expect.objectContaining({ code: 'INPUT_UNKNOWN_RULE_SET', field: 'rules' }),
    ]);
    const contest = await server.app.inject({
      method: 'GET',
      url: '/api/analysis/whatif?contest=KZ-99/maslikhat/list',
    });
    expect([contest.statusCode, contest.json<{ error: { code: string } }>().error.code]).toEqual([
      422,
      'DATASET_UNKNOWN_REFERENCE',
    ]);
  });
});
