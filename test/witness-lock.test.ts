import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockStateFolder } from '../src/witness/state-lock.ts';

// The lock of a witness's state folder (docs/witness.md, "One folder, one process").

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const newFolder = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'saylau-witness-lock-'));
  folders.push(folder);
  return folder;
};
/** The id of a process that has ended. */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid ?? 0;

describe('the state folder lock', () => {
  it('is refused while another running process holds it, naming that process', () => {
    const folder = newFolder();
    writeFileSync(join(folder, 'lock'), String(process.ppid));
    const lock = lockStateFolder(folder);
    expect(lock).toEqual({
      ok: false,
      error: { code: 'WITNESS_STATE_LOCKED', params: { path: join(folder, 'lock'), pid: process.ppid } },
    });
    expect(readFileSync(join(folder, 'lock'), 'utf8')).toBe(String(process.ppid));
  });

  it.each([
    ['a process that has ended', () => String(endedPid())],
    ['no process (an empty file)', () => ''],
  ])('is taken over from %s, and released', (_label, content) => {
    const folder = newFolder();
    writeFileSync(join(folder, 'lock'), content());
    const lock = lockStateFolder(folder);
    if (!lock.ok) throw new Error(lock.error.code);
    expect(readFileSync(join(folder, 'lock'), 'utf8')).toBe(String(process.pid));
    lock.value();
    // Nothing left behind: no lock, no takeover file, no draft.
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a release leaves alone a lock that is no longer this process’s', () => {
    const folder = newFolder();
    const lock = lockStateFolder(folder);
    if (!lock.ok) throw new Error(lock.error.code);
    writeFileSync(join(folder, 'lock'), String(process.ppid));
    lock.value();
    expect(readFileSync(join(folder, 'lock'), 'utf8')).toBe(String(process.ppid));
  });

  it('a takeover left behind by a process that died in it stops the next witness, naming the file', () => {
    const folder = newFolder();
    const dead = endedPid();
    writeFileSync(join(folder, 'lock'), String(dead));
    writeFileSync(join(folder, 'lock.takeover'), String(dead));
    expect(lockStateFolder(folder)).toEqual({
      ok: false,
      error: { code: 'WITNESS_STATE_TAKEOVER_STALE', params: { path: join(folder, 'lock.takeover'), pid: dead } },
    });
    expect(existsSync(join(folder, 'lock'))).toBe(true);
  });

  it('six processes taking over one stale lock at the same moment: exactly one holds the folder', async () => {
    const folder = newFolder();
    const signals = newFolder();
    writeFileSync(join(folder, 'lock'), String(endedPid()));
    const contenders = Array.from({ length: 6 }, () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'lock-contender.ts'), folder, signals],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const lines: string[] = [];
      let pending = '';
      child.stdout.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        lines.push(...parts);
      });
      const ended = new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { lines, ended };
    });
    const until = async (done: () => boolean): Promise<void> => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await until(() => contenders.every(({ lines }) => lines.includes('ready')));
    writeFileSync(join(signals, 'go'), '');
    await until(() => contenders.every(({ lines }) => lines.length === 2));
    const outcomes = contenders.map(({ lines }) => lines[1]);
    writeFileSync(join(signals, 'release'), '');
    expect(await Promise.all(contenders.map(({ ended }) => ended))).toEqual(Array(6).fill(0));
    expect(outcomes.filter((outcome) => outcome === 'held')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'held')).toEqual(Array(5).fill('WITNESS_STATE_LOCKED'));
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});
