import { describe, expect, it } from 'vitest';
import { decideRecall } from './recall.ts';
import { decideSmd, type SmdCandidate } from './smd-outcome.ts';

const candidates = (...entries: readonly (readonly [string, number, boolean?])[]): SmdCandidate[] =>
  entries.map(([id, votes, withdrawn]) => ({ id, votes: BigInt(votes), withdrawn }));

describe('single-member district (docs/law.md §5)', () => {
  it('plurality: the most votes wins', () => {
    expect(decideSmd({ candidates: candidates(['x', 500], ['y', 700], ['z', 100]), againstAll: 50n })).toEqual({
      status: 'winner',
      winner: 'y',
      votes: 700n,
      againstAllPrevailed: false,
      decidedByLots: false,
    });
  });

  it('"against all" ahead of the leader is reported but does not void the result by default', () => {
    const outcome = decideSmd({ candidates: candidates(['x', 500], ['y', 400]), againstAll: 900n });
    expect(outcome).toMatchObject({ status: 'winner', winner: 'x', againstAllPrevailed: true });
  });

  it('with againstAllVoids the election is void instead', () => {
    const outcome = decideSmd({
      candidates: candidates(['x', 500]),
      againstAll: 900n,
      rules: { againstAllVoids: true, tieDecision: 'lots' },
    });
    expect(outcome).toEqual({ status: 'void', reason: 'against-all-prevailed', againstAll: 900n });
  });

  it('againstAllVoids changes nothing when a candidate leads', () => {
    const outcome = decideSmd({
      candidates: candidates(['x', 500]),
      againstAll: 500n,
      rules: { againstAllVoids: true, tieDecision: 'lots' },
    });
    expect(outcome).toMatchObject({ status: 'winner', againstAllPrevailed: false });
  });

  it('a tie for first is a state awaiting a decision', () => {
    expect(decideSmd({ candidates: candidates(['x', 500], ['y', 500], ['z', 1]), againstAll: 0n })).toEqual({
      status: 'tie',
      tied: ['x', 'y'],
      votes: 500n,
      decision: 'lots',
      againstAllPrevailed: false,
    });
  });

  it('a recorded draw settles the tie', () => {
    const outcome = decideSmd({
      candidates: candidates(['x', 500], ['y', 500]),
      againstAll: 0n,
      lotsOrder: ['y', 'x'],
    });
    expect(outcome).toMatchObject({ status: 'winner', winner: 'y', decidedByLots: true });
  });

  it('a draw that misses a tied candidate settles nothing; a repeat election ignores draws', () => {
    expect(decideSmd({ candidates: candidates(['x', 500], ['y', 500]), againstAll: 0n, lotsOrder: ['y'] }).status).toBe(
      'tie',
    );
    const repeat = decideSmd({
      candidates: candidates(['x', 5], ['y', 5]),
      againstAll: 0n,
      rules: { againstAllVoids: false, tieDecision: 'repeat-election' },
      lotsOrder: ['x', 'y'],
    });
    expect(repeat).toMatchObject({ status: 'tie', decision: 'repeat-election' });
  });

  it('withdrawn candidates are not counted; with none left the election is postponed', () => {
    expect(decideSmd({ candidates: candidates(['x', 900, true], ['y', 10]), againstAll: 0n })).toMatchObject({
      winner: 'y',
    });
    expect(decideSmd({ candidates: candidates(['x', 0, true]), againstAll: 0n })).toEqual({
      status: 'postponed',
      reason: 'no-candidates',
    });
    expect(decideSmd({ candidates: [], againstAll: 0n }).status).toBe('postponed');
  });
});

describe('recall (docs/law.md §7)', () => {
  it('needs a third of the voters', () => {
    expect(decideRecall({ registeredVoters: 3000n, participants: 999n, forRecall: 999n })).toEqual({
      status: 'invalid-turnout',
      valid: false,
    });
    expect(decideRecall({ registeredVoters: 3000n, participants: 1000n, forRecall: 501n })).toEqual({
      status: 'recalled',
      valid: true,
    });
  });

  it('needs more than half of the participants', () => {
    expect(decideRecall({ registeredVoters: 3000n, participants: 1000n, forRecall: 500n }).status).toBe('not-recalled');
  });

  it('a vote nobody took part in is not valid', () => {
    expect(decideRecall({ registeredVoters: 0n, participants: 0n, forRecall: 0n }).status).toBe('invalid-turnout');
  });
});
