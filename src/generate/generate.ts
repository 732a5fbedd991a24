import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { KzData } from './kz-data.ts';
import type { NameLists } from './people.ts';
import { Prng } from './prng.ts';
import { buildStructure } from './structure.ts';
import { buildProtocols } from './votes.ts';
import { buildTurnoutDay } from './turnout-day.ts';
import type { TurnoutReport } from '../model/turnout-report.ts';

export interface GeneratedDataset {
  readonly election: Election;
  readonly protocols: readonly Protocol[];
  /** Each station's turnout reports through the day, ending at its Majilis party-list protocol (turnout-day.ts). */
  readonly turnout: readonly TurnoutReport[];
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
  // A fork of its own, so that the protocols (and the official figures they reproduce) are what they were without it.
  const turnout = buildTurnoutDay(structure.election, protocols, random.fork('turnout'));
  return { election: structure.election, protocols, turnout, notes: structure.notes };
}
