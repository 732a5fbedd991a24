import { benchTlog } from './tlog.ts';

/** `npm run bench` runs this in a process of its own: the transparency log's proofs, checkpoints and tiles. */
process.stdout.write(`${JSON.stringify(benchTlog())}\n`);
