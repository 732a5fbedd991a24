import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliText } from '../../i18n/cli-text.ts';
import type { Language } from '../../i18n/language.ts';
import { formatMessage, type MessageCode } from '../../i18n/messages.ts';
import {
  CALENDAR_2023,
  type ElectionCalendar,
  isLocalDateTime,
  MINIMUM_WAGE_2023,
} from '../../law/registration-rules.ts';
import { ballotProofHtml } from '../../export/ballot-proof.ts';
import { electionSchema } from '../../model/election.ts';
import { calendarSchema, withdrawalSchema } from '../../model/nomination.ts';
import { parseJsonText, parseWith } from '../../model/parse-document.ts';
import { ballotsForStation } from '../../registration/ballots.ts';
import { nominationsFromElection } from '../../registration/dataset-nominations.ts';
import { deputiesOfBody, depositsReport } from '../../registration/deputies.ts';
import { loadElection } from '../../services/election-service.ts';
import {
  changeMandate,
  chooseDeputies,
  readRegistry,
  registerNominations,
  type RegistrationOutcome,
  submitNominations,
  withdrawCandidate,
} from '../../services/registration-service.ts';
import { currentTally } from '../../services/results-service.ts';
import { asCliInputError, CliRefusal } from '../cli-refusal.ts';
import { authorKey } from './key-commands.ts';
import type { CliContext } from '../context.ts';
import { reportInputError } from '../run-document-command.ts';
import { type DbOptions, withStore } from './store-commands.ts';

/** The message of a refusal in the reader's language (codes of the law, the registry and the input). */
function refusalText(
  code: MessageCode,
  params: Readonly<Record<string, string | number>>,
  language: Language,
  field = '',
): string {
  return formatMessage(code, language, { field, ...params });
}

/**
 * An outcome as `--json` prints it: flat, `ok` and the id first, then what was done or the refusal's code, the path
 * in the document it is about (if any) and its parameters.
 */
function outcomeJson({ id, result }: RegistrationOutcome): Record<string, unknown> {
  if (result.ok) return { ok: true, id, ...result.value };
  const { code, field, params } = asCliInputError(result.error);
  const named = result.error.path !== undefined || result.error.subject !== undefined;
  return { ok: false, id, code, ...(named ? { field } : {}), params };
}

