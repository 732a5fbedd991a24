import { describe, expect, it } from 'vitest';
import { workerHeapMb } from './offloader.ts';

describe("a worker's heap limit", () => {
  it('is 512 MB up to 12,000 stations, and another 512 MB for every 12,000 begun', () => {
    const onLargeMachine = (stations: number) => workerHeapMb(stations, 64 * 1024);
    expect([0, 10_223, 12_000, 12_001, 102_230].map(onLargeMachine)).toEqual([512, 512, 512, 1024, 4608]);
  });

  it("is never more than half the machine's memory, nor less than 512 MB", () => {
    expect(workerHeapMb(102_230, 4096)).toBe(2048);
    expect(workerHeapMb(10_223, 512)).toBe(512);
  });
});
