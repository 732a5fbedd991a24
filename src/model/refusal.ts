import type { MessageCode } from '../i18n/messages.ts';
import { err } from './result.ts';

/**
 * What a refusal is about, in the application's own words. Each edge names it its own way, in one
 * table: the CLI as a flag (src/cli/cli-refusal.ts), the server as a body or path field
 * (src/server/field-names.ts); below them nobody knows either (docs/server.md, "Errors").
 */
export type Subject =
  | 'username'
  | 'commission'
  | 'password'
  | 'reason'
  | 'dataset'
  | 'database'
  | 'keys'
  // The transparency log's key file and origin (docs/transparency-log.md, "Serving the log").
  | 'logKey'
  | 'logOrigin'
  // The organisation a witness speaks for (docs/witness.md).
  | 'organisation';

export type RefusalParams = Readonly<Record<string, string | number>>;

/**
 * A refusal a person can cause, returned as a value (`Result`, model/result.ts) by a service and by the
 * domain's decisions: the one shape of a refusal (docs/architecture.md, "Errors").
 */
export interface CodedRefusal {
  readonly code: MessageCode;
  readonly params: RefusalParams;
  readonly subject?: Subject;
  /**
   * Where in a document a refusal of its content is (`candidates[0].birthDate`, '' for the document itself): the
   * document's own words, which both edges show as they are.
   */
  readonly path?: string;
}

/** `err` of a coded refusal: what a service returns instead of throwing. */
export function refuse(
  code: MessageCode,
  params: RefusalParams = {},
  subject?: Subject,
): { readonly ok: false; readonly error: CodedRefusal } {
  return err(subject === undefined ? { code, params } : { code, params, subject });
}
