import { canonicalJson } from '../model/canonical-json.ts';

export interface Attestation {
  readonly electionId: string;
  readonly head: { readonly seq: number; readonly hash: string };
}

/**
 * What the CEC signs when it exports a bundle: the journal's head. Without it a bundle cut short —
 * its last corrections, approvals or certifications removed — would still be a valid chain. The
 * files need no signature of their own: verify recomputes each of them from the signed journal.
 */
export function attestationText(attestation: Attestation): string {
  return canonicalJson({ format: 'saylau-bundle/1', electionId: attestation.electionId, head: attestation.head });
}
