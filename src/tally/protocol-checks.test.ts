import { describe, expect, it } from 'vitest';
import type { ProtocolLines } from '../model/protocol.ts';
import { checkProtocol, hasRoundShares } from './protocol-checks.ts';

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
const codes = (lines: Partial<ProtocolLines>, optionVotes: Record<string, number> = votes) =>
  checkProtocol({ lines: { ...clean, ...lines }, votes: optionVotes, options: ['a', 'b', 'c'] }).map(
    (finding) => finding.code,
  );

describe('protocol control relations (docs/protocol-checks.md)', () => {
  it('a protocol that adds up raises nothing', () => {
    expect(codes({})).toEqual([]);
  });

  it.each([
    ['issued beyond the list', { votersOnList: 599, ballotsReceived: 1000 }, 'PROTOCOL_ISSUED_EXCEEDS_LIST'],
    ['ballot balance', { cancelled: 399 }, 'PROTOCOL_BALLOT_BALANCE'],
    ['vote balance', { invalid: 15 }, 'PROTOCOL_VOTE_BALANCE'],
    ['absentee beyond issued', { absentee: 601 }, 'PROTOCOL_ABSENTEE_EXCEEDS_ISSUED'],
  ])('%s is an error', (_name, lines, code) => {
    expect(codes(lines)).toContain(code);
  });

  it('more ballots in the boxes than issued, and more in the mobile boxes than issued outside', () => {
    const findings = checkProtocol({
      lines: { ...clean, foundStationary: 600, foundMobile: 21, invalid: 36 },
      votes,
      options: ['a', 'b', 'c'],
    });
    expect(findings.map((f) => [f.code, f.severity, f.lines])).toEqual([
      ['PROTOCOL_FOUND_EXCEEDS_ISSUED', 'error', ['7', '8', '3', '4']],
      ['PROTOCOL_MOBILE_EXCEEDS_OUTSIDE', 'error', ['8', '4']],
    ]);
  });

  it('options must be exactly the registered ones', () => {
    const findings = checkProtocol({ lines: clean, votes: { a: 301, b: 259, z: 0 }, options: ['a', 'b', 'c'] });
    expect(findings.filter((f) => f.code !== 'PROTOCOL_VOTE_BALANCE').map((f) => [f.code, f.optionId])).toEqual([
      ['PROTOCOL_UNKNOWN_OPTION', 'z'],
      ['PROTOCOL_MISSING_OPTION', 'c'],
    ]);
  });

  it('warnings: ballots taken away, many invalid, turnout of 95 % or more, round shares', () => {
    expect(codes({ foundStationary: 550, invalid: 6, againstAll: 4 })).toEqual(['PROTOCOL_BALLOTS_TAKEN_AWAY']);
    expect(codes({ invalid: 64, againstAll: 25 }, { a: 300, b: 150, c: 60 })).toEqual(['PROTOCOL_INVALID_SHARE_HIGH']);
    expect(codes({ votersOnList: 631, ballotsReceived: 1000 })).toEqual(['PROTOCOL_TURNOUT_HIGH']);
    expect(codes({ votersOnList: 632, ballotsReceived: 1000 })).toEqual([]);
    expect(codes({ againstAll: 117 }, { a: 351, b: 117, c: 0 })).toEqual(['PROTOCOL_ROUND_SHARES']);
    expect(hasRoundShares([300n], 500n)).toBe(false);
  });
});
