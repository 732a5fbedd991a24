import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SigningKey } from '../src/journal/keys.ts';

import { actorOf, submitEntry } from '../src/services/entry-service.ts';
import { exportBundle } from '../src/services/export-bundle.ts';

import { rebuildProjections } from '../src/services/projection-service.ts';
import { createKeyring, type Keyring } from '../src/store/keyring.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { EntryAction } from '../src/tally/entry-flow.ts';
import { verifyBundle } from '../src/verify/verify-bundle.ts';
import { HOME, HOME_STATION, protocolOf, tinyElection } from './double-entry-fixture.ts';
import { addPerson, appendSigned, initWithKeyring } from './fixtures/test-keys.ts';
import { keySigner } from '../src/journal/act.ts';

// `verify` replays the double entry machine on the journal (docs/tabulation.md, "Double entry",
// check 10): what the entry service journaled passes, and a step the machine refuses, signed by
// a key entitled to enter but written past the service, fails at its event.

async function electionWithEntries(): Promise<{
  store: SqliteStore;
  keyring: Keyring;
  operator: SigningKey;
  work: string;
}> {
  const work = mkdtempSync(join(tmpdir(), 'saylau-double-entry-'));
  const store = new SqliteStore(join(work, 'election.db'));
  let keyring = createKeyring(tinyElection);
  await initWithKeyring({ store, electionText: JSON.stringify(tinyElection), keyring });
  const user = async (id: string, role: 'operator' | 'chair'): Promise<SigningKey> => {
    keyring = (await addPerson({ store, election: tinyElection, keyring, id, role, commission: HOME })).keyring;
    return keyring.users.get(id)!;
  };
  const [first, second, chair] = [
    await user('op-1', 'operator'),
    await user('op-2', 'operator'),
    await user('chair', 'chair'),
  ];
  const run = async (key: SigningKey, action: (actor: Awaited<ReturnType<typeof actorOf>>) => EntryAction) => {
    const decision = await submitEntry({
      store,
      election: tinyElection,
      action: action(await actorOf(store, key.fingerprint)),
      signer: keySigner(key),
    });
    expect(decision.ok).toBe(true);
  };
  const accept = (actor: Awaited<ReturnType<typeof actorOf>>): EntryAction => ({
    kind: 'accept',
    stationId: HOME_STATION,
    contestId: 'majilis/list',
    actor,
    acknowledged: [],
  });
  // Two entries that differ, the chair's resolution and acceptance; then a correction entered alike and accepted.
  await run(first, (actor) => ({ kind: 'enter', document: protocolOf(), actor, reason: null }));
  await run(second, (actor) => ({ kind: 'enter', document: protocolOf({ alpha: 31 }), actor, reason: null }));
  await run(chair, (actor) => ({ kind: 'resolve', document: protocolOf(), actor }));
  await run(chair, accept);
  const correction = protocolOf({ version: 2, alpha: 20 });
  await run(second, (actor) => ({ kind: 'enter', document: correction, actor, reason: 'recount' }));
  await run(first, (actor) => ({ kind: 'enter', document: correction, actor, reason: null }));
  await run(chair, accept);
  return { store, keyring, operator: first, work };
}

describe('verify replays double entry', () => {
  it('a journal of entries, a resolution and a correction passes every check', async () => {
    const { store, keyring, work } = await electionWithEntries();
    await exportBundle({ store, election: tinyElection, out: join(work, 'bundle'), cec: keyring.cec });
    await store.close();
    const checks = await verifyBundle(join(work, 'bundle'));
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.find((check) => check.name === 'authority')?.ok).toBe(true);
  });

  it('an entry of a version the machine refuses, signed by an operator of the station, fails at its event', async () => {
    const { store, keyring, operator, work } = await electionWithEntries();
    // Version 2 is accepted: 3 comes next, and 4 is not an entry the machine takes.
    const [event] = await store.write((writer) =>
      appendSigned(
        writer,
        tinyElection.event.id,
        [
          {
            payload: { type: 'protocol-entered', protocol: protocolOf({ version: 4 }), entry: 1, reason: 'skip' },
            key: operator,
          },
        ],
        new Date().toISOString(),
      ),
    );
    await rebuildProjections({ store, election: tinyElection });
    await exportBundle({ store, election: tinyElection, out: join(work, 'bundle'), cec: keyring.cec });
    await store.close();
    const failed = (await verifyBundle(join(work, 'bundle'))).find((check) => !check.ok);
    expect(failed?.name).toBe('authority');
    expect(failed?.detail).toBe(
      `journal.ndjson line ${event!.seq}: protocol-entered refused: Version 4 is not expected: the next version is 3`,
    );
  });
});
