import type { MessageCode } from '../i18n/messages.ts';

/** A coded refusal from the store: the CLI prints it, the server answers it (api-error.ts). */
export class StoreError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Readonly<Record<string, string | number>> = {},
    /** The option or argument the problem is about. */
    readonly field = '--db',
  ) {
    super(code);
  }
}
