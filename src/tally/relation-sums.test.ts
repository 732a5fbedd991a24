import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_LINES, type ProtocolLines } from '../model/protocol.ts';
import { protocolRows } from '../model/protocol-rows.ts';
import { checkProtocol } from './protocol-checks.ts';
import { relationSums } from './relation-sums.ts';

// The example of docs/protocol-checks.md: every relation holds.
const clean: ProtocolLines = {
  votersOnList: 1000,
  ballotsReceived: 1000,
  issuedInPremises: 580,
  issuedOutside: 20,
  absentee: 3,
  cancelled: 400,
  foundStationary: 579,
  foundMobile: 20,
  invalid: 14,
  againstAll: 25,
  lost: 0,
  unaccounted: 0,
};
const votes = { a: 301, b: 187, c: 72 };
const options = ['a', 'b', 'c'];

describe('the two sums of a failed control relation', () => {
  it('the vote balance: 7 + 8 against 9 + each option + A, and the difference', () => {
    const sums = relationSums('PROTOCOL_VOTE_BALANCE', { lines: { ...clean, invalid: 15 }, votes }, options);
    expect(sums).toEqual({
      left: { fields: ['lines.foundStationary', 'lines.foundMobile'], sum: '599' },
      right: { fields: ['lines.invalid', 'votes.a', 'votes.b', 'votes.c', 'lines.againstAll'], sum: '600' },
      difference: '-1',
    });
  });

  it('lines left out count as 0, and sums past 2^53 − 1 stay exact', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const rest: Partial<ProtocolLines> = { ...clean };
    delete rest.lost;
    delete rest.unaccounted;
    const sums = relationSums(
      'PROTOCOL_BALLOT_BALANCE',
      { lines: { ...rest, issuedInPremises: big, issuedOutside: big }, votes },
      options,
    );
    expect(sums?.right.sum).toBe(String(2n * BigInt(big) + 400n));
    expect(sums?.left.sum).toBe('1000');
  });

  it('a finding that compares no two sums has none', () => {
    expect(relationSums('PROTOCOL_MISSING_OPTION', { lines: clean, votes }, options)).toBeNull();
    expect(relationSums('PROTOCOL_TURNOUT_HIGH', { lines: clean, votes }, options)).toBeNull();
  });

  it('every field named is a row of the form, and the sums differ exactly when the balance fails', () => {
    const count = fc.integer({ min: 0, max: 2000 });
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(PROTOCOL_LINES.map((line) => [line, count])) as Record<keyof ProtocolLines, typeof count>,
        ),
        fc.array(count, { minLength: 1, maxLength: 6 }),
        (lines, counts) => {
          const ids = counts.map((_, index) => `o${index}`);
          const optionVotes = Object.fromEntries(ids.map((id, index) => [id, counts[index]!]));
          const rows = new Set(protocolRows(ids).map((row) => row.field));
          for (const code of ['PROTOCOL_VOTE_BALANCE', 'PROTOCOL_BALLOT_BALANCE']) {
            const sums = relationSums(code, { lines, votes: optionVotes }, ids)!;
            for (const field of [...sums.left.fields, ...sums.right.fields]) expect(rows.has(field)).toBe(true);
            const fired = checkProtocol({ lines, votes: optionVotes, options: ids }).some((f) => f.code === code);
            expect(sums.difference !== '0').toBe(fired);
          }
        },
      ),
    );
  });
});

describe('the rows of the paper form', () => {
  it('lines 1–9, the options from 10 in ballot order, then A, L and U', () => {
    expect(protocolRows(['x', 'y']).map((row) => row.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      'A',
      'L',
      'U',
    ]);
    expect(protocolRows(['x', 'y'])[10]).toEqual({ kind: 'option', optionId: 'y', number: '11', field: 'votes.y' });
  });
});
