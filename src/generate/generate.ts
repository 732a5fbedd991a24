import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { KzData } from './kz-data.ts';
import type { NameLists } from './people.ts';
import { Prng } from './prng.ts';
import { buildStructure } from './structure.ts';
import { buildProtocols } from './votes.ts';

export interface GeneratedDataset {
  readonly election: Election;
  readonly protocols: readonly Protocol[];
  /** What the generator assumed where the sources are silent; written into MANIFEST.json. */
  readonly notes: readonly string[];
}

/**
 * The national election of 19 March 2023, synthetic where the sources are silent and exact where
 * they speak. Pure: the same data, names and seed give the same dataset.
 */
export function generateDataset({
  data,
  names,
  seed,
}: {
  readonly data: KzData;
  readonly names: NameLists;
  readonly seed: number;
}): GeneratedDataset {
  const random = new Prng(seed);
  const structure = buildStructure(data, names, random.fork('structure'));
  const protocols = buildProtocols(data, structure, random.fork('votes'));
  return { election: structure.election, protocols, notes: structure.notes };
}
