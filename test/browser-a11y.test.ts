/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteUnderTest, startSite } from './browser-harness.ts';
import { CHAIR, fixture, LANGUAGES, PAGES, registerAndCount, settled, visitEach } from './browser-pages.ts';

/**
 * WCAG 2.2 A and AA as axe-core checks them, on every page of the site in every language. The site's
 * Content-Security-Policy allows no script it did not ship, so axe is evaluated through the
 * browser's debugging protocol (page.evaluate), which the policy does not govern.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let site: SiteUnderTest;

beforeAll(async () => {
  site = await startSite({ fixture, accounts: [CHAIR], prepare: registerAndCount });
}, 180_000);

afterAll(async () => {
  await site?.close();
});

async function violations(page: Page): Promise<string[]> {
  // Once per document: the pages of one language share one (browser-pages.ts, visitEach).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      // Only violations are read: axe skips collecting the details of what passed.
      resultTypes: ['violations'],
    })) as { violations: Violation[] };
    return result.violations;
  }, TAGS);
  return found.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? ''}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

describe('accessibility (axe-core, WCAG 2.2 A/AA)', () => {
  it('the check sees a violation when a page has one (axe really runs under the CSP)', async () => {
    const page = await site.open('/');
    await settled(page);
    await page.evaluate(() => {
      const button = document.createElement('button');
      document.getElementById('main')?.append(button);
    });
    expect((await violations(page)).join('\n')).toMatch(/^button-name /);
    await page.close();
  }, 60_000);

  for (const lang of LANGUAGES)
    it(`no page in ${lang} has a violation`, async () => {
      const found: Record<string, string[]> = {};
      await visitEach(site, lang, PAGES, async (page, name) => {
        const problems = await violations(page);
        if (problems.length > 0) found[name] = problems;
      });
      // The server's own page for a path it has no file for.
      const page = await site.open(`/no-such-file?lang=${lang}`);
      const problems = await violations(page);
      if (problems.length > 0) found['server-not-found'] = problems;
      await page.close();
      expect(found).toEqual({});
    }, 180_000);
});
