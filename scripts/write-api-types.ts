// Writes web/src/api-types.ts from the OpenAPI document: `npm run api-types`. A test keeps it in step.
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, apiTypesText } from './api-types.ts';

writeFileSync(API_TYPES_FILE, await apiTypesText());
