import type { z } from 'zod';
import { err, ok, type Result } from '../model/result.ts';
import { type JournalEvent, journalEventSchema, journalPayloadSchemas } from './events.ts';

/** Why a sealed event is not one of its type: the first issue zod found, where it is. */
export interface MalformedEvent {
  /** The event's seq, or null when it has none that is a number. */
  readonly seq: number | null;
  /** Where in the event, e.g. `payload.protocol.lines.invalid`; `type` for an unknown type. */
  readonly path: string;
  readonly problem: string;
}

/**
 * Parses a sealed event — seq, prev, type, actor, at, payload, hash, signature — into a typed
 * journal event, or says which field is not what its type's schema requires. The hash and the
 * signature are not checked here: a parsed event is well formed, not authentic.
 */
export function parseJournalEvent(raw: unknown): Result<JournalEvent, MalformedEvent> {
  const seq = isObject(raw) && typeof raw.seq === 'number' ? raw.seq : null;
  if (!isObject(raw)) return err({ seq, path: '', problem: 'not an object' });
  if (typeof raw.type !== 'string' || !Object.hasOwn(journalPayloadSchemas, raw.type))
    return err({ seq, path: 'type', problem: `unknown event type ${JSON.stringify(raw.type) ?? 'undefined'}` });
  const parsed = journalEventSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err({ seq, path: pathOf(issue), problem: problemOf(issue) });
}

/** What is wrong, where: `payload.protocol.lines.invalid: expected number, received string`. */
export function malformedProblem({ path, problem }: MalformedEvent): string {
  return path === '' ? problem : `${path}: ${problem}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathOf(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return '';
  // A field no schema names is reported at its own place, not at the object holding it.
  const keys = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return keys.reduce<string>(
    (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? String(key) : `${path}.${String(key)}`),
    '',
  );
}

function problemOf(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'does not match its schema';
  if (issue.code === 'unrecognized_keys') return 'not a field of this event type';
  // Coded issues of the model's schemas carry a message code (src/model/input-error.ts).
  return issue.message.replace(/^Invalid input: /, '');
}
