import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journalPayloadSchemas } from '../src/journal/events.ts';

// The console's journal names each event in kk, ru and en (web/src/views/journal.ts): a type without its name would
// stop the page, so every type the journal can hold has one.
describe('the journal page’s names of events', () => {
  it('has a name in the site’s texts for every event type', () => {
    const texts = readFileSync(new URL('../web/src/i18n.ts', import.meta.url), 'utf8');
    const missing = Object.keys(journalPayloadSchemas).filter(
      (type) => !new RegExp(`'journalEvent\\.${type}': \\{\\s*kk: '[^']+',\\s*ru: '[^']+',\\s*en: '[^']+'`).test(texts),
    );
    expect(missing).toEqual([]);
  });
});
