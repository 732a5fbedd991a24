import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
export { launchChromium } from '../test/chromium.ts';

export interface FirstLoad {
  readonly requests: number;
  readonly bytesUncompressed: number;
  /** Each response gzipped at level 6, as the server and a CDN send it. */
  readonly bytesGzipped: number;
  readonly files: readonly { readonly url: string; readonly raw: number; readonly gzip: number }[];
}

/** The national page opened at `address` until its hemicycle and count are drawn: every response it took. */
export async function firstLoad(browser: Browser, address: string): Promise<{ page: Page; load: FirstLoad }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const responses: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (response) => {
    // The live stream never ends: it is not part of the load.
    if (response.url().includes('/api/live')) return;
    // Playwright gives the body decoded.
    responses.push(
      response.body().then(
        (body) => ({
          url: response.url().replace(address, ''),
          raw: body.length,
          gzip: gzipSync(body, { level: 6 }).length,
        }),
        () => ({ url: response.url(), raw: 0, gzip: 0 }),
      ),
    );
  });
  await page.goto(`${address}/`);
  await page.waitForSelector('svg.hemicycle');
  await page.waitForSelector('#counted');
  const files = await Promise.all(responses);
  return {
    page,
    load: {
      requests: files.length,
      bytesUncompressed: files.reduce((sum, file) => sum + file.raw, 0),
      bytesGzipped: files.reduce((sum, file) => sum + file.gzip, 0),
      files,
    },
  };
}
