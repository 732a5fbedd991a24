import { z } from 'zod';
import { parseCalendarDate } from '../../law/calendar-date.ts';
import { codedIssue, type InputError } from '../../model/input-error.ts';
import { parseJsonText, parseWith } from '../../model/parse-document.ts';
import { err, type Result } from '../../model/result.ts';
import { parseCsvRows } from './csv-rows.ts';

const dateSchema = z.string().superRefine((text, context) => {
  if (parseCalendarDate(text) === null) context.addIssue(codedIssue('INPUT_INVALID_DATE', [], { value: text }));
});
const percentSchema = z.number().min(0).max(100);
const listIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/);

/** One published poll. Shares are percentages of all respondents, as pollsters publish them. */
export const pollSchema = z
  .object({
    pollster: z.string().min(1),
    fieldworkStart: dateSchema,
    fieldworkEnd: dateSchema,
    sampleSize: z.number().int().positive().max(10_000_000),
    shares: z.record(listIdSchema, percentSchema),
    againstAll: percentSchema.default(0),
    undecided: percentSchema.default(0),
    /** Lists whose share is our assumption rather than the pollster's figure (shown as such). */
    assumed: z.array(listIdSchema).default([]),
    source: z.string().optional(),
  })
  .superRefine((poll, context) => {
    if (poll.fieldworkStart > poll.fieldworkEnd)
      context.addIssue(
        codedIssue('FORECAST_FIELDWORK_ORDER', ['fieldworkEnd'], {
          start: poll.fieldworkStart,
          end: poll.fieldworkEnd,
        }),
      );
    const total = Object.values(poll.shares).reduce((a, b) => a + b, 0) + poll.againstAll + poll.undecided;
    // Published percentages are rounded: half a point over 100 is rounding, more is a mistake.
    if (total > 100.5)
      context.addIssue(codedIssue('FORECAST_SHARES_EXCEED', ['shares'], { total: Number(total.toFixed(2)) }));
    const decided = Object.values(poll.shares).reduce((a, b) => a + b, 0) + poll.againstAll;
    if (decided <= 0) context.addIssue(codedIssue('FORECAST_NO_DECIDED', ['shares']));
  });

const pollTranslationSchema = z.strictObject({
  assumptions: z.array(z.string()).optional(),
  pollsters: z.record(z.string(), z.string()).optional(),
});

export const pollFileSchema = z
  .object({
    title: z.string().optional(),
    /** The day the forecast is for, unless --as-of says otherwise. */
    electionDate: dateSchema.optional(),
    /** Where every assumed number comes from: repeated in the forecast's output. */
    assumptions: z.array(z.string()).default([]),
    sources: z.array(z.string()).default([]),
    polls: z.array(pollSchema).min(1),
    /**
     * The assumptions and pollsters' names in Kazakh and Russian, for the site's pages in those
     * languages; the fields above stay the English originals (docs/forecast.md, "Poll files").
     */
    translations: z
      .strictObject({ kk: pollTranslationSchema.optional(), ru: pollTranslationSchema.optional() })
      .default({}),
  })
  .superRefine((file, context) => {
    const lists = (poll: (typeof file.polls)[number]): string => Object.keys(poll.shares).sort().join(',');
    // zod runs this even when `polls` failed its own check (empty), so look before reading.
    const firstPoll = file.polls[0];
    if (firstPoll === undefined) return;
    const first = lists(firstPoll);
    file.polls.forEach((poll, index) => {
      // A list a pollster did not ask about is not a list with 0 %: refuse rather than guess.
      if (lists(poll) !== first)
        context.addIssue(
          codedIssue('FORECAST_LISTS_DIFFER', ['polls', index, 'shares'], { expected: first, got: lists(poll) }),
        );
    });
  });

export type Poll = z.output<typeof pollSchema>;
export type PollFile = z.output<typeof pollFileSchema>;

const CSV_FIXED = ['pollster', 'fieldworkStart', 'fieldworkEnd', 'sampleSize', 'againstAll', 'undecided'] as const;

/**
 * The polls as CSV: a header `pollster,fieldworkStart,fieldworkEnd,sampleSize,againstAll,undecided`
 * followed by one column per list id; one poll a row. Numbers are checked by the same schema.
 */
export function pollsFromCsv(text: string): Result<PollFile, InputError> {
  const rows = parseCsvRows(text);
  if (!rows.ok) return rows;
  const [header, ...body] = rows.value;
  const missing = CSV_FIXED.find((name) => !(header ?? []).includes(name));
  if (header === undefined || missing !== undefined)
    return err({ code: 'INPUT_MISSING_FIELD', field: `csv:${missing ?? CSV_FIXED[0]}` });
  const lists = header.filter((name) => !(CSV_FIXED as readonly string[]).includes(name));
  const number = (cell: string): number | string =>
    cell.trim() === '' || Number.isNaN(Number(cell)) ? cell : Number(cell);
  const polls = body.map((row) => {
    const cell = (name: string): string => row[header.indexOf(name)] ?? '';
    return {
      pollster: cell('pollster'),
      fieldworkStart: cell('fieldworkStart'),
      fieldworkEnd: cell('fieldworkEnd'),
      sampleSize: number(cell('sampleSize')),
      againstAll: number(cell('againstAll')),
      undecided: number(cell('undecided')),
      shares: Object.fromEntries(lists.map((list) => [list, number(cell(list))])),
    };
  });
  return parseWith(pollFileSchema, { polls });
}

/** A poll file: JSON if it looks like JSON, otherwise CSV. */
export function parsePollFile(text: string): Result<PollFile, InputError> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const document = parseJsonText(text);
    return document.ok ? parseWith(pollFileSchema, document.value) : document;
  }
  return pollsFromCsv(text);
}
