import { okValue } from '../src/model/result.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetTexts } from '../src/dataset/files.ts';
import { generateDataset, type GeneratedDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { hashPassword } from '../src/server/auth.ts';
import { saveKeyring } from '../src/store/keyring.ts';
import { actDigest, keySigner } from '../src/journal/act.ts';
import type { ActToSign } from '../src/server/act-signing.ts';
import { generateSigningKey, signDigest, type SigningKey } from '../src/journal/keys.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { addUser } from '../src/services/account-service.ts';
import { initElection } from '../src/services/election-service.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';
import type { Protocol } from '../src/model/protocol.ts';

export const ADMIN = { username: 'admin', password: 'benchmark password' };
export const benchRoot = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The national election on a SQLite store in `directory`, with an administrator whose key the server holds
 * (keys.json), and every protocol taken except the last `heldBack` Majilis list protocols, which arrive while the
 * benchmark watches. The store is returned open.
 */
export async function servedElection(
  directory: string,
  heldBack: number,
): Promise<{ dataset: GeneratedDataset; store: SqliteStore; keysPath: string; admin: SigningKey; late: Protocol[] }> {
  const data = JSON.parse(readFileSync(benchRoot('data/kz-2023.json'), 'utf8')) as KzData;
  const names = JSON.parse(readFileSync(benchRoot('data/names.json'), 'utf8')) as NameLists;
  const dataset = generateDataset({ data, names, seed: 2023 });
  const store = new SqliteStore(join(directory, 'election.db'));
  const cec = generateSigningKey();
  const admin = generateSigningKey();
  okValue(
    await initElection({
      store,
      electionText: datasetTexts(dataset.election, []).election,
      cec: keySigner(cec),
      cecPublicKey: cec.publicKey,
    }),
  );
  okValue(
    await addUser({
      store,
      election: dataset.election,
      signer: keySigner(cec),
      id: ADMIN.username,
      role: 'administrator',
      commission: null,
      publicKey: admin.publicKey,
      passwordHash: await hashPassword(ADMIN.password),
    }),
  );
  // The server still signs for its accounts (docs/keys.md): the administrator's key in its key file.
  const keysPath = join(directory, 'keys.json');
  saveKeyring(keysPath, { cec, commissions: new Map(), users: new Map([['admin', admin]]) });
  const late = dataset.protocols.filter((p) => p.contestId === 'majilis/list').slice(-heldBack);
  const lateSet = new Set(late);
  await ingestProtocols({
    store,
    election: dataset.election,
    documents: dataset.protocols.filter((p) => !lateSet.has(p)),
    signer: keySigner(cec),
  });
  return { dataset, store, keysPath, admin, late };
}

/** A session token of the benchmark's administrator. */
export async function adminToken(address: string): Promise<string> {
  const answer = await fetch(`${address}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return ((await answer.json()) as { token: string }).token;
}

/**
 * Protocols through the API, as an administrator; every one must be accepted; when the request that commits them was
 * sent (the second, when the client signs). Signed as a client signs
 * (docs/server.md, "Signing in the client"): the acts the server asks for, signed with the administrator's key and
 * sent again, unless the server holds that key and signs itself.
 */
export async function importProtocols(
  address: string,
  token: string,
  admin: SigningKey,
  protocols: readonly Protocol[],
): Promise<{ committingRequestAt: number }> {
  const post = async (body: unknown) =>
    (await (
      await fetch(`${address}/api/protocols/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      })
    ).json()) as { accepted?: number; toSign?: ActToSign[] };
  let committingRequestAt = performance.timeOrigin + performance.now();
  let answer = await post({ protocols });
  if (answer.toSign !== undefined) {
    committingRequestAt = performance.timeOrigin + performance.now();
    const acts = answer.toSign;
    const signed = {
      at: acts[0]?.at ?? new Date().toISOString(),
      signatures: acts.map((act) => signDigest(actDigest(act, act), admin)),
    };
    answer = await post({ protocols, signed });
  }
  if (answer.accepted !== protocols.length) throw new Error(`not accepted: ${JSON.stringify(answer).slice(0, 400)}`);
  return { committingRequestAt };
}
