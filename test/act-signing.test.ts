import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Act, actDigest, actDigestOfText, type ActScope } from '../src/journal/act.ts';
import { canonicalJson } from '../src/model/canonical-json.ts';
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

/** An election, with a journal id or without (a journal made before journals had ids). */
const scopes: fc.Arbitrary<ActScope> = fc.oneof(
  fc.record({ election: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({
    election: fc.string({ minLength: 1, maxLength: 20 }),
    journal: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('hex')),
  }),
);

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { fingerprint: fingerprintOf(raw), publicKey: raw, privateKey };
}

describe('the act digest in the browser and on the server (docs/server.md, "Signing in the client")', () => {
  it('the text the browser hashes (act-text.ts, through @saylau/web-shared) gives the digest the server signs, on random acts', async () => {
    await fc.assert(
      fc.asyncProperty(scopes, act, async (scope, value) => {
        // WebCrypto, as the browser computes it; node:crypto, as the journal does.
        const browser = Buffer.from(
          await crypto.subtle.digest('SHA-256', new TextEncoder().encode(actText(scope, structuredClone(value)))),
        ).toString('hex');
        expect(browser).toBe(actDigest(scope, structuredClone(value)));
        // And the journal's digest from the payload's stored text is the same.
        expect(actDigestOfText(scope, value, canonicalJson(value.payload))).toBe(browser);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the signers of two-phase signing', () => {
  const scope: ActScope = { election: 'kz-test', journal: '0123456789abcdef'.repeat(2) };
  const key = newKey();
  const planned: Act = {
    type: 'protocol-entered',
    actor: key.fingerprint,
    at: '2026-12-03T10:00:00.000Z',
    payload: { n: 1 },
  };
  const digest = actDigest(scope, planned);

  it('phase 1 records the planned act and refuses to sign it, so that nothing is written', async () => {
    const preparing = new PreparingSigner(key.fingerprint, scope, planned.at);
    const outcome = await preparing.sign([planned], [digest]);
    expect(outcome.ok).toBe(false);
    expect(preparing.planned).toEqual([{ ...scope, ...planned, digest }]);
  });

  it('phase 2 takes a signature over exactly the planned act, and refuses one over an act that differs in anything', async () => {
    const signature = signDigest(digest, key);
    const signed = { at: planned.at, signatures: [signature] };
    expect(await new PresignedSigner(key.fingerprint, key.publicKey, scope, signed).sign([planned], [digest])).toEqual(
      ok([signature]),
    );
    const changed: Act[] = [
      { ...planned, payload: { n: 2 } },
      { ...planned, at: '2026-12-03T10:00:00.001Z' },
      { ...planned, type: 'protocol-resolved' },
    ];
    for (const other of changed) {
      const signer = new PresignedSigner(key.fingerprint, key.publicKey, scope, signed);
      const outcome = await signer.sign([other], [actDigest(scope, other)]);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('ACT_SIGNATURE_MISMATCH');
      expect(signer.planned?.[0]?.digest).toBe(actDigest(scope, other));
    }
    // Another scope, or another journal of the same election (a rehearsal's): the same act elsewhere is another.
    for (const other of [
      { ...scope, election: 'kz-other' },
      { ...scope, journal: 'fedcba9876543210'.repeat(2) },
      { election: scope.election },
    ]) {
      const elsewhere = new PresignedSigner(key.fingerprint, key.publicKey, other, signed);
      expect((await elsewhere.sign([planned], [actDigest(other, planned)])).ok).toBe(false);
    }
    // Another person's key over the right act.
    const stranger = newKey();
    const foreign = { at: planned.at, signatures: [signDigest(digest, stranger)] };
    expect(
      (await new PresignedSigner(key.fingerprint, key.publicKey, scope, foreign).sign([planned], [digest])).ok,
    ).toBe(false);
    // As many signatures as acts, no more.
    const extra = { at: planned.at, signatures: [signature, signature] };
    expect((await new PresignedSigner(key.fingerprint, key.publicKey, scope, extra).sign([planned], [digest])).ok).toBe(
      false,
    );
  });

  it('a signing time further from the server clock than the skew is refused before the service runs', async () => {
    let ran = false;
    const now = Date.parse(planned.at);
    const attempt = (at: string) =>
      runSigned({
        identity: key,
        scope,
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
