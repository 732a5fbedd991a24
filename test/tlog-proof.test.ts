import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint } from '../src/tlog/checkpoint.ts';
import { generateKey, parseSigner, parseVerifier } from '../src/tlog/keys.ts';
import { leafHash, MerkleTree, verifyConsistency, verifyInclusion } from '../src/tlog/merkle.ts';
import { addSignatures, parseNote, parseSignatureLine, signNote } from '../src/tlog/note.ts';
import { checkTlogProof, formatTlogProof, parseTlogProof } from '../src/tlog/tlog-proof.ts';

// The proof file of c2sp.org/tlog-proof (/work/notes/specs/c2sp/tlog-proof.md), then the whole path a receipt takes:
// a log signs checkpoints, a witness cosigns, a receipt is checked, and a rewritten log is caught
// (docs/transparency-log.md, "Proof file").

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}`);
  return result.value;
};
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const SPEC_EXAMPLE = `c2sp.org/tlog-proof@v1
extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ
index 73894
gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=
B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=
EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=
RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=
AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=

example.com/fancylog
109482
sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=

— example.com/fancylog hI2DJw[...]1roloI=
— witness1.example mJirIklj[...]qY9v2B/5bg==
— witness2.example TnKKVHLX[...]xwYwrSjgow==
— witness3.example S4X82uH5[...]3oEcROGLFQ==
`;

describe('the proof file (c2sp.org/tlog-proof)', () => {
  it('parses the spec’s example', () => {
    const proof = must(parseTlogProof(SPEC_EXAMPLE));
    expect(proof.index).toBe(73894);
    expect(Buffer.from(proof.extra ?? new Uint8Array()).toString('base64')).toBe(
      'YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
    );
    expect(proof.proof.map((hash) => Buffer.from(hash).toString('base64'))).toEqual([
      'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
      'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
      'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
      'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
      'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
    ]);
    expect(proof.checkpoint.startsWith('example.com/fancylog\n109482\n')).toBe(true);
    expect(proof.checkpoint.endsWith('3oEcROGLFQ==\n')).toBe(true);
  });

  it('writes the spec’s example back byte for byte', () => {
    const proof = must(parseTlogProof(SPEC_EXAMPLE));
    expect(formatTlogProof(proof)).toBe(SPEC_EXAMPLE);
  });

  it('round trip: with and without extra data, with any number of proof lines', () => {
    fc.assert(
      fc.property(
        fc.option(fc.uint8Array({ maxLength: 200 }), { nil: undefined }),
        fc.maxSafeNat(),
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 63 }),
        (extra, index, hashes) => {
          const checkpoint = 'o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n\n— o AAAAAAA=\n';
          const text = formatTlogProof(
            extra === undefined ? { index, proof: hashes, checkpoint } : { extra, index, proof: hashes, checkpoint },
          );
          const parsed = must(parseTlogProof(text));
          expect(parsed.index).toBe(index);
          expect(parsed.extra === undefined ? undefined : hex(parsed.extra)).toBe(
            extra === undefined ? undefined : hex(extra),
          );
          expect(parsed.proof.map(hex)).toEqual(hashes.map(hex));
          expect(parsed.checkpoint).toBe(checkpoint);
        },
      ),
    );
  });

  it('refuses malformed files, naming the line', () => {
    const hash = 'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=';
    const cases: [string, number][] = [
      ['c2sp.org/tlog-proof@v2\nindex 1\n\no\n', 1],
      ['c2sp.org/tlog-proof@v1\nindex 01\n\no\n', 2],
      ['c2sp.org/tlog-proof@v1\nindex -1\n\no\n', 2],
      ['c2sp.org/tlog-proof@v1\nindex  1\n\no\n', 2],
      ['c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\no\n', 2],
      ['c2sp.org/tlog-proof@v1\nindex 1\nextra AAAA\n\no\n', 3],
      [`c2sp.org/tlog-proof@v1\nindex 1\n${hash.slice(4)}\n\no\n`, 3],
      [`c2sp.org/tlog-proof@v1\nindex 1\n${hash}`, 3],
      [`c2sp.org/tlog-proof@v1\nindex 1\n${hash}\n`, 5],
      ['c2sp.org/tlog-proof@v1\nindex 9007199254740993\n\no\n', 2],
      [`c2sp.org/tlog-proof@v1\nindex 1\n${`${hash}\n`.repeat(64)}\no\n`, 66],
    ];
    for (const [text, line] of cases) {
      expect(parseTlogProof(text), JSON.stringify(text)).toMatchObject({
        ok: false,
        error: { code: 'TLOG_PROOF_FILE_MALFORMED', params: { line } },
      });
    }
  });
});

describe('a receipt from issue to check, and a rewrite caught', () => {
  const ORIGIN = 'saylau/test-election';
  const log = generateKey(ORIGIN);
  const witness = generateKey('observer.example/w1', 4);
  const logSigner = must(parseSigner(log.signerKey));
  const logVerifier = must(parseVerifier(log.verifierKey));
  const witnessSigner = must(parseSigner(witness.signerKey, () => 1_700_000_000));
  const witnessVerifier = must(parseVerifier(witness.verifierKey));
  const lines = Array.from({ length: 300 }, (_, i) =>
    utf8(`{"seq":${i + 1},"type":"protocol-accepted","votes":${i * 7}}`),
  );

  function signedCheckpoint(tree: MerkleTree): string {
    const body = formatCheckpoint({ origin: ORIGIN, size: tree.size, root: tree.root(), extensions: [] });
    return must(signNote(body, [logSigner]));
  }

  it('the receipt’s line hashes to the leaf, the proof binds it to a checkpoint signed by the log and a witness', () => {
    const tree = new MerkleTree();
    tree.appendEntries(lines.slice(0, 137));
    const checkpoint = signedCheckpoint(tree);
    const cosigned = must(
      signNote(must(parseNote(checkpoint)).text, [witnessSigner], must(parseNote(checkpoint)).signatures),
    );
    const receipt = formatTlogProof({
      extra: lines[100],
      index: 100,
      proof: must(tree.inclusionProof(100, 137)),
      checkpoint: cosigned,
    });

    // The check, from the file alone and the two public keys.
    const parsed = must(parseTlogProof(receipt));
    const opened = must(openCheckpoint(parsed.checkpoint, ORIGIN, logVerifier, [witnessVerifier]));
    expect(opened.verified.map((s) => s.name)).toEqual([ORIGIN, 'observer.example/w1']);
    const leaf = leafHash(parsed.extra ?? new Uint8Array());
    expect(verifyInclusion(parsed.index, opened.checkpoint.size, leaf, parsed.proof, opened.checkpoint.root)).toBe(
      true,
    );
    // Another line in the receipt, or another index, fails.
    expect(
      verifyInclusion(
        parsed.index,
        opened.checkpoint.size,
        leafHash(lines[101] as Uint8Array),
        parsed.proof,
        opened.checkpoint.root,
      ),
    ).toBe(false);
    expect(verifyInclusion(101, opened.checkpoint.size, leaf, parsed.proof, opened.checkpoint.root)).toBe(false);
  });

  it('the honest log grows and stays consistent with the receipt’s checkpoint', () => {
    const tree = new MerkleTree();
    tree.appendEntries(lines.slice(0, 137));
    const old = must(openCheckpoint(signedCheckpoint(tree), ORIGIN, logVerifier)).checkpoint;
    tree.appendEntries(lines.slice(137));
    const now = must(openCheckpoint(signedCheckpoint(tree), ORIGIN, logVerifier)).checkpoint;
    const proof = must(tree.consistencyProof(old.size, now.size));
    expect(verifyConsistency(old.size, now.size, old.root, now.root, proof)).toBe(true);
  });

  it('the operator rewrites one accepted line and re-signs: no consistency proof joins the two, the receipt’s entry differs', () => {
    const honest = new MerkleTree();
    honest.appendEntries(lines.slice(0, 137));
    const receiptCheckpoint = must(openCheckpoint(signedCheckpoint(honest), ORIGIN, logVerifier)).checkpoint;

    const forgedLines = lines.map((line, i) =>
      i === 100 ? utf8('{"seq":101,"type":"protocol-accepted","votes":1}') : line,
    );
    const forged = new MerkleTree();
    forged.appendEntries(forgedLines);
    const forgedCheckpoint = must(openCheckpoint(signedCheckpoint(forged), ORIGIN, logVerifier)).checkpoint;
    // The log key signs anything: the signature alone proves nothing about history.
    expect(forgedCheckpoint.size).toBe(300);
    const proof = must(forged.consistencyProof(137, 300));
    expect(verifyConsistency(137, 300, receiptCheckpoint.root, forgedCheckpoint.root, proof)).toBe(false);
    // Nor does any proof the forger could make up from the honest tree's own hashes.
    const honestProof = must(honest.consistencyProof(100, 137));
    expect(verifyConsistency(137, 300, receiptCheckpoint.root, forgedCheckpoint.root, honestProof)).toBe(false);
    // And the entry at the receipt's index is no longer the receipt's line.
    expect(hex(forged.hashAt(0, 100))).not.toBe(hex(leafHash(lines[100] as Uint8Array)));
  });
});

describe('checkTlogProof: the spec’s verification steps, each failure named', () => {
  const ORIGIN = 'saylau/test-election';
  const log = generateKey(ORIGIN);
  const logVerifier = must(parseVerifier(log.verifierKey));
  const witness = generateKey('observer.example/w1', 4);
  const witnessVerifier = must(parseVerifier(witness.verifierKey));
  const lines = Array.from({ length: 40 }, (_, i) => utf8(`{"seq":${i + 1}}`));
  const tree = new MerkleTree();
  tree.appendEntries(lines);
  const body = formatCheckpoint({ origin: ORIGIN, size: 40, root: tree.root(), extensions: [] });
  const signed = must(signNote(body, [must(parseSigner(log.signerKey))]));
  /** A receipt for `index`; `extra` false leaves the extra line out, a byte array puts those bytes in it. */
  const receipt = (
    index: number,
    checkpoint = signed,
    extra: Uint8Array | false = lines[index] as Uint8Array,
  ): string =>
    formatTlogProof({
      ...(extra === false ? {} : { extra }),
      index,
      proof: must(tree.inclusionProof(index, 40)),
      checkpoint,
    });

  it('accepts an honest receipt and gives back the entry and the checkpoint', () => {
    const checked = must(checkTlogProof(receipt(7), { origin: ORIGIN, log: logVerifier }));
    expect(new TextDecoder().decode(checked.entry)).toBe('{"seq":8}');
    expect(checked.checkpoint.checkpoint.size).toBe(40);
  });

  it('names what broke: the entry, the index, the log key, the origin, the missing entry', () => {
    const check = (text: string, entry?: Uint8Array) =>
      checkTlogProof(text, { origin: ORIGIN, log: logVerifier, ...(entry === undefined ? {} : { entry }) });
    expect(check(receipt(7, signed, lines[8] as Uint8Array))).toMatchObject({
      ok: false,
      error: { code: 'TLOG_PROOF_INCLUSION_FAILED' },
    });
    expect(check(receipt(7), lines[8])).toMatchObject({ ok: false, error: { code: 'TLOG_PROOF_INCLUSION_FAILED' } });
    expect(check(receipt(7).replace('index 7', 'index 6'))).toMatchObject({
      ok: false,
      error: { code: 'TLOG_PROOF_INCLUSION_FAILED' },
    });
    expect(check(receipt(7).replace('index 7', 'index 40'))).toMatchObject({
      ok: false,
      error: { code: 'TLOG_INDEX_OUT_OF_RANGE' },
    });
    expect(check(receipt(7, signed, false))).toMatchObject({ ok: false, error: { code: 'TLOG_PROOF_NO_ENTRY' } });
    expect(check(receipt(7, signed, false), lines[7]).ok).toBe(true);
    const otherLog = must(parseVerifier(generateKey(ORIGIN).verifierKey));
    expect(checkTlogProof(receipt(7), { origin: ORIGIN, log: otherLog })).toMatchObject({
      ok: false,
      error: { code: 'TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG' },
    });
    expect(checkTlogProof(receipt(7), { origin: 'saylau/other', log: logVerifier })).toMatchObject({
      ok: false,
      error: { code: 'TLOG_CHECKPOINT_WRONG_ORIGIN' },
    });
  });

  it('a witness’s cosignature line, added by the log, is verified when the witness is known and ignored when not', () => {
    const cosigned = must(signNote(body, [must(parseSigner(witness.signerKey, () => 1_774_000_000))]));
    const lineText = cosigned.slice(cosigned.lastIndexOf('\n\n') + 2);
    const line = must(parseSignatureLine(lineText));
    expect(line.name).toBe('observer.example/w1');
    const withWitness = must(addSignatures(signed, [line, line]));
    expect(withWitness.split('\n— ')).toHaveLength(3);
    // Adding it again changes nothing.
    expect(must(addSignatures(withWitness, [line]))).toBe(withWitness);
    const known = must(
      checkTlogProof(receipt(7, withWitness), { origin: ORIGIN, log: logVerifier, witnesses: [witnessVerifier] }),
    );
    expect(known.checkpoint.verified.map((s) => s.name)).toEqual([ORIGIN, 'observer.example/w1']);
    const unknown = must(checkTlogProof(receipt(7, withWitness), { origin: ORIGIN, log: logVerifier }));
    expect(unknown.checkpoint.unverified.map((s) => s.name)).toEqual(['observer.example/w1']);
    // A forged cosignature of a known witness rejects the checkpoint.
    const forged = withWitness.replace(
      line.base64,
      `${line.base64.slice(0, 20)}${line.base64[20] === 'A' ? 'B' : 'A'}${line.base64.slice(21)}`,
    );
    expect(
      checkTlogProof(receipt(7, forged), { origin: ORIGIN, log: logVerifier, witnesses: [witnessVerifier] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'TLOG_NOTE_BAD_SIGNATURE' },
    });
    expect(parseSignatureLine('— a b\n— c d\n').ok).toBe(false);
    expect(parseSignatureLine('not a line').ok).toBe(false);
  });
});
