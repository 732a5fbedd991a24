import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';

export const ELECTION_FILE = 'election.json';
export const PROTOCOLS_FILE = 'protocols.ndjson';
export const MANIFEST_FILE = 'MANIFEST.json';
/**
 * Labels of injected irregularities (`generate --anomalies`): the truth that checks and forensics are tested against.
 */
export const ANOMALIES_FILE = 'ANOMALIES.json';
/** Each station's turnout reports through the day, one a line (docs/dataset.md, "Turnout through the day"). */
export const TURNOUT_FILE = 'turnout.ndjson';
/** Observers' accreditations and their protocol copies (docs/dataset.md; docs/law.md §10.2). */
export const ACCREDITATIONS_FILE = 'accreditations.ndjson';
export const COPIES_FILE = 'copies.ndjson';
export const SAMPLES_FILE = 'samples.ndjson';
export const IRREGULARITIES_FILE = 'irregularities.ndjson';
/** Complaints, the decisions on them and administrative cases (docs/law.md §10.3). */
export const COMPLAINTS_FILE = 'complaints.ndjson';
export const COMPLAINT_DECISIONS_FILE = 'complaint-decisions.ndjson';
export const VIOLATIONS_FILE = 'violations.ndjson';
export const DATASET_FORMAT = 'saylau-dataset/1';

export interface Manifest {
  readonly format: typeof DATASET_FORMAT;
  readonly generator: {
    readonly name: string;
    readonly version: string;
    readonly seed: number | null;
    /** `generate --scale K` with K above 1: a country K times Kazakhstan's size (docs/scale.md). */
    readonly scale?: number;
  };
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
  readonly counts: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The file texts of a dataset: compact JSON, one protocol a line, LF endings; nothing depends on time or place. */
export function datasetTexts(
  election: Election,
  protocols: readonly Protocol[],
): { election: string; protocols: string } {
  return {
    election: `${JSON.stringify(election)}\n`,
    protocols: protocols.map((protocol) => `${JSON.stringify(protocol)}\n`).join(''),
  };
}

export function writeDataset(
  directory: string,
  election: Election,
  protocols: readonly Protocol[],
  generator: Manifest['generator'],
  notes: readonly string[],
  extraFiles: Readonly<Record<string, string>> = {},
): Manifest {
  mkdirSync(directory, { recursive: true });
  const texts = datasetTexts(election, protocols);
  writeFileSync(join(directory, ELECTION_FILE), texts.election);
  writeFileSync(join(directory, PROTOCOLS_FILE), texts.protocols);
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(join(directory, file), text);
  const manifest: Manifest = {
    format: DATASET_FORMAT,
    generator,
    files: {
      [ELECTION_FILE]: { sha256: sha256(texts.election), bytes: Buffer.byteLength(texts.election) },
      [PROTOCOLS_FILE]: { sha256: sha256(texts.protocols), bytes: Buffer.byteLength(texts.protocols) },
      ...Object.fromEntries(
        Object.entries(extraFiles).map(([file, text]) => [
          file,
          { sha256: sha256(text), bytes: Buffer.byteLength(text) },
        ]),
      ),
    },
    counts: {
      regions: election.regions.length,
      territories: election.territories.length,
      stations: election.stations.length,
      bodies: election.bodies.length,
      seats: election.bodies.reduce((sum, body) => sum + body.seats, 0),
      contests: election.contests.length,
      candidates: election.candidates.length,
      commissions: election.commissions.length,
      protocols: protocols.length,
    },
    notes,
  };
  writeFileSync(join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readText(directory: string, file: string): string {
  return readFileSync(join(directory, file), 'utf8');
}
