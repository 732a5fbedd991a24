import type { JournalEvent } from '../journal/events.ts';

/** A witness the CEC registered, as its `witness-registered` event says. */
export interface RegisteredWitness {
  readonly organisation: string;
  readonly name: string;
  readonly verifierKey: string;
  /** The journal entry that registered it, and when. */
  readonly seq: number;
  readonly at: string;
}

/**
 * The witnesses of a journal, read in order (docs/witness.md, "Deregistering a witness"): a key is registered once,
 * ever, and deregistered at most once, while registered. The server takes cosignatures from the current ones only;
 * `verify` fails a journal that breaks the order. One reading for both, so that they cannot differ.
 */
export class WitnessRegistry {
  private readonly current = new Map<string, RegisteredWitness>();
  private readonly ever = new Set<string>();
  private readonly removed = new Set<string>();

  /** Takes one event; a witness event out of order is answered with what is wrong, and changes nothing. */
  apply(event: JournalEvent): string | null {
    if (event.type === 'witness-registered') {
      const { verifierKey } = event.payload;
      if (this.ever.has(keyMaterial(verifierKey))) return `registers a witness key registered before (${verifierKey})`;
      this.ever.add(keyMaterial(verifierKey));
      this.current.set(verifierKey, { ...event.payload, seq: event.seq, at: event.at });
    } else if (event.type === 'witness-deregistered') {
      const { verifierKey } = event.payload;
      if (!this.current.delete(verifierKey))
        return `deregisters a key that is not a registered witness (${verifierKey})`;
      this.removed.add(keyMaterial(verifierKey));
    }
    return null;
  }

  /** The witnesses registered and not deregistered, in the order they were registered. */
  witnesses(): RegisteredWitness[] {
    return [...this.current.values()];
  }

  /** Whether the key was ever registered, under any name (a deregistered key is never registered again). */
  wasRegistered(verifierKey: string): boolean {
    return this.ever.has(keyMaterial(verifierKey));
  }

  /** Whether the key was deregistered, under any name. */
  wasDeregistered(verifierKey: string): boolean {
    return this.removed.has(keyMaterial(verifierKey));
  }
}

/**
 * The public key a verifier key carries, without its name and key id: the same key under another name is the same
 * key (`<name>+<key id>+<base64 of type and key>`, c2sp.org/signed-note; a name holds no '+', base64 may).
 */
function keyMaterial(verifierKey: string): string {
  return verifierKey.split('+').slice(2).join('+');
}
