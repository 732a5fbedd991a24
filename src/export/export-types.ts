import type { Election } from '../model/election.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Decisions } from '../tally/decisions.ts';
import type { ElectionTally } from '../tally/tally-election.ts';

/** The result exports of docs/exports.md (the verifiable bundle is the store's, not one of these). */
export const EXPORT_FORMATS = ['json', 'csv', 'nist-err', 'nist-err-precinct'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The journal's last event: what the export is a snapshot of, and its only clock. */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
  /** The `at` of the head event (ISO 8601, UTC). */
  readonly at: string;
}

export interface ExportInput {
  readonly election: Election;
  readonly tally: ElectionTally;
  readonly decisions: Decisions;
  /** The current (accepted) protocols, parsed; order does not matter. */
  readonly protocols: readonly Protocol[];
  readonly head: JournalHead;
}

export interface ExportFile {
  /** A plain file name (no directory). */
  readonly name: string;
  readonly content: string;
}

export interface ExportResult {
  readonly files: readonly ExportFile[];
}

/** A count a format cannot carry exactly: NIST ERR counts are JSON numbers, exact only up to 2^53 − 1. */
export class ExportError extends Error {
  constructor(
    readonly code: 'INPUT_UNSAFE_INTEGER',
    readonly where: string,
    readonly value: string,
  ) {
    super(`${code}: ${where} = ${value}`);
  }
}
