import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { writeKeyFile } from '../src/journal/key-file.ts';
import { generateSigningKey } from '../src/journal/keys.ts';
import { assertDefined } from '../src/law/assert.ts';
import { okValue } from '../src/model/result.ts';
import { login } from '../src/server/auth.ts';
import { PASSWORD, preparedDatabase } from './server-harness.ts';
import { tinyElection } from './fixtures/tiny-election.ts';
import { engines } from './store-engines.ts';

/** The CLI in-process, with files from a map. */
async function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => {
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path] as string;
    },
  };
  return { code: await runCli(args, io, { LANG: 'en_US.UTF-8' }), stdout, stderr };
}

describe('saylau user disable | enable | password | end-sessions', () => {
  it('disables with a journaled reason, refuses the key for --as, sets passwords by the policy, ends sessions', async () => {
    const [engine] = engines();
    const { dataset } = tinyElection();
    const commission = dataset.election.commissions.find((c) => c.level === 'territorial')!.id;
    const { store, db, keyring } = await preparedDatabase(engine!, [
      { username: 'op-1', role: 'operator', commission },
      { username: 'admin-1', role: 'administrator', commission: null },
    ]);
    // Each signs with a key file of their own (docs/keys.md): the CEC its acts on accounts, the operator an entry.
    const folder = mkdtempSync(join(tmpdir(), 'saylau-account-cli-'));
    const cecKey = join(folder, 'cec.key');
    const operatorKey = join(folder, 'op-1.key');
    okValue(writeKeyFile(cecKey, keyring.cec));
    okValue(writeKeyFile(operatorKey, assertDefined(keyring.users.get('op-1'))));
    const args = (...rest: string[]) => [...rest, '--db', db, '--key', cecKey];
    try {
      await login({ store, username: 'op-1', password: PASSWORD });
      const disabled = await run(args('user', 'disable', '--id', 'op-1', '--reason', 'left the commission'));
      expect([disabled.code, disabled.stdout]).toEqual([
        0,
        expect.stringMatching(/^op-1 disabled \(.+\); 1 sessions ended\n$/),
      ]);
      const event = (await store.eventsAfter(0, 100_000)).at(-1);
      expect([event?.type, event?.payload]).toEqual([
        'account-disabled',
        { holder: 'op-1', by: 'cec', reason: 'left the commission' },
      ]);
      expect((await run(args('user', 'disable', '--id', 'op-1', '--reason', 'again'))).stderr).toContain(
        'ACCOUNT_ALREADY_DISABLED',
      );
      expect((await run(args('user', 'disable', '--id', 'nobody', '--reason', 'x'))).stderr).toContain(
        'ACCOUNT_UNKNOWN [--id]',
      );
      // A disabled person's key is refused as their login is.
      const protocol = dataset.protocols.find((p) =>
        dataset.election.stations
          .find((s) => s.id === p.stationId)
          ?.commissionId.startsWith(commission.replace(/\/tec$/, '/')),
      )!;
      expect(
        (await run(['enter', 'p.json', '--db', db, '--key', operatorKey], { 'p.json': JSON.stringify(protocol) }))
          .stderr,
      ).toContain('AUTH_ACCOUNT_DISABLED');
      expect((await run(args('user', 'enable', '--id', 'op-1', '--reason', 'came back'))).code).toBe(0);

      // A disabled administrator's key file registers no key, whichever command sends the act: the journal's append
      // refuses every act of a disabled account's key, not only the entries the CLI checks itself.
      const adminKey = join(folder, 'admin-1.key');
      okValue(writeKeyFile(adminKey, assertDefined(keyring.users.get('admin-1'))));
      const registerAsAdmin = (holder: string) =>
        run([
          ...['keys', 'register', '--holder', holder, '--role', 'operator', '--commission', commission],
          ...['--public-key', generateSigningKey().publicKey, '--db', db, '--key', adminKey],
        ]);
      expect((await registerAsAdmin('op-8')).code).toBe(0);
      expect((await run(args('user', 'disable', '--id', 'admin-1', '--reason', 'left'))).code).toBe(0);
      const headBefore = (await store.journalHead()).seq;
      const refusedToDisabled = await registerAsAdmin('op-9');
      expect([refusedToDisabled.code, refusedToDisabled.stderr]).toEqual([
        1,
        expect.stringContaining('AUTH_ACCOUNT_DISABLED'),
      ]);
      expect((await store.journalHead()).seq).toBe(headBefore);

      expect(
        (await run(args('user', 'password', '--id', 'op-1', '--password-file', '-'), { '-': `${' '.repeat(11)}x\n` }))
          .stderr,
      ).toContain('PASSWORD_TOO_SIMPLE');
      expect(
        (await run(args('user', 'password', '--id', 'op-1', '--password-file', '-'), { '-': 'Password2023!\n' }))
          .stderr,
      ).toContain('PASSWORD_TOO_COMMON [--password-file]');
      await login({ store, username: 'op-1', password: PASSWORD });
      expect(
        (
          await run(args('user', 'password', '--id', 'op-1', '--password-file', '-'), {
            '-': 'a new passphrase for the count\n',
          })
        ).stdout,
      ).toBe('op-1: password changed; 1 sessions ended\n');
      await expect(login({ store, username: 'op-1', password: PASSWORD })).rejects.toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
      });
      await login({ store, username: 'op-1', password: 'a new passphrase for the count' });
      expect((await run(args('user', 'end-sessions', '--id', 'op-1'))).stdout).toBe('op-1: 1 sessions ended\n');
      expect(
        (
          await run(
            args(
              ...['user', 'add', '--id', 'watcher', '--role', 'observer', '--commission', commission],
              ...['--public-key', generateSigningKey().publicKey],
            ),
          )
        ).stderr,
      ).toContain('ACCOUNT_COMMISSION_NOT_TAKEN [--commission]');
    } finally {
      await store.close();
    }
  }, 120_000);

  it('serve --trust-proxy refuses what is not an address or a CIDR range, with its code', async () => {
    const [engine] = engines();
    const { store, db, keysPath } = await preparedDatabase(engine!, []);
    try {
      const bad = await run(['serve', '--db', db, '--keys', keysPath, '--trust-proxy', '10.0.0.0/8', 'not-an-address']);
      expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('INPUT_INVALID_VALUE [--trust-proxy]')]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
