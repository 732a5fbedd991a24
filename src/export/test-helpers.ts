import { readFileSync } from 'node:fs';
import { generateDataset, type GeneratedDataset } from '../generate/generate.ts';
import type { KzData } from '../generate/kz-data.ts';
import type { NameLists } from '../generate/people.ts';
import type { Protocol } from '../model/protocol.ts';
import { NO_DECISIONS } from '../tally/decisions.ts';
import { tallyElection } from '../tally/tally-election.ts';
import type { ExportInput } from './export-types.ts';
import { tinyElection } from '../../test/fixtures/tiny-election.ts';

let dataset: GeneratedDataset | undefined;

/** The generated national dataset of seed 2023, made once per test file. */
export function nationalDataset(): GeneratedDataset {
  if (dataset === undefined) {
    const data = JSON.parse(readFileSync(new URL('../../data/kz-2023.json', import.meta.url), 'utf8')) as KzData;
    const names = JSON.parse(readFileSync(new URL('../../data/names.json', import.meta.url), 'utf8')) as NameLists;
    dataset = generateDataset({ data, names, seed: 2023 });
  }
  return dataset;
}

export const TEST_HEAD = { seq: 4242, hash: 'ab'.repeat(32), at: '2023-03-20T01:02:03.456Z' } as const;

/**
 * An export input of the tiny election (test/fixtures/tiny-election.ts) from the protocols the filter keeps (all by
 * default): partial results unless all are in.
 */
export function exportInput(keep: (protocol: Protocol) => boolean = () => true): ExportInput {
  const { election, protocols: all } = tinyElection().dataset;
  const protocols = all.filter(keep);
  return {
    election,
    tally: tallyElection({ election, protocols }),
    decisions: NO_DECISIONS,
    protocols,
    head: TEST_HEAD,
  };
}
