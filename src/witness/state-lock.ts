import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedRefusal } from '../model/refusal.ts';
import { err, ok, type Result } from '../model/result.ts';

const LOCK_FILE = 'lock';
/** Held by the one process removing a stale lock (docs/witness.md, "One folder, one process"). */
const TAKEOVER_FILE = 'lock.takeover';

/**
 * Holds the state folder for this process alone: two witnesses on one folder could each check against the same
 * state and cosign two different trees (c2sp.org/tlog-witness, the race under "add-checkpoint"). A lock left by a
 * process that no longer runs (kill -9) is taken over, by one process only even when several try at once. Returns
 * the release, which removes the lock only while it is still this process's.
 */
export function lockStateFolder(folder: string): Result<() => void, CodedRefusal> {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, LOCK_FILE);
  const release = (): void => {
    if (holderOf(path) === process.pid) removeQuietly(path);
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (createHeld(path)) return ok(release);
    const holder = holderOf(path);
    // Released between the two looks: try again.
    if (holder === null) continue;
    if (isAnotherLiveProcess(holder)) return err({ code: 'WITNESS_STATE_LOCKED', params: { path, pid: holder } });
    // A stale lock. Removing it is the race: a process that judged it stale a moment ago would remove the lock
    // another has just taken over. So it is removed only under the takeover file, and only if it still names the
    // same process (or is still as unreadable: NaN is NaN here).
    const takeover = join(folder, TAKEOVER_FILE);
    if (!createHeld(takeover)) {
      const taker = holderOf(takeover);
      if (taker !== null && !isAnotherLiveProcess(taker))
        return err({ code: 'WITNESS_STATE_TAKEOVER_STALE', params: { path: takeover, pid: taker } });
      return err({ code: 'WITNESS_STATE_LOCKED', params: { path, pid: taker ?? 0 } });
    }
    try {
      if (Object.is(holderOf(path), holder)) removeQuietly(path);
      if (createHeld(path)) return ok(release);
    } finally {
      removeQuietly(takeover);
    }
  }
  return err({ code: 'WITNESS_STATE_LOCKED', params: { path, pid: holderOf(path) ?? 0 } });
}

/**
 * Creates `path` holding this process's id, or answers false when it exists. The file appears with its content: it
 * is written under another name first and linked into place, which fails if `path` exists, so no one ever reads a
 * lock without its holder (an empty lock would look stale and be taken).
 */
function createHeld(path: string): boolean {
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, String(process.pid), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeQuietly(draft);
  }
}

/** The process id a lock file names (NaN for anything else), or null when there is no such file. */
function holderOf(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : Number.NaN;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isAnotherLiveProcess(pid: number): boolean {
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
