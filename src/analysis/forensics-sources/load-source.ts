import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ELECTION_FILE, PROTOCOLS_FILE } from '../../dataset/files.ts';
import { electionSchema } from '../../model/election.ts';
import { toInputError, type InputError } from '../../model/input-error.ts';
import { parseJsonText, parseWith } from '../../model/parse-document.ts';
import { protocolSchema, type Protocol } from '../../model/protocol.ts';
import { err, ok, type Result } from '../../model/result.ts';
import type { Store } from '../../store/store.ts';
import { loadElection } from '../../services/election-service.ts';
import type { Election } from '../../model/election.ts';
import { recordsFromProtocols } from '../forensics/from-protocols.ts';
import type { StationRecord } from '../forensics/station-record.ts';
import { stationsFromCsv } from './csv-records.ts';
import { stationMappingSchema } from './mapping.ts';
import { looksLikeZip, zipEntries, zipEntryData } from './zip.ts';

/** What forensics runs on, whatever it came from. */
export interface ForensicsInput {
  readonly stations: StationRecord[];
  readonly options: string[];
  readonly optionNames: Record<string, string>;
  /** What was read, for the report: `dataset DIR majilis/list`, `csv FILE`, `db URL majilis/list`. */
  readonly source: string;
}

const unreadable = (path: string, error: unknown): InputError => ({
  code: 'INPUT_FILE_UNREADABLE',
  field: '',
  params: { path: `${path} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` },
});

function fromElection(
  election: Election,
  protocols: Iterable<Protocol>,
  contestId: string,
  source: string,
): Result<ForensicsInput, InputError> {
  const records = recordsFromProtocols(election, protocols, contestId);
  if (records === null)
    return err({
      code: 'FORENSICS_CONTEST_UNKNOWN',
      field: '--contest',
      params: {
        contest: contestId,
        known: election.contests
          .filter((c) => c.kind === 'list')
          .map((c) => c.id)
          .join(', '),
      },
    });
  if (records.stations.length === 0)
    return err({ code: 'FORENSICS_NO_STATIONS', field: '--contest', params: { contest: contestId } });
  const names = new Map<string, string>([
    ...election.parties.map((party) => [party.id as string, party.name.en] as const),
    ...election.candidates.map((candidate) => [candidate.id as string, candidate.name.latin] as const),
  ]);
  return ok({
    ...records,
    optionNames: Object.fromEntries(records.options.map((id) => [id, names.get(id) ?? id])),
    source,
  });
}

/** A saylau dataset directory: election.json and protocols.ndjson, each protocol schema-checked. */
export function loadDataset(directory: string, contestId: string): Result<ForensicsInput, InputError> {
  let electionText: string;
  let protocolsText: string;
  try {
    electionText = readFileSync(join(directory, ELECTION_FILE), 'utf8');
    protocolsText = readFileSync(join(directory, PROTOCOLS_FILE), 'utf8');
  } catch (error) {
    return err(unreadable(directory, error));
  }
  const electionJson = parseJsonText(electionText);
  if (!electionJson.ok) return electionJson;
  const election = parseWith(electionSchema, electionJson.value);
  if (!election.ok) return err({ ...election.error, field: `${ELECTION_FILE}: ${election.error.field}` });
  const protocols: Protocol[] = [];
  const lines = protocolsText.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const json = parseJsonText(line);
    if (!json.ok) return err({ ...json.error, field: `${PROTOCOLS_FILE}:${index + 1}` });
    // Only the contest asked for is schema-checked; the others are not this command's business.
    if ((json.value as { contestId?: unknown } | null)?.contestId !== contestId) continue;
    const parsed = protocolSchema.safeParse(json.value);
    if (!parsed.success)
      return err(
        toInputError(parsed.error.issues[0] as Parameters<typeof toInputError>[0], [`${PROTOCOLS_FILE}:${index + 1}`]),
      );
    protocols.push(parsed.data);
  }
  return fromElection(election.value, protocols, contestId, `dataset ${directory} ${contestId}`);
}

/** An election database's current protocols of one contest. Throws StoreError as every store command does. */
export async function loadDatabase(
  store: Store,
  db: string,
  contestId: string,
): Promise<Result<ForensicsInput, InputError>> {
  const { election } = await loadElection(store);
  const rows = await store.allProtocols();
  const protocols = rows.filter((row) => row.contestId === contestId).map((row) => JSON.parse(row.content) as Protocol);
  return fromElection(election, protocols, contestId, `db ${db} ${contestId}`);
}

/** A station-level CSV of another system, zipped or not, read through a mapping file. */
export function loadCsv(
  file: string,
  mapFile: string,
  onProgress?: (rows: number) => void,
): Result<ForensicsInput, InputError> {
  let mapText: string;
  let bytes: Buffer;
  try {
    mapText = readFileSync(mapFile, 'utf8');
  } catch (error) {
    return err({ ...unreadable(mapFile, error), field: '--map' });
  }
  const mapJson = parseJsonText(mapText);
  if (!mapJson.ok) return err({ ...mapJson.error, field: '--map' });
  const mapping = parseWith(stationMappingSchema, mapJson.value);
  if (!mapping.ok) return err({ ...mapping.error, field: `--map ${mapping.error.field}` });
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return err(unreadable(file, error));
  }
  let text: string;
  if (looksLikeZip(bytes)) {
    const entries = zipEntries(bytes);
    if (!entries.ok)
      return err({ code: 'FORENSICS_ZIP_UNREADABLE', field: '', params: { path: file, detail: entries.error } });
    const wanted = new RegExp(mapping.value.entry ?? '\\.csv$', 'i');
    const entry = entries.value.find((candidate) => wanted.test(candidate.name));
    if (entry === undefined)
      return err({
        code: 'FORENSICS_ZIP_UNREADABLE',
        field: '',
        params: {
          path: file,
          detail: `no entry matches ${wanted.source}: ${entries.value.map((e) => e.name).join(', ')}`,
        },
      });
    const data = zipEntryData(bytes, entry);
    if (!data.ok)
      return err({ code: 'FORENSICS_ZIP_UNREADABLE', field: '', params: { path: file, detail: data.error } });
    text = data.value.toString('utf8');
  } else {
    text = bytes.toString('utf8');
  }
  const stations = stationsFromCsv(text, mapping.value, onProgress);
  if (!stations.ok) return stations;
  if (stations.value.stations.length === 0)
    return err({ code: 'FORENSICS_NO_STATIONS', field: '', params: { contest: file } });
  return ok({
    stations: stations.value.stations,
    options: stations.value.options,
    optionNames: stations.value.optionNames,
    source: `csv ${file}`,
  });
}

/** A directory is a dataset; a file is a CSV (zipped or not) and needs a mapping. */
export function loadFileSource(
  source: string,
  mapFile: string | undefined,
  contestId: string,
  onProgress?: (rows: number) => void,
): Result<ForensicsInput, InputError> {
  let directory: boolean;
  try {
    directory = statSync(source).isDirectory();
  } catch (error) {
    return err(unreadable(source, error));
  }
  if (directory) return loadDataset(source, contestId);
  if (mapFile === undefined)
    return err({ code: 'FORENSICS_MAPPING_REQUIRED', field: '--map', params: { path: source } });
  return loadCsv(source, mapFile, onProgress);
}
