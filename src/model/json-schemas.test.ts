import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelJsonSchemas } from './json-schemas.ts';

describe('docs/schema', () => {
  it.each(Object.entries(modelJsonSchemas()))(
    '%s is the JSON Schema of the zod model (npm run schemas)',
    (file, schema) => {
      const committed = readFileSync(new URL(`../../docs/schema/${file}`, import.meta.url), 'utf8');
      expect(committed).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    },
  );
});
