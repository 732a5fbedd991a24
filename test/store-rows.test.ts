import { describe, expect, it } from 'vitest';
import { emptyRegistry } from '../src/registration/registry.ts';
import { emptyTotals } from '../src/tally/aggregate.ts';
import type { PendingEntry } from '../src/tally/double-entry.ts';
import { engines } from './store-engines.ts';

// The typed store through each engine: what is written as a value is read back as the same value,
// by every read that returns it, on SQLite and PostgreSQL alike (src/store/rows.ts).

const pending: PendingEntry = {
  version: 2,
  reason: 'recount',
  first: { operator: 'op1', content: '{"a":1}' },
  second: { operator: 'op2', content: '{"a":2}' },
  resolved: null,
};

describe.each(engines().map((engine) => [engine.name, engine] as const))('typed rows on %s', (_name, engine) => {
  it('totals past 2^53, pending entries, decisions and the registry come back as the values written', async () => {
    const { store } = await engine.fresh();
    try {
      await store.migrate();
      const totals = emptyTotals(['a', 'b']);
      totals.lines.invalid = 2n ** 60n + 7n;
      totals.votes.a = 9_007_199_254_740_993n;
      totals.stations = 3;
      const registry = emptyRegistry();
      registry.postponed.set('smd-1', { at: '2023-03-01', reason: 'flood' });
      registry.changed.add('postponed:smd-1');
      await store.write(async (writer) => {
        await writer.putContestTotals(new Map([['c1', totals]]));
        await writer.putEntries([
          { stationId: 's 1', contestId: 'c1', state: pending },
          { stationId: 's2', contestId: 'c1', state: pending },
        ]);
        await writer.putDecisions(
          new Map([
            ['lots:c1', JSON.stringify(['b', 'a'])],
            ['approved:c1', 'f'.repeat(64)],
            ['approved:c1@tec-1', 'e'.repeat(64)],
            ['certified:majilis', '1'],
            ['annulled:s3 c1', '42'],
          ]),
        );
        await writer.putRegistry(registry);
      });
      await store.write(async (writer) => {
        await writer.putEntries([{ stationId: 's2', contestId: 'c1', state: null }]);
        expect(await writer.contestTotals(['c1', 'missing'])).toEqual(new Map([['c1', totals]]));
        expect(await writer.entries([['s 1', 'c1']])).toEqual(new Map([['s 1 c1', pending]]));
        expect((await writer.registry()).postponed.get('smd-1')).toEqual({ at: '2023-03-01', reason: 'flood' });
      });
      const decisions = {
        lots: new Map([['c1', ['b', 'a']]]),
        approvals: new Map([['c1', 'f'.repeat(64)]]),
        certified: new Set(['majilis']),
        partApprovals: new Map([['c1@tec-1', 'e'.repeat(64)]]),
        // No key revoked among the decisions written (docs/keys.md, revocation).
        revoked: new Map(),
        // A station's result annulled in a contest (docs/law.md §10.3).
        annulled: new Set(['s3 c1']),
      };
      const read = await store.snapshot(async (reader) => ({
        all: await reader.allContestTotals(),
        some: await reader.contestTotalsOf(['c1']),
        entries: await reader.allEntries(),
        decisions: await reader.decisions(),
        postponed: (await reader.registry()).postponed,
      }));
      expect(read).toEqual({
        all: new Map([['c1', totals]]),
        some: new Map([['c1', totals]]),
        entries: new Map([['s 1 c1', pending]]),
        decisions,
        postponed: new Map([['smd-1', { at: '2023-03-01', reason: 'flood' }]]),
      });
      expect(await store.decisions()).toEqual(decisions);
      // The integrity check reads the text as stored: counts as decimal strings, exact.
      const stored = JSON.parse((await store.storedText('contest_totals')).get('c1') as string) as {
        lines: Record<string, string>;
      };
      expect(stored.lines.invalid).toBe('1152921504606846983');
    } finally {
      await store.close();
    }
  });
});
