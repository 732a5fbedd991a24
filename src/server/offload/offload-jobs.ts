import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { analyseForensics } from '../../analysis/forensics/analyse.ts';
import { DEFAULT_FORENSICS_CONTEST, recordsFromProtocols } from '../../analysis/forensics/from-protocols.ts';
import { loadPollFile, loadPrevious, SHIPPED_POLL } from '../../analysis/forecast-data.ts';
import { forecastMajilis } from '../../analysis/forecast/forecast.ts';
import { DEFAULT_SEED, DEFAULT_SIMULATIONS } from '../../analysis/forecast/model-parameters.ts';
import { whatIfContestsFromTally } from '../../analysis/whatif/from-tally.ts';
import type { WhatIfContest } from '../../analysis/whatif/whatif.ts';
import type { ExportFormat } from '../../export/build-export.ts';
import type { SigningKey } from '../../journal/keys.ts';
import type { Protocol } from '../../model/protocol.ts';
import { loadElection } from '../../services/election-service.ts';
import { exportBundle } from '../../services/export-bundle.ts';
import { exportFromStore } from '../../services/export-results.ts';
import { currentTally } from '../../services/results-service.ts';
import { loadCecKey } from '../../store/keyring.ts';
import type { Store } from '../../store/store.ts';
import { ApiError } from '../api-error.ts';
import { writeTarFile } from '../tar.ts';

/**
 * The long work of the server, done in a worker thread (offloader.ts) with a store connection of
 * its own: exports written to files, and the analyses. Each job reads one snapshot of the store.
 */
export type OffloadJob =
  | { readonly kind: 'export'; readonly format: ExportFormat; readonly out: string }
  | { readonly kind: 'bundle'; readonly keysPath: string; readonly out: string }
  | { readonly kind: 'forensics' }
  | { readonly kind: 'whatif' }
  | { readonly kind: 'forecast' };

/** A file of an export on disk, with its gzipped twin when compressing pays. */
export interface BuiltFile {
  readonly name: string;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly gzip: { readonly path: string; readonly bytes: number } | null;
}

/** Files of one export, describing the journal up to `seq`. */
export interface BuiltFiles {
  readonly seq: number;
  readonly files: readonly BuiltFile[];
}

/** A JSON answer, named by the SHA-256 of its bytes. */
export interface BuiltDocument {
  readonly seq: number;
  readonly text: string;
  readonly sha256: string;
}

export interface WhatIfInputs {
  readonly seq: number;
  readonly contests: WhatIfContest[];
}

export interface JobResults {
  readonly export: BuiltFiles;
  readonly bundle: BuiltFiles;
  readonly forensics: BuiltDocument;
  readonly whatif: WhatIfInputs;
  readonly forecast: BuiltDocument;
}

/** Small answers are not worth a second file (the same threshold as sendCached's). */
const GZIP_ABOVE = 1024;

const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

async function gzipBeside(path: string, bytes: number): Promise<BuiltFile['gzip']> {
  if (bytes <= GZIP_ABOVE) return null;
  await pipeline(createReadStream(path), createGzip({ level: 6 }), createWriteStream(`${path}.gz`));
  return { path: `${path}.gz`, bytes: (await stat(`${path}.gz`)).size };
}

async function exportFiles(store: Store, format: ExportFormat, out: string): Promise<BuiltFiles> {
  const result = await exportFromStore({ store, format });
  const files: BuiltFile[] = [];
  for (const file of result.files) {
    // Names come from the export builders (results.json, contests.csv, …), never from a request.
    const path = join(out, file.name);
    await writeFile(path, file.content);
    const bytes = Buffer.byteLength(file.content);
    files.push({ name: file.name, path, sha256: sha256(file.content), bytes, gzip: await gzipBeside(path, bytes) });
  }
  return { seq: result.seq, files };
}

