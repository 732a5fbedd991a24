import { readFileSync, statSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/context.ts';
import { runCli } from '../src/cli/program.ts';
import { writeKeyFile } from '../src/journal/key-file.ts';
import { assertDefined } from '../src/law/assert.ts';
import { okValue } from '../src/model/result.ts';
import { registeredWitnesses } from '../src/services/witness-service.ts';
import { generateWitnessKey } from '../src/witness/witness-key.ts';
import { preparedDatabase } from './server-harness.ts';
import { engines } from './store-engines.ts';
import { FakeLog } from './witness-fixture.ts';

/** The CLI in-process, reading real files. */
async function run(args: string[], lang = 'en') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => readFileSync(path, 'utf8'),
  };
  return { code: await runCli([...args, '--lang', lang], io, {}), stdout, stderr };
}

describe('saylau witness (docs/witness.md)', () => {
  it('keygen, a round of cosigning, a loud refusal in three languages, and evidence checked from the command line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'saylau-witness-cli-'));
    const keyFile = join(folder, 'w.key');
    const made = await run(['witness', 'keygen', '--name', 'monitor.example/w1', '--out', keyFile]);
    expect(made.code).toBe(0);
    const vkey = readFileSync(`${keyFile}.pub`, 'utf8').trim();
    expect(made.stdout).toContain(vkey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^PRIVATE\+KEY\+monitor\.example\/w1\+[0-9a-f]{8}\+/);
    // Never over an existing key.
    expect((await run(['witness', 'keygen', '--name', 'x.example/y', '--out', keyFile])).code).toBe(1);

    const log = new FakeLog();
    log.append(20);
    const served = await log.listen();
    try {
      const state = join(folder, 'state');
      const args = [
        'witness',
        '--log',
        served.url,
        '--key',
        keyFile,
        '--state',
        state,
        '--log-key',
        log.verifierKey,
        '--once',
      ];
      const first = await run(args);
      expect([first.code, first.stdout]).toEqual([
        0,
        expect.stringMatching(/^Cosigned: saylau\/test-election, size 20, root /),
      ]);
      log.rewrite(4);
      log.append(3);
      const refused = await run(args, 'ru');
      expect(refused.code).toBe(3);
      // Russian first (the language asked for), then Kazakh and English, between bars.
      expect(refused.stderr).toMatch(/^!{78}\nsaylau: WITNESS_REFUSED_INCONSISTENT: СВИДЕТЕЛЬ ОТКАЗАЛСЯ/);
      expect(refused.stderr).toContain('КУӘГЕР БАС ТАРТТЫ');
      expect(refused.stderr).toContain('WITNESS REFUSED');
      const evidence = join(
        state,
        readdirSync(state).find((name) => name.startsWith('evidence-'))!,
      );
      const proved = await run(['witness', 'check-evidence', evidence, '--log-key', log.verifierKey]);
      expect([proved.code, proved.stdout]).toEqual([0, expect.stringMatching(/^PROVED \(inconsistent\): /)]);
      const other = new FakeLog();
      const refuted = await run(['witness', 'check-evidence', evidence, '--log-key', other.verifierKey]);
      expect([refuted.code, refuted.stderr]).toEqual([1, expect.stringContaining('WITNESS_EVIDENCE_REFUTED')]);
    } finally {
      served.server.close();
    }
  });

  it('register: the CEC journals a witness key; a signer key or a log key is refused, and so is a second registration', async () => {
    const [engine] = engines();
    const { store, db, keysPath } = await preparedDatabase(engine!, []);
    try {
      const folder = mkdtempSync(join(tmpdir(), 'saylau-witness-register-'));
      await run(['witness', 'keygen', '--name', 'osce.example/odihr', '--out', join(folder, 'w.key')]);
      const register = (key: string) =>
        run([
          'witness',
          'register',
          '--db',
          db,
          '--keys',
          keysPath,
          '--organisation',
          'OSCE/ODIHR',
          '--verifier-key',
          key,
        ]);
      const done = await register(join(folder, 'w.key.pub'));
      expect([done.code, done.stdout]).toEqual([
        0,
        expect.stringMatching(/^Witness registered: OSCE\/ODIHR, osce\.example\/odihr/),
      ]);
      expect((await registeredWitnesses(store)).map((witness) => witness.organisation)).toEqual(['OSCE/ODIHR']);
      const again = await register(join(folder, 'w.key.pub'));
      expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('WITNESS_ALREADY_REGISTERED')]);
      const log = new FakeLog();
      const wrongType = await register(log.verifierKey);
      expect([wrongType.code, wrongType.stderr]).toEqual([1, expect.stringContaining('TLOG_KEY_UNKNOWN_TYPE')]);
      expect((await registeredWitnesses(store)).length).toBe(1);

      // Deregistered by the CEC with a reason, said in the person's language; a second time there is nothing to do.
      const deregister = (reason: string, lang: string) =>
        run(
          [
            'witness',
            'deregister',
            '--db',
            db,
            '--keys',
            keysPath,
            '--verifier-key',
            join(folder, 'w.key.pub'),
            '--reason',
            reason,
          ],
          lang,
        );
      const gone = await deregister('the mission withdrew', 'kk');
      expect([gone.code, gone.stdout]).toEqual([
        0,
        expect.stringMatching(/^Куәгер тіркеуден шығарылды: osce\.example\/odihr \(журнал жазбасы \d+\)\n$/),
      ]);
      expect(await registeredWitnesses(store)).toEqual([]);
      const twice = await deregister('again', 'ru');
      expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('не ключ зарегистрированного свидетеля')]);
      const blank = await deregister(' ', 'en');
      expect([blank.code, blank.stderr]).toEqual([1, expect.stringContaining('--reason')]);
    } finally {
      await store.close();
    }
  });

  it('register --key: the CEC signs with its own key file, no keys file needed; another key is refused', async () => {
    const [engine] = engines();
    const { store, db, keyring } = await preparedDatabase(engine!, [
      { username: 'admin-1', role: 'administrator', commission: null },
    ]);
    try {
      const folder = mkdtempSync(join(tmpdir(), 'saylau-witness-register-key-'));
      okValue(writeKeyFile(join(folder, 'cec.key'), keyring.cec));
      okValue(writeKeyFile(join(folder, 'admin.key'), assertDefined(keyring.users.get('admin-1'))));
      const register = async (name: string, key: string) => {
        const witnessKey = join(folder, `witness-${name.split('.')[0]}.key`);
        await run(['witness', 'keygen', '--name', name, '--out', witnessKey]);
        return run([
          ...['witness', 'register', '--db', db, '--keys', join(folder, 'no-such-keys.json')],
          ...['--key', join(folder, key), '--organisation', 'Observers'],
          ...['--verifier-key', `${witnessKey}.pub`],
        ]);
      };
      const unnamed = await run([
        ...['witness', 'register', '--db', db, '--key', join(folder, 'cec.key'), '--organisation', ' '],
        ...['--verifier-key', generateWitnessKey('unnamed.example/w').verifierKey],
      ]);
      expect([unnamed.code, unnamed.stderr]).toEqual([
        1,
        'saylau: INPUT_EMPTY [--organisation]: "--organisation" cannot be empty\n',
      ]);
      const byAdmin = await register('admins.example/w', 'admin.key');
      expect([byAdmin.code, byAdmin.stderr]).toEqual([1, expect.stringContaining('KEY_NOT_AUTHORISED')]);
      expect(await registeredWitnesses(store)).toEqual([]);
      const byCec = await register('cec.example/w', 'cec.key');
      expect([byCec.code, byCec.stderr]).toEqual([0, '']);
      expect((await registeredWitnesses(store)).map((witness) => witness.name)).toEqual(['cec.example/w']);
    } finally {
      await store.close();
    }
  });
});
