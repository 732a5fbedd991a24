/**
 * Token buckets, one per key ("addr:…", "account:…"): `perMinute` requests a minute on average,
 * bursts up to `burst`. In memory, per process: with several processes the limit is per process,
 * which a proxy in front can tighten.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** 0 if the request may go ahead (and takes a token), else the seconds until it may. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.refilled(key, now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.secondsUntilOne(bucket.tokens);
  }

  /** Returns a token `take` took, for a limit on failures taken before the outcome is known. */
  giveBack(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket !== undefined) bucket.tokens = Math.min(this.burst, bucket.tokens + 1);
  }

  private refilled(key: string, now: number): { tokens: number; at: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * (this.perMinute / 60_000));
    bucket.at = now;
    return bucket;
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / (this.perMinute / 60_000) / 1000));
  }

  /**
   * Buckets that have refilled carry no information and go; if that frees too little (a flood of
   * new addresses), the oldest half goes too, so that memory and the cost of a sweep stay bounded.
   */
  private forgetFull(now: number): void {
    const rate = this.perMinute / 60_000;
    for (const [key, bucket] of this.buckets)
      if (bucket.tokens + (now - bucket.at) * rate >= this.burst) this.buckets.delete(key);
    if (this.buckets.size > 50_000) {
      let drop = this.buckets.size / 2;
      for (const key of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}
