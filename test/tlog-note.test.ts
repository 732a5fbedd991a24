import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from '../src/tlog/checkpoint.ts';
import { cosignatureTimestamp, cosignedMessage } from '../src/tlog/cosignature.ts';
import { generateKey, parseSigner, parseVerifier, signerOf, verifierOf } from '../src/tlog/keys.ts';
import { leafHash, MerkleTree } from '../src/tlog/merkle.ts';
import {
  ed25519NoteSigner,
  ed25519PublicKey,
  ed25519Verify,
  ed25519PublicKeyObject,
  isValidKeyName,
  MAX_SIGNATURES,
  noteKeyId,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteVerifier,
} from '../src/tlog/note.ts';

// Signed notes, key strings, checkpoints and cosignatures against Go's note package test vectors
// (/work/notes/specs/go-sumdb/note_note_test.go) and the examples of the C2SP specifications
// (/work/notes/specs/c2sp/*.md); docs/transparency-log.md, "Formats".

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}`);
  return result.value;
};

// note_note_test.go: TestNewVerifier, TestNewSigner, TestSign, TestOpen.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const peter = must(parseVerifier(PETER_VKEY));
const enoch = must(parseVerifier(ENOCH_VKEY));

describe('key strings (Go note package: NewVerifier, NewSigner)', () => {
  it('parses Go’s verifier and signer keys, and the signer derives the verifier’s public key and id', () => {
    const vkey = must(parseVerifierKey(PETER_VKEY));
    const skey = must(parseSignerKey(PETER_SKEY));
    expect(vkey).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, type: 1 });
    expect(skey).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, type: 1 });
    expect(Buffer.from(skey.publicKey).toString('hex')).toBe(Buffer.from(vkey.publicKey).toString('hex'));
    expect(noteKeyId('PeterNeumann', 1, vkey.publicKey)).toBe(0xc74f20a3);
  });

  it('refuses every proper substring and every one-byte change of the verifier key (TestNewVerifier)', () => {
    const bytes = Buffer.from(PETER_VKEY);
    for (let i = 0; i <= bytes.length; i += 1) {
      for (let j = i + 1; j <= bytes.length; j += 1) {
        if (i !== 0 || j !== bytes.length) expect(parseVerifierKey(bytes.subarray(i, j).toString()).ok).toBe(false);
      }
    }
    for (let i = 0; i < bytes.length; i += 1) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] ?? 0) + 1;
      expect(parseVerifierKey(changed.toString()).ok, changed.toString()).toBe(false);
    }
    // Wrong key length and unknown algorithm, each with an id that matches (TestNewVerifier's last two).
    expect(
      parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
    ).toMatchObject({
      ok: false,
      error: { code: 'TLOG_KEY_MALFORMED' },
    });
    expect(parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toMatchObject({
      ok: false,
      error: { code: 'TLOG_KEY_UNKNOWN_TYPE' },
    });
  });

  it('refuses every proper substring and every one-byte change of the signer key (TestNewSigner)', () => {
    const bytes = Buffer.from(PETER_SKEY);
    for (let i = 0; i <= bytes.length; i += 1) {
      for (let j = i + 1; j <= bytes.length; j += 1) {
        if (i !== 0 || j !== bytes.length) expect(parseSignerKey(bytes.subarray(i, j).toString()).ok).toBe(false);
      }
    }
    for (let i = 0; i < bytes.length; i += 1) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] ?? 0) + 1;
      expect(parseSignerKey(changed.toString()).ok, changed.toString()).toBe(false);
    }
  });

  it('a generated pair signs and verifies, and its strings parse back (TestGenerateKey)', () => {
    for (const type of [1, 4] as const) {
      const { signerKey, verifierKey } = generateKey('saylau/test', type);
      expect(signerKey.startsWith('PRIVATE+KEY+saylau/test+')).toBe(true);
      const signer = must(parseSigner(signerKey, () => 1_700_000_000));
      const verifier = must(parseVerifier(verifierKey));
      expect([signer.name, signer.keyId]).toEqual([verifier.name, verifier.keyId]);
      const signature = signer.sign(utf8('hi\n'));
      expect(verifier.verify(utf8('hi\n'), signature)).toBe(true);
      expect(verifier.verify(utf8('ho\n'), signature)).toBe(false);
    }
  });

  it('the same public key has one id per signature type (c2sp.org/signed-note, "Verifier keys")', () => {
    const { signerKey } = generateKey('witness.example/w1', 4);
    const key = must(parseSignerKey(signerKey));
    expect(noteKeyId(key.name, 1, key.publicKey)).not.toBe(noteKeyId(key.name, 4, key.publicKey));
  });

  it('key names: non-empty, no Unicode space, no plus', () => {
    expect(isValidKeyName('example.com/log42')).toBe(true);
    expect(isValidKeyName('saylau/election-2023')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u3000b', 'a\nb', '\ud800']) {
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('a seed gives the RFC 8032 §7.1 test 1 public key (the PKCS#8 prefix is right)', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    expect(Buffer.from(ed25519PublicKey(seed)).toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    const signature = ed25519NoteSigner('rfc8032', seed).sign(new Uint8Array());
    expect(Buffer.from(signature).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(ed25519Verify(ed25519PublicKeyObject(ed25519PublicKey(seed)), new Uint8Array(), signature)).toBe(true);
  });
});

describe('signed notes (c2sp.org/signed-note; Go note package: Sign, Open)', () => {
  it('signs Go’s note byte for byte (TestSign)', () => {
    const signer = must(parseSigner(PETER_SKEY));
    expect(must(signNote(TEXT, [signer]))).toBe(`${TEXT}\n${PETER_SIG}`);
    // An existing signature of the same key is replaced, not repeated.
    const again = signNote(TEXT, [signer], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADSIGN=' }]);
    expect(must(again)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('refuses to sign text without a final newline or with a control character, and kept signatures that lie', () => {
    const signer = must(parseSigner(PETER_SKEY));
    expect(signNote('abc', [signer])).toMatchObject({ ok: false, error: { code: 'TLOG_NOTE_MALFORMED' } });
    expect(signNote('a\tb\n', [signer])).toMatchObject({ ok: false, error: { code: 'TLOG_NOTE_MALFORMED' } });
    expect(signNote(TEXT, [], [{ name: 'a+b', keyId: 0, base64: 'AAAAAAA=' }]).ok).toBe(false);
    expect(signNote(TEXT, [], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADHASH=' }]).ok).toBe(false);
  });

  it('the C2SP signed-note example verifies with its verifier key', () => {
    // /work/notes/specs/c2sp/signed-note.md, "Verifier keys", "Example".
    const vkey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
    const note =
      'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    const opened = must(openNote(note, [must(parseVerifier(vkey))]));
    expect(opened.text).toBe('This is an example message.\n');
    expect(openNote(note.replace('example message', 'example massage'), [must(parseVerifier(vkey))])).toMatchObject({
      ok: false,
      error: { code: 'TLOG_NOTE_BAD_SIGNATURE' },
    });
  });

  it('one known key verified, the unknown one kept unverified; both known; none known (TestOpen)', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = must(openNote(note, [peter]));
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    expect(one.unverified.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const both = must(openNote(note, [peter, enoch]));
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both.unverified).toEqual([]);
    expect(openNote(note, [])).toMatchObject({ ok: false, error: { code: 'TLOG_NOTE_UNVERIFIED' } });
  });

  it('an ambiguous key refuses only the notes that use it (TestOpen, duplicated verifier)', () => {
    expect(openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch])).toMatchObject({
      ok: false,
      error: { code: 'TLOG_KEY_AMBIGUOUS' },
    });
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch]).ok).toBe(true);
  });

  it('more than 100 signatures are refused whether known or not (TestOpen)', () => {
    const note = `${TEXT}\n${PETER_SIG.repeat(MAX_SIGNATURES + 1)}`;
    expect(openNote(note, [peter])).toMatchObject({ ok: false, error: { code: 'TLOG_NOTE_TOO_MANY_SIGNATURES' } });
    expect(openNote(note, [])).toMatchObject({ ok: false, error: { code: 'TLOG_NOTE_TOO_MANY_SIGNATURES' } });
    // The spec's floor: at least 16 must be accepted.
    expect(openNote(`${TEXT}\n${PETER_SIG.repeat(16)}`, [peter]).ok).toBe(true);
  });

  it('a known key’s bad signature rejects the whole note (TestOpen, invalid signature)', () => {
    const bad = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(openNote(`${TEXT}\n${bad}`, [peter])).toMatchObject({
      ok: false,
      error: { code: 'TLOG_NOTE_BAD_SIGNATURE', params: { key: 'PeterNeumann+c74f20a3' } },
    });
    // The same bad line with no known key for it is merely unverified, beside a good one.
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`, [peter]).ok).toBe(true);
  });

  it('repeated lines count once; distinct unknown lines are all kept (TestOpen, duplicated signatures)', () => {
    const enochAbcd = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    const opened = must(openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochAbcd}`, [peter]));
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified.map((s) => s.base64.slice(40, 50))).toEqual([
      ENOCH_SIG.slice(52, 62),
      enochAbcd.slice(52, 62),
    ]);
  });

  it('refuses malformed notes (TestOpen, invalid encoded message syntax)', () => {
    const bad: (string | Uint8Array)[] = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]),
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      // And more of the spec's rules: a carriage return, a hyphen for the em dash, a signature of 4 bytes.
      `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`,
      `${TEXT}\n${PETER_SIG.replace('—', '-')}`,
      `${TEXT}\n— PeterNeumann x08gow==\n`,
      `${TEXT}\n— PeterNeumann\n`,
      `${TEXT}\n—  PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ];
    for (const note of bad) {
      const result = openNote(note, [peter]);
      expect(result.ok, JSON.stringify(typeof note === 'string' ? note : 'bytes')).toBe(false);
      expect(result.ok ? '' : result.error.code).toMatch(/^TLOG_NOTE_MALFORMED$/);
    }
  });

  it('the text is split at the last blank line: a text may hold blank lines', () => {
    const signer = must(parseSigner(PETER_SKEY));
    const text = 'first\n\nsecond\n';
    const note = must(signNote(text, [signer]));
    expect(must(openNote(note, [peter])).text).toBe(text);
    expect(must(parseNote(note)).signatures).toHaveLength(1);
  });

  it('round trip: any text of printable lines signed by random keys opens with those keys and no other', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'б', 'ә', ' ', '—', '+', '/', '1', '🗳'), maxLength: 20 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 3 }), (lines, count) => {
        const text = `${lines.join('\n')}\n`;
        const keys = Array.from({ length: count }, (_, i) => generateKey(`k${i}.example`));
        const signers = keys.map((key) => must(parseSigner(key.signerKey)));
        const verifiers: NoteVerifier[] = keys.map((key) => must(parseVerifier(key.verifierKey)));
        const note = must(signNote(text, signers));
        const opened = must(openNote(note, verifiers));
        expect(opened.text).toBe(text);
        expect(opened.verified).toHaveLength(count);
        expect(openNote(note, [peter])).toMatchObject({ ok: false, error: { code: 'TLOG_NOTE_UNVERIFIED' } });
        // A changed text breaks every signature.
        const forged = note.replace(text, `${text}x\n`);
        expect(openNote(forged, verifiers).ok).toBe(false);
      }),
      { numRuns: 30 },
    );
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const root = leafHash(utf8('hello world'));

  it('parses the C2SP example and Go’s tree note (tlog_note_test.go TestParseTree)', () => {
    const example = parseCheckpoint(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(must(example)).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163, extensions: [] });
    const go = must(
      parseCheckpoint('go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'),
    );
    expect(go.size).toBe(123456789012);
    expect(Buffer.from(go.root).toString('hex')).toBe(Buffer.from(root).toString('hex'));
  });

  it('formats as Go’s FormatTree for the same tree (tlog_note_test.go TestFormatTree)', () => {
    expect(formatCheckpoint({ origin: 'go.sum database tree', size: 123456789012, root, extensions: [] })).toBe(
      'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
    );
  });

  it('keeps extension lines, in order', () => {
    const text = formatCheckpoint({ origin: 'o', size: 1, root, extensions: ['x', 'y z'] });
    expect(must(parseCheckpoint(text)).extensions).toEqual(['x', 'y z']);
  });

  it('refuses what the spec forbids', () => {
    const rootText = 'TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=';
    const bad = [
      `o\n1\n${rootText}`, // no final newline
      `o\n1\n`, // two lines
      `\n1\n${rootText}\n`, // empty origin
      `o\n01\n${rootText}\n`, // leading zero
      `o\n-1\n${rootText}\n`,
      `o\n+1\n${rootText}\n`,
      `o\n 1\n${rootText}\n`,
      `o\n0xabcdef\n${rootText}\n`, // TestParseTree's bad size
      `o\n9007199254740993\n${rootText}\n`, // beyond 2^53
      `o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n`, // TestParseTree's bad hash
      `o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb1=\n`, // non-canonical base64 (stray bits)
      `o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\n`, // unpadded
      `o\n1\n${rootText.slice(4)}\n`, // 29 bytes
      `o\n1\n${rootText}\n\n`, // an empty extension line
      `o\n1\n${rootText}\nx\n\n`,
    ];
    for (const text of bad) {
      expect(parseCheckpoint(text), JSON.stringify(text)).toMatchObject({
        ok: false,
        error: { code: 'TLOG_CHECKPOINT_MALFORMED' },
      });
    }
  });

  it('round trip over random checkpoints', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.includes('\n')),
        fc.maxSafeNat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => !s.includes('\n')),
          { maxLength: 3 },
        ),
        (origin, size, rootBytes, extensions) => {
          const parsed = must(parseCheckpoint(formatCheckpoint({ origin, size, root: rootBytes, extensions })));
          expect(parsed.origin).toBe(origin);
          expect(parsed.size).toBe(size);
          expect(Buffer.from(parsed.root).equals(Buffer.from(rootBytes))).toBe(true);
          expect(parsed.extensions).toEqual(extensions);
        },
      ),
    );
  });

  it('opens a checkpoint only with the log’s signature and the expected origin', () => {
    const log = generateKey('saylau/test-election');
    const other = generateKey('saylau/other');
    const witness = generateKey('observer.example/w1', 4);
    const tree = new MerkleTree();
    tree.append(root);
    const text = formatCheckpoint({ origin: 'saylau/test-election', size: 1, root: tree.root(), extensions: [] });
    const logVerifier = must(parseVerifier(log.verifierKey));
    const signed = must(signNote(text, [must(parseSigner(log.signerKey))]));
    const opened = must(openCheckpoint(signed, 'saylau/test-election', logVerifier));
    expect(opened.checkpoint.size).toBe(1);
    expect(opened.text).toBe(text);
    expect(openCheckpoint(signed, 'saylau/another', logVerifier)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_CHECKPOINT_WRONG_ORIGIN' },
    });
    // Signed by someone else, or only by a witness: not the log's checkpoint.
    const byOther = must(signNote(text, [must(parseSigner(other.signerKey))]));
    expect(openCheckpoint(byOther, 'saylau/test-election', logVerifier)).toMatchObject({
      ok: false,
      error: { code: 'TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG' },
    });
    const witnessVerifier = must(parseVerifier(witness.verifierKey));
    const byWitness = must(signNote(text, [must(parseSigner(witness.signerKey, () => 1))]));
    expect(openCheckpoint(byWitness, 'saylau/test-election', logVerifier, [witnessVerifier])).toMatchObject({
      ok: false,
      error: { code: 'TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG' },
    });
    // Cosigned: the log's and the witness's signatures both verified.
    const cosigned = must(
      signNote(text, [must(parseSigner(witness.signerKey, () => 1))], must(parseNote(signed)).signatures),
    );
    const both = must(openCheckpoint(cosigned, 'saylau/test-election', logVerifier, [witnessVerifier]));
    expect(both.verified.map((s) => s.name)).toEqual(['saylau/test-election', 'observer.example/w1']);
  });
});

