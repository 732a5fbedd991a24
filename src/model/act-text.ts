import { canonicalJson } from './canonical-json.ts';

/** The format name an act's digest starts from: a signature over one format is never read as another's. */
export const ACT_FORMAT = 'saylau-act/1';

/** What an author signs (docs/keys.md): an act, without its place in the journal, which only the log knows. */
export interface ActFields {
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
}

/**
 * The bytes whose SHA-256 is an act's digest: the canonical JSON (RFC 8785) of the act in its election. Pure, so that
 * the browser (through @saylau/web-shared) and the server compute the same text from the same act.
 */
export function actText(electionId: string, act: ActFields): string {
  return canonicalJson({
    act: ACT_FORMAT,
    election: electionId,
    type: act.type,
    actor: act.actor,
    at: act.at,
    payload: act.payload,
  });
}
