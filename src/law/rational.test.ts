import { describe, expect, it } from 'vitest';
import { decimalToRational, floorDiv, gcd, Rational } from './rational.ts';

describe('Rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    expect(Rational.of(6n, 8n).toString()).toBe('3/4');
    expect(Rational.of(3n, -6n).toString()).toBe('-1/2');
    expect(Rational.of(0n, 5n).toString()).toBe('0/1');
    expect(Rational.of(7n).toString()).toBe('7/1');
  });

  it('refuses a zero denominator', () => {
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies, divides exactly', () => {
    const third = Rational.of(1n, 3n);
    const half = Rational.of(1n, 2n);
    expect(third.add(half).toString()).toBe('5/6');
    expect(third.sub(half).toString()).toBe('-1/6');
    expect(third.mul(half).toString()).toBe('1/6');
    expect(third.div(half).toString()).toBe('2/3');
  });

  it('compares without rounding', () => {
    const a = Rational.of(9007199254740993n, 3n);
    const b = Rational.of(9007199254740992n, 3n);
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(a.compare(Rational.of(18014398509481986n, 6n))).toBe(0);
    expect(a.equals(b)).toBe(false);
  });

  it('floors, ceils and takes the fraction, negatives included', () => {
    expect(Rational.of(7n, 2n).floor()).toBe(3n);
    expect(Rational.of(-7n, 2n).floor()).toBe(-4n);
    expect(Rational.of(7n, 2n).ceil()).toBe(4n);
    expect(Rational.of(-7n, 2n).ceil()).toBe(-3n);
    expect(Rational.of(6n, 2n).ceil()).toBe(3n);
    expect(Rational.of(7n, 2n).fraction().toString()).toBe('1/2');
    expect(Rational.of(-7n, 2n).fraction().toString()).toBe('1/2');
  });

  it('prints rounded decimals for people', () => {
    expect(Rational.of(2n, 3n).toFixed(4)).toBe('0.6667');
    expect(Rational.of(-2n, 3n).toFixed(2)).toBe('-0.67');
    expect(Rational.of(-1n, 1000n).toFixed(2)).toBe('0.00');
    expect(Rational.of(5n, 2n).toFixed(0)).toBe('3');
    expect(Rational.of(1n, 20n).toFixed(3)).toBe('0.050');
  });
});

describe('integer helpers', () => {
  it('gcd, with gcd(0, 0) taken as 1 so that 0/n normalises', () => {
    expect(gcd(12n, 18n)).toBe(6n);
    expect(gcd(0n, 0n)).toBe(1n);
  });

  it('floorDiv rounds towards minus infinity', () => {
    expect(floorDiv(7n, 2n)).toBe(3n);
    expect(floorDiv(-7n, 2n)).toBe(-4n);
    expect(floorDiv(7n, -2n)).toBe(-4n);
    expect(floorDiv(-8n, 2n)).toBe(-4n);
  });
});

describe('decimalToRational', () => {
  it('reads the decimal a JSON document wrote, not the nearest binary double', () => {
    expect(decimalToRational(0.7).toString()).toBe('7/10');
    expect(decimalToRational(3.5).toString()).toBe('7/2');
    expect(decimalToRational(5).toString()).toBe('5/1');
    expect(decimalToRational(-2.25).toString()).toBe('-9/4');
    expect(decimalToRational(1.5e-7).toString()).toBe('3/20000000');
    expect(decimalToRational(1e21).toString()).toBe('1000000000000000000000/1');
  });

  it('refuses what is not a finite number', () => {
    expect(() => decimalToRational(Number.NaN)).toThrow(RangeError);
    expect(() => decimalToRational(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
