import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { actDigest, keySigner } from '../src/journal/act.ts';
import { generateSigningKey, signDigest, type SigningKey } from '../src/journal/keys.ts';
import type { PersonRole } from '../src/journal/events.ts';
import { okValue } from '../src/model/result.ts';
import { buildServer, DEFAULT_LIMITS, type SaylauServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth.ts';
import { addUser } from '../src/services/account-service.ts';
import { initElection } from '../src/services/election-service.ts';
import { addAccountAwaitingKey } from '../src/services/key-enrolment-service.ts';
import type { Store } from '../src/store/store.ts';
import { type FixtureElection, tinyElection } from './fixtures/tiny-election.ts';
import { PASSWORD } from './server-harness.ts';
import type { Engine } from './store-engines.ts';

/** A person of the fixture: with a key held by the test (as a client would), or waiting for their browser's. */
export interface SigningAccount {
  readonly username: string;
  readonly role: PersonRole;
  readonly commission: string | null;
  /** False: the account waits for a key from the person's browser (docs/server.md, "Signing in the client"). */
  readonly withKey: boolean;
}

/**
 * A database as a deployment where people hold their own keys has it (docs/keys.md): `init` with the CEC's key,
 * which this fixture plays; accounts whose keys the CEC registered by their public half (the test holds the private
 * half, as the person's client would), and accounts still waiting for a key; no key file beside the database.
 */
export async function signingDatabase(
  engine: Engine,
  accounts: readonly SigningAccount[],
  fixture: FixtureElection = tinyElection(),
): Promise<{ store: Store; db: string; cec: SigningKey; keys: Map<string, SigningKey> }> {
  const { store, db } = await engine.fresh();
  const cec = generateSigningKey();
  okValue(
    await initElection({ store, electionText: fixture.electionText, cec: keySigner(cec), cecPublicKey: cec.publicKey }),
  );
  const passwordHash = await hashPassword(PASSWORD);
  const keys = new Map<string, SigningKey>();
  const election = fixture.dataset.election;
  for (const account of accounts) {
    if (!account.withKey) {
      okValue(
        await addAccountAwaitingKey({
          store,
          election,
          id: account.username,
          role: account.role,
          commission: account.commission,
          passwordHash,
        }),
      );
      continue;
    }
    const key = generateSigningKey();
    keys.set(account.username, key);
    okValue(
      await addUser({
        store,
        election,
        signer: keySigner(cec),
        id: account.username,
        role: account.role,
        commission: account.commission,
        publicKey: key.publicKey,
        passwordHash,
      }),
    );
  }
  return { store, db, cec, keys };
}

/** A server over such a database: no key file (the path names nothing), exports and analyses on the main thread. */
export async function signingServer(
  engine: Engine,
  accounts: readonly SigningAccount[],
  fixture: FixtureElection = tinyElection(),
): Promise<{ server: SaylauServer; store: Store; cec: SigningKey; keys: Map<string, SigningKey> }> {
  const prepared = await signingDatabase(engine, accounts, fixture);
  const server = await buildServer({
    store: prepared.store,
    election: fixture.dataset.election,
    keysPath: join(mkdtempSync(join(tmpdir(), 'saylau-nokeys-')), 'absent.json'),
    limits: DEFAULT_LIMITS,
    jobsOnMainThread: true,
  });
  return { server, ...prepared };
}

/**
 * A request that makes an act, sent as a client that holds `key` sends it (docs/server.md, "Signing in the client"):
 * phase 1, then — if the answer asks for signatures — the digests computed from the acts themselves, signed, and the
 * same request again with them. Any other answer of phase 1 (a refusal) is returned as it is. For tests written
 * before acts were signed in the client: `call(server, request, key)` in place of `server.app.inject(request)`.
 */
export async function signedInject(
  server: SaylauServer,
  request: { method: 'POST'; url: string; headers?: Record<string, string>; payload: Record<string, unknown> },
  key: SigningKey,
): Promise<Awaited<ReturnType<SaylauServer['app']['inject']>>> {
  const first = await server.app.inject(request);
  const body: unknown = first.statusCode === 200 ? first.json() : undefined;
  if (typeof body !== 'object' || body === null || !('toSign' in body)) return first;
  const acts = (body as { toSign: { election: string; type: string; actor: string; at: string; payload: unknown }[] })
    .toSign;
  const signatures = acts.map((act) => signDigest(actDigest(act, act), key));
  return server.app.inject({
    ...request,
    payload: { ...request.payload, signed: { at: acts[0]?.at ?? new Date().toISOString(), signatures } },
  });
}
