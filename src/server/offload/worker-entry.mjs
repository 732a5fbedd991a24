// For the sources, as tests run them: a worker thread starts without the TypeScript loader vitest gave the main
// thread, so register tsx here, then run the job module. The built CLI's dist/worker-entry.mjs is the job module
// compiled (docs/server.md, "Work off the main thread").
import { register } from 'tsx/esm/api';

register();
await import('./offload-worker.ts');
