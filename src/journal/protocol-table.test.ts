import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../model/canonical-json.ts';
import { protocolKeyOf, type ProjectedProtocol } from './projection.ts';
import { ProtocolTable } from './protocol-table.ts';

const LINES = { votersOnList: 1000, ballotsReceived: 900, issuedInPremises: 700, issuedOutside: 50, invalid: 10 };

function row(stationId: string, contestId: string, votes: Record<string, number>, eventSeq = 7): ProjectedProtocol {
  const protocol = { stationId, contestId, version: 2, lines: LINES, votes };
  return { stationId, contestId, version: 2, content: canonicalJson(protocol), eventSeq };
}

const sorted = (rows: Iterable<[string, ProjectedProtocol]>) =>
  [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('ProtocolTable', () => {
  it('gives back each row byte for byte, and the protocol as its text parses', () => {
    const table = new ProtocolTable();
    const given = row('KZ-11/PS-0189', 'majilis/list', { amanat: 500, respublica: 200 });
    table.set(protocolKeyOf(given.stationId, given.contestId), given);
    expect(table.get('KZ-11/PS-0189 majilis/list')).toEqual(given);
    expect(table.protocol('KZ-11/PS-0189 majilis/list')).toEqual(JSON.parse(given.content));
    expect(JSON.stringify(table.protocol('KZ-11/PS-0189 majilis/list'))).toBe(given.content);
    expect(table.size).toBe(1);
  });

  it('keeps as given what numbers cannot rebuild: a count past 2^32 − 1, keys out of order, a key of another row', () => {
    const table = new ProtocolTable();
    const big = row('S-1', 'c', { a: 2 ** 40 });
    const unsorted = { ...row('S-2', 'c', { a: 1 }), content: '{"stationId":"S-2","contestId":"c","version":2}' };
    const elsewhere = row('S-3', 'c', { a: 1 });
    table.set('S-1 c', big).set('S-2 c', unsorted).set('another key', elsewhere);
    expect(table.get('S-1 c')).toEqual(big);
    expect(table.get('S-2 c')).toEqual(unsorted);
    expect(table.get('another key')).toEqual(elsewhere);
    expect(table.get('S-3 c')).toBeUndefined();
    expect(table.protocol('S-1 c')?.votes).toEqual({ a: 2 ** 40 });
    expect(table.size).toBe(3);
  });

  it('replaces a row whose votes change keys, and reuses a deleted row', () => {
    const table = new ProtocolTable();
    table.set('S-1 c', row('S-1', 'c', { a: 1, b: 2 }));
    table.set('S-1 c', row('S-1', 'c', { a: 1 }, 9));
    expect(table.size).toBe(1);
    expect(table.get('S-1 c')).toEqual(row('S-1', 'c', { a: 1 }, 9));
    expect(table.delete('S-1 c')).toBe(true);
    expect(table.delete('S-1 c')).toBe(false);
    expect(table.has('S-1 c')).toBe(false);
    table.set('S-2 c', row('S-2', 'c', { a: 3 }));
    expect(sorted(table)).toEqual([['S-2 c', row('S-2', 'c', { a: 3 })]]);
  });

  it('keeps as given a protocol with a __proto__ option, which parsing keeps as a key and assigning would not', () => {
    const table = new ProtocolTable();
    const given = {
      ...row('S-1', 'c', { a: 1 }),
      content: '{"contestId":"c","lines":{"invalid":1},"stationId":"S-1","version":2,"votes":{"__proto__":5,"a":1}}',
    };
    table.set('S-1 c', given);
    expect(table.get('S-1 c')).toEqual(given);
    expect(table.protocol('S-1 c')).toEqual(JSON.parse(given.content));
    expect(Object.keys(table.protocol('S-1 c')?.votes ?? {})).toEqual(['__proto__', 'a']);
  });

  it('gives each contest a few layouts only: versions with ever other keys are kept as given, and stay a Map', () => {
    const table = new ProtocolTable();
    const model = new Map<string, ProjectedProtocol>();
    for (let version = 0; version < 50; version++)
      for (const station of ['S-1', 'S-2']) {
        const given = row(station, 'c', { [`option-${version}`]: version });
        table.set(`${station} c`, given);
        model.set(`${station} c`, given);
        expect(table.get(`${station} c`)).toEqual(given);
      }
    expect(sorted(table)).toEqual(sorted(model));
    // A contest whose rows all left gives its layouts back: a new one is held as numbers again.
    table.delete('S-1 c');
    table.delete('S-2 c');
    table.set('S-3 c', row('S-3', 'c', { fresh: 1 }));
    expect(table.size).toBe(1);
    expect(table.protocol('S-3 c')?.votes).toEqual({ fresh: 1 });
  });

  it('behaves as a Map of rows under any sequence of writes', () => {
    const station = fc.constantFrom('S-1', 'S-2', 'S-3', 'KZ-01/PS-0001');
    const contest = fc.constantFrom('c', 'majilis/list');
    const count = fc.oneof(fc.nat(50), fc.constantFrom(0xffff_ffff, 2 ** 32, Number.MAX_SAFE_INTEGER));
    const votes = fc.dictionary(fc.constantFrom('a', 'b', '10', 'amanat', 'q"x'), count, { maxKeys: 4 });
    const write = fc.oneof(
      fc.record({ set: fc.constant(true), station, contest, votes, seq: count }),
      fc.record({ set: fc.constant(false), station, contest }),
    );
    fc.assert(
      fc.property(fc.array(write, { maxLength: 40 }), (writes) => {
        const table = new ProtocolTable();
        const model = new Map<string, ProjectedProtocol>();
        for (const step of writes) {
          const key = protocolKeyOf(step.station, step.contest);
          if ('votes' in step) {
            const given = row(step.station, step.contest, step.votes, step.seq);
            table.set(key, given);
            model.set(key, given);
          } else expect(table.delete(key)).toBe(model.delete(key));
          expect(table.size).toBe(model.size);
          expect(table.get(key)).toEqual(model.get(key));
        }
        expect(sorted(table)).toEqual(sorted(model));
        for (const [key, given] of model) expect(table.protocol(key)).toEqual(JSON.parse(given.content));
      }),
    );
  });
});
