import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preparedDatabase } from './server-harness.ts';
import { engines } from './store-engines.ts';

/**
 * The CEC key's fingerprint that `saylau serve` prints is the one the site shows and the one `saylau verify --trust`
 * accepts for the bundle the server exports. `saylau demo` prints it too: scripts/pack-smoke.sh checks that one, on
 * the demo it runs anyway (the national election, a minute of work).
 */
const root = new URL('..', import.meta.url).pathname;
const FINGERPRINT = /CEC key fingerprint \(for saylau verify --trust\): ([0-9a-f]{64})/;
const ADDRESS = /(http:\/\/127\.0\.0\.1:\d+)/;

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

/** Runs `saylau ARGS` until its output has the fingerprint and the address it serves at. */
function untilFingerprint(args: readonly string[]): Promise<{ fingerprint: string; url: string; output: string }> {
  const child = spawn(process.execPath, ['bin/saylau', ...args, '--lang', 'en'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const fingerprint = FINGERPRINT.exec(output)?.[1];
      const url = ADDRESS.exec(output)?.[1];
      if (fingerprint !== undefined && url !== undefined) resolve({ fingerprint, url, output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`saylau ${args[0]} exited with ${code}: ${output}`)));
  });
}

const cecKeyOf = async (url: string): Promise<string> =>
  ((await (await fetch(`${url}/api/site/cec-key`)).json()) as { fingerprint: string }).fingerprint;

describe("the CEC key's fingerprint on the command line", () => {
  it('saylau serve prints it; the site serves it; saylau verify --trust accepts it for the exported bundle', async () => {
    const { store, db, keysPath, keyring } = await preparedDatabase(engines()[0]!, []);
    await store.close();
    const { fingerprint, url } = await untilFingerprint(['serve', '--db', db, '--keys', keysPath, '--port', '0']);
    expect(fingerprint).toBe(keyring.cec.fingerprint);
    expect(await cecKeyOf(url)).toBe(fingerprint);

    const out = mkdtempSync(join(tmpdir(), 'saylau-trust-'));
    try {
      writeFileSync(
        join(out, 'saylau-bundle.tar'),
        Buffer.from(await (await fetch(`${url}/api/exports/bundle.tar`)).arrayBuffer()),
      );
      expect(spawnSync('tar', ['-xf', 'saylau-bundle.tar'], { cwd: out }).status).toBe(0);
      const verify = (trust: string) =>
        spawnSync(process.execPath, [join(root, 'bin/saylau'), 'verify', 'saylau-bundle', '--trust', trust], {
          cwd: out,
          encoding: 'utf8',
        });
      const accepted = verify(fingerprint);
      expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
      expect(verify('0'.repeat(64)).status).not.toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
