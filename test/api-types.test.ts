import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesText } from '../scripts/api-types.ts';

describe('the site API types (docs/site.md, "Boundaries")', () => {
  it('web/src/api-types.ts is what openapi-typescript makes of the current OpenAPI document', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const current = await apiTypesText();
    // toBe with a message rather than a diff of 4,000 lines: the fix is one command.
    expect(committed === current, 'web/src/api-types.ts is stale: run npm run api-types').toBe(true);
  }, 60_000);
});
