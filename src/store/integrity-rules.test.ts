import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestRows, rowsOfTables, StreamedProtocolsDigest } from './integrity-rules.ts';
import type { StoredProtocol } from './store.ts';

const row = (stationId: string, contestId: string, version = 1): StoredProtocol => ({
  stationId,
  contestId,
  version,
  content: JSON.stringify({ stationId, contestId, version }),
  eventSeq: version + 10,
});

/** The digest `digestRows` gives a protocols table of these rows. */
const wholeDigest = (rows: readonly StoredProtocol[]): string =>
  digestRows(
    rowsOfTables({
      keys: [],
      protocols: rows,
      totals: new Map(),
      entries: new Map(),
      decisions: new Map(),
      registry: new Map(),
      electionDay: new Map(),
    }),
  ).protocols;

const streamed = (rows: readonly StoredProtocol[]): string | null => {
  const digest = new StreamedProtocolsDigest();
  for (const each of rows) digest.add(each);
  return digest.digest();
};

/** (station, contest) in byte order, as both stores read the table. */
const byColumns = (a: StoredProtocol, b: StoredProtocol): number =>
  Buffer.compare(Buffer.from(a.stationId), Buffer.from(b.stationId)) ||
  Buffer.compare(Buffer.from(a.contestId), Buffer.from(b.contestId));

describe('the protocols digest made a row at a time', () => {
  it('is the digest of the whole table for rows in key order, and of an empty one', () => {
    const rows = [
      row('KZ-71/PS-0001', 'majilis/list'),
      row('KZ-71/PS-0001', 'majilis/smd-01', 2),
      row('KZ-75/PS-1', 'a'),
    ];
    expect(streamed(rows)).toBe(wholeDigest(rows));
    expect(streamed([])).toBe(wholeDigest([]));
  });

  it('is none when the rows come otherwise than in key order: a key repeated, or sorting otherwise as one string', () => {
    expect(streamed([row('B', 'x'), row('A', 'x')])).toBeNull();
    expect(streamed([row('A', 'x'), row('A', 'x', 2)])).toBeNull();
    // In column order 'S' comes before 'S\u0001'; as one string, 'S\u0001 c' comes before 'S c'.
    const columnOrder = [row('S', 'c'), row('S\u0001', 'c')];
    expect([...columnOrder].sort(byColumns)).toEqual(columnOrder);
    expect(streamed(columnOrder)).toBeNull();
  });

  it('for any rows in the stores’ order, is the whole digest or none, and none only when the key order differs', () => {
    const id = fc.string({ unit: fc.constantFrom('A', 'b', '-', ' ', '\u0001', 'Ж', '\ufb00', '😀'), maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(id, id), { selector: ([s, c]) => `${s}\u0000${c}` }), (pairs) => {
        const rows = pairs.map(([stationId, contestId]) => row(stationId, contestId)).sort(byColumns);
        const keys = rows.map((each) => `${each.stationId} ${each.contestId}`);
        const keysInOrder = keys.every((key, at) => at === 0 || (keys[at - 1] as string) < key);
        expect(streamed(rows)).toBe(keysInOrder ? wholeDigest(rows) : null);
      }),
    );
  });
});
