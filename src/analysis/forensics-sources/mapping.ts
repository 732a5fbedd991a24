import { z } from 'zod';
import type { InputError } from '../../model/input-error.ts';
import { PROTOCOL_LINE_NUMBERS, type ProtocolLine } from '../../model/protocol.ts';
import { err, ok, type Result } from '../../model/result.ts';
import { assertDefined } from '../../law/assert.ts';

/** A column pattern: a regular expression over the header (case-insensitive); optional ones may match nothing. */
const patternSchema = z.union([z.string().min(1), z.object({ pattern: z.string().min(1), optional: z.literal(true) })]);
const patternsSchema = z.array(patternSchema).min(1);

/**
 * How a station-level CSV of another system becomes protocols (docs/forensics.md): which columns
 * name the station and its district, which columns sum to each protocol line of docs/dataset.md
 * §1.4, and which of the rest are not options. Columns are found by pattern, so one mapping serves
 * every year of a source whose headers drift.
 */
export const stationMappingSchema = z.object({
  format: z.literal('saylau-station-mapping/1'),
  description: z.string().optional(),
  delimiter: z.string().length(1).default(','),
  /** In a zip, the entry to read (a pattern over entry names); default the first `.csv`. */
  entry: z.string().optional(),
  station: z.object({ id: patternsSchema, district: patternsSchema }),
  lines: z
    .object({
      votersOnList: patternsSchema,
      ballotsReceived: patternsSchema.optional(),
      issuedInPremises: patternsSchema,
      issuedOutside: patternsSchema.optional(),
      absentee: patternsSchema.optional(),
      cancelled: patternsSchema.optional(),
      foundStationary: patternsSchema,
      foundMobile: patternsSchema.optional(),
      invalid: patternsSchema,
      againstAll: patternsSchema.optional(),
      lost: patternsSchema.optional(),
      unaccounted: patternsSchema.optional(),
    })
    .strict(),
  options: z.object({
    /** Columns left over that are not options (links, absentee-certificate accounting, a "valid" total…). */
    exclude: z.array(z.string().min(1)).default([]),
    /** A pattern whose first group is the option's display name (its id is the whole header). */
    name: z.string().optional(),
  }),
});

export type StationMapping = z.infer<typeof stationMappingSchema>;
type Pattern = z.infer<typeof patternSchema>;

export interface ResolvedMapping {
  readonly id: readonly number[];
  readonly district: readonly number[];
  /** Columns summed into each line the source has; a line absent here is unknown. */
  readonly lines: Partial<Record<ProtocolLine, readonly number[]>>;
  readonly options: readonly { readonly column: number; readonly id: string; readonly name: string }[];
}

function compile(pattern: string, field: string): Result<RegExp, InputError> {
  try {
    return ok(new RegExp(pattern, 'iu'));
  } catch (error) {
    return err({
      code: 'FORENSICS_MAPPING_BAD_PATTERN',
      field,
      params: { pattern, detail: error instanceof Error ? error.message : String(error) },
    });
  }
}

/**
 * Finds every column of `header`. A column claimed by two lines, a required pattern that matches
 * no column, and an id pattern matching more than one column are errors with codes: a mapping that
 * silently double-counts or misses a line would make every figure after it wrong.
 */
export function resolveMapping(
  mapping: StationMapping,
  header: readonly string[],
): Result<ResolvedMapping, InputError> {
  const claimed = new Map<number, string>();
  const claim = (patterns: readonly Pattern[], field: string, single: boolean): Result<number[], InputError> => {
    const columns: number[] = [];
    for (const [index, entry] of patterns.entries()) {
      const pattern = typeof entry === 'string' ? entry : entry.pattern;
      const regex = compile(pattern, `${field}[${index}]`);
      if (!regex.ok) return regex;
      const matched = header.flatMap((name, column) => (regex.value.test(name) ? [column] : []));
      if (matched.length === 0 && typeof entry === 'string')
        return err({ code: 'FORENSICS_MAPPING_COLUMN_MISSING', field: `${field}[${index}]`, params: { pattern } });
      if (single && matched.length > 1)
        return err({
          code: 'FORENSICS_MAPPING_AMBIGUOUS',
          field: `${field}[${index}]`,
          params: { column: assertDefined(header[assertDefined(matched[1])]), first: pattern, second: pattern },
        });
      for (const column of matched) {
        const owner = claimed.get(column);
        if (owner !== undefined && !(single && owner.startsWith('station.')))
          return err({
            code: 'FORENSICS_MAPPING_AMBIGUOUS',
            field: `${field}[${index}]`,
            params: { column: assertDefined(header[column]), first: owner, second: field },
          });
        claimed.set(column, field);
        columns.push(column);
      }
    }
    return ok(columns);
  };
  const id = claim(mapping.station.id, 'station.id', true);
  if (!id.ok) return id;
  const district = claim(mapping.station.district, 'station.district', true);
  if (!district.ok) return district;
  const lines: Partial<Record<ProtocolLine, number[]>> = {};
  for (const line of Object.keys(PROTOCOL_LINE_NUMBERS) as ProtocolLine[]) {
    const patterns = mapping.lines[line];
    if (patterns === undefined) continue;
    const columns = claim(patterns, `lines.${line}`, false);
    if (!columns.ok) return columns;
    if (columns.value.length > 0) lines[line] = columns.value;
  }
  const excluded: RegExp[] = [];
  for (const [index, pattern] of mapping.options.exclude.entries()) {
    const regex = compile(pattern, `options.exclude[${index}]`);
    if (!regex.ok) return regex;
    excluded.push(regex.value);
  }
  const namePattern = mapping.options.name === undefined ? null : compile(mapping.options.name, 'options.name');
  if (namePattern !== null && !namePattern.ok) return namePattern;
  const options = header.flatMap((name, column) => {
    if (claimed.has(column) || excluded.some((regex) => regex.test(name))) return [];
    const display = namePattern === null ? undefined : namePattern.value.exec(name)?.[1];
    return [{ column, id: name, name: display ?? name }];
  });
  if (options.length === 0)
    return err({ code: 'FORENSICS_MAPPING_COLUMN_MISSING', field: 'options', params: { pattern: '(options)' } });
  return ok({ id: id.value, district: district.value, lines, options });
}
