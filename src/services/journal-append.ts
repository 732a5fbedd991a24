import { eventHash, type SealedEvent, type UnsignedEvent } from '../journal/event.ts';
import type { z } from 'zod';
import {
  eventBodyOf,
  type JournalEvent,
  type JournalEventBody,
  type JournalPayload,
  journalPayloadSchemas,
} from '../journal/events.ts';
import type { SigningKey } from '../journal/keys.ts';
import { signDigests } from '../journal/parallel-signer.ts';
import type { StoreWriter } from '../store/store.ts';
import { noteAppended } from './appended-events.ts';

export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();

/**
 * Appends events to the chain inside a write transaction: seq and prev follow the locked head.
 * Consecutive events of one key are sealed together, so that their signatures use both cores.
 */
export async function append(
  writer: StoreWriter,
  payloads: readonly { payload: JournalPayload; key: SigningKey }[],
  at: string,
): Promise<JournalEvent[]> {
  let head = await writer.head();
  const events: JournalEvent[] = [];
  for (let start = 0; start < payloads.length;) {
    const key = (payloads[start] as { key: SigningKey }).key;
    let end = start;
    while (end < payloads.length && (payloads[end] as { key: SigningKey }).key === key) end += 1;
    const run = payloads
      .slice(start, end)
      .map(({ payload }, offset) => ({ seq: head.seq + offset + 1, at, ...checkedBody(payload) }));
    const sealed = await sealChain(run, head.hash, key);
    events.push(...sealed);
    head = { seq: head.seq + run.length, hash: sealed.at(-1)?.hash ?? head.hash };
    start = end;
  }
  await writer.appendEvents(events);
  noteAppended(events);
  return events;
}

/**
 * The payload apart from its type, checked against the schema every reader parses it with: a payload the code built
 * wrong would otherwise be signed, then refused by the integrity check at the next start and by `verify` — a defect
 * stopped before it is signed (docs/tabulation.md, "The journal").
 */
function checkedBody(payload: JournalPayload): JournalEventBody {
  const body = eventBodyOf(payload);
  const schema: z.ZodType = journalPayloadSchemas[body.type];
  const parsed = schema.safeParse(body.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`a ${body.type} event does not fit its schema: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return body;
}

/** Hashes a run in order, each event's prev the hash before it, then signs them together. */
export async function sealChain<E extends Omit<UnsignedEvent, 'actor' | 'prev'>>(
  run: readonly E[],
  prev: string,
  key: SigningKey,
): Promise<(E & SealedEvent)[]> {
  const hashed: { unsigned: E & UnsignedEvent; hash: string }[] = [];
  for (const event of run) {
    const unsigned = { ...event, prev, actor: key.fingerprint };
    const hash = eventHash(unsigned);
    hashed.push({ unsigned, hash });
    prev = hash;
  }
  const signatures = await signDigests(
    hashed.map((item) => item.hash),
    key,
  );
  return hashed.map(({ unsigned, hash }, index) => ({ ...unsigned, hash, signature: signatures[index] as string }));
}
