import { createHash, hash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.ts';

/** The hash before the first event. */
export const GENESIS = '0'.repeat(64);

/** An event as appended: its place in the chain, who made it, what happened. */
export interface UnsignedEvent {
  readonly seq: number;
  readonly prev: string;
  readonly type: string;
  /** Fingerprint of the key that signs it. */
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
}

export interface SealedEvent extends UnsignedEvent {
  /** SHA-256 of the canonical JSON of the unsigned event. */
  readonly hash: string;
  /** Ed25519 signature of the hash by the actor's key. */
  readonly signature: string;
}

export function eventHash(event: UnsignedEvent, remember = true): string {
  const { seq, prev, type, actor, at, payload } = event;
  return createHash('sha256').update(canonicalJson({ seq, prev, type, actor, at, payload }, remember)).digest('hex');
}

/**
 * The same hash from an event whose payload is already canonical JSON text, as the store keeps it:
 * the keys in RFC 8785 order written around it, so that the payload is not serialised again.
 * Text that is not canonical gives another hash — as an edited payload should.
 */
export function eventHashOfText(event: Omit<UnsignedEvent, 'payload'>, payloadText: string): string {
  const text = `{"actor":${JSON.stringify(event.actor)},"at":${JSON.stringify(event.at)},"payload":${payloadText},"prev":${JSON.stringify(event.prev)},"seq":${event.seq},"type":${JSON.stringify(event.type)}}`;
  // One-shot, as the act digest (src/journal/act.ts): every event of an import is hashed here.
  return hash('sha256', text, 'hex');
}

/**
 * The same line (`eventLine`) from an event whose payload is already canonical JSON text, written around it as
 * `eventHashOfText` is: the transparency log hashes every line it appends, and the generic serialiser would sort and
 * remember each event's keys for nothing.
 */
export function eventLineOfText(event: Omit<SealedEvent, 'payload'>, payloadText: string): string {
  return `{"actor":${JSON.stringify(event.actor)},"at":${JSON.stringify(event.at)},"hash":${JSON.stringify(event.hash)},"payload":${payloadText},"prev":${JSON.stringify(event.prev)},"seq":${event.seq},"signature":${JSON.stringify(event.signature)},"type":${JSON.stringify(event.type)}}`;
}

/** One line of journal.ndjson: the event in canonical JSON, so the bytes are the same everywhere. */
export function eventLine(event: SealedEvent): string {
  return canonicalJson(event);
}
