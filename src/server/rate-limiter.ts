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
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
  }

  /**
   * Buckets that have refilled carry no information and go; if that frees too little (a flood of
   * new addresses), the oldest half goes too, so that memory and the cost of a sweep stay bounded.
   */
  private forgetFull(now: number): void {
    const rate = this.perMinute / 60_000;
    for (const [key, bucket] of this.buckets) if (bucket.tokens + (now - bucket.at) * rate >= this.burst) this.buckets.delete(key);
    if (this.buckets.size > 50_000) {
      let drop = this.buckets.size / 2;
      for (const key of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}
