import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../program.ts';

const MAPPING = new URL('../../../data/mappings/ru-cec.json', import.meta.url).pathname;
const HEADER =
  'region,tik,uik,"Число избирателей, включенных в список избирателей","Число избирательных бюллетеней, полученных участковой избирательной комиссией","Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно","Число избирательных бюллетеней, выданных в помещении для голосования в день голосования","Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",Число погашенных избирательных бюллетеней,Число избирательных бюллетеней в переносных ящиках для голосования,Число бюллетеней в стационарных ящиках для голосования,Число недействительных избирательных бюллетеней,Число действительных избирательных бюллетеней,Число утраченных избирательных бюллетеней,"Число избирательных бюллетеней, не учтенных при получении",Иванов,Петров,url';

/** Twelve stations of one TIK; the last one "drawn" at 98 % turnout and 97 % for the leader. */
function csvFile(): string {
  const rows = Array.from({ length: 12 }, (_, i) => {
    const [premises, ivanov, petrov] = i === 11 ? [980, 950, 20] : [600 + i, 400 + i, 190];
    const found = ivanov + petrov + 10;
    return `Область,1 ТИК,${i + 1},1000,1000,0,${premises},0,${1000 - premises},0,${found},10,${ivanov + petrov},0,0,${ivanov},${petrov},u`;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'saylau-forensics-')), 'stations.csv');
  writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
  return file;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    readText: () => '',
  });
  return { code, out, err };
}

/** The code on stderr of a refused command (exit 1). */
async function refusal(args: string[]): Promise<string> {
  const { code, err } = await run(args);
  expect(code).toBe(1);
  return err;
}

describe('saylau forensics', () => {
  it('reads a foreign CSV through a mapping and prints the document of docs/forensics.md', async () => {
    const file = csvFile();
    const { code, out } = await run(['forensics', file, '--map', MAPPING, '--runs', '20', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown> & {
      leader: { id: string };
      integerPercent: Record<string, Record<string, number>>;
      shpilkin: Record<string, number>;
      flags: { stationId: string; reasons: { kind: string }[] }[];
    };
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['stations', 'leader', 'integerPercent', 'shpilkin', 'flags', 'fingerprint', 'digits']),
    );
    expect(report.stations).toBe(12);
    expect(report.leader.id).toBe('Иванов');
    for (const part of ['either', 'turnout', 'leaderShare'])
      expect(Object.keys(report.integerPercent[part] ?? {})).toEqual(
        expect.arrayContaining(['observed', 'expected', 'excess', 'sd']),
      );
    expect(Object.keys(report.shpilkin)).toEqual(expect.arrayContaining(['anomalousVotes', 'cleanLeaderShare']));
    expect(
      report.flags.find((flag) => flag.stationId === 'Область / 1 ТИК / 12')?.reasons.map((reason) => reason.kind),
    ).toEqual(['turnout-and-leader-high', 'protocol-warning', 'district-outlier', 'district-outlier']);
    // Seeded: the same command gives the same bytes.
    expect((await run(['forensics', file, '--map', MAPPING, '--runs', '20', '--json'])).out === out).toBe(true);
  });

  it('writes its report in Kazakh, Russian and English', async () => {
    const file = csvFile();
    const kk = await run(['forensics', file, '--map', MAPPING, '--runs', '10', '--lang', 'kk']);
    expect(kk.out).toContain('Бүтін пайыздар');
    expect((await run(['forensics', file, '--map', MAPPING, '--runs', '10', '--lang', 'ru'])).out).toContain(
      'Оценка Шпилькина',
    );
    expect((await run(['forensics', file, '--map', MAPPING, '--runs', '10', '--lang', 'en'])).out).toContain(
      'a weak screen',
    );
  });

  it('refuses what a person can get wrong, each with its code', async () => {
    const file = csvFile();
    expect(await refusal(['forensics', file, '--json'])).toContain('FORENSICS_MAPPING_REQUIRED');
    expect(await refusal(['forensics', '--json'])).toContain('FORENSICS_SOURCE_MISSING');
    expect(await refusal(['forensics', file, '--map', MAPPING, '--runs', '1'])).toContain('INPUT_OUT_OF_RANGE');
    expect(await refusal(['forensics', '/nonexistent/file.csv', '--map', MAPPING])).toContain('INPUT_FILE_UNREADABLE');
    expect(await refusal(['forensics', file, '--map', file])).toContain('INPUT_NOT_JSON');
  });
});
