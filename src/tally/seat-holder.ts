import type { Candidate } from '../model/election.ts';

/**
 * Who a district winner counts for in a body's composition: the nominating party (a list or party
 * nomination), else `self-nominated` or `public-association`. The public site labels winners
 * with it too, so it takes only the two fields a candidate card carries.
 */
export function holderOf(candidate: Pick<Candidate, 'nomination' | 'nominatedBy'>): string {
  switch (candidate.nomination) {
    case 'list':
    case 'party':
      return candidate.nominatedBy ?? 'self-nominated';
    case 'public-association':
      return 'public-association';
    case 'self-nominated':
      return 'self-nominated';
  }
}
