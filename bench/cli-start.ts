import { spawnSync } from 'node:child_process';

const SAYLAU = new URL('../bin/saylau', import.meta.url).pathname;

/** Milliseconds a process takes from spawn to exit. */
function wallMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * `saylau --help` against `node -e 0`, alternated run by run so that both see the same load: the cost of starting
 * the compiled CLI (commander and the texts, no command module) over starting Node at all. The target is a ratio
 * within 3 (docs/server.md, "The built package"). Run after a build: a checkout's first run rebuilds dist/.
 */
export function benchCliStart(runs = 20): {
  runs: number;
  nodeMs: number;
  helpMs: number;
  ratioToNode: number;
} {
  wallMs([SAYLAU, '--version']); // builds dist/ if stale, and warms the file cache
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(wallMs(['-e', '0']));
    help.push(wallMs([SAYLAU, '--help']));
  }
  const nodeMs = median(node);
  const helpMs = median(help);
  return {
    runs,
    nodeMs: Number(nodeMs.toFixed(1)),
    helpMs: Number(helpMs.toFixed(1)),
    ratioToNode: Number((helpMs / nodeMs).toFixed(2)),
  };
}
