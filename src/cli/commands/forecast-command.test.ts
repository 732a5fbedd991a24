import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../context.ts';
import { runCli } from '../program.ts';

const POLLS = 'data/polls/2023-public-opinion.json';

async function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readText: (path) => files[path] ?? readFileSync(path, 'utf8'),
  };
  return { code: await runCli(args, io), stdout: () => stdout, stderr: () => stderr };
}

describe('saylau forecast', () => {
  it('prints the forecast as JSON with its seed, parameters and assumptions', async () => {
    const result = await run(['forecast', POLLS, '--simulations', '500', '--seed', '9', '--json']);
    expect([result.code, result.stderr()]).toEqual([0, '']);
    const document = JSON.parse(result.stdout()) as {
      seed: number;
      simulations: number;
      lists: { id: string }[];
      districts: unknown[];
      assumptions: string[];
      seats: { twoThirds: number };
    };
    expect(document).toMatchObject({ seed: 9, simulations: 500, seats: { twoThirds: 66 } });
    expect(document.lists.map((list) => list.id)).toEqual([
      'amanat',
      'auyl',
      'respublica',
      'qhp',
      'baitaq',
      'ak-zhol',
      'osdp',
    ]);
    expect(document.districts).toHaveLength(29);
    expect(document.assumptions.length).toBeGreaterThan(0);
  });

  it('reads CSV polls and prints a readable report in Kazakh, Russian and English', async () => {
    const csv =
      'pollster,fieldworkStart,fieldworkEnd,sampleSize,againstAll,undecided,amanat,auyl\nX,2023-03-01,2023-03-02,1000,5,10,70,15\n';
    for (const [lang, heading] of [
      ['kk', 'Мәжіліс болжамы'],
      ['ru', 'Прогноз Мажилиса'],
      ['en', 'Majilis forecast'],
    ] as const) {
      const result = await run(['forecast', 'p.csv', '--simulations', '200', '--lang', lang], { 'p.csv': csv });
      expect(result.code).toBe(0);
      expect(result.stdout()).toContain(heading);
    }
  });

  it('refuses bad options and files with coded errors', async () => {
    const cases: [string[], string][] = [
      [['forecast', POLLS, '--simulations', '5', '--json'], 'INPUT_OUT_OF_RANGE'],
      [['forecast', POLLS, '--seed', '-1', '--json'], 'INPUT_OUT_OF_RANGE'],
      [['forecast', POLLS, '--as-of', '2023-13-01', '--json'], 'INPUT_INVALID_DATE'],
      [['forecast', POLLS, '--as-of', '2023-03-05', '--simulations', '100', '--json'], 'FORECAST_NO_POLLS'],
      [['forecast', POLLS, '--previous', 'x', '--db', 'y', '--json'], 'CLI_USAGE'],
      [['forecast', 'no-such-file.json', '--json'], 'INPUT_FILE_UNREADABLE'],
      [['forecast', POLLS, '--previous', 'no-such-dir', '--json'], 'INPUT_FILE_UNREADABLE'],
    ];
    for (const [args, code] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect((JSON.parse(result.stderr()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});
