import type { MessageCode } from '../i18n/messages.ts';
import type { InputError } from '../model/input-error.ts';
import type { CodedRefusal, Subject } from '../model/refusal.ts';
import type { Result } from '../model/result.ts';
import type { StoreError } from '../store/store-error.ts';
import type { CliContext } from './context.ts';
import { type OutputOptions, reportInputError } from './run-document-command.ts';

/** The flag or argument a person gives for each subject of a refusal: where the CLI's names meet the services'. */
export const FLAG_OF: Readonly<Record<Subject, string>> = {
  username: '--id',
  commission: '--commission',
  password: '--password-file',
  reason: '--reason',
  dataset: 'DIR',
  database: '--db',
  keys: '--key',
  logKey: '--log-key',
  logOrigin: '--log-origin',
  organisation: '--organisation',
};

/** A refusal by a command itself, naming its flag: `withStore` prints it and exits 1 (docs/server.md, "Errors"). */
export class CliRefusal extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Readonly<Record<string, string | number>> = {},
    /** The flag or argument as the person typed it, or '' for none. */
    readonly flag = '',
  ) {
    super(code);
  }
}

/**
 * A service's or the store's refusal as the CLI reports it: its subject named as the flag, else the document path; the
 * flag also fills the message's {field}, as the API's field name does there.
 */
export function asCliInputError(refusal: CodedRefusal | StoreError): InputError {
  const flag = refusal.subject === undefined ? null : FLAG_OF[refusal.subject];
  return {
    code: refusal.code,
    field: flag ?? ('path' in refusal ? (refusal.path ?? '') : ''),
    params: flag === null ? refusal.params : { field: flag, ...refusal.params },
  };
}

/** The value of a service's result, or its refusal thrown for `withStore` to report. */
export function okOrRefuse<T>(result: Result<T, CodedRefusal>): T {
  if (result.ok) return result.value;
  const { code, params, field } = asCliInputError(result.error);
  throw new CliRefusal(code, params, field);
}

/**
 * A defect (a bug, not bad input) as a person sees it: INTERNAL_ERROR and the first line of what
 * went wrong, never a stack trace (docs/server.md, "Errors"); the command exits 2.
 */
export function reportDefect(error: unknown, options: OutputOptions, context: CliContext): void {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  reportInputError({ code: 'INTERNAL_ERROR', field: '', params: { detail } }, options, context);
}
