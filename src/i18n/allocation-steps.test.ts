import { describe, expect, it } from 'vitest';
import { Rational } from '../law/rational.ts';
import { stepText } from './allocation-steps.ts';

const step = (votes: bigint, base: bigint) =>
  ({
    kind: 'threshold',
    listId: 'baitaq',
    votes,
    share: Rational.of(votes, base),
    threshold: Rational.of(1n, 20n),
    admitted: votes * 20n >= base,
  }) as const;

describe('the threshold step in words', () => {
  it('writes each percentage once, with the language marks', () => {
    expect(stepText(step(146_431n, 6_366_441n), 'kk')).toBe(
      'baitaq: 146\u00A0431 = 2,3000\u00A0% < 5,0000\u00A0% — кедергіден өтпеді',
    );
    expect(stepText(step(331_058n, 6_366_441n), 'en')).toBe(
      'baitaq: 331,058 = 5.2000\u00A0% ≥ 5.0000\u00A0% — admitted',
    );
  });

  it('never shows a list below the threshold at it: 4.99999 % is 4,9999 %, not 5,0000 %', () => {
    expect(stepText(step(499_999n, 10_000_000n), 'ru')).toBe(
      'baitaq: 499\u00A0999 = 4,9999\u00A0% < 5,0000\u00A0% — не допущен',
    );
  });
});
