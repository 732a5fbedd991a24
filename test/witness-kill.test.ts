import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../src/tlog/index.ts';
import { generateWitnessKey } from '../src/witness/witness-key.ts';
import { STATE_FILE, witnessStateSchema } from '../src/witness/witness-state.ts';
import { FakeLog } from './witness-fixture.ts';

// kill -9 of a witness at any moment never makes it cosign two different trees of one size
// (docs/witness.md, "What the witness keeps"). The witness runs as `bin/saylau witness` in a child process,
// against a small log served over HTTP; it is killed at random moments while the log grows, and after each
// kill another view of the log — same key, an entry changed — is shown to it.

const saylau = join(import.meta.dirname, '..', 'bin', 'saylau');

/** A deterministic random sequence, so that a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const rootOf = (note: string): { size: number; root: string } => {
  const parsed = parseCheckpoint(`${note.split('\n\n')[0] ?? ''}\n`);
  if (!parsed.ok) throw new Error('a posted checkpoint does not parse');
  return { size: parsed.value.size, root: Buffer.from(parsed.value.root).toString('base64') };
};

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );

async function run(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [saylau, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // 'close', not 'exit': standard error is read to its end.
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { status, stderr };
}

describe('a witness killed at any moment (kill -9)', () => {
  const closers: (() => void)[] = [];
  beforeAll(() => {
    // Builds dist/ once if the sources are newer, so that the timing below is the witness's, not the build's.
    expect(spawnSync(process.execPath, [saylau, '--version'], { encoding: 'utf8' }).status).toBe(0);
  }, 120_000);
  afterAll(() => closers.forEach((close) => close()));

  it('never cosigns two different roots of one size, and refuses every other view of what it cosigned', async () => {
    const random = prng(20260319);
    const honest = new FakeLog();
    honest.append(3);
    const served = await honest.listen();
    closers.push(() => served.server.close());
    const folder = mkdtempSync(join(tmpdir(), 'saylau-witness-kill-'));
    const keyFile = join(folder, 'witness.key');
    writeFileSync(keyFile, `${generateWitnessKey('observers.example/kill').signerKeyText}\n`, { mode: 0o600 });
    const state = join(folder, 'state');
    const args = ['witness', '--key', keyFile, '--state', state, '--log-key', honest.verifierKey, '--lang', 'en'];
    const forkPosts: { checkpoint: string; cosignature: string }[] = [];
    let refusals = 0;
    let killedAfterCosigning = 0;

    for (let round = 0; round < 8; round += 1) {
      honest.append(1 + Math.floor(random() * 300));
      const child = spawn(process.execPath, [saylau, ...args, '--log', served.url, '--interval', '0.02'], {
        stdio: 'ignore',
      });
      const postedBefore = honest.posted.length;
      if (round === 0) {
        // The first round runs until the witness has cosigned once, so that every later round has a state to defend.
        for (let waited = 0; honest.posted.length === 0 && waited < 60_000; waited += 50)
          await new Promise((resolve) => setTimeout(resolve, 50));
      } else {
        // Anywhere from before the CLI has started (0.1–0.3 s for the compiled CLI here) to well into its rounds, which
        // come every 20 ms.
        await new Promise((resolve) => setTimeout(resolve, random() * 1500));
        if (random() < 0.5) honest.append(1 + Math.floor(random() * 40));
        await new Promise((resolve) => setTimeout(resolve, random() * 300));
      }
      child.kill('SIGKILL');
      await exited(child);
      if (honest.posted.length > postedBefore) killedAfterCosigning += 1;

      // Whatever the kill interrupted, the state is whole: the old one or the new one, never a torn file.
      if (!existsSync(join(state, STATE_FILE))) continue;
      const kept = witnessStateSchema.parse(JSON.parse(readFileSync(join(state, STATE_FILE), 'utf8')));
      // The operator shows another view of the log, same key: entry changed below the cosigned size.
      const fork = honest.fork(Math.floor(random() * kept.size), random() < 0.5 ? 0 : 1 + Math.floor(random() * 20));
      const forkServed = await fork.listen();
      // Asynchronously: the log answering it lives in this process.
      const refused = await run([...args, '--log', forkServed.url, '--once']);
      forkServed.server.close();
      forkPosts.push(...fork.posted);
      expect(refused.status, refused.stderr).toBe(3);
      expect(refused.stderr).toContain('WITNESS_REFUSED_INCONSISTENT');
      refusals += 1;
    }

    // Every cosignature that left the witness: one root per size, all of the honest log.
    const roots = new Map<number, string>();
    for (const { checkpoint } of honest.posted) {
      const { size, root } = rootOf(checkpoint);
      expect(roots.get(size) ?? root, `size ${size}`).toBe(root);
      roots.set(size, root);
      expect(root).toBe(Buffer.from(honest.tree.root(size)).toString('base64'));
    }
    expect(forkPosts).toEqual([]);
    expect(refusals).toBe(8);
    expect(roots.size).toBeGreaterThan(0);
    expect(killedAfterCosigning).toBeGreaterThan(0);
  }, 240_000);
});
