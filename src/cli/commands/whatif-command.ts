import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ruleVariant, type RuleVariant } from '../../analysis/whatif/rule-variants.ts';
import { whatIfContestsFromTally } from '../../analysis/whatif/from-tally.ts';
import { whatIf, type WhatIfContest } from '../../analysis/whatif/whatif.ts';
import { cliText } from '../../i18n/cli-text.ts';
import { resolveRules } from '../../law/rule-set.ts';
import { isRuleSetName, namedRuleSet } from '../../law/named-rule-sets.ts';
import { parseAllocationRequest } from '../../model/allocation-request.ts';
import { electionSchema } from '../../model/election.ts';
import type { InputError } from '../../model/input-error.ts';
import { parseJsonText, parseWith } from '../../model/parse-document.ts';
import { protocolSchema } from '../../model/protocol.ts';
import { err, ok, type Result } from '../../model/result.ts';
import { rulesJsonSchema } from '../../model/rules-schema.ts';
import { loadElection } from '../../services/election-service.ts';
import { currentTally } from '../../services/results-service.ts';
import { tallyElection } from '../../tally/tally-election.ts';
import type { CliContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { reportInputError } from '../run-document-command.ts';
import { type DbOptions, withStore } from './store-commands.ts';

/** What `whatif` compares when no `--rules` is given: the rules of 2023 and the alternatives argued about. */
export const DEFAULT_VARIANTS = [
  'kz-2023-majilis',
  'threshold-7',
  'threshold-3',
  'base-without-against-all',
  'dhondt',
  'sainte-lague',
  'all-list-2021',
] as const;

/**
 * A `--rules` value: a variant's name, `threshold-N`, or a JSON file holding a rules object or `{ id, rules,
 * allSeatsByList }`.
 */
function readVariant(value: string, context: CliContext): Result<RuleVariant, InputError> {
  const named = ruleVariant(value);
  if (named !== null) return ok(named);
  let text: string;
  try {
    text = context.io.readText(value);
  } catch {
    return err({
      code: 'INPUT_UNKNOWN_RULE_SET',
      field: '--rules',
      params: {
        value,
        known: `${DEFAULT_VARIANTS.join(', ')}, threshold-N, kz-2023-maslikhat, kz-2007-majilis, base-ballots, droop, or a JSON file`,
      },
    });
  }
  const document = parseJsonText(text);
  if (!document.ok) return err({ ...document.error, field: `--rules ${value}` });
  const wrapped = document.value as { id?: unknown; rules?: unknown; allSeatsByList?: unknown };
  const inner = typeof wrapped === 'object' && wrapped !== null && 'rules' in wrapped ? wrapped.rules : document.value;
  const id = typeof wrapped.id === 'string' ? wrapped.id : value;
  const allSeatsByList = wrapped.allSeatsByList === true;
  if (typeof inner === 'string') {
    if (!isRuleSetName(inner))
      return err({
        code: 'INPUT_UNKNOWN_RULE_SET',
        field: `--rules ${value}`,
        params: { value: inner, known: DEFAULT_VARIANTS.join(', ') },
      });
    return ok({ id, description: `${inner} (${value})`, rules: namedRuleSet(inner), allSeatsByList });
  }
  const rules = parseWith(rulesJsonSchema, inner);
  if (!rules.ok) return err({ ...rules.error, field: `--rules ${value} ${rules.error.field}`.trim() });
  return ok({
    id,
    description: `rules of ${value}`,
    rules: resolveRules(rules.value, { name: id, uncertain: [] }),
    allSeatsByList,
  });
}

/** The contests of a source: an allocation deck (one contest), a dataset directory, or the database. */
function readContests(source: string | undefined, context: CliContext): Result<WhatIfContest[], InputError> {
  if (source === undefined) {
    return err({ code: 'CLI_USAGE', field: 'SOURCE', params: { detail: 'a deck file, a dataset directory, or --db' } });
  }
  if (existsSync(source) && statSync(source).isDirectory()) {
    let texts: { election: string; protocols: string };
    try {
      texts = {
        election: context.io.readText(join(source, 'election.json')),
        protocols: context.io.readText(join(source, 'protocols.ndjson')),
      };
    } catch (error) {
      return err({
        code: 'INPUT_FILE_UNREADABLE',
        field: '',
        params: { path: `${source} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` },
      });
    }
    // A dataset that is there but wrong says where: `saylau validate DIR` lists every problem.
    const electionJson = parseJsonText(texts.election);
    if (!electionJson.ok) return err({ ...electionJson.error, field: 'election.json' });
    const parsedElection = parseWith(electionSchema, electionJson.value);
    if (!parsedElection.ok)
      return err({
        code: 'DATASET_SCHEMA',
        field: `election.json ${parsedElection.error.field}`.trim(),
        params: {
          detail: `election.json ${parsedElection.error.field} (${parsedElection.error.code}; saylau validate ${source})`,
        },
      });
    const election = parsedElection.value;
    const protocols = [];
    for (const [index, line] of texts.protocols.split('\n').entries()) {
      if (line === '') continue;
      const document = parseJsonText(line);
      const protocol = document.ok ? parseWith(protocolSchema, document.value) : document;
      if (!protocol.ok)
        return err({
          code: 'DATASET_SCHEMA',
          field: `protocols.ndjson:${index + 1}`,
          params: {
            detail: `protocols.ndjson line ${index + 1} ${protocol.error.field} (${protocol.error.code}; saylau validate ${source})`,
          },
        });
      protocols.push(protocol.value);
    }
    const bar = progressBar('tally', protocols.length);
    const tally = tallyElection({ election, protocols, onProgress: bar.update });
    bar.finish();
    return ok(whatIfContestsFromTally(election, tally));
  }
  let text: string;
  try {
    text = context.io.readText(source);
  } catch (error) {
    return err({
      code: 'INPUT_FILE_UNREADABLE',
      field: '',
      params: { path: `${source} (${(error as Error).message})` },
    });
  }
  const document = parseJsonText(text);
  if (!document.ok) return document;
  const deck = parseAllocationRequest(document.value);
  if (!deck.ok) return deck;
  const { seats, lists, againstAll, invalid, participants } = deck.value;
  const name = (document.value as { name?: unknown }).name;
  return ok([
    {
      id: typeof name === 'string' ? name : source,
      listSeats: seats,
      bodySeats: seats,
      lists,
      againstAll,
      invalid,
      participants,
      districtSeats: {},
    },
  ]);
}

function variantProblem(variant: RuleVariant, contest: WhatIfContest): InputError | null {
  const base = variant.rules.thresholdBase;
  if (base === 'participants' && contest.participants === undefined)
    return { code: 'INPUT_REQUIRED_FOR_BASE', field: 'participants', params: { base } };
  if (base === 'ballots' && contest.invalid === undefined)
    return { code: 'INPUT_REQUIRED_FOR_BASE', field: 'invalid', params: { base } };
  return null;
}

/**
 * `saylau whatif SOURCE|--db … [--rules A --rules B …] [--contest ID]`: a result re-run under
 * other rule sets, seats side by side with each one's difference from the first.
 */
export async function runWhatIf(
  source: string | undefined,
  options: DbOptions & { readonly rules?: readonly string[]; readonly contest?: string },
  context: CliContext,
): Promise<number> {
  const variants: RuleVariant[] = [];
  for (const name of options.rules !== undefined && options.rules.length > 0 ? options.rules : DEFAULT_VARIANTS) {
    const variant = readVariant(name, context);
    if (!variant.ok) {
      reportInputError(variant.error, options, context);
      return 1;
    }
    variants.push(variant.value);
  }
  const fromDb = options.db !== undefined && options.db !== '';
  let contests: WhatIfContest[] = [];
  if (fromDb) {
    const code = await withStore(options, context, async (store) => {
      const { election } = await loadElection(store);
      contests = whatIfContestsFromTally(election, await currentTally({ store, election }));
      return 0;
    });
    if (code !== 0) return code;
  } else {
    const read = readContests(source, context);
    if (!read.ok) {
      reportInputError(read.error, options, context);
      return 1;
    }
    contests = read.value;
  }
  const wanted = options.contest ?? (contests.length === 1 ? contests[0]?.id : 'majilis/list');
  const contest = contests.find((candidate) => candidate.id === wanted);
  if (contest === undefined) {
    reportInputError(
      { code: 'DATASET_UNKNOWN_REFERENCE', field: '--contest', params: { id: wanted ?? '' } },
      options,
      context,
    );
    return 1;
  }
  for (const variant of variants) {
    const problem = variantProblem(variant, contest);
    if (problem !== null) {
      reportInputError({ ...problem, field: `--rules ${variant.id}: ${problem.field}` }, options, context);
      return 1;
    }
  }
  const outcomes = whatIf({ contest, variants });
  if (options.json === true) {
    context.io.stdout(
      `${JSON.stringify({ contest: contest.id, listSeats: contest.listSeats, bodySeats: contest.bodySeats, variants: outcomes }, null, 2)}\n`,
    );
    return 0;
  }
  const holders = [...new Set(outcomes.flatMap((outcome) => Object.keys(outcome.totalSeats)))];
  const header = [cliText('whatif.holder', context.language), ...outcomes.map((outcome) => outcome.variant)];
  const rows = holders.map((holder) => [
    holder,
    ...outcomes.map((outcome, index) => {
      const seats = outcome.totalSeats[holder] ?? 0;
      const difference = outcome.difference[holder] ?? 0;
      return index === 0 || difference === 0 ? String(seats) : `${seats} (${difference > 0 ? '+' : ''}${difference})`;
    }),
  ]);
  const statuses = ['', ...outcomes.map((outcome) => (outcome.status === 'complete' ? '' : outcome.status))];
  const table = [header, ...rows, ...(statuses.some((status) => status !== '') ? [statuses] : [])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const lines = [
    cliText('whatif.heading', context.language, { contest: contest.id, seats: contest.bodySeats }),
    ...table.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
  ];
  for (const outcome of outcomes) lines.push(`  ${outcome.variant}: ${outcome.description}`);
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
