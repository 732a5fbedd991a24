import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELECTION_FILE, PROTOCOLS_FILE, writeDataset } from '../src/dataset/files.ts';
import { generateDataset } from '../src/generate/generate.ts';
import type { KzData } from '../src/generate/kz-data.ts';
import type { NameLists } from '../src/generate/people.ts';
import { electionSchema } from '../src/model/election.ts';
import { protocolSchema } from '../src/model/protocol.ts';
import { tallyElection } from '../src/tally/tally-election.ts';

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Generation of the national dataset (target ≤ 30 s) and its tally from the files (target ≤ 10 s),
 * each beside a baseline of the same run: writing the same files, and reading and parsing them.
 */
export function benchNationalDataset(): Record<string, number> {
  const data = JSON.parse(readFileSync(new URL('../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
  const names = JSON.parse(readFileSync(new URL('../data/names.json', import.meta.url), 'utf8')) as NameLists;
  const directory = mkdtempSync(join(tmpdir(), 'saylau-bench-'));
  try {
    let start = process.hrtime.bigint();
    const dataset = generateDataset({ data, names, seed: 2023 });
    writeDataset(
      directory,
      dataset.election,
      dataset.protocols,
      { name: 'saylau', version: 'bench', seed: 2023 },
      dataset.notes,
    );
    const generateSeconds = seconds(start);

    start = process.hrtime.bigint();
    writeDataset(
      join(directory, 'copy'),
      dataset.election,
      dataset.protocols,
      { name: 'saylau', version: 'bench', seed: 2023 },
      dataset.notes,
    );
    const writeSeconds = seconds(start);

    start = process.hrtime.bigint();
    const electionText = readFileSync(join(directory, ELECTION_FILE), 'utf8');
    const protocolLines = readFileSync(join(directory, PROTOCOLS_FILE), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const parsed = protocolLines.map((line) => JSON.parse(line) as unknown);
    JSON.parse(electionText);
    const parseSeconds = seconds(start);

    start = process.hrtime.bigint();
    const election = electionSchema.parse(JSON.parse(readFileSync(join(directory, ELECTION_FILE), 'utf8')));
    const protocols = readFileSync(join(directory, PROTOCOLS_FILE), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => protocolSchema.parse(JSON.parse(line)));
    tallyElection({ election, protocols });
    const tallySeconds = seconds(start);

    return {
      protocols: parsed.length,
      generateSeconds: Number(generateSeconds.toFixed(3)),
      generateTargetSeconds: 30,
      generateRatioToWritingTheFiles: Number((generateSeconds / writeSeconds).toFixed(2)),
      tallySeconds: Number(tallySeconds.toFixed(3)),
      tallyTargetSeconds: 10,
      tallyRatioToReadingAndParsing: Number((tallySeconds / parseSeconds).toFixed(2)),
      peakResidentMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
