import { readFileSync } from 'node:fs';
import {
  ANOMALIES_FILE,
  writeDataset,
  ELECTION_FILE,
  PROTOCOLS_FILE,
  readText,
  TURNOUT_FILE,
} from '../../dataset/files.ts';
import { ANOMALY_KINDS, EXPECTED_DETECTION, injectAnomalies, parseAnomalySpec } from '../../generate/anomalies.ts';
import { validateDataset } from '../../dataset/validate.ts';
import { generateDataset } from '../../generate/generate.ts';
import type { KzData } from '../../generate/kz-data.ts';
import { MAXIMUM_SCALE, scaleKzData } from '../../generate/scale.ts';
import type { NameLists } from '../../generate/people.ts';
import { cliText } from '../../i18n/cli-text.ts';
import { formatMessage } from '../../i18n/messages.ts';
import { formatCount } from '../../i18n/format.ts';
import { electionSchema } from '../../model/election.ts';
import { protocolSchema, type Protocol } from '../../model/protocol.ts';
import { tallyElection } from '../../tally/tally-election.ts';
import { tallyToJson } from '../../tally/tally-json.ts';
import { packagePath } from '../../package-root.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { reportInputError, type OutputOptions } from '../run-document-command.ts';
import { VERSION } from '../version.ts';

/** A file of the project's data/ folder. */
export const dataFile = (name: string): string => packagePath('data', name);

/** `saylau generate --seed N --out DIR`. */
export function runGenerate(
  options: { seed: string; out: string; anomalies?: string; scale?: string },
  context: CliContext,
): number {
  const seed = Number(options.seed);
  const scale = Number(options.scale ?? 1);
  const outOfRange = (field: string, value: string, minimum: number, maximum: number): number => {
    reportInputError({ code: 'INPUT_OUT_OF_RANGE', field, params: { value, minimum, maximum } }, {}, context);
    return 1;
  };
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    return outOfRange('--seed', options.seed, 0, 0xffffffff);
  if (!Number.isInteger(scale) || scale < 1 || scale > MAXIMUM_SCALE)
    return outOfRange('--scale', options.scale ?? '', 1, MAXIMUM_SCALE);
  const data = scaleKzData(JSON.parse(readFileSync(dataFile('kz-2023.json'), 'utf8')) as KzData, scale);
  const names = JSON.parse(readFileSync(dataFile('names.json'), 'utf8')) as NameLists;
  const spec = options.anomalies === undefined ? null : parseAnomalySpec(options.anomalies);
  if (spec !== null && 'error' in spec) {
    reportInputError(
      {
        code: 'INPUT_INVALID_VALUE',
        field: '--anomalies',
        params: { expected: `${ANOMALY_KINDS.join('|')}:share in (0, 1] — got ${spec.error}` },
      },
      {},
      context,
    );
    return 1;
  }
  const dataset = generateDataset({ data, names, seed });
  const injected = spec === null ? null : injectAnomalies(dataset.protocols, spec, seed);
  const extra: Record<string, string> = {
    [TURNOUT_FILE]: dataset.turnout.map((report) => `${JSON.stringify(report)}\n`).join(''),
    ...(injected === null
      ? {}
      : {
          [ANOMALIES_FILE]: `${JSON.stringify({ spec: options.anomalies, expectedDetection: EXPECTED_DETECTION, labels: injected.labels }, null, 2)}\n`,
        }),
  };
  const notes =
    injected === null
      ? dataset.notes
      : [
          ...dataset.notes,
          `Irregularities injected (${options.anomalies}): ${injected.labels.length} protocols, labelled in ${ANOMALIES_FILE}; official totals no longer hold exactly.`,
        ];
  const manifest = writeDataset(
    options.out,
    dataset.election,
    injected?.protocols ?? dataset.protocols,
    { name: 'saylau', version: VERSION, seed, ...(scale === 1 ? {} : { scale }) },
    notes,
    extra,
  );
  context.io.stdout(
    `${cliText('generated', context.language, { out: options.out })}\n${Object.entries(manifest.counts)
      .map(([key, value]) => `  ${key}: ${value}`)
      .join('\n')}\n`,
  );
  return 0;
}

/** `saylau validate DIR`: every problem with its code and place; exit 1 if any is an error. */
export function runValidate(directory: string, options: OutputOptions, context: CliContext): number {
  const report = validateDataset(directory);
  if (options.json === true) {
    context.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const problem of report.problems) {
      const where = [
        problem.file + (problem.line === undefined ? '' : `:${problem.line}`),
        problem.stationId,
        problem.contestId,
        problem.field,
        problem.protocolLines === undefined ? undefined : `[${problem.protocolLines.join(', ')}]`,
      ]
        .filter((part) => part !== undefined)
        .join(' ');
      context.io.stdout(
        `${problem.severity} ${problem.code} ${where}: ${formatMessage(problem.code, context.language, problem.params ?? {})}\n`,
      );
    }
    context.io.stdout(
      `${cliText('validated', context.language, {
        protocols: formatCount(report.protocols, context.language),
        errors: formatCount(report.errors, context.language),
        warnings: formatCount(report.warnings, context.language),
      })}\n`,
    );
    if (report.turnoutReports > 0)
      context.io.stdout(
        `${cliText('validatedTurnout', context.language, { reports: formatCount(report.turnoutReports, context.language) })}\n`,
      );
  }
  return report.errors > 0 ? 1 : 0;
}

/** `saylau tally DIR`: every contest and body from a dataset's protocols, with no database. */
export function runTally(directory: string, options: OutputOptions, context: CliContext): number {
  let election;
  let protocols: Protocol[];
  try {
    election = electionSchema.parse(JSON.parse(readText(directory, ELECTION_FILE)));
    protocols = readText(directory, PROTOCOLS_FILE)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => protocolSchema.parse(JSON.parse(line)));
  } catch (error) {
    reportInputError(
      {
        code: 'INPUT_FILE_UNREADABLE',
        field: '',
        params: {
          path: `${directory} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}; saylau validate ${directory})`,
        },
      },
      options,
      context,
    );
    return 1;
  }
  const bar = progressBar('tally', protocols.length);
  const tally = tallyElection({ election, protocols, onProgress: bar.update });
  bar.finish();
  if (options.json === true) {
    context.io.stdout(`${JSON.stringify(tallyToJson(tally))}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const result of tally.contests) {
    if (result.kind === 'list')
      lines.push(
        `${result.contest.id}: ${result.allocation.status} ${Object.entries(result.allocation.seats)
          .map(([party, seats]) => `${party} ${seats}`)
          .join(', ')}`,
      );
  }
  const majilis = tally.bodies.get('majilis');
  if (majilis !== undefined)
    lines.push(
      `majilis: ${[...majilis]
        .sort((a, b) => b[1] - a[1])
        .map(([holder, seats]) => `${holder} ${seats}`)
        .join(', ')}`,
    );
  const smd = tally.contests.filter((result) => result.kind === 'smd');
  lines.push(
    cliText('smdSummary', context.language, {
      contests: smd.length,
      decided: smd.filter((result) => result.outcome.status === 'winner').length,
    }),
  );
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
