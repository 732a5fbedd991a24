import type { StationRecord } from '../forensics/station-record.ts';
import type { InputError } from '../../model/input-error.ts';
import { PROTOCOL_LINE_NUMBERS, PROTOCOL_LINES, type ProtocolLine, type ProtocolLines } from '../../model/protocol.ts';
import { err, ok, type Result } from '../../model/result.ts';
import { checkProtocol } from '../../tally/protocol-checks.ts';
import { parseCsv } from './csv.ts';
import { resolveMapping, type ResolvedMapping, type StationMapping } from './mapping.ts';
import { assertDefined } from '../../law/assert.ts';

export interface ForeignStations {
  readonly stations: StationRecord[];
  readonly options: string[];
  readonly optionNames: Record<string, string>;
  /** Protocol lines the source has, as numbered on the form. */
  readonly knownLines: string[];
}

/**
 * Lines docs/dataset.md §1.4 defaults to 0 when a protocol leaves them out, and "against all" where
 * the ballot has no such line.
 */
const ZERO_WHEN_ABSENT: readonly ProtocolLine[] = ['lost', 'unaccounted', 'againstAll'];

/**
 * The stations of a foreign CSV through a mapping. Each protocol is checked with `checkProtocol`,
 * keeping only the relations whose every line the source has: a relation the mapping cannot
 * express is not reported as broken.
 */
export function stationsFromCsv(
  text: string,
  mapping: StationMapping,
  onProgress?: (rows: number) => void,
): Result<ForeignStations, InputError> {
  let resolved: ResolvedMapping | undefined;
  let failure: InputError | undefined;
  let header: string[] = [];
  const stations: StationRecord[] = [];
  let known = new Set<string>();
  parseCsv(text, mapping.delimiter, (cells, row) => {
    if (failure !== undefined) return;
    if (row === 1) {
      header = cells;
      const result = resolveMapping(mapping, cells);
      if (!result.ok) failure = result.error;
      else {
        resolved = result.value;
        known = new Set([
          ...PROTOCOL_LINES.filter(
            (line) => result.value.lines[line] !== undefined || ZERO_WHEN_ABSENT.includes(line),
          ).map((line) => PROTOCOL_LINE_NUMBERS[line]),
          '10…',
        ]);
      }
      return;
    }
    if (cells.length === 1 && cells[0] === '') return;
    const map = resolved as ResolvedMapping;
    if (cells.length !== header.length) {
      failure = {
        code: 'FORENSICS_CSV_ROW_LENGTH',
        field: `row ${row}`,
        params: { row, got: cells.length, expected: header.length },
      };
      return;
    }
    const count = (column: number): number | undefined => {
      const cell = assertDefined(cells[column]).trim();
      const value = /^\d{1,15}$/.test(cell) ? Number(cell) : Number.NaN;
      if (Number.isNaN(value))
        failure = {
          code: 'FORENSICS_CSV_BAD_VALUE',
          field: assertDefined(header[column]),
          params: { row, column: assertDefined(header[column]), value: cell.slice(0, 40) },
        };
      return Number.isNaN(value) ? undefined : value;
    };
    const sum = (columns: readonly number[] | undefined): number =>
      (columns ?? []).reduce((total, column) => total + (count(column) ?? 0), 0);
    const lines = Object.fromEntries(PROTOCOL_LINES.map((line) => [line, sum(map.lines[line])])) as ProtocolLines;
    const votes: Record<string, number> = {};
    for (const option of map.options) votes[option.id] = count(option.column) ?? 0;
    if (failure !== undefined) return;
    const findings = checkProtocol({ lines, votes, options: map.options.map((option) => option.id) })
      .filter((finding) => finding.lines.every((line) => known.has(line)))
      .map(({ code, severity }) => ({ code, severity }));
    stations.push({
      id: map.id.map((column) => cells[column]).join(' / '),
      district: map.district.map((column) => cells[column]).join(' / '),
      votersOnList: lines.votersOnList,
      issued: lines.issuedInPremises + lines.issuedOutside,
      found: lines.foundStationary + lines.foundMobile,
      invalid: lines.invalid,
      votes,
      ...(map.lines.againstAll === undefined ? {} : { againstAll: lines.againstAll }),
      findings,
    });
    if (onProgress !== undefined && row % 5000 === 0) onProgress(row);
  });
  if (failure !== undefined) return err(failure);
  if (resolved === undefined) return err({ code: 'FORENSICS_NO_STATIONS', field: '', params: { contest: '(CSV)' } });
  const { options } = resolved;
  return ok({
    stations,
    options: options.map((option) => option.id),
    optionNames: Object.fromEntries(options.map((option) => [option.id, option.name])),
    knownLines: [...known],
  });
}
