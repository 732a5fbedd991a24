import { describe, expect, it } from 'vitest';
import { assertDefined } from './assert.ts';

describe('assertDefined', () => {
  it('returns a present value unchanged, falsy ones included', () => {
    expect(assertDefined(0)).toBe(0);
    expect(assertDefined('')).toBe('');
    expect(assertDefined(null)).toBe(null);
    const list = [1, 2];
    expect(assertDefined(list[1])).toBe(2);
  });

  it('throws on undefined, with the message given or a default one', () => {
    expect(() => assertDefined([1][3], 'no fourth list')).toThrow('no fourth list');
    expect(() => assertDefined(new Map<string, number>().get('x'))).toThrow('expected a value, found undefined');
  });
});
