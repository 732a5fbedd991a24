import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './context.ts';
import { fingerprintOf } from '../journal/keys.ts';
import { runCli } from './program.ts';
import { assertDefined } from '../law/assert.ts';
import { writeTinyDataset } from '../../test/fixtures/tiny-dataset.ts';
import { TINY, tinyElection } from '../../test/fixtures/tiny-election.ts';

/** Runs the CLI in-process with files from a map; returns exit code and output. */
async function run(args: string[], files: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => {
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file, open '${path}'`);
      const content = files[path];
      return typeof content === 'string' ? content : JSON.stringify(content);
    },
  };
  const code = await runCli(args, io, env);
  return { code, stdout, stderr };
}

const MAJILIS = 'decks/allocation/majilis-2023.json';
const tie = {
  rules: { thresholdPercent: 5, thresholdBase: 'valid', method: 'largest-remainder', remainderTie: 'lots' },
  seats: 2,
  parties: [
    { id: 'a', votes: 200 },
    { id: 'b', votes: 100 },
    { id: 'c', votes: 100 },
  ],
};

describe('saylau allocate', () => {
  it('prints the JSON contract', async () => {
    const deck = {
      rules: 'kz-2023-majilis',
      seats: 69,
      parties: [
        { id: 'a', votes: 3 },
        { id: 'b', votes: 1 },
      ],
    };
    const { code, stdout, stderr } = await run(['allocate', 'd.json', '--json'], { 'd.json': deck });
    expect([code, stderr]).toEqual([0, '']);
    const document = JSON.parse(stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      status: 'complete',
      seats: { a: 52, b: 17 },
      vacant: { a: 0, b: 0 },
      vacantSeats: 0,
      admitted: ['a', 'b'],
    });
    expect((document.steps as { kind: string }[]).map((step) => step.kind)).toEqual([
      'base',
      'threshold',
      'threshold',
      'quota',
      'quotient',
      'quotient',
      'remainder-seat',
    ]);
    expect((document.steps as Record<string, unknown>[])[3]).toMatchObject({ kind: 'quota', value: '4/69' });
  });

  it('lots: names the tie, then completes with the drawn order', async () => {
    const stopped = JSON.parse((await run(['allocate', 't.json', '--json'], { 't.json': tie })).stdout) as Record<
      string,
      unknown
    >;
    expect(stopped).toMatchObject({
      status: 'lots-required',
      tied: ['b', 'c'],
      seatsAtStake: 1,
      seats: { a: 1, b: 0, c: 0 },
    });
    const drawn = JSON.parse(
      (await run(['allocate', 't.json', '--json'], { 't.json': { ...tie, lotsOrder: ['c', 'b'] } })).stdout,
    ) as Record<string, unknown>;
    expect(drawn).toMatchObject({ status: 'complete', seats: { a: 1, b: 0, c: 1 } });
  });

  it('prints a readable table and the steps, in the language asked for', async () => {
    const files = {
      [MAJILIS]: {
        rules: 'kz-2023-majilis',
        seats: 69,
        againstAll: 248291,
        parties: [
          { id: 'amanat', votes: 3431510 },
          { id: 'baitaq', votes: 146431 },
        ],
      },
    };
    const english = await run(['allocate', MAJILIS], files);
    expect(english.stdout).toContain('Base — valid votes: 3,826,232');
    expect(english.stdout).toMatch(/Seats/);
    const russian = await run(['allocate', MAJILIS, '--lang', 'ru'], files);
    expect(russian.stdout).toContain('База — действительные голоса');
    const kazakh = await run(['allocate', MAJILIS], files, { LANG: 'kk_KZ.UTF-8' });
    expect(kazakh.stdout).toContain('Негіз — жарамды дауыстар');
  });

  it('shows every step kind in words', async () => {
    const runnerUp = await run(['allocate', 'r.json'], {
      'r.json': {
        rules: 'kz-2009-majilis',
        seats: 98,
        parties: [
          { id: 'a', votes: 900000 },
          { id: 'b', votes: 60000 },
        ],
      },
    });
    expect(runnerUp.stdout).toContain('is admitted too');
    const divisor = await run(['allocate', 'd.json', '--lang=en'], {
      'd.json': { ...tie, rules: { ...tie.rules, method: 'dhondt' }, lotsOrder: ['b', 'a', 'c'], seats: 3 },
    });
    expect(divisor.stdout).toContain('Seat 1 → a: 200 / 1');
    expect(divisor.stdout).toContain('by the drawn lots: b, a');
    const lots = await run(['allocate', 't.json'], { 't.json': tie });
    expect(lots.stdout).toContain('lots required between b, c; seats at stake: 1');
    const droop = await run(['allocate', 'x.json'], {
      'x.json': {
        rules: { thresholdPercent: 0, thresholdBase: 'party-votes', method: 'largest-remainder', quota: 'droop' },
        seats: 10,
        parties: [
          { id: 'a', votes: 2, listSize: 1 },
          { id: 'b', votes: 1 },
        ],
      },
    });
    expect(droop.stdout).toContain('Droop quota');
    expect(droop.stdout).toContain('each list gets 3 more');
    expect(droop.stdout).toContain('stay vacant');
    const none = await run(['allocate', 'n.json'], {
      'n.json': {
        rules: { thresholdPercent: 50, thresholdBase: 'ballots', method: 'sainte-lague' },
        seats: 3,
        invalid: 5,
        parties: [{ id: 'a', votes: 0 }],
      },
    });
    expect(none.stdout).toContain('No list passed the threshold');
    const registration = await run(['allocate', 'e.json'], {
      'e.json': { ...tie, rules: { ...tie.rules, remainderTie: 'earlier-registration' }, participants: 400 },
    });
    expect(registration.stdout).toContain('by earlier registration: b');
    const participants = await run(['allocate', 'p.json'], {
      'p.json': { ...tie, rules: { ...tie.rules, thresholdBase: 'participants' }, participants: 400 },
    });
    const runnerUpTie = await run(['allocate', 'u.json', '--lang', 'ru'], {
      'u.json': {
        rules: { thresholdPercent: 50, thresholdBase: 'valid', method: 'dhondt', runnerUpAdmission: true },
        seats: 10,
        parties: [
          { id: 'a', votes: 60 },
          { id: 'c', votes: 20, registrationOrder: 2 },
          { id: 'b', votes: 20, registrationOrder: 1 },
        ],
      },
    });
    expect(runnerUpTie.stdout).toContain(
      'У списков b, c поровну голосов за второе место (20): допускается ранее зарегистрированный b',
    );
    expect(participants.stdout).toContain('voters who received a ballot: 400');
  });

  it('bad input: exit 1, a coded error on stderr, nothing on stdout', async () => {
    const json = await run(['allocate', 'bad.json', '--json'], {
      'bad.json': { rules: 'kz-2023-majilis', seats: 0, parties: [{ id: 'a', votes: 1 }] },
    });
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'INPUT_ZERO_SEATS', field: 'seats', message: 'The number of seats must be greater than zero' },
    });
    const russian = await run(['allocate', 'bad.json', '--json', '--lang', 'ru'], { 'bad.json': '{ not json' });
    expect(JSON.parse(russian.stderr)).toMatchObject({ error: { code: 'INPUT_NOT_JSON', field: '' } });
    expect(russian.stderr).toContain('Документ не является JSON');
    const plain = await run(['allocate', 'missing.json'], {});
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^saylau: INPUT_FILE_UNREADABLE: Cannot read the file: missing.json/);
    const root = await run(['allocate', 'r.json', '--lang', 'kk'], { 'r.json': '\uFEFF[1]' });
    expect(root.stderr).toBe('saylau: INPUT_WRONG_TYPE: «құжат» өрісінің түрі қате: object күтілді\n');
    const tooMany = await run(['allocate', 's.json', '--json'], {
      's.json': { rules: 'kz-2023-majilis', seats: 100_000_000, parties: [{ id: 'a', votes: 1 }] },
    });
    expect(JSON.parse(tooMany.stderr)).toMatchObject({ error: { code: 'INPUT_OUT_OF_RANGE', field: 'seats' } });
    const field = await run(['allocate', 'f.json'], {
      'f.json': { rules: 'kz-2023-majilis', seats: 1, parties: [{ id: 'a', votes: -3 }] },
    });
    expect(field.stderr).toBe(
      'saylau: INPUT_NEGATIVE [parties[0].votes]: "parties[0].votes" cannot be negative (got -3)\n',
    );
  });
});

describe('other commands', () => {
  const candidate = {
    id: 'c',
    birthDate: '2000-01-01',
    citizen: true,
    residenceYears: 23,
    criminalRecord: true,
    corruptionOffence: false,
    legallyIncapable: false,
  };

  it('check-candidate', async () => {
    const result = await run(['check-candidate', 'c.json', '--json'], {
      'c.json': { body: 'majilis', electionDate: '2023-03-19', candidate },
    });
    expect(JSON.parse(result.stdout)).toEqual({
      eligible: false,
      reasons: ['ELIGIBILITY_UNDER_AGE', 'ELIGIBILITY_CRIMINAL_RECORD'],
      age: 23,
    });
    const text = await run(['check-candidate', 'c.json', '--lang', 'kk'], {
      'c.json': {
        body: 'maslikhat',
        electionDate: '2023-03-19',
        candidate: { ...candidate, criminalRecord: false, residesInRegion: true },
      },
    });
    expect(text.stdout).toBe('Сайлануға құқылы (Сайлау күнгі жасы: 23)\n');
    const refused = await run(['check-candidate', 'c.json'], {
      'c.json': { body: 'majilis', electionDate: '2023-03-19', candidate },
    });
    expect(refused.stdout).toContain('ELIGIBILITY_CRIMINAL_RECORD: Has an unexpunged criminal record');
  });

  it('check-list and check-mandates', async () => {
    const person = { id: 'p', gender: 'male', birthDate: '1970-01-01', disability: false, partyMember: false };
    const list = await run(['check-list', 'l.json', '--json'], {
      'l.json': { body: 'majilis', seats: 69, electionDate: '2023-03-19', party: 'x', list: [person] },
    });
    expect(
      JSON.parse(
        (
          await run(['check-list', 'l.json', '--json'], {
            'l.json': { body: 'majilis', seats: 69, electionDate: '2023-03-19', list: [person] },
          })
        ).stderr,
      ),
    ).toMatchObject({ error: { code: 'INPUT_MISSING_FIELD', field: 'party' } });
    expect(JSON.parse(list.stdout)).toMatchObject({
      ok: false,
      reasons: ['LIST_QUOTA_NOT_MET', 'LIST_NOT_PARTY_MEMBER'],
      maximumLength: 90,
    });
    expect(
      (
        await run(['check-list', 'l.json'], {
          'l.json': { body: 'majilis', seats: 69, electionDate: '2023-03-19', party: 'x', list: [person] },
        })
      ).stdout,
    ).toContain('not party members: p');
    expect(
      (
        await run(['check-list', 'l.json'], {
          'l.json': {
            body: 'majilis',
            seats: 69,
            electionDate: '2023-03-19',
            party: 'x',
            list: [{ ...person, gender: 'female', partyMember: true }],
          },
        })
      ).stdout,
    ).toBe('The list meets every requirement\n');
    const mandates = { electionDate: '2023-03-19', seatsWon: 1, list: [person], chosen: ['p'] };
    expect(JSON.parse((await run(['check-mandates', 'm.json', '--json'], { 'm.json': mandates })).stdout)).toEqual({
      ok: false,
      reasons: ['MANDATE_QUOTA_NOT_MET'],
      required: 1,
      quotaCount: 0,
    });
    expect((await run(['check-mandates', 'm.json'], { 'm.json': mandates })).stdout).toContain('MANDATE_QUOTA_NOT_MET');
    expect((await run(['check-mandates', 'm.json'], { 'm.json': { ...mandates, rounding: 'down' } })).stdout).toBe(
      'The mandates meet every requirement\n',
    );
  });

  it('smd and recall', async () => {
    const smd = async (document: unknown, ...extra: string[]) =>
      await run(['smd', 's.json', ...extra], { 's.json': document });
    expect(
      JSON.parse(
        (
          await smd(
            {
              candidates: [
                { id: 'x', votes: 5 },
                { id: 'y', votes: 3 },
              ],
              againstAll: 9,
            },
            '--json',
          )
        ).stdout,
      ),
    ).toEqual({
      status: 'winner',
      winner: 'x',
      votes: 5,
      againstAllPrevailed: true,
      decidedByLots: false,
    });
    expect((await smd({ candidates: [{ id: 'x', votes: 5 }], againstAll: 9 })).stdout).toBe(
      'Winner: x (votes: 5)\n"Against all" received more votes than the winner\n',
    );
    expect(
      (
        await smd({
          candidates: [
            { id: 'x', votes: 5 },
            { id: 'y', votes: 5 },
          ],
          lotsOrder: ['y', 'x'],
        })
      ).stdout,
    ).toBe('Winner: y (votes: 5) — by lots\n');
    expect(
      (
        await smd({
          candidates: [
            { id: 'x', votes: 5 },
            { id: 'y', votes: 5 },
          ],
        })
      ).stdout,
    ).toContain('Tie for first place: x, y (5); a decision is required: lots');
    expect(
      (
        await smd(
          {
            candidates: [
              { id: 'x', votes: 5 },
              { id: 'y', votes: 5 },
            ],
            tieDecision: 'repeat-election',
          },
          '--lang',
          'ru',
        )
      ).stdout,
    ).toContain('требуется решение: повторные выборы');
    expect((await smd({ candidates: [{ id: 'x', votes: 5 }], againstAll: 9, againstAllVoids: true })).stdout).toContain(
      'void',
    );
    expect((await smd({ candidates: [{ id: 'x', votes: 5, withdrawn: true }] })).stdout).toContain('postponed');
    expect(
      (await run(['recall', 'r.json'], { 'r.json': { registeredVoters: 9, participants: 3, forRecall: 2 } })).stdout,
    ).toBe('The deputy is recalled\n');
    expect(
      JSON.parse(
        (
          await run(['recall', 'r.json', '--json'], {
            'r.json': { registeredVoters: 9, participants: 2, forRecall: 2 },
          })
        ).stdout,
      ),
    ).toEqual({ status: 'invalid-turnout', valid: false });
  });

  it('rules: the named sets as data', async () => {
    expect((await run(['rules'])).stdout).toContain('kz-2007-majilis');
    expect(Object.keys(JSON.parse((await run(['rules', '--json'])).stdout) as object)).toHaveLength(4);
    expect(JSON.parse((await run(['rules', 'kz-2023-majilis', '--json'])).stdout)).toMatchObject({
      thresholdPercent: 5,
      thresholdBase: 'valid',
    });
    expect((await run(['rules', 'kz-2009-majilis'])).stdout).toContain(
      'Uncertain parameters [U]: thresholdBase, runnerUpAdmission',
    );
    const unknown = await run(['rules', 'nope', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'INPUT_UNKNOWN_RULE_SET' } });
  });

  it('help lists every command; help <command> explains one; usage errors are coded', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'allocate',
      'check-candidate',
      'check-list',
      'check-mandates',
      'smd',
      'recall',
      'rules',
      'help',
    ])
      expect(help.stdout).toContain(command);
    const one = await run(['help', 'allocate']);
    expect(one.stdout).toContain('Allocate seats among party lists');
    expect(one.stdout).toContain('--json');
    expect((await run(['--help', '--lang', 'ru'])).stdout).toContain('Распределить мандаты');
    const unknownHelp = await run(['help', 'nosuch']);
    expect([unknownHelp.code, unknownHelp.stderr]).toEqual([
      1,
      "saylau: CLI_USAGE: Wrong command usage: unknown command 'nosuch'. Help: saylau --help\n",
    ]);
    const wrong = await run(['allocat']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('CLI_USAGE');
    expect(JSON.parse((await run(['allocate', '--json'])).stderr)).toMatchObject({ error: { code: 'CLI_USAGE' } });
    const language = await run(['rules', '--lang', 'de']);
    expect(language.code).toBe(1);
    expect(language.stderr).toContain('--lang de: kk | ru | en');
  });
});

describe('bin/saylau as a process', () => {
  it('runs the 2023 deck from a checkout, exit 0, output byte-identical run to run', () => {
    const once = execFileSync('./bin/saylau', ['allocate', MAJILIS, '--json'], { encoding: 'utf8' });
    const twice = execFileSync('./bin/saylau', ['allocate', MAJILIS, '--json'], { encoding: 'utf8' });
    expect(twice).toBe(once);
    expect(JSON.parse(once)).toMatchObject({
      seats: { amanat: 40, auyl: 8, respublica: 6, 'ak-zhol': 6, qhp: 5, osdp: 4, baitaq: 0 },
    });
  });

  it('reads standard input for "-" and exits 1 on bad input with no stack trace', () => {
    const bad = spawnSync('./bin/saylau', ['allocate', '-', '--json'], {
      input: '{"rules":"kz-2023-majilis","seats":1.5,"parties":[]}',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'INPUT_NOT_INTEGER', field: 'seats' } });
    expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('a defect', () => {
  it('exits 2 with INTERNAL_ERROR and the first line of what went wrong, never a stack trace', async () => {
    const stderr: string[] = [];
    const io: CliIo = {
      stdout: () => {
        throw new Error('the terminal went away\n    at write (/srv/saylau/src/cli/main.ts:12:3)');
      },
      stderr: (text) => stderr.push(text),
      readText: (path) => readFileSync(path, 'utf8'),
    };
    expect(await runCli(['allocate', MAJILIS, '--json'], io)).toBe(2);
    expect(JSON.parse(stderr.join(''))).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        field: '',
        message: expect.stringContaining('the terminal went away') as unknown,
      },
    });
    expect(stderr.join('')).not.toContain('main.ts');
    stderr.length = 0;
    expect(await runCli(['allocate', MAJILIS], io)).toBe(2);
    expect(stderr.join('')).toMatch(/^saylau: INTERNAL_ERROR: .*the terminal went away[^\n]*\n$/);
  });
});

describe('dataset commands', () => {
  // The one command whose output is the national dataset: its size is what `generate` is for. What the dataset holds
  // (structure, official figures, no validation problem) is test/national-dataset.test.ts's part.
  it('generate writes the national dataset with its manifest; a bad seed is refused', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'saylau-cli-generate-')), 'ds');
    try {
      const generated = await run(['generate', '--seed', '11', '--out', directory]);
      expect([generated.code, generated.stderr]).toEqual([0, '']);
      const manifest = JSON.parse(readFileSync(join(directory, 'MANIFEST.json'), 'utf8')) as {
        generator: { seed: number };
        counts: { protocols: number; stations: number };
      };
      const lines = readFileSync(join(directory, 'protocols.ndjson'), 'utf8').split('\n');
      expect(manifest.counts.protocols).toBe(lines.filter((line) => line !== '').length);
      expect(manifest.generator.seed).toBe(11);
      expect(generated.stdout).toContain(`protocols: ${manifest.counts.protocols}\n`);
      // 10,146 stations at home and 77 abroad, as in 2023 (docs/dataset.md).
      expect(manifest.counts.stations).toBe(10_146 + 77);
      expect((await run(['generate', '--seed', 'x', '--out', directory])).code).toBe(1);
      for (const scale of ['0', '13', '1.5', 'ten']) {
        const refused = await run(['generate', '--seed', '11', '--scale', scale, '--out', directory]);
        expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('INPUT_OUT_OF_RANGE [--scale]')]);
      }
    } finally {
      rmSync(join(directory, '..'), { recursive: true, force: true });
    }
  }, 120_000);

  it('validate, tally; init, ingest, enter twice, accept, results, export and verify from the command line', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'saylau-cli-')), 'ds');
    try {
      writeTinyDataset(directory);
      const validated = await run(['validate', directory, '--lang', 'ru']);
      expect([validated.code, validated.stdout.trim().split('\n').at(-1)]).toEqual([
        0,
        // Grouped by thousands with a no-break space, as Russian writes counts (docs/formatting.md).
        `Проверено протоколов: ${String(tinyElection().dataset.protocols.length).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00A0')}; ошибок: 0; предупреждений: 0`,
      ]);
      const tallied = JSON.parse((await run(['tally', directory, '--json'])).stdout) as {
        contests: Record<string, { kind: string; seats?: Record<string, number>; winner?: string | null }>;
      };
      // The tiny election's list vote is shared as in 2023 (test/fixtures/tiny-election.ts), and so are the seats.
      expect(tallied.contests['majilis/list']?.seats).toEqual({
        amanat: 40,
        auyl: 8,
        respublica: 6,
        qhp: 5,
        baitaq: 0,
        'ak-zhol': 6,
        osdp: 4,
      });
      // In each district the first nominee has three times the weight of any other and wins: Amanat's in five of the
      // six Majilis districts, the People's Party's in No. 8.
      expect(tallied.contests[TINY.majilisDistrict]?.winner).toBe(`${TINY.majilisDistrict}/c-01`);
      expect(tallied.contests['majilis/smd-08']?.winner).toBe('majilis/smd-08/c-01');
      expect((await run(['tally', directory])).stdout).toContain(`majilis: amanat ${40 + 5}, `);
      const missing = await run(['validate', join(directory, 'nowhere')]);
      expect([missing.code, missing.stdout]).toEqual([1, expect.stringContaining('DATASET_FILE_MISSING')]);
      expect((await run(['tally', join(directory, 'nowhere'), '--json'])).code).toBe(1);

      // The database path: init, bulk intake, a person's double entry, results, bundle, verify.
      const db = join(directory, '..', 'election.db');
      expect((await run(['init', directory, '--db', db])).stdout).toMatch(/CEC key fingerprint: [0-9a-f]{64}/);
      const protocols = readFileSync(join(directory, 'protocols.ndjson'), 'utf8').split('\n');
      const first = JSON.parse(assertDefined(protocols[0])) as { stationId: string; contestId: string };
      writeFileSync(join(directory, 'rest.ndjson'), protocols.slice(1).join('\n'));
      // init made the CEC's key beside the database (docs/keys.md); the CEC signs the batch with it.
      const cec = `${db}.cec.key`;
      expect((await run(['ingest', join(directory, 'rest.ndjson'), '--db', db])).stderr).toContain(
        'KEY_FILE_REQUIRED [--key]',
      );
      const ingested = await run(['ingest', join(directory, 'rest.ndjson'), '--db', db, '--key', cec, '--json']);
      expect(JSON.parse(ingested.stdout)).toMatchObject({
        accepted: protocols.filter((line) => line !== '').length - 1,
        refused: 0,
      });
      const election = JSON.parse(readFileSync(join(directory, 'election.json'), 'utf8')) as {
        stations: { id: string; commissionId: string }[];
        commissions: { id: string; parentId: string | null }[];
      };
      const pec = election.stations.find((station) => station.id === first.stationId)?.commissionId;
      const commission = election.commissions.find((c) => c.id === pec)?.parentId ?? '';
      // Each person makes a key where they are; the CEC registers its public half only.
      const keyOf = (id: string) => join(directory, '..', `${id}.key`);
      for (const [id, role] of [
        ['op1', 'operator'],
        ['op2', 'operator'],
        ['chair', 'chair'],
      ]) {
        expect((await run(['keygen', '--out', keyOf(id as string)])).code).toBe(0);
        expect(
          (
            await run([
              'user',
              'add',
              '--db',
              db,
              '--id',
              id as string,
              '--role',
              role as string,
              '--commission',
              commission,
              '--from',
              `${keyOf(id as string)}.pub`,
              '--key',
              cec,
            ])
          ).code,
        ).toBe(0);
      }
      const files = { 'p.json': assertDefined(protocols[0]) };
      // Each act says what it did, then which entries of the log it added and how to keep their receipts.
      expect((await run(['enter', 'p.json', '--db', db, '--key', keyOf('op1')], files)).stdout).toMatch(
        /^Entered \(entry 1\)\nEntries added to the log: 1 \(\d+\); give --receipt-dir DIR to save their receipts\.\n$/,
      );
      expect(
        JSON.parse((await run(['enter', 'p.json', '--db', db, '--key', keyOf('op1'), '--json'], files)).stderr),
      ).toMatchObject({ error: { code: 'ENTRY_SAME_OPERATOR' } });
      expect((await run(['enter', 'p.json', '--db', db, '--key', keyOf('op2')], files)).stdout).toMatch(
        /^Entered \(entry 2\)\n/,
      );
      expect(
        (
          await run([
            'accept',
            '--db',
            db,
            '--key',
            keyOf('chair'),
            '--station',
            first.stationId,
            '--contest',
            first.contestId,
          ])
        ).stdout,
      ).toMatch(/^Protocol accepted\n/);
      const results = JSON.parse((await run(['results', '--db', db, '--json'])).stdout) as {
        contests: Record<string, { stage: string; seats?: Record<string, number> }>;
      };
      expect(results.contests['majilis/list']).toMatchObject({ stage: 'preliminary', seats: { amanat: 40 } });
      expect(
        (await run(['export', '--db', db, '--format', 'bundle', '--out', join(directory, 'bundle'), '--key', cec]))
          .code,
      ).toBe(0);
      const verified = await run(['verify', join(directory, 'bundle')]);
      expect([verified.code, ...verified.stdout.trim().split('\n').slice(-2)]).toEqual([
        0,
        '15. results: ok — every sum, seat and winner recomputed',
        expect.stringMatching(
          /^16\. transparency log: ok — log\/checkpoint signed by saylau\/\S+, size \d+, \d+ tiles$/,
        ),
      ]);
      // Mistakes a person can make, each with its code and nothing created or lost.
      expect((await run(['results', '--db', join(directory, 'missing.db')])).stderr).toContain('STORE_UNREACHABLE');
      expect(existsSync(join(directory, 'missing.db'))).toBe(false);
      expect((await run(['init', join(directory, 'nowhere'), '--db', join(directory, 'other.db')])).stderr).toContain(
        'INPUT_FILE_UNREADABLE',
      );
      expect((await run(['init', directory, '--db', db])).stderr).toContain('STORE_ALREADY_INITIALISED [--db]');
      expect(
        (await run(['enter', 'p.json', '--db', db, '--key', keyOf('op1'), '--as', 'nobody'], files)).stderr,
      ).toContain('USER_UNKNOWN [--as]');
      expect(
        (await run(['enter', 'p.json', '--db', db, '--key', join(directory, 'nowhere.key')], files)).stderr,
      ).toContain('KEY_FILE_UNREADABLE [--key]');
      expect(
        (
          await run([
            'user',
            'add',
            '--db',
            db,
            '--id',
            'cec',
            '--role',
            'chair',
            '--commission',
            commission,
            '--from',
            `${keyOf('chair')}.pub`,
            '--key',
            cec,
          ])
        ).stderr,
      ).toContain('DATASET_DUPLICATE_ID [--id]');
      // A lost key revoked: a time typed in any zone but UTC is refused, never guessed; once revoked, the key's acts
      // are refused whatever their time (docs/keys.md, "Revocation").
      const op2 = fingerprintOf(readFileSync(`${keyOf('op2')}.pub`, 'utf8').trim());
      const revoke = (voidFrom: string) =>
        run([
          'keys',
          'revoke',
          '--db',
          db,
          '--fingerprint',
          op2,
          '--reason',
          'lost',
          '--void-from',
          voidFrom,
          '--key',
          cec,
        ]);
      expect((await revoke('2023-03-19T21:00+05:00')).stderr).toContain('KEY_VOID_FROM_INVALID [--void-from]');
      expect((await revoke('2023-03-19T21:00Z')).stdout).toMatch(
        /^Key [0-9a-f]{64} revoked by journal entry \d+: it signs nothing more; its acts in the journal from 2023-03-19T21:00:00\.000Z on are suspect\n/,
      );
      // A correction of the accepted protocol, entered by the revoked key: refused at the journal.
      const correction = { ...(JSON.parse(assertDefined(protocols[0])) as object), version: 2 };
      const second = { 'q.json': correction };
      expect(
        (await run(['enter', 'q.json', '--db', db, '--key', keyOf('op2'), '--reason', 'a typo'], second)).stderr,
      ).toContain('KEY_REVOKED');
      writeFileSync(join(directory, 'bundle', 'MANIFEST.json'), '{ broken');
      const broken = await run(['verify', join(directory, 'bundle')]);
      expect([broken.code, broken.stdout]).toEqual([1, ' 1. manifest: FAILED — MANIFEST.json is not JSON\n']);
    } finally {
      rmSync(join(directory, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});

describe('serve on an address it cannot have', () => {
  it('says which address is taken, with exit 1 and no stack trace, in the reader’s language', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'saylau-cli-port-')), 'ds');
    const taken = createServer();
    try {
      writeTinyDataset(directory);
      const db = join(directory, '..', 'election.db');
      expect((await run(['init', directory, '--db', db])).code).toBe(0);
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = String((taken.address() as AddressInfo).port);
      const served = await run(['serve', '--db', db, '--port', port]);
      expect([served.code, served.stdout]).toEqual([1, '']);
      expect(served.stderr).toContain(`SERVE_ADDRESS_IN_USE [--port]`);
      expect(served.stderr).toContain(`127.0.0.1:${port}`);
      expect(served.stderr).not.toMatch(/INTERNAL_ERROR|\n\s+at /);
      const kazakh = await run(['serve', '--db', db, '--port', port, '--lang', 'kk']);
      expect(kazakh.stderr).toContain('мекенжайы бос емес');
    } finally {
      taken.close();
      rmSync(join(directory, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a damaged database', () => {
  it('results, export and serve refuse it with exit 1 naming the first bad entry; rebuild repairs projections, not the journal', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'saylau-cli-integrity-')), 'ds');
    try {
      writeTinyDataset(directory);
      const db = join(directory, '..', 'election.db');
      expect((await run(['init', directory, '--db', db])).code).toBe(0);
      writeFileSync(
        join(directory, 'some.ndjson'),
        readFileSync(join(directory, 'protocols.ndjson'), 'utf8').split('\n').slice(0, 20).join('\n'),
      );
      expect((await run(['ingest', join(directory, 'some.ndjson'), '--db', db, '--key', `${db}.cec.key`])).code).toBe(
        0,
      );
      const clean = await run(['results', '--db', db, '--json']);
      expect([clean.code, clean.stderr]).toEqual([0, '']);

      const raw = new Database(db);
      const row = raw.prepare(`SELECT totals FROM contest_totals WHERE contest_id = 'majilis/list'`).get() as {
        totals: string;
      };
      const totals = JSON.parse(row.totals) as { votes: Record<string, string> };
      totals.votes.amanat = String(BigInt(totals.votes.amanat ?? '0') + 100_000n);
      raw.prepare(`UPDATE contest_totals SET totals = ? WHERE contest_id = 'majilis/list'`).run(JSON.stringify(totals));
      raw.close();
      const refused = await run(['results', '--db', db, '--json']);
      expect([refused.code, refused.stdout]).toEqual([1, '']);
      expect(JSON.parse(refused.stderr)).toMatchObject({
        error: {
          code: 'STORE_INTEGRITY_PROJECTION',
          field: '--db',
          message: expect.stringContaining('contest_totals') as unknown,
        },
      });
      expect((JSON.parse(refused.stderr) as { error: { message: string } }).error.message).toContain('"majilis/list"');
      expect((await run(['results', '--db', db, '--lang', 'ru'])).stderr).toContain(
        'Таблица contest_totals расходится с журналом в строке «majilis/list»',
      );
      const bundle = join(directory, '..', 'bundle');
      for (const format of ['bundle', 'json', 'csv', 'nist-err', 'site']) {
        const exported = await run(['export', '--db', db, '--format', format, '--out', join(bundle, format)]);
        expect([format, exported.code, exported.stderr]).toEqual([
          format,
          1,
          expect.stringContaining('STORE_INTEGRITY_PROJECTION'),
        ]);
      }
      expect(existsSync(bundle)).toBe(false);
      const served = await run(['serve', '--db', db, '--port', '0']);
      expect([served.code, served.stdout, served.stderr]).toEqual([
        1,
        '',
        expect.stringContaining('STORE_INTEGRITY_PROJECTION'),
      ]);

      expect((await run(['rebuild', '--db', db])).code).toBe(0);
      expect(await run(['results', '--db', db, '--json'])).toEqual(clean);
      expect(JSON.parse((await run(['check', '--db', db, '--json'])).stdout)).toMatchObject({
        intact: true,
        checked: 0,
      });

      const journal = new Database(db);
      journal.prepare('DELETE FROM journal WHERE seq = 5').run();
      journal.close();
      const broken = await run(['results', '--db', db]);
      expect([broken.code, broken.stderr]).toEqual([
        1,
        expect.stringContaining(
          'STORE_INTEGRITY_JOURNAL [--db]: The journal is damaged at entry 5: missing from the journal',
        ),
      ]);
      expect((await run(['check', '--db', db, '--full'])).code).toBe(1);
      expect((await run(['rebuild', '--db', db])).stderr).toContain('STORE_INTEGRITY_JOURNAL');
      expect((await run(['export', '--db', db, '--format', 'bundle', '--out', bundle])).code).toBe(1);
      expect(existsSync(bundle)).toBe(false);
    } finally {
      rmSync(join(directory, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});

describe('registration commands', () => {
  it('nominate, register, withdraw, candidates, ballots and deputies from the command line, with coded refusals in the chosen language', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'saylau-cli-reg-')), 'ds');
    try {
      writeTinyDataset(directory);
      const db = join(directory, '..', 'election.db');
      expect((await run(['init', directory, '--db', db])).code).toBe(0);
      // The contest's commission decides; here the CEC, with the key init made (docs/keys.md).
      const cec = `${db}.cec.key`;
      const district = TINY.majilisDistrict;
      const base = {
        contestId: district,
        nomination: 'self-nominated',
        nominatedBy: null,
        submittedAt: '2023-02-01T10:00',
        candidates: [
          {
            personId: 'P1',
            name: { kk: 'Ағатай Бек', ru: 'Агатай Бек', latin: 'Agatai Bek' },
            birthDate: '1980-01-01',
            gender: 'male',
            disability: false,
            citizen: true,
            residenceYears: 30,
            residesInRegion: true,
            criminalRecord: false,
            corruptionOffence: false,
            legallyIncapable: false,
            partyMember: null,
            depositPaid: 1_050_000,
            documents: ['consent', 'declaration'],
          },
        ],
      };
      const nominations = [
        { ...base, id: 'n-1', candidates: [{ ...base.candidates[0], id: `${district}/x-1` }] },
        {
          ...base,
          id: 'n-2',
          candidates: [
            {
              ...base.candidates[0],
              id: `${district}/x-2`,
              personId: 'P2',
              name: { kk: 'Әбіл Ана', ru: 'Абиль Ана', latin: 'Abil Ana' },
              gender: 'female',
            },
          ],
        },
        {
          ...base,
          id: 'n-3',
          candidates: [{ ...base.candidates[0], id: `${district}/x-3`, personId: 'P3', birthDate: '1998-03-20' }],
        },
        {
          ...base,
          id: 'n-4',
          contestId: 'majilis/smd-99',
          candidates: [{ ...base.candidates[0], id: 'majilis/smd-99/x-4' }],
        },
        { ...base, id: 'n-6' },
      ];
      const files = {
        'n.json': nominations,
        'bad.json': '{ nope',
        'calendar.json': {
          nominationOpens: '2023-05-01T00:00',
          nominationCloses: '2023-05-10T18:00',
          registrationCloses: '2023-05-20T18:00',
          withdrawalCloses: '2023-06-01T00:00',
        },
      };
      const received = await run(['nominate', 'n.json', '--db', db, '--key', cec], files);
      expect(received.code).toBe(1);
      expect(received.stdout).toContain('✗ n-4: NOMINATION_UNKNOWN_CONTEST: No such contest: majilis/smd-99');
      expect(received.stdout).toContain('✗ n-6: INPUT_MISSING_FIELD [candidates[0].id]');
      expect(received.stdout.trim().split('\n').at(-1)).toBe('Done: 3; refused: 2');
      expect((await run(['nominate', 'bad.json', '--db', db, '--key', cec], files)).stderr).toContain('INPUT_NOT_JSON');

      const decided = await run([
        'register',
        '--db',
        db,
        '--key',
        cec,
        '--all',
        '--on',
        '2023-02-15T12:00',
        '--lang',
        'ru',
      ]);
      expect(decided.code).toBe(0);
      expect(decided.stdout).toContain('✓ n-1: зарегистрировано (кандидатов: 1)');
      expect(decided.stdout).toContain(
        `ELIGIBILITY_UNDER_AGE (${district}/x-3): На день выборов не достиг минимального возраста`,
      );
      expect(
        JSON.parse(
          (
            await run([
              'register',
              '--db',
              db,
              '--key',
              cec,
              '--nomination',
              'n-1',
              '--on',
              '2023-02-15T12:00',
              '--json',
            ])
          ).stdout,
        ),
      ).toEqual([
        { ok: false, id: 'n-1', code: 'NOMINATION_ALREADY_DECIDED', params: { id: 'n-1', status: 'registered' } },
      ]);
      expect((await run(['register', '--db', db, '--key', cec, '--on', '2023-02-15T12:00'])).stderr).toContain(
        'CLI_USAGE',
      );
      expect((await run(['register', '--db', db, '--key', cec, '--all', '--on', '15.02.2023'])).stderr).toContain(
        'INPUT_INVALID_DATE [--on]',
      );
      expect(
        (
          await run(
            ['register', '--db', db, '--key', cec, '--all', '--on', '2023-02-15T12:00', '--calendar', 'bad.json'],
            files,
          )
        ).stderr,
      ).toContain('INPUT_NOT_JSON');

      const candidates = JSON.parse(
        (await run(['candidates', '--db', db, '--contest', district, '--json'])).stdout,
      ) as { candidates: { id: string; status: string }[]; nominations: { id: string; status: string }[] };
      expect(candidates.candidates.map((candidate) => candidate.id)).toEqual([`${district}/x-1`, `${district}/x-2`]);
      expect(candidates.nominations.map((nomination) => [nomination.id, nomination.status])).toEqual([
        ['n-1', 'registered'],
        ['n-2', 'registered'],
        ['n-3', 'refused'],
      ]);
      // Ballot order: Ағатай before Әбіл in the Kazakh alphabet (А, then Ә).
      const station = (
        JSON.parse(readFileSync(join(directory, 'election.json'), 'utf8')) as {
          stations: { id: string; contests: string[] }[];
        }
      ).stations.find((s) => s.contests.includes(district))?.id as string;
      const ballots = JSON.parse((await run(['ballots', '--db', db, '--precinct', station, '--json'])).stdout) as {
        ballots: { contestId: string; options: { id: string }[] }[];
      };
      expect(
        ballots.ballots.find((ballot) => ballot.contestId === district)?.options.map((option) => option.id),
      ).toEqual([`${district}/x-1`, `${district}/x-2`]);
      const html = join(directory, '..', 'proofs');
      expect((await run(['ballots', '--db', db, '--precinct', station, '--html', html])).code).toBe(0);
      const russian = readFileSync(join(html, `${station.replace('/', '_')}-ru.html`), 'utf8');
      expect(russian).toContain('<html lang="ru">');
      expect(russian).toContain('Агатай Бек');
      const section = russian.slice(russian.indexOf(`data-contest="${district}"`));
      expect(section.indexOf('Агатай Бек')).toBeGreaterThan(0);
      expect(section.indexOf('Агатай Бек')).toBeLessThan(section.indexOf('Против всех'));
      expect(readFileSync(join(html, `${station.replace('/', '_')}-kk.html`), 'utf8')).toContain('Барлығына қарсы');
      expect((await run(['ballots', '--db', db, '--precinct', 'KZ-99/PS-0001'])).stderr).toContain(
        'DATASET_UNKNOWN_REFERENCE [--precinct]',
      );

      expect(
        (
          await run([
            'withdraw',
            '--db',
            db,
            '--key',
            cec,
            '--candidate',
            `${district}/x-1`,
            '--on',
            '2023-03-19T08:00',
            '--reason',
            'late',
          ])
        ).stdout,
      ).toContain('WITHDRAWAL_TOO_LATE');
      expect(
        (
          await run([
            'withdraw',
            '--db',
            db,
            '--key',
            cec,
            '--candidate',
            `${district}/x-1`,
            '--on',
            '2023-03-01T08:00',
            '--reason',
            'personal',
          ])
        ).code,
      ).toBe(0);
      const last = await run([
        'withdraw',
        '--db',
        db,
        '--key',
        cec,
        '--candidate',
        `${district}/x-2`,
        '--on',
        '2023-03-02T08:00',
        '--reason',
        'personal',
        '--lang',
        'en',
      ]);
      expect(last.stdout).toContain(`the contest ${district} is postponed: no candidates are left`);
      // Nomination reopens for the postponed district, under the calendar its commission sets.
      const reopened = {
        ...nominations[0],
        id: 'n-5',
        submittedAt: '2023-05-02T10:00',
        candidates: [{ ...nominations[0]?.candidates[0], id: `${district}/x-5`, personId: 'P5' }],
      };
      expect((await run(['nominate', 'r.json', '--db', db, '--key', cec], { 'r.json': reopened })).code).toBe(0);
      expect(
        (
          await run(
            [
              'register',
              '--db',
              db,
              '--key',
              cec,
              '--nomination',
              'n-5',
              '--on',
              '2023-05-15T12:00',
              '--calendar',
              'calendar.json',
            ],
            files,
          )
        ).stdout,
      ).toContain('✓ n-5');

      const deputies = JSON.parse(
        (await run(['deputies', '--db', db, '--key', cec, '--body', 'majilis', '--json'])).stdout,
      ) as {
        seats: number;
        districts: { contestId: string; status: string }[];
      };
      // The tiny Majilis: 69 list seats and one for each of its six districts, as the election defines it.
      expect(deputies.seats).toBe(69 + 6);
      expect(
        (await run(['deputies', '--db', db, '--key', cec, '--body', 'majilis', '--party', 'amanat'])).stderr,
      ).toContain('CLI_USAGE');
      expect(
        (
          await run([
            'deputies',
            '--db',
            db,
            '--key',
            cec,
            '--body',
            'majilis',
            '--party',
            'amanat',
            '--choose',
            'majilis/list/amanat-001',
          ])
        ).stdout,
      ).toContain('DEPUTIES_RESULTS_NOT_ESTABLISHED');
      expect((await run(['deputies', '--db', db, '--key', cec, '--body', 'nowhere'])).stderr).toContain(
        'DATASET_UNKNOWN_REFERENCE [--body]',
      );
      // A withdrawn candidate's deposit is kept; a candidate of the postponed district waits for its vote.
      const deposits = (await run(['deputies', '--db', db, '--key', cec, '--body', 'majilis', '--deposits'])).stdout;
      expect(deposits).toContain(`${district}/x-1\t1050000\tkept\n`);
      expect(deposits).toContain(`${district}/x-5\t1050000\tkept (count not complete)\n`);
    } finally {
      rmSync(join(directory, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});

describe('saylau whatif', () => {
  const deck = readFileSync(new URL('../../decks/allocation/majilis-2021.json', import.meta.url), 'utf8');

  it('re-runs a deck under named rule sets, threshold-N and a rules file, side by side', async () => {
    const files = {
      '2021.json': deck,
      'mine.json': { id: 'five-dhondt', rules: { thresholdPercent: 5, thresholdBase: 'valid', method: 'dhondt' } },
    };
    const result = await run(
      [
        'whatif',
        '2021.json',
        '--rules',
        'kz-2009-majilis',
        '--rules',
        'threshold-5',
        '--rules',
        'threshold-3',
        '--rules',
        'mine.json',
        '--json',
      ],
      files,
    );
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as {
      variants: { variant: string; listSeats: Record<string, number>; difference: Record<string, number> }[];
    };
    expect(document.variants.map((variant) => [variant.variant, variant.listSeats])).toEqual([
      ['kz-2009-majilis', { 'nur-otan': 76, 'ak-zhol': 12, qhp: 10, auyl: 0, adal: 0 }],
      ['threshold-5', { 'nur-otan': 72, 'ak-zhol': 11, qhp: 9, auyl: 6, adal: 0 }],
      ['threshold-3', { 'nur-otan': 70, 'ak-zhol': 11, qhp: 9, auyl: 5, adal: 3 }],
      ['five-dhondt', { 'nur-otan': 73, 'ak-zhol': 11, qhp: 9, auyl: 5, adal: 0 }],
    ]);
    expect(document.variants[2]?.difference).toEqual({ 'nur-otan': -6, 'ak-zhol': -1, qhp: -1, auyl: 5, adal: 3 });
    const text = await run(
      ['whatif', '2021.json', '--rules', 'kz-2009-majilis', '--rules', 'threshold-3', '--lang', 'ru'],
      files,
    );
    expect(text.stdout).toContain('у кого');
    expect(text.stdout).toMatch(/adal\s+0\s+3 \(\+3\)/);
  });

  it('refuses an unknown rule set, a broken rules file, a missing contest and a missing source, with codes', async () => {
    const files = {
      '2021.json': deck,
      'bad.json': { rules: { thresholdPercent: 500, thresholdBase: 'valid', method: 'dhondt' } },
    };
    expect((await run(['whatif', '2021.json', '--rules', 'nosuch'], files)).stderr).toContain(
      'INPUT_UNKNOWN_RULE_SET [--rules]',
    );
    expect((await run(['whatif', '2021.json', '--rules', 'bad.json'], files)).stderr).toContain(
      'INPUT_OUT_OF_RANGE [--rules bad.json thresholdPercent]',
    );
    expect((await run(['whatif', '2021.json', '--contest', 'KZ-35/maslikhat/list'], files)).stderr).toContain(
      'DATASET_UNKNOWN_REFERENCE [--contest]',
    );
    expect((await run(['whatif'], files)).stderr).toContain('CLI_USAGE');
  });
});
