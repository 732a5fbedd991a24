import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetTexts } from '../src/dataset/files.ts';
import { generateDataset, type GeneratedDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import type { PersonRole } from '../src/journal/events.ts';
import { buildServer, DEFAULT_LIMITS, type Limits, type SaylauServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth.ts';
import { createKeyring, type Keyring, saveKeyring } from '../src/store/keyring.ts';
import type { Store } from '../src/store/store.ts';

import { ingestProtocols } from '../src/services/intake-service.ts';
import { type FixtureElection, tinyElection } from './fixtures/tiny-election.ts';
import type { Engine } from './store-engines.ts';
import { addPerson, importerSigner, initWithKeyring } from './fixtures/test-keys.ts';

let cached: { dataset: GeneratedDataset; electionText: string } | undefined;

/**
 * The national 2023 dataset, generated once per test file: for tests where its size is the point. Others use
 * tinyElection() (test/fixtures/tiny-election.ts), which the helpers below take by default.
 */
export function nationalDataset(): { dataset: GeneratedDataset; electionText: string } {
  if (cached === undefined) {
    const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
    const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
    const dataset = generateDataset({ data, names, seed: 2023 });
    cached = { dataset, electionText: datasetTexts(dataset.election, []).election };
  }
  return cached;
}

export const PASSWORD = 'a long enough test password';

export interface Account {
  readonly username: string;
  readonly role: PersonRole;
  readonly commission: string | null;
}

/**
 * A fresh database with an election (the tiny one unless another is given), its keys in a file, and
 * accounts (all with PASSWORD): what `saylau init` and `saylau user add --password-file` leave behind.
 */
export async function preparedDatabase(
  engine: Engine,
  accounts: readonly Account[],
  { dataset, electionText }: FixtureElection = tinyElection(),
): Promise<{ store: Store; db: string; keysPath: string; keyring: Keyring }> {
  const { store, db } = await engine.fresh();
  let keyring = createKeyring(dataset.election);
  const keysPath = join(mkdtempSync(join(tmpdir(), 'saylau-keys-')), 'keys.json');
  await initWithKeyring({ store, electionText, keyring, election: dataset.election });
  const passwordHash = await hashPassword(PASSWORD);
  for (const account of accounts)
    keyring = (
      await addPerson({
        store,
        election: dataset.election,
        keyring,
        id: account.username,
        role: account.role,
        commission: account.commission,
        passwordHash,
      })
    ).keyring;
  // The server's key file of people's keys, while the server still signs for them (docs/keys.md).
  saveKeyring(keysPath, keyring);
  return { store, db, keysPath, keyring };
}

export async function testServer(
  engine: Engine,
  accounts: readonly Account[],
  limits: Partial<Limits> = {},
  fixture: FixtureElection = tinyElection(),
  { jobsOnMainThread = false }: { jobsOnMainThread?: boolean } = {},
): Promise<{ server: SaylauServer; store: Store; db: string; keyring: Keyring; keysPath: string }> {
  const prepared = await preparedDatabase(engine, accounts, fixture);
  const server = await buildServer({
    store: prepared.store,
    election: fixture.dataset.election,
    keysPath: prepared.keysPath,
    limits: { ...DEFAULT_LIMITS, ...limits },
    jobsOnMainThread,
  });
  return { server, ...prepared };
}

/** A server over an election with only the Majilis list counted: what the analysis routes read. */
export async function majilisListServer(
  engine: Engine,
  fixture: FixtureElection = tinyElection(),
): Promise<{ server: SaylauServer; store: Store }> {
  const prepared = await testServer(engine, [], {}, fixture);
  const { dataset } = fixture;
  await ingestProtocols({
    store: prepared.store,
    election: dataset.election,
    documents: dataset.protocols.filter((protocol) => protocol.contestId === 'majilis/list'),
    signer: importerSigner(prepared.keyring),
  });
  return { server: prepared.server, store: prepared.store };
}

/** Logs in through the API and returns the Authorization header value. */
export async function bearer(server: SaylauServer, username: string): Promise<string> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.body}`);
  return `Bearer ${response.json<{ token: string }>().token}`;
}
