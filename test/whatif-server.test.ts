import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaylauServer } from '../src/server/app.ts';
import { whatIfResponse } from '../src/server/routes/whatif-routes.ts';
import type { Store } from '../src/store/store.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { majilisListServer } from './server-harness.ts';
import { engines } from './store-engines.ts';

/**
 * The seats of the counted Majilis list under a threshold of `percent` of the valid votes (party votes and "against
 * all"), by Hare over the admitted lists and largest remainders: docs/law.md written out again on purpose, from the
 * protocols, so that the answer is checked against a count it did not make.
 */
function hareSeats(seats: number, percent: number): Record<string, number> {
  const votes = new Map<string, number>();
  let againstAll = 0;
  for (const protocol of tinyElection().dataset.protocols.filter((p) => p.contestId === 'majilis/list')) {
    againstAll += protocol.lines.againstAll;
    for (const [party, count] of Object.entries(protocol.votes)) votes.set(party, (votes.get(party) ?? 0) + count);
  }
  const valid = [...votes.values()].reduce((sum, count) => sum + count, againstAll);
  const admitted = [...votes].filter(([, count]) => count * 100 >= percent * valid);
  const admittedVotes = admitted.reduce((sum, [, count]) => sum + count, 0);
  const exact = admitted.map(([party, count]) => [party, (count * seats) / admittedVotes] as const);
  const result = Object.fromEntries([...votes.keys()].map((party) => [party, 0]));
  for (const [party, share] of exact) result[party] = Math.floor(share);
  const left = seats - exact.reduce((sum, [, share]) => sum + Math.floor(share), 0);
  for (const [party] of [...exact].sort((a, b) => (b[1] % 1) - (a[1] % 1)).slice(0, left)) result[party]! += 1;
  return result;
}

describe.each(engines())('GET /api/analysis/whatif on $name', (engine) => {
  let server: SaylauServer;
  let store: Store;

  beforeAll(async () => {
    ({ server, store } = await majilisListServer(engine));
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
    const majilisSeats = tinyElection().dataset.election.bodies.find((body) => body.id === 'majilis')!.seats;
    const at5 = hareSeats(69, 5);
    const at7 = hareSeats(69, 7);
    // The tiny election's shares are those of 2023 (test/fixtures/tiny-election.ts): the People's Party and the OSDP
    // are above 5 % and below 7 %, so the higher threshold moves seats.
    expect([at5.qhp, at5.osdp, at7.qhp, at7.osdp].map((seats) => seats! > 0)).toEqual([true, true, false, false]);
    expect(answer.variants.map((variant) => [variant.variant, variant.listSeats])).toEqual([
      ['kz-2023-majilis', at5],
      ['threshold-7', at7],
      // Every seat of the Majilis (its districts' too) by list at 7 %: the same lists.
      ['all-list-2021', hareSeats(majilisSeats, 7)],
    ]);
    expect(answer.variants[1]?.difference).toEqual(
      Object.fromEntries(Object.keys(at5).map((party) => [party, at7[party]! - at5[party]!])),
    );
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
