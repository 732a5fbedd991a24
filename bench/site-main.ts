/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The site benchmark (docs/site.md, Measured), in a process of its own; bench/run.ts reads the JSON it
// prints. The national page's first load in bytes (gzipped as a CDN would send it), and the time
// from a protocol accepted through the API to the updated figure on an open page, in Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/server/app.ts';
import { firstLoad, launchChromium } from './first-load.ts';
import { adminToken, benchRoot, importProtocols, servedElection } from './served-election.ts';

const SAMPLES = 40;
const directory = mkdtempSync(join(tmpdir(), 'saylau-bench-site-'));
try {
  const { dataset, store, keysPath, admin, late } = await servedElection(directory, SAMPLES);
  const server = await buildServer({
    store,
    election: dataset.election,
    keysPath,
    siteDirectory: benchRoot('web/dist'),
  });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const token = await adminToken(address);

  const browser = await launchChromium();
  const { page, load: firstLoaded } = await firstLoad(browser, address);

  // One protocol at a time: accepted through the API, then watched for on the open page.
  const latencies: number[] = [];
  for (const protocol of late) {
    const before = Number(await page.locator('#counted').getAttribute('data-counted'));
    const started = performance.now();
    await importProtocols(address, token, admin, [protocol]);
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
