import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches the network on its own (browser tests, benchmarks). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Playwright gives every launch a fresh, empty profile of its own (it refuses --user-data-dir).
  });
}
