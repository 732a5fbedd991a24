// Writes docs/schema/*.json from the zod model: `npm run schemas`. A test keeps them in step.
import { mkdirSync, writeFileSync } from 'node:fs';
import { modelJsonSchemas } from '../src/model/json-schemas.ts';

mkdirSync('docs/schema', { recursive: true });
for (const [file, schema] of Object.entries(modelJsonSchemas()))
  writeFileSync(`docs/schema/${file}`, `${JSON.stringify(schema, null, 2)}\n`);