/**
 * The bundle as the server builds it: the journal's head is the one its transparency log's checkpoint signs, and no
 * CEC key is read (docs/keys.md, "What the server never holds"). Only a database made before the log (no
 * `log-key-registered`; `saylau log-key init` gives it one) is still attested with the CEC key file beside it.
 */
async function bundleFile(store: Store, keysPath: string, out: string): Promise<BuiltFiles> {
  const hasLog = (await store.eventsOfType('log-key-registered')).length > 0;
  let cec: SigningKey | undefined;
  if (!hasLog) {
    try {
      cec = loadCecKey(keysPath);
    } catch {
      // The path is the operator's business, not the client's (as ServerContext.keys).
      throw new ApiError('KEYS_UNREADABLE', { path: 'the server key file' });
    }
  }
  const directory = join(out, 'saylau-bundle');
  const { seq, files } = await exportBundle({ store, out: directory, cec });
  const path = join(out, 'saylau-bundle.tar');
  const tar = await writeTarFile(
    path,
    // With the log's checkpoint and tiles (log/…), which verify checks when the journal registers a log key.
    files.map((name) => ({ name: `saylau-bundle/${name}`, path: join(directory, ...name.split('/')) })),
    new Date(),
  );
  await rm(directory, { recursive: true, force: true });
  return { seq, files: [{ name: 'saylau-bundle.tar', path, ...tar, gzip: await gzipBeside(path, tar.bytes) }] };
}

async function forensics(store: Store): Promise<BuiltDocument> {
  const { seq, election, protocols } = await store.snapshot(async (reader) => {
    const head = await reader.journalHead();
    const { election } = await loadElection(reader);
    const rows = await reader.currentProtocolsOf(DEFAULT_FORENSICS_CONTEST);
    return { seq: head.seq, election, protocols: rows.map((row) => JSON.parse(row.content) as Protocol) };
  });
  const records = recordsFromProtocols(election, protocols, DEFAULT_FORENSICS_CONTEST);
  if (records === null)
    throw new ApiError('FORENSICS_CONTEST_UNKNOWN', { contest: DEFAULT_FORENSICS_CONTEST, known: '' });
  const text = JSON.stringify({
    seq,
    contestId: DEFAULT_FORENSICS_CONTEST,
    ...analyseForensics(records.stations, records.options),
  });
  return { seq, text, sha256: sha256(text) };
}

async function whatIfInputs(store: Store): Promise<WhatIfInputs> {
  return store.snapshot(async (reader) => {
    const head = await reader.journalHead();
    const { election } = await loadElection(reader);
    return {
      seq: head.seq,
      contests: whatIfContestsFromTally(election, await currentTally({ store: reader, election })),
    };
  });
}

function forecast(): BuiltDocument {
  const polls = loadPollFile(SHIPPED_POLL);
  const previous = loadPrevious();
  if (!polls.ok || !previous.ok) throw new Error('The shipped forecast data does not load');
  const result = forecastMajilis({
    polls: polls.value,
    previous: previous.value,
    simulations: DEFAULT_SIMULATIONS,
    seed: DEFAULT_SEED,
  });
  if (!result.ok) throw new Error(`The shipped forecast fails: ${result.error.code}`);
  const text = JSON.stringify(result.value);
  return { seq: 0, text, sha256: sha256(text) };
}

/** Runs one job; `store` opens the worker's own connection (the forecast reads none). */
export async function runJob<J extends OffloadJob>(job: J, store: () => Store): Promise<JobResults[J['kind']]> {
  const run = (): Promise<JobResults[OffloadJob['kind']]> => {
    switch (job.kind) {
      case 'export':
        return exportFiles(store(), job.format, job.out);
      case 'bundle':
        return bundleFile(store(), job.keysPath, job.out);
      case 'forensics':
        return forensics(store());
      case 'whatif':
        return whatIfInputs(store());
      case 'forecast':
        return Promise.resolve(forecast());
    }
  };
  return (await run()) as JobResults[J['kind']];
}
