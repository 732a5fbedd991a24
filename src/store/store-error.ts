import type { MessageCode } from '../i18n/messages.ts';
import type { SealedEvent } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { malformedProblem, parseJournalEvent } from '../journal/parse-event.ts';

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

/**
 * A journal row read back as a typed event; one its type's schema refuses is damage to the journal
 * (`STORE_INTEGRITY_JOURNAL`, naming the seq and the field), never a crash further on.
 */
export function parsedEventOrDamage(raw: SealedEvent): JournalEvent {
  const parsed = parseJournalEvent(raw);
  if (parsed.ok) return parsed.value;
  throw new StoreError('STORE_INTEGRITY_JOURNAL', { seq: raw.seq, problem: malformedProblem(parsed.error) });
}
