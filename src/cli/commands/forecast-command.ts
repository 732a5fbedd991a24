import { loadPollFile, loadPrevious, previousFromSource } from '../../analysis/forecast-data.ts';
import { type Forecast, forecastMajilis } from '../../analysis/forecast/forecast.ts';
import {
  DEFAULT_SEED,
  DEFAULT_SIMULATIONS,
  MAX_SIMULATIONS,
  MIN_SIMULATIONS,
} from '../../analysis/forecast/model-parameters.ts';
import type { PreviousElection } from '../../analysis/forecast/previous-election.ts';
import type { SeatDistribution } from '../../analysis/forecast/summary.ts';
import { cliText, type CliTextKey } from '../../i18n/cli-text.ts';
import type { Language } from '../../i18n/language.ts';
import { formatCount, formatDecimal, formatPercent, percentThreshold } from '../../i18n/format.ts';
import { parseCalendarDate } from '../../law/calendar-date.ts';
import type { InputError } from '../../model/input-error.ts';
import { err, ok, type Result } from '../../model/result.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { storeElectionSource } from '../store-election-source.ts';
import { textTable } from '../report/text-table.ts';
import { reportInputError, type OutputOptions } from '../run-document-command.ts';
import { withStore } from './store-commands.ts';

export interface ForecastOptions extends OutputOptions {
  readonly previous?: string;
  readonly db?: string;
  readonly simulations?: string;
  readonly seed?: string;
  readonly asOf?: string;
}

function integerOption(
  value: string | undefined,
  field: string,
  fallback: number,
  minimum: number,
  maximum: number,
): Result<number, InputError> {
  if (value === undefined) return ok(fallback);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < minimum || parsed > maximum)
    return err({ code: 'INPUT_OUT_OF_RANGE', field, params: { value, minimum, maximum } });
  return ok(parsed);
}

/** `saylau forecast POLLS [--previous DIR|FILE | --db …] [--simulations N] [--seed N] [--as-of DATE] [--json]`. */
export async function runForecast(pollsPath: string, options: ForecastOptions, context: CliContext): Promise<number> {
  const fail = (error: InputError): number => {
    reportInputError(error, options, context);
    return 1;
  };
  const simulations = integerOption(
    options.simulations,
    '--simulations',
    DEFAULT_SIMULATIONS,
    MIN_SIMULATIONS,
    MAX_SIMULATIONS,
  );
  if (!simulations.ok) return fail(simulations.error);
  const seed = integerOption(options.seed, '--seed', DEFAULT_SEED, 0, 0xffffffff);
  if (!seed.ok) return fail(seed.error);
  if (options.asOf !== undefined && parseCalendarDate(options.asOf) === null)
    return fail({ code: 'INPUT_INVALID_DATE', field: '--as-of', params: { value: options.asOf } });
  if (options.previous !== undefined && options.db !== undefined)
    return fail({ code: 'CLI_USAGE', field: '--db', params: { detail: '--previous or --db, not both' } });
  const polls = loadPollFile(pollsPath, context.io.readText);
  if (!polls.ok) return fail(polls.error);

  const run = (previous: PreviousElection): number => {
    const bar = progressBar('forecast', simulations.value);
    const result = forecastMajilis({
      polls: polls.value,
      previous,
      simulations: simulations.value,
      seed: seed.value,
      asOf: options.asOf,
      onProgress: bar.update,
    });
    bar.finish();
    if (!result.ok) return fail(result.error);
    context.io.stdout(
      options.json === true
        ? `${JSON.stringify(result.value, null, 2)}\n`
        : forecastText(result.value, context.language),
    );
    return 0;
  };
  if (options.db !== undefined)
    return withStore({ db: options.db, json: options.json }, context, async (store) =>
      run(await previousFromSource(storeElectionSource(store), `database ${options.db}`)),
    );
  const previous = loadPrevious(options.previous);
  return previous.ok ? run(previous.value) : fail(previous.error);
}

