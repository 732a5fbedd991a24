import type { MessageCode } from '../i18n/messages.ts';
import { err } from './result.ts';

/**
 * What a refusal is about, in the application's own words. Each edge names it its own way, in one
 * table: the CLI as a flag (src/cli/cli-refusal.ts), the server as a body or path field
 * (src/server/field-names.ts); below them nobody knows either (docs/server.md, "Errors").
 */
export type Subject = 'username' | 'commission' | 'password' | 'reason' | 'dataset' | 'database' | 'keys';

export type RefusalParams = Readonly<Record<string, string | number>>;

/** A refusal a person can cause, returned as a value (`Result`, model/result.ts) by a service. */
export interface CodedRefusal {
  readonly code: MessageCode;
  readonly params: RefusalParams;
  readonly subject?: Subject;
}

/** `err` of a coded refusal: what a service returns instead of throwing. */
export function refuse(
  code: MessageCode,
  params: RefusalParams = {},
  subject?: Subject,
): { readonly ok: false; readonly error: CodedRefusal } {
  return err(subject === undefined ? { code, params } : { code, params, subject });
}
