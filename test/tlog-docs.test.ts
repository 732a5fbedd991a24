import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../src/tlog/checkpoint.ts';
import { parseVerifier } from '../src/tlog/keys.ts';
import { leafHash, verifyInclusion } from '../src/tlog/merkle.ts';
import { parseTlogProof } from '../src/tlog/tlog-proof.ts';
import { docExamples, ORIGIN, WITNESS } from './tlog-doc-examples.ts';

// docs/transparency-log.md, "Formats", shows examples computed by the code: each must still be there, verbatim,
// in a code block; and the page's receipt must check with the page's keys.

const doc = readFileSync(new URL('../docs/transparency-log.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```\n([\s\S]*?)\n```/g)].map((match) => match[1]);

describe('docs/transparency-log.md shows what the code computes', () => {
  const examples = docExamples();

  it.each(Object.keys(examples))('the example %s', (name) => {
    const text = (examples[name] ?? '').replace(/\n$/, '');
    expect(blocks).toContain(text);
  });

  it('the page’s receipt checks with the page’s verifier keys', () => {
    const proof = parseTlogProof(examples.tlogProof ?? '');
    const log = parseVerifier(examples.verifierKey ?? '');
    const witness = parseVerifier(examples.witnessVerifierKey ?? '');
    if (!proof.ok || !log.ok || !witness.ok) throw new Error('an example does not parse');
    const opened = openCheckpoint(proof.value.checkpoint, ORIGIN, log.value, [witness.value]);
    if (!opened.ok) throw new Error(opened.error.code);
    expect(opened.value.verified.map((signature) => signature.name)).toEqual([ORIGIN, WITNESS]);
    const { size, root } = opened.value.checkpoint;
    const leaf = leafHash(proof.value.extra ?? new Uint8Array());
    expect(verifyInclusion(proof.value.index, size, leaf, proof.value.proof, root)).toBe(true);
  });
});
