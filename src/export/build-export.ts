import { buildCsv } from './csv-export.ts';
import type { ExportFormat, ExportInput, ExportResult } from './export-types.ts';
import { buildNistErr } from './nist-err-export.ts';
import { buildResultsJson } from './results-json-export.ts';

export {
  EXPORT_FORMATS,
  ExportError,
  isExportFormat,
  type ExportFile,
  type ExportFormat,
  type ExportInput,
  type ExportResult,
  type JournalHead,
} from './export-types.ts';

/**
 * The result exports of docs/exports.md, pure: the same election, tally, decisions, protocols and
 * journal head always give the same bytes (no clock, no locale, no map iteration order of a store).
 */
export function buildExport({ format, ...input }: ExportInput & { readonly format: ExportFormat }): ExportResult {
  switch (format) {
    case 'json':
      return buildResultsJson(input);
    case 'csv':
      return buildCsv(input);
    case 'nist-err':
      return buildNistErr(input);
    case 'nist-err-precinct':
      return buildNistErr({ ...input, precinct: true });
  }
}
