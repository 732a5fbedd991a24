// A worker thread starts without the TypeScript loader that bin/saylau (or vitest) gave the main
// thread: register tsx here, then run the job module (docs/server.md, "Work off the main thread").
import { register } from 'tsx/esm/api';

register();
await import('./offload-worker.ts');
