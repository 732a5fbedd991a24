import { describe, expect, it } from 'vitest';
import {
  accreditDemoObservers,
  enterDemoCopies,
  fileDemoRegister,
  ingestDemoBatch,
  registerDemoCandidates,
} from '../src/cli/commands/demo-steps.ts';
import { buildObserverPlans } from '../src/generate/observer-copies.ts';
import { buildRegisterPlan } from '../src/generate/register-plan.ts';
import { formatMessage } from '../src/i18n/messages.ts';
import { nominationsFromElection } from '../src/registration/dataset-nominations.ts';

import { createKeyring } from '../src/store/keyring.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';
import { initWithKeyring, keyringClients } from './fixtures/test-keys.ts';

// `saylau demo` journals what its dataset says, and stops at the first refusal instead of running the night on a
// half-registered election or with stations missing (docs/site.md, "The demo").
describe.each(engines())('the demo stops at a refusal on $name', (engine) => {
  const setUp = async () => {
    const { dataset, electionText } = tinyElection();
    const { store } = await engine.fresh();
    const keyring = createKeyring(dataset.election);
    await initWithKeyring({ store, electionText, keyring });
    return { store, clients: keyringClients(keyring), definition: dataset.election, protocols: dataset.protocols };
  };

  it('registers every nomination, and names the first one refused, in the reader language', async () => {
    const { store, clients, definition } = await setUp();
    try {
      const nominations = nominationsFromElection(definition);
      const stray = { ...nominations[0]!, id: 'stray', contestId: 'majilis/smd-99' };
      const refused = await registerDemoCandidates({
        store,
        definition,
        clients,
        nominations: [...nominations, stray],
        language: 'kk',
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'DEMO_REGISTRATION_REFUSED', params: { id: 'stray', code: 'NOMINATION_UNKNOWN_CONTEST' } },
      });
      const { params } = (refused as { error: { params: Record<string, string> } }).error;
      expect(params.reason).toBe(formatMessage('NOMINATION_UNKNOWN_CONTEST', 'kk', { contest: 'majilis/smd-99' }));
      // The registry's refusal came before any decision: nothing was registered.
      expect([...(await store.registry()).candidates.keys()]).toEqual([]);
    } finally {
      await store.close();
    }
    // The same nominations without the stray one, in a fresh election: every candidate registered.
    const clean = await setUp();
    try {
      const nominations = nominationsFromElection(clean.definition);
      expect(await registerDemoCandidates({ ...clean, nominations, language: 'en' })).toEqual({
        ok: true,
        value: undefined,
      });
      expect((await clean.store.registry()).candidates.size).toBe(
        nominations.reduce((sum, nomination) => sum + nomination.candidates.length, 0),
      );
    } finally {
      await clean.store.close();
    }
  }, 60_000);

  it('ingests the night batch by batch, and stops at a protocol refused', async () => {
    const { store, clients, definition, protocols } = await setUp();
    try {
      const [first, ...rest] = protocols;
      const stray = { ...first!, stationId: 'KZ-99/PS-0001' };
      expect(
        await ingestDemoBatch({ store, election: definition, clients, protocols: [first, stray], language: 'ru' }),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'DEMO_PROTOCOL_REFUSED',
          params: { count: 1, station: 'KZ-99/PS-0001', code: 'DATASET_UNKNOWN_REFERENCE' },
        },
      });
      expect(await ingestDemoBatch({ store, election: definition, clients, protocols: rest, language: 'ru' })).toEqual({
        ok: true,
        value: undefined,
      });
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe.each(engines())('the demo’s observers and register on $name', (engine) => {
  it('accredits, draws the sample before the count, enters copies and reports, files the register, nothing refused', async () => {
    const { dataset, electionText } = tinyElection();
    const { election } = dataset;
    const { store } = await engine.fresh();
    try {
      const keyring = createKeyring(election);
      await initWithKeyring({ store, electionText, keyring });
      const clients = keyringClients(keyring);
      const plans = buildObserverPlans(election, dataset.protocols, { seed: 7, until: '2099-12-31' });
      const observers = await accreditDemoObservers({ store, election, clients, plans, language: 'en' });
      if (!observers.ok) throw new Error(observers.error.code);
      expect(await ingestDemoBatch({ store, election, clients, protocols: dataset.protocols, language: 'en' })).toEqual(
        { ok: true, value: undefined },
      );
      expect(await enterDemoCopies({ store, election, signers: observers.value, language: 'en' })).toEqual({
        ok: true,
        value: undefined,
      });
      const plan = buildRegisterPlan(election, 7);
      expect(plan.violations).toHaveLength(23);
      expect(await fileDemoRegister({ store, election, clients, plan, language: 'en' })).toEqual({
        ok: true,
        value: undefined,
      });
      const records = await store.storedText('election_day');
      const copies = [...records.keys()].filter((key) => key.startsWith('copy ')).length;
      expect(copies).toBe(plans.reduce((sum, p) => sum + p.copies.length, 0));
      expect([...records.keys()].filter((key) => key.startsWith('complaint ')).length).toBe(plan.complaints.length);
    } finally {
      await store.close();
    }
  }, 60_000);
});
