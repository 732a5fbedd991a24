import type { Prng } from '../../generate/prng.ts';

/**
 * Normal and gamma draws on top of the project's seeded `Prng`. Box–Muller gives two normals per
 * pair of uniforms; `Prng.normal()` throws the second away, which the forecast's millions of
 * draws cannot afford. Same seed, same sequence.
 */
export class Draws {
  private spare = 0;
  private hasSpare = false;

  constructor(private readonly prng: Prng) {}

  uniform(): number {
    return this.prng.next();
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.prng.next()));
    const angle = 2 * Math.PI * this.prng.next();
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }

  /**
   * Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma
   * variables"; a shape below 1 is boosted by U^(1/shape). Zero shape gives zero.
   */
  gamma(shape: number): number {
    if (shape <= 0) return 0;
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(1 - this.prng.next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.prng.next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}
