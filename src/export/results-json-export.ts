import type { JsonValue } from '../law/json-form.ts';
import { resultsToJson } from '../tally/results-json.ts';
import type { ExportInput, ExportResult } from './export-types.ts';

export const RESULTS_JSON_FORMAT = 'saylau-results/1';
export const RESULTS_JSON_FILE = 'results.json';

/**
 * The full results as one JSON document (docs/exports.md): `saylau results --json`'s document,
 * wrapped with what makes it stand alone — the election, the journal head it is a snapshot of,
 * the time of that head (never the wall clock), and the names of everything the results name by id.
 */
export function buildResultsJson({ election, tally, decisions, head }: Omit<ExportInput, 'protocols'>): ExportResult {
  const smdContests = new Set(
    election.contests.filter((contest) => contest.kind === 'smd').map((contest) => contest.id as string),
  );
  const document: Record<string, JsonValue> = {
    format: RESULTS_JSON_FORMAT,
    election: { id: election.event.id, name: election.event.name, date: election.event.date },
    journalHead: { seq: head.seq, hash: head.hash, at: head.at },
    generatedAt: head.at,
    names: {
      parties: Object.fromEntries(election.parties.map((party) => [party.id, party.name])),
      bodies: Object.fromEntries(election.bodies.map((body) => [body.id, body.name])),
      contests: Object.fromEntries(election.contests.map((contest) => [contest.id, contest.name])),
      // The candidates who are ballot options (single-member districts); list candidates are in the definition.
      candidates: Object.fromEntries(
        election.candidates
          .filter((candidate) => smdContests.has(candidate.contestId))
          .map((candidate) => [candidate.id, { ...candidate.name, nominatedBy: candidate.nominatedBy }]),
      ),
    },
    results: resultsToJson(tally, decisions),
  };
  return { files: [{ name: RESULTS_JSON_FILE, content: `${JSON.stringify(document)}\n` }] };
}
