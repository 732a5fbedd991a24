import type { MessageCode } from '../i18n/messages.ts';
import type { CodedRefusal } from '../model/refusal.ts';
import type { Election } from '../model/election.ts';

// Who may take each step of a protocol's life (docs/tabulation.md, "Double entry"): written once,
// read by the server's role check (src/server/permissions.ts), the double entry machine
// (double-entry.ts) and `verify`'s replay of the journal (src/verify/verify-bundle.ts).

/** The steps a person takes on one protocol: the two entries, the chair's resolution and acceptance, an import. */
export type EntryStep = 'enter' | 'resolve' | 'accept' | 'import';

export interface StepAuthority {
  /** The roles of the signing key that may take the step. */
  readonly roles: readonly string[];
  /**
   * `station`: only for a station under the actor's commission (the commission itself or one above it);
   * `election`: for any station of the election.
   */
  readonly scope: 'station' | 'election';
  /** The refusal of anyone else's role. */
  readonly refusal: MessageCode;
}

/**
 * An import is accepted on the word of an administrator (through the server), of the CEC, or of an importer key
 * (`user`), for any station, and of a commission's own key (`saylau ingest --key`) for the stations below it
 * (docs/keys.md); every other step is a commission's people's, for the stations below it.
 */
export const ENTRY_AUTHORITY: Readonly<Record<EntryStep, StepAuthority>> = {
  enter: { roles: ['operator', 'chair'], scope: 'station', refusal: 'ENTRY_NOT_OPERATOR' },
  resolve: { roles: ['chair'], scope: 'station', refusal: 'ENTRY_NOT_CHAIR' },
  accept: { roles: ['chair'], scope: 'station', refusal: 'ENTRY_NOT_CHAIR' },
  import: {
    roles: ['administrator', 'user', 'central-commission', 'commission'],
    scope: 'election',
    refusal: 'AUTH_FORBIDDEN',
  },
};

/** Who signs a step: the key's fingerprint and, as the journal registered it, its role and commission. */
export interface Actor {
  readonly fingerprint: string;
  readonly role: string;
  /** The commission the user acts for. */
  readonly commission: string | null;
}

/** Whether a role may take a step at all: the check a server makes before it reads the request. */
export function roleMayTake(step: EntryStep, role: string): boolean {
  return ENTRY_AUTHORITY[step].roles.includes(role);
}

const parentsOf = new WeakMap<Election, ReadonlyMap<string, string | null>>();

/** Each commission's parent: the tree `commissionCovers` walks, made once per election object, as indexElection. */
export function commissionParents(election: Election): ReadonlyMap<string, string | null> {
  let parents = parentsOf.get(election);
  if (parents === undefined) {
    parents = new Map(election.commissions.map((c) => [c.id as string, c.parentId as string | null]));
    parentsOf.set(election, parents);
  }
  return parents;
}

/** Whether `commission` is the station's precinct commission or above it: whose the station is. */
export function commissionCovers(
  commission: string | null,
  stationCommission: string,
  parents: ReadonlyMap<string, string | null>,
): boolean {
  for (let id: string | null | undefined = stationCommission; id !== null && id !== undefined; id = parents.get(id))
    if (id === commission) return true;
  return false;
}

/** Where a step is taken: the station, its precinct commission (undefined if unknown), the commission tree. */
export interface StepPlace {
  readonly stationId: string;
  readonly stationCommission: string | undefined;
  readonly parents: ReadonlyMap<string, string | null>;
}

/** Why `actor` may not take `step` at `place` — its role first, then its commission's scope — or null. */
export function authorityRefusal(step: EntryStep, actor: Actor, place: StepPlace): CodedRefusal | null {
  const authority = ENTRY_AUTHORITY[step];
  if (!authority.roles.includes(actor.role))
    return { code: authority.refusal, params: step === 'import' ? { role: actor.role, action: step } : {} };
  // A commission imports only the protocols of its own stations.
  const scope = step === 'import' && actor.role === 'commission' ? 'station' : authority.scope;
  if (
    scope === 'station' &&
    (place.stationCommission === undefined ||
      !commissionCovers(actor.commission, place.stationCommission, place.parents))
  )
    return { code: 'ENTRY_OUT_OF_SCOPE', params: { station: place.stationId, commission: actor.commission ?? '' } };
  return null;
}
