// For the sources, as tests run them: a worker thread starts without the TypeScript loader vitest gave the main
// thread, so register tsx here, then run the checking thread's module. The built CLI's dist/intake-worker-entry.mjs is
// that module compiled (src/services/intake-preparation.ts).
import { register } from 'tsx/esm/api';

register();
await import('./intake-worker.ts');
