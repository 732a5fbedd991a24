// For the sources, as tests run them: a worker thread starts without the TypeScript loader vitest gave the main
// thread, so register tsx here, then run verify's thread. The built CLI's dist/verify-worker-entry.mjs is that module
// compiled (src/verify/verify-in-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