/** Prints outcomes one per line (or as JSON); exit 1 when any request was refused outright. */
function printOutcomes(outcomes: readonly RegistrationOutcome[], options: DbOptions, context: CliContext): number {
  if (options.json === true) {
    context.io.stdout(`${JSON.stringify(outcomes.map(outcomeJson), null, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const { id, result } of outcomes) {
      if (!result.ok) {
        const { code, field, params } = asCliInputError(result.error);
        lines.push(
          `✗ ${id}: ${code}${field === '' ? '' : ` [${field}]`}: ${refusalText(code, params ?? {}, context.language, field)}`,
        );
        continue;
      }
      const outcome = result.value;
      if (outcome.registered === undefined)
        lines.push(
          `✓ ${id}${outcome.postponed === undefined || outcome.postponed === null ? '' : ` — ${cliText('registration.postponed', context.language, { contest: outcome.postponed })}`}`,
        );
      else
        lines.push(
          `${outcome.registered.length > 0 ? '✓' : '✗'} ${id}: ${cliText(outcome.registered.length > 0 ? 'registration.registered' : 'registration.refused', context.language, { count: outcome.registered.length })}`,
        );
      for (const refusal of outcome.refusals ?? [])
        lines.push(
          `    ${refusal.code}${refusal.candidateIds.length > 0 ? ` (${refusal.candidateIds.join(', ')})` : ''}: ${refusalText(refusal.code, refusal.params, context.language)}`,
        );
    }
    const received = outcomes.filter((outcome) => outcome.result.ok).length;
    lines.push(
      cliText('registration.summary', context.language, { done: received, refused: outcomes.length - received }),
    );
    context.io.stdout(`${lines.join('\n')}\n`);
  }
  return outcomes.every((outcome) => outcome.result.ok) ? 0 : 1;
}

/** Reads one nomination, an array of them, or NDJSON (one per line). */
function readDocuments(text: string): unknown[] | null {
  const whole = parseJsonText(text);
  if (whole.ok) return Array.isArray(whole.value) ? (whole.value as unknown[]) : [whole.value];
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const parsed = lines.map((line) => parseJsonText(line));
  return parsed.every((line) => line.ok) ? parsed.map((line) => (line.ok ? line.value : null)) : null;
}

/** `saylau nominate FILE | --from-dataset DIR`: nominations received by their contests' commissions. */
export function runNominate(
  file: string | undefined,
  options: DbOptions & { readonly fromDataset?: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { definition } = await loadElection(store);
    let documents: unknown[];
    if (options.fromDataset !== undefined) {
      const path = existsSync(join(options.fromDataset, 'election.json'))
        ? join(options.fromDataset, 'election.json')
        : options.fromDataset;
      const text = parseJsonText(context.io.readText(path));
      if (!text.ok)
        throw new CliRefusal(
          'INPUT_NOT_JSON',
          { ...text.error.params, detail: `${path}: ${String(text.error.params?.detail ?? '')}` },
          '--from-dataset',
        );
      const parsed = electionSchema.safeParse(text.value);
      if (!parsed.success)
        throw new CliRefusal(
          'DATASET_SCHEMA',
          { detail: `${path}: ${parsed.error.issues[0]?.message ?? ''}` },
          '--from-dataset',
        );
      documents = nominationsFromElection(parsed.data);
    } else {
      const read = readDocuments(context.io.readText(file ?? '-'));
      if (read === null) {
        reportInputError({ code: 'INPUT_NOT_JSON', field: '', params: { detail: file ?? '-' } }, options, context);
        return 1;
      }
      documents = read;
    }
    const { signer } = authorKey(options);
    return printOutcomes(await submitNominations({ store, definition, signer, documents }), options, context);
  });
}

function readCalendar(file: string | undefined, options: DbOptions, context: CliContext): ElectionCalendar | null {
  if (file === undefined) return CALENDAR_2023;
  const document = parseJsonText(context.io.readText(file));
  const parsed = document.ok ? parseWith(calendarSchema, document.value) : document;
  if (parsed.ok) return parsed.value;
  reportInputError({ ...parsed.error, field: `--calendar ${parsed.error.field}`.trim() }, options, context);
  return null;
}

/**
 * `saylau register (--nomination IDS | --all) --on TIME`: the commission's decisions, with the law's reasons for each
 * refusal.
 */
export function runRegister(
  options: DbOptions & {
    readonly nomination?: string;
    readonly all?: boolean;
    readonly on: string;
    readonly calendar?: string;
    readonly minimumWage?: string;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { definition } = await loadElection(store);
    if ((options.nomination === undefined) === (options.all !== true)) {
      reportInputError(
        { code: 'CLI_USAGE', field: '--nomination', params: { detail: '--nomination IDS or --all' } },
        options,
        context,
      );
      return 1;
    }
    const calendar = readCalendar(options.calendar, options, context);
    if (calendar === null) return 1;
    const minimumWage = Number(options.minimumWage ?? MINIMUM_WAGE_2023);
    if (!Number.isSafeInteger(minimumWage) || minimumWage <= 0) {
      reportInputError(
        {
          code: 'INPUT_INVALID_VALUE',
          field: '--minimum-wage',
          params: { expected: 'a positive whole number of tenge' },
        },
        options,
        context,
      );
      return 1;
    }
    if (!isLocalDateTime(options.on)) {
      reportInputError({ code: 'INPUT_INVALID_DATE', field: '--on', params: { value: options.on } }, options, context);
      return 1;
    }
    const { signer } = authorKey(options);
    const ids =
      options.all === true
        ? null
        : (options.nomination ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== '');
    return printOutcomes(
      await registerNominations({
        store,
        definition,
        signer,
        nominationIds: ids,
        decidedAt: options.on,
        calendar,
        minimumWage,
      }),
      options,
      context,
    );
  });
}

/** `saylau withdraw --candidate ID --on TIME --reason TEXT [--deregister | --died]`. */
export function runWithdraw(
  options: DbOptions & {
    readonly candidate: string;
    readonly on: string;
    readonly reason: string;
    readonly deregister?: boolean;
    readonly died?: boolean;
    readonly calendar?: string;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { definition } = await loadElection(store);
    const parsed = parseWith(withdrawalSchema, {
      candidateId: options.candidate,
      kind: options.died === true ? 'died' : options.deregister === true ? 'deregistered' : 'withdrawn',
      at: options.on,
      reason: options.reason,
    });
    if (!parsed.ok) {
      reportInputError(parsed.error, options, context);
      return 1;
    }
    const calendar = readCalendar(options.calendar, options, context);
    if (calendar === null) return 1;
    const { signer } = authorKey(options);
    return printOutcomes(
      [await withdrawCandidate({ store, definition, signer, withdrawal: parsed.value, calendar })],
      options,
      context,
    );
  });
}

/**
 * `saylau deputies --body ID`: who holds the body's seats; with `--party P` and `--choose IDS`,
 * `--vacate ID --reason T` or `--fill ID`, the party's decision; with `--deposits`, each deposit's fate.
 */
export function runDeputies(
  options: DbOptions & {
    readonly body: string;
    readonly party?: string;
    readonly choose?: string;
    readonly vacate?: string;
    readonly fill?: string;
    readonly reason?: string;
    readonly deposits?: boolean;
  },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election, definition } = await loadElection(store);
    if (!election.bodies.some((body) => body.id === options.body))
      throw new CliRefusal('DATASET_UNKNOWN_REFERENCE', { id: options.body }, '--body');
    const acting = [options.choose, options.vacate, options.fill].filter((value) => value !== undefined).length;
    if (
      acting > 1 ||
      (acting === 1) !== (options.party !== undefined) ||
      (options.vacate !== undefined && options.reason === undefined)
    ) {
      reportInputError(
        {
          code: 'CLI_USAGE',
          field: '--party',
          params: { detail: '--party P with one of --choose IDS, --vacate ID --reason TEXT, --fill ID' },
        },
        options,
        context,
      );
      return 1;
    }
    if (acting === 1) {
      const { signer } = authorKey(options);
      const partyId = options.party as string;
      let outcome: RegistrationOutcome;
      if (options.choose !== undefined) {
        const chosen = (options.choose.startsWith('@') ? context.io.readText(options.choose.slice(1)) : options.choose)
          .split(/[\s,]+/)
          .filter((id) => id !== '');
        outcome = await chooseDeputies({
          store,
          definition,
          election,
          signer,
          choice: { bodyId: options.body, partyId: partyId as never, chosen: chosen as never[] },
        });
      } else if (options.vacate !== undefined) {
        outcome = await changeMandate({
          store,
          definition,
          signer,
          change: {
            kind: 'vacate',
            bodyId: options.body,
            partyId,
            candidateId: options.vacate,
            reason: options.reason as string,
          },
        });
      } else {
        outcome = await changeMandate({
          store,
          definition,
          signer,
          change: { kind: 'fill', bodyId: options.body, partyId, candidateId: options.fill as string },
        });
      }
      return printOutcomes([outcome], options, context);
    }
    const registry = await readRegistry(store);
    const tally = await currentTally({ store, election });
    if (options.deposits === true) {
      const contests = new Set(
        election.contests.filter((contest) => contest.bodyId === options.body).map((contest) => contest.id as string),
      );
      const lines = depositsReport({ election, tally, registry }).filter((line) => contests.has(line.contestId));
      if (options.json === true) context.io.stdout(`${JSON.stringify(lines, null, 2)}\n`);
      else
        context.io.stdout(
          `${lines.map((line) => `${line.candidateId}\t${line.paid}\t${cliText(`deposit.${line.outcome}`, context.language)}${line.final ? '' : ` (${cliText('deposit.provisional', context.language)})`}`).join('\n')}\n`,
        );
      return 0;
    }
    const deputies = deputiesOfBody({ bodyId: options.body, election, tally, registry });
    if (options.json === true || deputies === null) {
      context.io.stdout(`${JSON.stringify(deputies, null, 2)}\n`);
      return 0;
    }
    const names = new Map(
      election.candidates.map((candidate) => [
        candidate.id as string,
        context.language === 'en' ? candidate.name.latin : candidate.name[context.language],
      ]),
    );
    const lines = [cliText('deputies.heading', context.language, { body: options.body, seats: deputies.seats })];
    for (const list of deputies.lists) {
      lines.push(
        `  ${list.partyId}: ${list.seats} — ${list.holders === null ? cliText('deputies.notChosen', context.language) : list.holders.map((id) => names.get(id) ?? id).join('; ')}${list.holders !== null && list.vacancies > 0 ? ` (${cliText('deputies.vacancies', context.language, { count: list.vacancies })})` : ''}`,
      );
    }
    for (const district of deputies.districts)
      lines.push(
        `  № ${district.number}: ${district.winner === null ? district.status : (names.get(district.winner) ?? district.winner)}`,
      );
    context.io.stdout(`${lines.join('\n')}\n`);
    return 0;
  });
}

/** `saylau ballots --precinct ID [--html DIR]`: the ballots a station's voters receive, printable in kk and ru. */
export function runBallots(
  options: DbOptions & { readonly precinct: string; readonly html?: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election } = await loadElection(store);
    const ballots = ballotsForStation(election, options.precinct);
    if (ballots === null) throw new CliRefusal('DATASET_UNKNOWN_REFERENCE', { id: options.precinct }, '--precinct');
    if (options.html !== undefined) {
      mkdirSync(options.html, { recursive: true });
      const files = (['kk', 'ru'] as const).map((language) => {
        const path = join(options.html as string, `${options.precinct.replace(/\//g, '_')}-${language}.html`);
        writeFileSync(path, ballotProofHtml({ stationId: options.precinct, ballots, language }));
        return path;
      });
      context.io.stdout(`${cliText('ballots.written', context.language, { files: files.join(', ') })}\n`);
      return 0;
    }
    if (options.json === true) {
      context.io.stdout(`${JSON.stringify({ stationId: options.precinct, ballots }, null, 2)}\n`);
      return 0;
    }
    const language = context.language;
    const lines: string[] = [];
    for (const ballot of ballots) {
      lines.push(`${ballot.title[language]} (${ballot.contestId})`);
      ballot.options.forEach((option, index) =>
        lines.push(
          `  ${index + 1}. ${option.label[language]}${option.detail === null ? '' : ` — ${option.detail[language]}`}`,
        ),
      );
      lines.push(`  —  ${cliText('ballots.againstAll', language)}`);
    }
    context.io.stdout(`${lines.join('\n')}\n`);
    return 0;
  });
}

