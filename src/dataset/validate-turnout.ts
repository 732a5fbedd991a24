import { fieldPath } from '../model/input-error.ts';
import { type TurnoutReport, turnoutReportSchema } from '../model/turnout-report.ts';
import { checkTurnoutDay, type FinalTurnout } from '../tally/turnout-day.ts';
import { assertDefined } from '../law/assert.ts';
import { TURNOUT_FILE } from './files.ts';
import type { DatasetProblem } from './validate.ts';

type Report = (problem: Omit<DatasetProblem, 'severity'>) => void;

/**
 * A dataset's turnout reports (`turnout.ndjson`): each of the schema, of a known station, one per station and hour,
 * and the day's rules of docs/law.md §10.1 against each other and the station's Majilis party-list protocol.
 * Returns how many lines it read.
 */
export function validateTurnout(
  text: string,
  stations: ReadonlySet<string>,
  finals: ReadonlyMap<string, FinalTurnout>,
  { error, warning }: { error: Report; warning: Report },
): number {
  const reports: TurnoutReport[] = [];
  const seen = new Set<string>();
  let lines = 0;
  text.split('\n').forEach((row, index) => {
    if (row.trim() === '') return;
    lines += 1;
    const line = index + 1;
    let document: unknown;
    try {
      document = JSON.parse(row);
    } catch {
      return error({ code: 'DATASET_SCHEMA', file: TURNOUT_FILE, line, params: { detail: 'not JSON' } });
    }
    const parsed = turnoutReportSchema.safeParse(document);
    if (!parsed.success) {
      const issue = assertDefined(parsed.error.issues[0]);
      const field = fieldPath(issue.path);
      return error({
        code: 'DATASET_SCHEMA',
        file: TURNOUT_FILE,
        line,
        field,
        params: { detail: `${field}: ${issue.message}` },
      });
    }
    const report = parsed.data;
    const where = { file: TURNOUT_FILE, line, stationId: report.stationId, field: report.hour };
    if (!stations.has(report.stationId))
      return error({ ...where, code: 'DATASET_UNKNOWN_REFERENCE', params: { id: report.stationId } });
    const key = `${report.stationId} ${report.hour}`;
    if (seen.has(key))
      return error({
        ...where,
        code: 'DATASET_DUPLICATE_TURNOUT_REPORT',
        params: { station: report.stationId, hour: report.hour },
      });
    seen.add(key);
    reports.push(report);
  });
  for (const finding of checkTurnoutDay(reports, finals))
    (finding.severity === 'error' ? error : warning)({
      file: TURNOUT_FILE,
      stationId: finding.stationId,
      field: finding.hour,
      code: finding.code,
      params: finding.params,
    });
  return lines;
}
