/**
 * An exact, non-negative-denominator rational number over BigInt, always in lowest terms.
 * Seat arithmetic is done in these (and in integers) so that no float ever decides a seat.
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with a zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const divisor = gcd(num < 0n ? -num : num, den);
    return new Rational(num / divisor, den / divisor);
  }

  add(other: Rational): Rational {
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return Rational.of(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  mul(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  /** -1, 0 or 1, as `this` is less than, equal to or greater than `other`. */
  compare(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  equals(other: Rational): boolean {
    return this.compare(other) === 0;
  }

  floor(): bigint {
    return floorDiv(this.num, this.den);
  }

  ceil(): bigint {
    return -floorDiv(-this.num, this.den);
  }

  /** The fractional part, `this − floor(this)`, in [0, 1). */
  fraction(): Rational {
    return this.sub(Rational.of(this.floor()));
  }

  /** "num/den" in lowest terms: the form every report and JSON document uses. */
  toString(): string {
    return `${this.num}/${this.den}`;
  }

  /** A rounded decimal for people to read; never used to decide anything. */
  toFixed(digits: number): string {
    const scale = 10n ** BigInt(digits);
    const negative = this.num < 0n;
    const magnitude = negative ? -this.num : this.num;
    // Round half up on the magnitude.
    const scaled = (magnitude * scale * 2n + this.den) / (2n * this.den);
    const whole = (scaled / scale).toString();
    const part = (scaled % scale).toString().padStart(digits, '0');
    return (negative && scaled !== 0n ? '-' : '') + (digits > 0 ? `${whole}.${part}` : whole);
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** Floor division for BigInt (BigInt's `/` truncates towards zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

/**
 * The exact value of a finite JavaScript number as a decimal written in JSON: 3.5 is 7/2, 0.7 is
 * 7/10 (not the binary double nearest to it). Uses the shortest round-trip decimal that
 * `String(n)` gives, which is the text a JSON document carries.
 */
export function decimalToRational(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = String(value);
  // Every finite number prints in this form (ECMA-262 Number::toString), so the match cannot fail.
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text) as RegExpExecArray;
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  let num = BigInt(`${whole}${fraction}`);
  if (sign === '-') num = -num;
  return exponent >= 0 ? Rational.of(num * 10n ** BigInt(exponent)) : Rational.of(num, 10n ** BigInt(-exponent));
}
