import { canonicalJson } from './canonical-json.ts';

/**
 * The format names an act's digest starts from: a signature over one format is never read as another's. A journal
 * whose root names a journal id (every journal `saylau init` makes now) signs `saylau-act/2`, which binds that id; a
 * journal made before it signs `saylau-act/1`, which binds the election's id only (docs/keys.md, "What a signature
 * covers").
 */
export const ACT_FORMAT = 'saylau-act/1';
export const JOURNAL_ACT_FORMAT = 'saylau-act/2';

/**
 * Where an act counts: the election, and the one journal of it (the random id the CEC's root registration names), so
 * that an act signed for a rehearsal's journal is no act of the real night's, though both hold the same election.
 */
export interface ActScope {
  readonly election: string;
  /** Absent for a journal made before journals had ids: its acts bind the election only. */
  readonly journal?: string;
}

/** A journal's id: 16 random bytes, in lowercase hex (one spelling, so one digest). */
export const JOURNAL_ID_PATTERN = /^[0-9a-f]{32}$/;

/** What an author signs (docs/keys.md): an act, without its place in the journal, which only the log knows. */
export interface ActFields {
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
}

/**
 * The bytes whose SHA-256 is an act's digest: the canonical JSON (RFC 8785) of the act in its election and journal.
 * Pure, so that the browser (through @saylau/web-shared) and the server compute the same text from the same act.
 */
export function actText(scope: ActScope, act: ActFields): string {
  const where =
    scope.journal === undefined
      ? { act: ACT_FORMAT, election: scope.election }
      : { act: JOURNAL_ACT_FORMAT, election: scope.election, journal: scope.journal };
  return canonicalJson({ ...where, type: act.type, actor: act.actor, at: act.at, payload: act.payload });
}
