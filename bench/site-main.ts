/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The site benchmark (docs/site.md, Measured), in a process of its own; bench/run.ts reads the JSON it
// prints. The national page's first load in bytes (gzipped as a CDN would send it), and the time
// from a protocol accepted through the API to the updated figure on an open page, in Chromium.
import { okValue } from '../src/model/result.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoad, launchChromium } from './first-load.ts';
import { datasetTexts } from '../src/dataset/files.ts';
import { generateDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth.ts';
import { saveKeyring } from '../src/store/keyring.ts';
import { keySigner } from '../src/journal/act.ts';
import { generateSigningKey } from '../src/journal/keys.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { addUser } from '../src/services/account-service.ts';
import { initElection } from '../src/services/election-service.ts';
import { ingestProtocols } from '../src/services/intake-service.ts';

const SAMPLES = 40;
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'saylau-bench-site-'));
try {
  const data = JSON.parse(readFileSync(root('data/kz-2023.json'), 'utf8')) as KzData;
  const names = JSON.parse(readFileSync(root('data/names.json'), 'utf8')) as NameLists;
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
      id: 'admin',
      role: 'administrator',
      commission: null,
      publicKey: admin.publicKey,
      passwordHash: await hashPassword('benchmark password'),
    }),
  );
  // The server still signs for its accounts (docs/keys.md): the administrator's key in its key file.
  const keyring = { cec, commissions: new Map(), users: new Map([['admin', admin]]) };
  const keysPath = join(directory, 'keys.json');
  saveKeyring(keysPath, keyring);
  // The Majilis list protocols of SAMPLES stations arrive while the page is open.
  const late = dataset.protocols.filter((p) => p.contestId === 'majilis/list').slice(-SAMPLES);
  const lateSet = new Set(late);
  await ingestProtocols({
    store,
    election: dataset.election,
    documents: dataset.protocols.filter((p) => !lateSet.has(p)),
    signer: keySigner(cec),
  });
  const server = await buildServer({ store, election: dataset.election, keysPath, siteDirectory: root('web/dist') });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = (await (
    await fetch(`${address}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'benchmark password' }),
    })
  ).json()) as { token: string };

  const browser = await launchChromium();
  const { page, load: firstLoaded } = await firstLoad(browser, address);

  // One protocol at a time: accepted through the API, then watched for on the open page.
  const latencies: number[] = [];
  for (const protocol of late) {
    const before = Number(await page.locator('#counted').getAttribute('data-counted'));
    const started = performance.now();
    const answer = (await (
      await fetch(`${address}/api/protocols/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ protocols: [protocol] }),
      })
    ).json()) as { accepted: number };
    if (answer.accepted !== 1) throw new Error(`not accepted: ${JSON.stringify(answer)}`);
    await page.waitForFunction(
      (count) => Number(document.querySelector('#counted')?.getAttribute('data-counted')) > count,
      before,
      { timeout: 10_000, polling: 10 },
    );
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] as number);
  await browser.close();
  await server.close();
  await store.close();
  process.stdout.write(
    `${JSON.stringify({
      firstLoad: { ...firstLoaded, targetBytesGzipped: 300 * 1024 },
      protocolToPage: {
        samples: latencies.length,
        medianMs: percentile(0.5),
        p95Ms: percentile(0.95),
        maxMs: Math.round(latencies.at(-1) as number),
        targetP95Ms: 1000,
      },
    })}\n`,
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
