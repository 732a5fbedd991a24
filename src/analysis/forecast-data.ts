import { z } from 'zod';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ELECTION_FILE, PROTOCOLS_FILE } from '../dataset/files.ts';
import { electionSchema } from '../model/election.ts';
import type { InputError } from '../model/input-error.ts';
import { parseJsonText, parseWith } from '../model/parse-document.ts';
import { protocolSchema } from '../model/protocol.ts';
import { err, ok, type Result } from '../model/result.ts';
import type { Store } from '../store/store.ts';
import { loadElection } from '../services/election-service.ts';
import { parsePollFile, type PollFile } from './forecast/poll-input.ts';
import { previousFromDataset } from './forecast/previous-2023.ts';
import { type PreviousElection, previousElectionSchema, previousFromTotals } from './forecast/previous-election.ts';

/** The files the forecast ships with (data/): the 2023 poll with its assumptions and the default previous election. */
export const SHIPPED_POLL = new URL('../../data/polls/2023-public-opinion.json', import.meta.url).pathname;
export const DEFAULT_PREVIOUS = new URL('../../data/previous/majilis-2023.json', import.meta.url).pathname;

const unreadable = (path: string, error: unknown): InputError => ({
  code: 'INPUT_FILE_UNREADABLE',
  field: '',
  params: { path: `${path} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` },
});

export function loadPollFile(
  path: string,
  readText: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): Result<PollFile, InputError> {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    return err(unreadable(path, error));
  }
  return parsePollFile(text);
}

/**
 * A previous election: a compact file (`saylau-previous-election/1`, as in data/previous/) or a
 * dataset directory (election.json and protocols.ndjson, as `saylau generate` writes).
 */
export function loadPrevious(path: string = DEFAULT_PREVIOUS): Result<PreviousElection, InputError> {
  try {
    if (statSync(path).isDirectory()) {
      const election = electionSchema.parse(JSON.parse(readFileSync(join(path, ELECTION_FILE), 'utf8')));
      const protocols = existsSync(join(path, PROTOCOLS_FILE))
        ? readFileSync(join(path, PROTOCOLS_FILE), 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => protocolSchema.parse(JSON.parse(line)))
        : [];
      return ok(previousFromDataset({ election, protocols }, `dataset ${path}`, ''));
    }
    const document = parseJsonText(readFileSync(path, 'utf8'));
    return document.ok ? parseWith(previousElectionSchema, document.value) : document;
  } catch (error) {
    // A dataset that is there but malformed says so, rather than "unreadable".
    if (error instanceof SyntaxError)
      return err({ code: 'INPUT_NOT_JSON', field: path, params: { detail: error.message } });
    if (error instanceof z.ZodError)
      return err({
        code: 'DATASET_SCHEMA',
        field: path,
        params: {
          detail: `${path}: ${error.issues[0]?.path.join('.') ?? ''} ${error.issues[0]?.message ?? ''} (saylau validate ${path})`,
        },
      });
    return err(unreadable(path, error));
  }
}

/** The previous election from an election database: its definition and its exact contest totals. */
export async function previousFromStore(store: Store, source: string): Promise<PreviousElection> {
  const { election } = await loadElection(store);
  const totals = await store.allContestTotals();
  return previousFromTotals(election, totals, source);
}
