import type { PersonRole } from '../journal/events.ts';
import { roleMayTake } from '../tally/entry-authority.ts';

/** Who is asking: nobody logged in, or a person's account. */
export type Principal =
  | { readonly kind: 'public' }
  | {
      readonly kind: 'account';
      readonly username: string;
      readonly role: PersonRole;
      readonly commission: string | null;
    };

/** What a request wants to do; each route names exactly one. */
export type Action =
  | 'read-results'
  | 'read-journal'
  | 'read-entries'
  | 'enter'
  | 'resolve'
  | 'accept'
  | 'decide'
  | 'import'
  | 'manage-accounts'
  | 'manage-own-account'
  | 'nominate'
  | 'register'
  | 'withdraw'
  | 'choose-deputies'
  // An accredited observer's own acts (docs/law.md §10.2): protocol copies.
  | 'observe';

/**
 * The role table of docs/server.md ("Accounts and roles"); the steps of double entry are read from
 * src/tally/entry-authority.ts, which the machine and `verify` read too. A commission's scope (which
 * stations, which contests) is checked further down, by the double entry machine and the decision,
 * against the commission tree.
 */
export function allows(principal: Principal, action: Action): boolean {
  if (action === 'read-results') return true;
  if (principal.kind === 'public') return false;
  const role = principal.role;
  switch (action) {
    case 'read-journal':
    case 'read-entries':
    case 'manage-own-account':
      // Everyone logged in reads the journal; keys never enter it, so it has no private parts.
      return true;
    case 'enter':
    case 'resolve':
    case 'accept':
    case 'import':
      // The roles of double entry's steps; their commission's scope is checked by the machine itself.
      return roleMayTake(action, role);
    case 'decide':
      return role === 'chair';
    case 'manage-accounts':
      return role === 'administrator';
    // Registration (docs/registration.md): the commission's staff receive nominations, its chair
    // decides; an administrator may act for any commission (entering the paper decisions of one).
    case 'nominate':
      return role === 'operator' || role === 'chair' || role === 'administrator';
    case 'register':
    case 'withdraw':
    case 'choose-deputies':
      return role === 'chair' || role === 'administrator';
    case 'observe':
      // The role only: which accreditation the person's key holds, and where, is the service's to check.
      return role === 'observer';
  }
}
