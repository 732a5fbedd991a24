import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../src/tlog/checkpoint.ts';
import { generateKey, parseVerifier } from '../src/tlog/keys.ts';
import { verifyConsistency, verifyInclusion } from '../src/tlog/merkle.ts';
import { openNote, parseSignatureLine, parseSignerKey, parseVerifierKey } from '../src/tlog/note.ts';
import { decodeEntryBundle, parseTilePath } from '../src/tlog/tiles.ts';
import { checkTlogProof, parseTlogProof } from '../src/tlog/tlog-proof.ts';

// Whatever a hostile server or file hands the parsers and verifiers, they answer with a value — a coded refusal or
// false — and never throw (docs/architecture.md, "Errors": exceptions are for defects).

const verifier = (() => {
  const parsed = parseVerifier(generateKey('saylau/hostile').verifierKey);
  if (!parsed.ok) throw new Error('key');
  return parsed.value;
})();

/** Text built from the pieces these formats are made of, so that the samples come near to valid ones. */
const pieces = fc.constantFrom(
  '\n',
  '\n\n',
  '— ',
  ' ',
  '+',
  'saylau/hostile',
  'PRIVATE+KEY+',
  'c2sp.org/tlog-proof@v1\n',
  'extra ',
  'index ',
  '0',
  '1',
  '18446744073709551616',
  'AAAA',
  'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
  '=',
  'x001/',
  'tile/',
  'entries/',
  '.p/',
  '\u0000',
  '\r',
  '\ud800',
  'é',
);
const hostileText = fc.oneof(
  fc.string(),
  fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')),
);

describe('hostile input never throws', () => {
  it('notes, signature lines, keys, checkpoints, proof files and tile paths', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const parse of [
          () => openNote(text, [verifier]),
          () => parseSignatureLine(text),
          () => parseVerifierKey(text),
          () => parseSignerKey(text),
          () => parseCheckpoint(text),
          () => parseTlogProof(text),
          () => checkTlogProof(text, { origin: 'saylau/hostile', log: verifier }),
          () => parseTilePath(text),
        ]) {
          expect(typeof parse().ok).toBe('boolean');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('notes and entry bundles as arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 300 }), (bytes, width) => {
        expect(typeof openNote(bytes, [verifier]).ok).toBe('boolean');
        expect(typeof decodeEntryBundle(bytes, width).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('the verifiers, for any numbers and any byte strings', () => {
    const numbers = fc.oneof(
      fc.integer(),
      fc.maxSafeNat(),
      fc.constantFrom(Number.NaN, Infinity, -0, 1.5, 2 ** 53, 2 ** 64),
    );
    const bytes = fc.uint8Array({ maxLength: 40 });
    fc.assert(
      fc.property(numbers, numbers, bytes, bytes, fc.array(bytes, { maxLength: 70 }), (a, b, x, y, proof) => {
        expect(typeof verifyInclusion(a, b, x, proof, y)).toBe('boolean');
        expect(typeof verifyConsistency(a, b, x, y, proof)).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
