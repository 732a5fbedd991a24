import { createHash } from 'node:crypto';
import { actDigestOfText, actScopeOf, isCanonicalSignature, isUtcInstant } from '../journal/act.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import type { JournalEvent } from '../journal/events.ts';
import { mayRegister, mayRevoke } from '../journal/key-authority.ts';
import { firstBadSignature, type SignedItem } from '../journal/verify-signatures.ts';

// `verify`'s check of who signed what (docs/keys.md): each act's signature checked against the key registered for its
// author at that point of the journal — over the act digest, with the election's and the journal's id — each key
// registered by an authority that may register it, one live key per holder, no act twice, no act of a key after its
// revocation (docs/keys.md, "Revocation").

/** A failed check, by name and the first bad entry; or the details of the passed ones. */
export type ActCheck =
  | { readonly ok: false; readonly name: 'signers' | 'signatures'; readonly detail: string }
  | {
      readonly ok: true;
      readonly signers: string;
      readonly signatures: string;
    };

interface KnownKey {
  readonly holder: string;
  readonly publicKey: string;
  readonly role: string;
  readonly commission: string | null;
}

/** Every signer and signature of a parsed journal whose first event is the CEC's key registering itself. */
export async function checkActSignatures(
  events: readonly JournalEvent[],
  electionId: string,
  root: string,
): Promise<ActCheck> {
  const fail = (name: 'signers' | 'signatures', detail: string): ActCheck => ({ ok: false, name, detail });
  const registered = new Map<string, KnownKey>();
  const revoked = new Map<string, { voidFrom: string; seq: number }>();
  /** Each holder's key registered and not revoked, with the line that registered it. */
  const liveKeys = new Map<string, { fingerprint: string; seq: number }>();
  const digests = new Set<string>();
  const items: SignedItem[] = [];
  // Every act binds the journal id of the first entry, if it names one (docs/keys.md, "What a signature covers").
  const scope = actScopeOf(electionId, events[0]?.seq === 1 ? events[0] : undefined);
  /** Acts of a key dated after its voidFrom that the journal took before the revocation: they stand, and are named. */
  const inVoidWindow: number[] = [];
  for (const event of events) {
    const where = `journal.ndjson line ${event.seq}`;
    if (event.type === 'key-registered') {
      const { payload } = event;
      const registrar = event.seq === 1 && event.actor === root ? undefined : registered.get(event.actor);
      if (event.seq === 1) {
        if (payload.fingerprint !== root || payload.role !== 'central-commission')
          return fail('signers', `${where}: the first entry is not the CEC's key registering itself`);
      } else if (payload.journal !== undefined)
        return fail('signers', `${where}: a journal id in a key registration other than the first entry's`);
      else if (registrar === undefined || !mayRegister(registrar.role, payload.role, payload.commission ?? null))
        return fail(
          'signers',
          `${where}: a ${payload.role} key registered by ${registrar === undefined ? 'an unregistered key' : `a ${registrar.role} key`}, which may not register it`,
        );
      if (registered.has(payload.fingerprint)) return fail('signers', `${where}: a key registered twice`);
      const live = liveKeys.get(payload.holder);
      if (live !== undefined)
        return fail(
          'signers',
          `${where}: a second key for ${payload.holder}, whose key registered at line ${live.seq} is not revoked`,
        );
      liveKeys.set(payload.holder, { fingerprint: payload.fingerprint, seq: event.seq });
      if (
        Buffer.from(payload.publicKey, 'base64url').length !== 32 ||
        createHash('sha256').update(Buffer.from(payload.publicKey, 'base64url')).digest('hex') !== payload.fingerprint
      )
        return fail('signers', `${where}: fingerprint does not match the key`);
      registered.set(payload.fingerprint, {
        holder: payload.holder,
        publicKey: payload.publicKey,
        role: payload.role,
        commission: payload.commission ?? null,
      });
    }
    const author = registered.get(event.actor);
    if (author === undefined)
      return fail(
        'signers',
        `${where}: a ${event.type} signed by a key not registered before it ${event.actor.slice(0, 16)}…`,
      );
    // Revoked from the revocation's line on, whatever time the act claims (docs/keys.md, "Revocation").
    const revocation = revoked.get(event.actor);
    if (revocation !== undefined)
      return fail(
        'signers',
        `${where}: a ${event.type} signed by a key revoked at line ${revocation.seq} (void from ${revocation.voidFrom}), dated ${event.at}`,
      );
    if (!isUtcInstant(event.at))
      return fail(
        'signatures',
        `${where}: a ${event.type} whose time is not an ISO instant in UTC: ${event.at.slice(0, 40)}`,
      );
    if (!isCanonicalSignature(event.signature))
      return fail('signatures', `${where}: a ${event.type} whose signature is not canonical base64url`);
    if (event.type === 'key-revoked') {
      const target = registered.get(event.payload.fingerprint);
      if (target === undefined) return fail('signers', `${where}: revokes a key never registered`);
      if (!mayRevoke(author.role, target.role, target.commission))
        return fail('signers', `${where}: a ${target.role} key revoked by a ${author.role} key, which may not`);
      if (revoked.has(event.payload.fingerprint)) return fail('signers', `${where}: a key revoked twice`);
      revoked.set(event.payload.fingerprint, { voidFrom: event.payload.voidFrom, seq: event.seq });
      if (liveKeys.get(target.holder)?.fingerprint === event.payload.fingerprint) liveKeys.delete(target.holder);
      for (const earlier of events) {
        if (earlier.seq >= event.seq) break;
        if (earlier.actor === event.payload.fingerprint && Date.parse(earlier.at) >= Date.parse(event.payload.voidFrom))
          inVoidWindow.push(earlier.seq);
      }
    }
    // The payload's text not remembered (src/model/canonical-json.ts): every event is kept, and so would be its text.
    const digest = actDigestOfText(scope, event, canonicalJson(event.payload, false));
    if (digests.has(digest))
      return fail('signatures', `${where}: a ${event.type}, the same act as an earlier entry (a replay)`);
    digests.add(digest);
    items.push({ seq: event.seq, hash: digest, signature: event.signature, publicKey: author.publicKey });
  }
  const bad = await firstBadSignature(items);
  if (bad !== null)
    return fail(
      'signatures',
      `journal.ndjson line ${bad}: a ${events.find((event) => event.seq === bad)?.type ?? 'event'} whose author's signature does not verify with the key registered for it`,
    );
  const voidNote =
    inVoidWindow.length === 0
      ? ''
      : `; ${inVoidWindow.length} signed after a voidFrom but journaled before the revocation, standing (lines ${inVoidWindow.slice(0, 5).join(', ')}${inVoidWindow.length > 5 ? ', …' : ''})`;
  return {
    ok: true,
    signers: `${registered.size} keys, each registered by an authority that may register it${revoked.size === 0 ? '' : `, ${revoked.size} revoked`}`,
    signatures: `${items.length} Ed25519 signatures over the authors' acts${voidNote}`,
  };
}
