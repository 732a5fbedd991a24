import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Act, actDigest } from '../src/journal/act.ts';
import { rawPublicKey, signDigest, fingerprintOf, type SigningKey } from '../src/journal/keys.ts';
import { actText } from '../src/model/act-text.ts';
import { PreparingSigner, PresignedSigner, runSigned } from '../src/server/act-signing.ts';
import { ApiError } from '../src/server/api-error.ts';
import { ok } from '../src/model/result.ts';

/** A JSON value of the kind payloads hold: integers, strings (any UTF-16, lone surrogates aside), arrays, objects. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.string({ unit: 'grapheme' }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'grapheme' }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const act = fc.record({
  type: fc.constantFrom('protocol-entered', 'protocol-resolved', 'protocol-accepted', 'key-registered'),
  actor: fc.stringMatching(/^[0-9a-f]{64}$/),
  at: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  payload: fc.dictionary(fc.string({ unit: 'grapheme' }), jsonValue, { maxKeys: 5 }),
});

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { fingerprint: fingerprintOf(raw), publicKey: raw, privateKey };
}

describe('the act digest in the browser and on the server (docs/server.md, "Signing in the client")', () => {
  it('the text the browser hashes (act-text.ts, through @saylau/web-shared) gives the digest the server signs, on random acts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), act, async (election, value) => {
        // WebCrypto, as the browser computes it; node:crypto, as the journal does.
        const browser = Buffer.from(
          await crypto.subtle.digest('SHA-256', new TextEncoder().encode(actText(election, structuredClone(value)))),
        ).toString('hex');
        expect(browser).toBe(actDigest(election, structuredClone(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the signers of two-phase signing', () => {
  const election = 'kz-test';
  const key = newKey();
  const planned: Act = {
    type: 'protocol-entered',
    actor: key.fingerprint,
    at: '2026-12-03T10:00:00.000Z',
    payload: { n: 1 },
  };
  const digest = actDigest(election, planned);

  it('phase 1 records the planned act and refuses to sign it, so that nothing is written', async () => {
    const preparing = new PreparingSigner(key.fingerprint, election, planned.at);
    const outcome = await preparing.sign([planned], [digest]);
    expect(outcome.ok).toBe(false);
    expect(preparing.planned).toEqual([{ election, ...planned, digest }]);
  });

  it('phase 2 takes a signature over exactly the planned act, and refuses one over an act that differs in anything', async () => {
    const signature = signDigest(digest, key);
    const signed = { at: planned.at, signatures: [signature] };
    expect(
      await new PresignedSigner(key.fingerprint, key.publicKey, election, signed).sign([planned], [digest]),
    ).toEqual(ok([signature]));
    const changed: Act[] = [
      { ...planned, payload: { n: 2 } },
      { ...planned, at: '2026-12-03T10:00:00.001Z' },
      { ...planned, type: 'protocol-resolved' },
    ];
    for (const other of changed) {
      const signer = new PresignedSigner(key.fingerprint, key.publicKey, election, signed);
      const outcome = await signer.sign([other], [actDigest(election, other)]);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('ACT_SIGNATURE_MISMATCH');
      expect(signer.planned?.[0]?.digest).toBe(actDigest(election, other));
    }
    // Another election: the same act elsewhere is another act.
    const elsewhere = new PresignedSigner(key.fingerprint, key.publicKey, 'kz-other', signed);
    expect((await elsewhere.sign([planned], [actDigest('kz-other', planned)])).ok).toBe(false);
    // Another person's key over the right act.
    const stranger = newKey();
    const foreign = { at: planned.at, signatures: [signDigest(digest, stranger)] };
    expect(
      (await new PresignedSigner(key.fingerprint, key.publicKey, election, foreign).sign([planned], [digest])).ok,
    ).toBe(false);
    // As many signatures as acts, no more.
    const extra = { at: planned.at, signatures: [signature, signature] };
    expect(
      (await new PresignedSigner(key.fingerprint, key.publicKey, election, extra).sign([planned], [digest])).ok,
    ).toBe(false);
  });

  it('a signing time further from the server clock than the skew is refused before the service runs', async () => {
    let ran = false;
    const now = Date.parse(planned.at);
    const attempt = (at: string) =>
      runSigned({
        identity: key,
        electionId: election,
        signed: { at, signatures: [signDigest(digest, key)] },
        skewMs: 60_000,
        nowMs: () => now,
        service: () => {
          ran = true;
          return Promise.resolve(ok(undefined));
        },
      });
    await expect(attempt('2026-12-03T10:01:00.001Z')).rejects.toSatisfy(
      (error) => error instanceof ApiError && error.code === 'ACT_TIME_SKEW',
    );
    await expect(attempt('2026-12-03T09:58:59.999Z')).rejects.toBeInstanceOf(ApiError);
    expect(ran).toBe(false);
    await attempt('2026-12-03T10:00:59.000Z');
    expect(ran).toBe(true);
  });
});
