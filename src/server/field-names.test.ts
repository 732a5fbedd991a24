import { describe, expect, it } from 'vitest';
import { StoreError } from '../store/store-error.ts';
import { refuse } from '../model/refusal.ts';
import { asApiError } from './field-names.ts';
import { FLAG_OF, asCliInputError } from '../cli/cli-refusal.ts';

describe('a refusal named at each edge', () => {
  it("the database's failure names no field over HTTP and --db on the command line", () => {
    const busy = new StoreError('STORE_BUSY', { seconds: 1 });
    expect([asApiError(busy).field, asApiError(busy).params]).toEqual([null, { seconds: 1 }]);
    expect(asCliInputError(busy)).toEqual({
      code: 'STORE_BUSY',
      field: '--db',
      params: { field: '--db', seconds: 1 },
    });
  });

  it("a service's subject is the request's field over HTTP and a flag on the command line, each filling the message's {field}", () => {
    const { error } = refuse('ACCOUNT_UNKNOWN', { user: 'op-1' }, 'username');
    expect([asApiError(error).field, asApiError(error).params]).toEqual([
      'username',
      { field: 'username', user: 'op-1' },
    ]);
    expect(asCliInputError(error)).toEqual({
      code: 'ACCOUNT_UNKNOWN',
      field: FLAG_OF.username,
      params: { field: '--id', user: 'op-1' },
    });
    expect(FLAG_OF.username).toBe('--id');
  });
});
