import { analyseForensics, type ForensicsReport } from '../../analysis/forensics/analyse.ts';
import type { FlagReason } from '../../analysis/forensics/flags.ts';
import { DEFAULT_FORENSICS_CONTEST } from '../../analysis/forensics/from-protocols.ts';
import type { IntegerCount } from '../../analysis/forensics/integer-percent.ts';
import { DEFAULT_FORENSICS_PARAMETERS } from '../../analysis/forensics/parameters.ts';
import { type ForensicsInput, loadFileSource, loadRecorded } from '../../analysis/forensics-sources/load-source.ts';
import { cliText, type CliTextKey } from '../../i18n/cli-text.ts';
import { formatDecimal, formatPercent, formatScientific } from '../../i18n/format.ts';
import type { Language } from '../../i18n/language.ts';
import type { InputError } from '../../model/input-error.ts';
import type { Result } from '../../model/result.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { storeElectionSource } from '../store-election-source.ts';
import { reportInputError } from '../run-document-command.ts';
import { withStore } from './store-commands.ts';

export interface ForensicsOptions {
  readonly map?: string;
  readonly contest?: string;
  readonly db?: string;
  readonly runs?: string;
  readonly seed?: string;
  readonly json?: boolean;
}

/** Flags listed in the text report; `--json` has them all. */
const TEXT_FLAG_LIMIT = 25;

function parseCount(
  value: string | undefined,
  field: string,
  fallback: number,
  minimum: number,
  maximum: number,
): Result<number, InputError> {
  if (value === undefined) return { ok: true, value: fallback };
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < minimum || number > maximum)
    return { ok: false, error: { code: 'INPUT_OUT_OF_RANGE', field, params: { value, minimum, maximum } } };
  return { ok: true, value: number };
}