/** `saylau candidates [--contest ID]`: registered candidates with their nomination and status. */
export function runCandidates(
  options: DbOptions & { readonly contest?: string },
  context: CliContext,
): Promise<number> {
  return withStore(options, context, async (store) => {
    const { election } = await loadElection(store);
    if (options.contest !== undefined && !election.contests.some((contest) => contest.id === options.contest))
      throw new CliRefusal('DATASET_UNKNOWN_REFERENCE', { id: options.contest }, '--contest');
    const registry = await readRegistry(store);
    const candidates = election.candidates.filter(
      (candidate) => options.contest === undefined || candidate.contestId === options.contest,
    );
    if (options.json === true) {
      const nominations = [...registry.nominations.values()]
        .filter((record) => options.contest === undefined || record.nomination.contestId === options.contest)
        .map((record) => ({
          id: record.nomination.id,
          contestId: record.nomination.contestId,
          status: record.status,
          refusals: record.refusals,
        }));
      context.io.stdout(`${JSON.stringify({ candidates, nominations }, null, 2)}\n`);
      return 0;
    }
    const name = (candidate: (typeof candidates)[number]): string =>
      context.language === 'en' ? candidate.name.latin : candidate.name[context.language];
    context.io.stdout(
      `${candidates.map((candidate) => `${candidate.contestId}\t${name(candidate)}\t${candidate.nomination}${candidate.nominatedBy === null ? '' : ` (${candidate.nominatedBy})`}\t${candidate.status}`).join('\n')}\n`,
    );
    return 0;
  });
}
