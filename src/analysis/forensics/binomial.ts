import { assertDefined } from '../../law/assert.ts';
/** A source of uniform numbers in [0, 1): the project's seeded `Prng` (src/generate/prng.ts) in practice. */
export interface Uniform {
  next(): number;
}

/** A sampler of Binomial(n, p) with its set-up done once, for drawing many times. */
export type BinomialSampler = (random: Uniform) => number;

const LN_2PI_HALF = 0.5 * Math.log(2 * Math.PI);

/** ln k! exactly enough for k ≤ 9 (a sum of logs), the Stirling correction table below is built from it. */
const STIRLING_TABLE = Array.from({ length: 10 }, (_, k) => {
  let lnFactorial = 0;
  for (let i = 2; i <= k; i++) lnFactorial += Math.log(i);
  return lnFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + LN_2PI_HALF);
});

/** fc(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π], the correction term of Stirling's formula. */
function stirlingCorrection(k: number): number {
  if (k < 10) return assertDefined(STIRLING_TABLE[k]);
  const k1 = k + 1;
  const k2 = k1 * k1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / k2) / k2) / k1;
}

/**
 * Binomial(n, p), exactly distributed (no normal approximation: the integer-percentage test lives
 * on the lattice k/n, which an approximation would blur). Inversion from zero when n·p < 10;
 * otherwise Hörmann's BTRD, transformed rejection with decomposition (W. Hörmann, "The generation
 * of binomial random variates", J. Statist. Comput. Simul. 46, 1993), which needs about 1.2
 * uniforms a draw whatever n is. p > ½ is drawn as n − Binomial(n, 1 − p).
 */
export function binomialSampler(n: number, p: number): BinomialSampler {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n = ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p = ${p}`);
  if (n === 0 || p === 0) return () => 0;
  if (p === 1) return () => n;
  if (p > 0.5) {
    const mirrored = binomialSampler(n, 1 - p);
    return (random) => n - mirrored(random);
  }
  return n * p < 10 ? inversion(n, p) : btrd(n, p);
}

function inversion(n: number, p: number): BinomialSampler {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const start = Math.pow(q, n);
  return (random) => {
    for (;;) {
      let u = random.next();
      let r = start;
      let x = 0;
      while (u > r) {
        u -= r;
        x += 1;
        if (x > n) break;
        r *= a / x - s;
      }
      // Rounding can leave u above the whole mass; that draw is discarded, not clipped.
      if (x <= n) return x;
    }
  };
}

function btrd(n: number, p: number): BinomialSampler {
  const q = 1 - p;
  const m = Math.floor((n + 1) * p);
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const spq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  const nm = n - m + 1;
  const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m);
  return (random) => {
    for (;;) {
      let v = random.next();
      let u: number;
      if (v <= urvr) {
        // The box in the middle of the hat: accepted without evaluating the density.
        u = v / vr - 0.43;
        return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
      }
      if (v >= vr) {
        u = random.next() - 0.5;
      } else {
        u = v / vr - 0.93;
        u = Math.sign(u) * 0.5 - u;
        v = random.next() * vr;
      }
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      v = (v * alpha) / (a / (us * us) + b);
      const km = Math.abs(k - m);
      if (km <= 15) {
        // Near the mode: the density ratio f(k)/f(m) by its recursion.
        let f = 1;
        if (m < k) for (let i = m + 1; i <= k; i++) f *= nr / i - r;
        else if (m > k) for (let i = k + 1; i <= m; i++) v *= nr / i - r;
        if (v <= f) return k;
        continue;
      }
      // Squeeze on the log scale, then the exact test with Stirling's corrections.
      v = Math.log(v);
      const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
      const t = (-km * km) / (2 * npq);
      if (v < t - rho) return k;
      if (v > t + rho) continue;
      const nk = n - k + 1;
      if (
        v <=
        h +
          (n + 1) * Math.log(nm / nk) +
          (k + 0.5) * Math.log((nk * r) / (k + 1)) -
          stirlingCorrection(k) -
          stirlingCorrection(n - k)
      )
        return k;
    }
  };
}
