import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary folder for the whole run, removed at its end: the tests, the processes they start and the browser
 * all make their files under it (TMPDIR, which os.tmpdir() reads and the test workers inherit), so that a test that
 * does not clean up after itself leaves nothing behind. Before, one run left several hundred folders in /tmp.
 */
export default function setup(): () => void {
  // Once per run, though each project of the run calls it: a folder inside another would make Chromium's socket path
  // longer than a Unix socket path may be, and the browser would not start.
  if (process.env.SAYLAU_TEST_TMPDIR !== undefined) return () => undefined;
  const folder = mkdtempSync(join(tmpdir(), 'saylau-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  process.env.SAYLAU_TEST_TMPDIR = folder;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    delete process.env.SAYLAU_TEST_TMPDIR;
    rmSync(folder, { recursive: true, force: true });
  };
}
