import { describe, expect, it } from 'vitest';
import { workerHeapMb } from './offloader.ts';

describe("a worker's heap limit", () => {
  it('is 512 MB up to 12,000 stations, and another 512 MB for every 12,000 begun', () => {
    expect([0, 10_223, 12_000, 12_001, 102_230].map(workerHeapMb)).toEqual([512, 512, 512, 1024, 4608]);
  });
});
