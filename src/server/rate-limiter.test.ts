import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('token buckets', () => {
  it('allows a burst, then one request per 60/perMinute seconds, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now += 10 * 60_000;
    // Refilled to the burst, not beyond it.
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0, 1]);
  });

  it('tells how long to wait when the rate is slow', () => {
    const limiter = new RateLimiter(2, 1, () => 0);
    expect(limiter.take('x')).toBe(0);
    expect(limiter.take('x')).toBe(30);
  });

  it('a token given back can be taken again, never beyond the burst', () => {
    const limiter = new RateLimiter(1, 2, () => 0);
    limiter.giveBack('k');
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 60]);
    limiter.giveBack('k');
    expect([limiter.take('k'), limiter.take('k')]).toEqual([0, 60]);
  });
});
