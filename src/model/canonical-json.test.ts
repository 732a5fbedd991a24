import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('writes keys in UTF-16 order without white space', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: true }], a: null, é: 2, Z: 0 })).toBe(
      '{"Z":0,"a":null,"b":[1,{"c":true,"d":"x"}],"é":2}',
    );
  });

  it('remembers a text and freezes its value, unless told not to', () => {
    const remembered = { votes: { a: 1 } };
    const once = { votes: { a: 1 } };
    expect(canonicalJson(remembered)).toBe('{"votes":{"a":1}}');
    expect(canonicalJson(once, false)).toBe('{"votes":{"a":1}}');
    expect(Object.isFrozen(remembered.votes)).toBe(true);
    expect(Object.isFrozen(once) || Object.isFrozen(once.votes)).toBe(false);
    // Not remembered, so a change is written the next time (a remembered value cannot change: it is frozen).
    once.votes.a = 2;
    expect(canonicalJson(once, false)).toBe('{"votes":{"a":2}}');
  });

  it('uses a remembered text even when told not to remember', () => {
    const protocol = { lines: { invalid: 3 } };
    const text = canonicalJson(protocol.lines);
    expect(canonicalJson(protocol, false)).toBe(`{"lines":${text}}`);
    expect(Object.isFrozen(protocol)).toBe(false);
  });
});
