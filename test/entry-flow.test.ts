import { describe, expect, it } from 'vitest';
import type { SigningKey } from '../src/journal/keys.ts';

import { actorOf, doubleEntryOf, submitEntry } from '../src/services/entry-service.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import { rebuildProjections } from '../src/services/projection-service.ts';
import { currentTally } from '../src/services/results-service.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';

import type { EntryAction } from '../src/tally/entry-flow.ts';
import { ELSEWHERE, HOME, protocolOf, tinyElection } from './double-entry-fixture.ts';
import { engines } from './store-engines.ts';
import { addPerson, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';
import { keySigner } from '../src/journal/act.ts';

const election = tinyElection;
const electionText = JSON.stringify(tinyElection);

describe.each(engines().map((engine) => [engine.name, engine] as const))(
  'double entry through the entry service on %s (docs/tabulation.md, "Double entry")',
  (_name, engine) => {
    it('two operators, comparison, the chair resolving and accepting, corrections as new versions; every refusal coded', async () => {
      const { store } = await engine.fresh();
      try {
        let keyring: Keyring = createKeyring(election);
        await initWithKeyring({ store, electionText, keyring });
        // A station of the city, its territorial commission, and the district's.
        const protocol = protocolOf();
        const [commission, elsewhere] = [HOME, ELSEWHERE];
        const user = async (id: string, role: 'operator' | 'chair', scope: string): Promise<SigningKey> => {
          keyring = (await addPerson({ store, election, keyring, id, role, commission: scope })).keyring;
          return keyring.users.get(id)!;
        };
        const [first, second, outsider, chair] = [
          await user('op-1', 'operator', commission),
          await user('op-2', 'operator', commission),
          await user('op-x', 'operator', elsewhere),
          await user('chair', 'chair', commission),
        ];
        const run = async (key: SigningKey, action: (actor: Awaited<ReturnType<typeof actorOf>>) => EntryAction) =>
          submitEntry({
            store,
            election,
            action: action(await actorOf(store, key.fingerprint)),
            signer: keySigner(key),
          });
        const enter = (key: SigningKey, document: unknown, reason: string | null = null) =>
          run(key, (actor) => ({ kind: 'enter', document, actor, reason }));
        const accept = (key: SigningKey, acknowledged: string[] = []) =>
          run(key, (actor) => ({
            kind: 'accept',
            stationId: protocol.stationId,
            contestId: protocol.contestId,
            actor,
            acknowledged,
          }));
        const code = (decision: Awaited<ReturnType<typeof enter>>) =>
          decision.ok ? decision.value.kind : decision.error.code;

        expect(code(await enter(outsider, protocol))).toBe('ENTRY_OUT_OF_SCOPE');
        expect(code(await enter(first, { ...protocol, version: 2 }))).toBe('ENTRY_WRONG_VERSION');
        expect(
          code(await enter(first, { ...protocol, lines: { ...protocol.lines, invalid: protocol.lines.invalid + 1 } })),
        ).toBe('PROTOCOL_VOTE_BALANCE');
        expect(code(await enter(first, protocol))).toBe('entered');
        expect(code(await enter(first, protocol))).toBe('ENTRY_SAME_OPERATOR');
        expect(code(await accept(chair))).toBe('ENTRY_NOT_DOUBLE');
        const typo = {
          ...protocol,
          lines: { ...protocol.lines, invalid: protocol.lines.invalid + 2, againstAll: protocol.lines.againstAll - 2 },
        };
        expect(code(await enter(second, typo))).toBe('entered');
        expect(code(await enter(chair, protocol))).toBe('ENTRY_ALREADY_DOUBLE');
        const differ = await accept(chair);
        expect(differ).toMatchObject({
          ok: false,
          error: { code: 'ENTRY_DIFFERENCES_UNRESOLVED', params: { fields: 'lines.againstAll, lines.invalid' } },
        });
        expect(code(await accept(second))).toBe('ENTRY_NOT_CHAIR');
        expect(code(await run(chair, (actor) => ({ kind: 'resolve', document: protocol, actor })))).toBe('resolved');
        const eventsBefore = await store.eventCount();
        expect(code(await accept(chair))).toBe('accepted');
        expect(await store.eventCount()).toBe(eventsBefore + 1);
        const tally = await currentTally({ store, election: election });
        const majilis = tally.contests.find((c) => c.contest.id === 'majilis/list')!;
        expect(majilis.totals.stations).toBe(1);
        expect(majilis.totals.votes.alpha).toBe(BigInt(protocol.votes.alpha ?? 0));
        expect((await doubleEntryOf(store, protocol.stationId, protocol.contestId)).status).toBe('accepted');

        // A correction: a new version, entered twice with a reason; warnings must be acknowledged.
        const correction = protocolOf({ version: 2, invalid: 10, alpha: 25 });
        expect(code(await enter(first, correction))).toBe('ENTRY_REASON_REQUIRED');
        expect(code(await enter(first, correction, 'recount ordered by the territorial commission'))).toBe('entered');
        expect(await doubleEntryOf(store, protocol.stationId, protocol.contestId)).toMatchObject({
          status: 'first-entered',
          round: { kind: 'correction', version: 2, corrects: { version: 1 } },
        });
        expect(code(await enter(second, correction))).toBe('entered');
        expect(code(await accept(chair))).toBe('WARNINGS_NOT_ACKNOWLEDGED');
        const accepted = await accept(chair, ['PROTOCOL_INVALID_SHARE_HIGH']);
        expect(accepted).toMatchObject({
          ok: true,
          value: { kind: 'accepted', reason: 'recount ordered by the territorial commission' },
        });
        expect(code(await enter(first, protocol))).toBe('PROTOCOL_STALE_VERSION');

        // An import that accepts version 3 while two entries of it wait supersedes them: nothing is left to accept.
        const third = { ...protocol, version: 3 };
        expect(code(await enter(first, third, 'the original figures restored'))).toBe('entered');
        expect(code(await enter(second, third))).toBe('entered');
        expect(
          (await ingestProtocols({ store, election, documents: [third], signer: importerSigner(keyring) })).accepted,
        ).toBe(1);
        expect(await accept(chair)).toMatchObject({
          ok: false,
          error: { code: 'ENTRY_NOT_DOUBLE', params: { state: 'none' } },
        });
        expect(code(await enter(first, third))).toBe('PROTOCOL_STALE_VERSION');

        // Replay gives the same projections, the pending entries included.
        const before = { protocols: await store.allProtocols(), totals: [...(await store.allContestTotals())].sort() };
        await rebuildProjections({ store, election: election });
        expect({ protocols: await store.allProtocols(), totals: [...(await store.allContestTotals())].sort() }).toEqual(
          before,
        );
      } finally {
        await store.close();
      }
    }, 60_000);
  },
);
