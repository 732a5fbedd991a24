import type { MessageCode } from '../i18n/messages.ts';
import type { Subject } from '../model/refusal.ts';

/**
 * A coded failure of the database or its keys (busy, damaged, not initialised, keys unreadable),
 * thrown: the CLI prints it naming its flag, the server answers it naming its field or none
 * (flag-names.ts, field-names.ts). Refusals a person causes are values instead (model/refusal.ts).
 */
export class StoreError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Readonly<Record<string, string | number>> = {},
    /** What the problem is about: the database itself unless said otherwise. */
    readonly subject: Subject = 'database',
  ) {
    super(code);
  }
}
