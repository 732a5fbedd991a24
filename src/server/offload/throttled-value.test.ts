import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledValue } from './throttled-value.ts';
import { assertDefined } from '../../law/assert.ts';

describe('ThrottledValue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('under a stream of changes computes at most once per interval, serves the last value meanwhile, and catches up with the last change', async () => {
    let head = 0;
    const computed: number[] = [];
    const replaced: number[] = [];
    const value = new ThrottledValue<number>({
      compute: () => {
        computed.push(head);
        return new Promise((resolve) => setTimeout(() => resolve(assertDefined(computed.at(-1))), 300));
      },
      intervalMs: 5000,
      isStale: (seen) => seen < head,
      onError: () => undefined,
      onReplaced: (previous) => replaced.push(previous),
    });
    // The first caller waits for the first value.
    const first = value.get();
    await vi.advanceTimersByTimeAsync(300);
    expect(await first).toBe(0);
    // The journal moves every 100 ms for 12 s, and a reader asks every 50 ms: each gets an answer at once.
    for (let t = 0; t < 12_000; t += 50) {
      if (t % 100 === 0) head += 1;
      const answer = await Promise.race([
        value.get(),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 1)),
      ]);
      expect(answer).not.toBe('waited');
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(computed.length).toBeLessThanOrEqual(1 + Math.ceil(12_300 / 5000));
    // The stream stops: one more computation, no later than an interval after the last, includes the last change.
    await vi.advanceTimersByTimeAsync(5300);
    expect(await value.get()).toBe(head);
    expect(replaced).toEqual(computed.slice(0, -1));
    const count = computed.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await value.get()).toBe(head);
    expect(computed.length).toBe(count);
    value.close();
  });

  it('keeps a first failure for the interval (no computation per request), then tries again; a failed refresh keeps the good value', async () => {
    let attempts = 0;
    let fail = true;
    let head = 1;
    const reported: unknown[] = [];
    const value = new ThrottledValue<number>({
      compute: () => {
        attempts += 1;
        return fail ? Promise.reject(new Error(`attempt ${attempts}`)) : Promise.resolve(head);
      },
      intervalMs: 5000,
      isStale: (seen) => seen < head,
      onError: (error) => reported.push(error),
    });
    await expect(value.get()).rejects.toThrow('attempt 1');
    await expect(value.get()).rejects.toThrow('attempt 1');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(value.get()).rejects.toThrow('attempt 1');
    expect(attempts).toBe(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(4000);
    expect(await value.get()).toBe(1);
    expect(attempts).toBe(2);
    fail = true;
    head = 2;
    await vi.advanceTimersByTimeAsync(5000);
    expect(await value.get()).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(await value.get()).toBe(1);
    expect(reported).toEqual([new Error('attempt 3')]);
    value.close();
  });
});
