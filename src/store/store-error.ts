import type { MessageCode } from '../i18n/messages.ts';
import type { SealedEvent } from '../journal/event.ts';
import type { JournalEvent } from '../journal/events.ts';
import { malformedProblem, parseJournalEvent } from '../journal/parse-event.ts';
import type { Subject } from '../model/refusal.ts';

/**
 * A coded failure of the database or its keys (busy, damaged, not initialised, keys unreadable),
 * thrown: the CLI prints it naming its flag, the server answers it naming its field or none
 * (cli/cli-refusal.ts, server/field-names.ts). Refusals a person causes are values instead (model/refusal.ts).
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

/**
 * A journal row read back as a typed event; one its type's schema refuses is damage to the journal
 * (`STORE_INTEGRITY_JOURNAL`, naming the seq and the field), never a crash further on.
 */
export function parsedEventOrDamage(raw: SealedEvent): JournalEvent {
  const parsed = parseJournalEvent(raw);
  if (parsed.ok) return parsed.value;
  throw new StoreError('STORE_INTEGRITY_JOURNAL', { seq: raw.seq, problem: malformedProblem(parsed.error) });
}