/** `saylau forensics SOURCE [--map M] [--contest ID] [--db URL] [--runs N] [--seed N] [--json]`. */
export async function runForensics(
  source: string | undefined,
  options: ForensicsOptions,
  context: CliContext,
): Promise<number> {
  const fail = (error: InputError): number => {
    reportInputError(error, options, context);
    return 1;
  };
  const runs = parseCount(options.runs, '--runs', DEFAULT_FORENSICS_PARAMETERS.runs, 2, 100_000);
  if (!runs.ok) return fail(runs.error);
  const seed = parseCount(options.seed, '--seed', DEFAULT_FORENSICS_PARAMETERS.seed, 0, 0xffffffff);
  if (!seed.ok) return fail(seed.error);
  const contest = options.contest ?? DEFAULT_FORENSICS_CONTEST;
  const analyse = (input: ForensicsInput): number => {
    const bar = progressBar('forensics', input.stations.length);
    const report = analyseForensics(input.stations, input.options, { runs: runs.value, seed: seed.value }, (done) =>
      bar.update(done),
    );
    bar.finish();
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify({ source: input.source, optionNames: input.optionNames, ...report })}\n`
        : forensicsText(report, input, context.language),
    );
    return 0;
  };
  if (options.db !== undefined) {
    const db = options.db;
    return withStore({ db, json: options.json }, context, async (store) => {
      const input = await loadRecorded(storeElectionSource(store), db, contest);
      return input.ok ? analyse(input.value) : fail(input.error);
    });
  }
  if (source === undefined) return fail({ code: 'FORENSICS_SOURCE_MISSING', field: 'SOURCE' });
  const input = loadFileSource(source, options.map, contest);
  return input.ok ? analyse(input.value) : fail(input.error);
}

function forensicsText(report: ForensicsReport, input: ForensicsInput, language: Language): string {
  const t = (key: CliTextKey, params: Record<string, string | number> = {}): string => cliText(key, language, params);
  const number = (value: number, digits = 0): string => formatDecimal(value, language, digits);
  const percent = (share: number | null): string => (share === null ? '—' : formatPercent(share, language));
  const name = (id: string): string => input.optionNames[id] ?? id;
  const lines: string[] = [];
  const leader = report.leader;
  lines.push(
    t('forensics.header', {
      source: input.source,
      stations: number(report.stations),
      leader: leader === null ? '—' : name(leader.id),
      votes: number(leader?.votes ?? 0),
      share: percent(leader?.share ?? null),
    }),
  );
  const integer = report.integerPercent;
  lines.push(
    '',
    t('forensics.integerTitle', { stations: number(integer.stations), runs: integer.runs, seed: integer.seed }),
  );
  const row = (what: CliTextKey, count: IntegerCount): string =>
    t('forensics.integerRow', {
      what: t(what),
      observed: number(count.observed),
      expected: number(count.expected, 1),
      excess: number(count.excess, 1),
      sd: number(count.sd, 1),
      z: number(count.z, 1),
    });
  lines.push(
    row('forensics.turnout', integer.turnout),
    row('forensics.leaderShare', integer.leaderShare),
    row('forensics.either', integer.either),
  );
  const shpilkin = report.shpilkin;
  lines.push(
    '',
    t('forensics.shpilkin', {
      bin: shpilkin.modalBin ?? '—',
      next: shpilkin.modalBin === null ? '—' : shpilkin.modalBin + 1,
      ratio: shpilkin.ratio === null ? '—' : number(shpilkin.ratio, 3),
      votes: number(shpilkin.anomalousVotes),
      clean: percent(shpilkin.cleanLeaderShare),
      share: percent(shpilkin.leaderShare),
    }),
  );
  lines.push(
    t('forensics.fingerprint', { stations: number(report.fingerprint.stations), bins: report.fingerprint.bins }),
  );
  lines.push('', t('forensics.digitsTitle'));
  for (const test of report.digits) {
    lines.push(
      t('forensics.digit', {
        test: t(`forensics.${test.test}`),
        series: t(`forensics.series.${test.series}`),
        counts: number(test.counts),
        chi: number(test.chiSquare, 1),
        p: test.pValue < 1e-4 ? formatScientific(test.pValue, language) : number(test.pValue, 4),
      }),
    );
  }
  lines.push('', t('forensics.flagsTitle', { count: number(report.flags.length) }));
  for (const [kind, count] of Object.entries(report.flagCounts))
    lines.push(
      t('forensics.flagCount', {
        kind: t(`forensics.kind.${kind as keyof ForensicsReport['flagCounts']}`),
        count: number(count),
      }),
    );
  for (const flag of report.flags.slice(0, TEXT_FLAG_LIMIT)) {
    lines.push(
      `  ${flag.stationId}: ${flag.reasons.map((reason) => reasonText(reason, report, t, percent, number)).join('; ')}`,
    );
  }
  if (report.flags.length > TEXT_FLAG_LIMIT)
    lines.push(t('forensics.more', { count: number(report.flags.length - TEXT_FLAG_LIMIT) }));
  return `${lines.join('\n')}\n`;
}

function reasonText(
  reason: FlagReason,
  report: ForensicsReport,
  t: (key: CliTextKey, params?: Record<string, string | number>) => string,
  percent: (share: number) => string,
  number: (value: number, digits?: number) => string,
): string {
  switch (reason.kind) {
    case 'turnout-and-leader-high':
      return t('forensics.flag.turnout-and-leader-high', {
        turnout: percent(reason.turnout),
        share: percent(reason.leaderShare),
        threshold: report.parameters.highPercent,
      });
    case 'identical-protocol':
      return t('forensics.flag.identical-protocol', { other: reason.other });
    case 'control-relation':
      return t('forensics.flag.control-relation', { codes: reason.codes.join(', ') });
    case 'protocol-warning':
      return t('forensics.flag.protocol-warning', { codes: reason.codes.join(', ') });
    case 'district-outlier':
      return t('forensics.flag.district-outlier', {
        statistic: t(reason.statistic === 'turnout' ? 'forensics.turnout' : 'forensics.leaderShare'),
        value: percent(reason.value),
        median: percent(reason.median),
        z: number(reason.z, 1),
        threshold: report.parameters.outlierZ,
      });
  }
}