const range = (interval: readonly [number, number]): string => `${interval[0]}–${interval[1]}`;
const seats = (distribution: SeatDistribution): string => `${distribution.median} [${range(distribution.interval80)}]`;

/** The readable report: lists, other seat holders, districts, and every assumption. */
export function forecastText(forecast: Forecast, language: Language): string {
  // A chance short of certainty never reads 100 % (docs/formatting.md, "Near a threshold").
  const percent = (value: number): string =>
    formatPercent(value, language, { digits: 1, thresholds: [percentThreshold(100)] });
  const decimal = (value: number): string => formatDecimal(value, language, 1);
  const t = (key: CliTextKey, params: Record<string, string | number> = {}): string => cliText(key, language, params);
  const holderName = (id: string): string =>
    id === 'self-nominated' || id === 'public-association' ? t(`forecast.${id}`) : id;
  const lines = [
    t('forecast.heading', {
      simulations: formatCount(forecast.simulations, language),
      seed: forecast.seed,
      asOf: forecast.asOf,
    }),
  ];
  for (const poll of forecast.polls)
    lines.push(
      t('forecast.poll', {
        pollster: poll.pollster,
        start: poll.fieldworkStart,
        end: poll.fieldworkEnd,
        size: formatCount(poll.sampleSize, language),
        weight: poll.weight,
        age: poll.ageDays,
      }),
    );
  const { model } = forecast;
  lines.push(
    t('forecast.model', {
      halfLife: model.halfLifeDays,
      deff: model.designEffect,
      neff: model.effectiveSampleSize,
      sigma: model.systematicErrorSigma,
      regional: model.regionalSwingSigma,
      validVotes: formatCount(model.validVotes, language),
    }),
  );
  lines.push(t('forecast.previous', { source: forecast.previous.source }), t('forecast.seatsRule'), '');
  const header = [
    'forecast.columnList',
    'forecast.columnPoll',
    'forecast.columnShare',
    'forecast.columnPass',
    'forecast.columnListSeats',
    'forecast.columnSmdSeats',
    'forecast.columnTotal',
    'forecast.columnMajority',
    'forecast.columnTwoThirds',
  ] as const;
  const rows = forecast.lists.map((list) => [
    list.id,
    decimal(list.pollAverage),
    `${decimal(list.share.median)} [${list.share.interval80.map(decimal).join('–')}]`,
    percent(list.passThreshold),
    seats(list.listSeats),
    seats(list.smdSeats),
    `${list.totalSeats.median} [${range(list.totalSeats.interval80)}] [${range(list.totalSeats.interval95)}]`,
    percent(list.majority),
    percent(list.twoThirds),
  ]);
  rows.push([
    t('forecast.againstAll'),
    decimal(forecast.againstAll.pollAverage),
    `${decimal(forecast.againstAll.share.median)} [${forecast.againstAll.share.interval80.map(decimal).join('–')}]`,
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  for (const holder of forecast.otherHolders)
    rows.push([
      holderName(holder.id),
      '',
      '',
      '',
      '',
      seats(holder.smdSeats),
      `${holder.totalSeats.median} [${range(holder.totalSeats.interval80)}] [${range(holder.totalSeats.interval95)}]`,
      percent(holder.majority),
      percent(holder.twoThirds),
    ]);
  lines.push(
    textTable(
      header.map((key) => t(key)),
      rows,
    ),
    '',
    t('forecast.districts'),
  );
  for (const district of forecast.districts) {
    const favourite = district.favourite;
    const winner = `${holderName(favourite.nomination)}${favourite.name === null ? '' : ` (${favourite.name})`}`;
    lines.push(
      `  ${t('forecast.district', { number: district.number, region: district.region, winner, probability: percent(favourite.probability) })}`,
    );
  }
  if (forecast.assumptions.length > 0)
    lines.push('', `${t('forecast.assumptions')}:`, ...forecast.assumptions.map((assumption) => `  - ${assumption}`));
  return `${lines.join('\n')}\n`;
}
