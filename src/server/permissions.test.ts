import { describe, expect, it } from 'vitest';
import { type Action, allows, type Principal } from './permissions.ts';

const ACTIONS: Action[] = [
  'read-results',
  'read-journal',
  'read-entries',
  'enter',
  'resolve',
  'accept',
  'decide',
  'import',
  'manage-accounts',
  'nominate',
  'register',
  'withdraw',
  'choose-deputies',
];
const person = (role: 'administrator' | 'chair' | 'operator' | 'observer'): Principal => ({
  kind: 'account',
  username: role,
  role,
  commission: role === 'chair' || role === 'operator' ? 'KZ-35/C01/tec' : null,
});

describe('the role table (docs/server.md, Accounts and roles)', () => {
  it.each<[string, Principal, Action[]]>([
    ['public', { kind: 'public' }, ['read-results']],
    ['observer', person('observer'), ['read-results', 'read-journal', 'read-entries']],
    ['operator', person('operator'), ['read-results', 'read-journal', 'read-entries', 'enter', 'nominate']],
    [
      'chair',
      person('chair'),
      [
        'read-results',
        'read-journal',
        'read-entries',
        'enter',
        'resolve',
        'accept',
        'decide',
        'nominate',
        'register',
        'withdraw',
        'choose-deputies',
      ],
    ],
    [
      'administrator',
      person('administrator'),
      [
        'read-results',
        'read-journal',
        'read-entries',
        'import',
        'manage-accounts',
        'nominate',
        'register',
        'withdraw',
        'choose-deputies',
      ],
    ],
  ])('%s may do exactly these', (_name, principal, allowed) => {
    expect(ACTIONS.filter((action) => allows(principal, action))).toEqual(allowed);
  });
});