describe('cosignatures (c2sp.org/tlog-cosignature, cosignature/v1)', () => {
  const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

  it('the signed message is the spec’s example', () => {
    // /work/notes/specs/c2sp/tlog-cosignature.md, "Ed25519 signed message".
    expect(new TextDecoder().decode(cosignedMessage(1679315147, body))).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('reads the timestamp of the spec’s example cosignature line: 1679315147, the example’s time', () => {
    const note = `${body}\n— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n`;
    const [line] = must(parseNote(note)).signatures;
    expect(line?.keyId).toBe(0x8d66cf3f);
    expect(must(cosignatureTimestamp(line ?? { name: '', keyId: 0, base64: '' }))).toBe(1679315147);
  });

  it('signs and verifies: 8-byte big-endian time then the Ed25519 signature, key id of type 0x04', () => {
    const key = must(parseSignerKey(generateKey('witness.example/w1', 4).signerKey));
    const signer = signerOf(key, () => 1679315147);
    const verifier = verifierOf(
      must(
        parseVerifierKey(
          `witness.example/w1+${key.keyId.toString(16).padStart(8, '0')}+${Buffer.concat([Buffer.from([4]), key.publicKey]).toString('base64')}`,
        ),
      ),
    );
    expect(signer.keyId).toBe(noteKeyId('witness.example/w1', 4, key.publicKey));
    const signature = signer.sign(utf8(body));
    expect(signature).toHaveLength(72);
    expect(Buffer.from(signature.subarray(0, 8)).readBigUInt64BE(0)).toBe(1679315147n);
    expect(verifier.verify(utf8(body), signature)).toBe(true);
    // A changed time, a changed body, a bare Ed25519 signature: all fail.
    const later = signature.slice();
    later[7] = (later[7] ?? 0) ^ 1;
    expect(verifier.verify(utf8(body), later)).toBe(false);
    expect(verifier.verify(utf8(body.replace('20852163', '20852164')), signature)).toBe(false);
    expect(verifier.verify(utf8(body), signature.subarray(8))).toBe(false);
    // Domain separation: the same key as a plain note key (type 0x01) does not accept the cosignature.
    const plain = verifierOf({ ...must(parseVerifierKey(generateKey('x').verifierKey)), publicKey: key.publicKey });
    expect(plain.verify(utf8(body), signature.subarray(8))).toBe(false);
  });

  it('a cosignature covers extension lines too', () => {
    const key = must(parseSignerKey(generateKey('w', 4).signerKey));
    const signer = signerOf(key, () => 5);
    const verifier = verifierOf({ name: 'w', keyId: key.keyId, type: 4, publicKey: key.publicKey });
    const withExtension = `${body}extension\n`;
    const signature = signer.sign(utf8(withExtension));
    expect(verifier.verify(utf8(withExtension), signature)).toBe(true);
    expect(verifier.verify(utf8(body), signature)).toBe(false);
  });

  it('refuses a malformed cosignature line', () => {
    expect(cosignatureTimestamp({ name: 'w', keyId: 1, base64: 'AAAAAQ==' })).toMatchObject({
      ok: false,
      error: { code: 'TLOG_COSIGNATURE_MALFORMED' },
    });
  });
});
