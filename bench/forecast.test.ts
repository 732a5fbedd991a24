import { describe, expect, it } from 'vitest';
import { benchForecast } from './forecast.ts';

describe('forecast benchmark', () => {
  it("reports the forecast's time beside the bare loop's", () => {
    const figures = benchForecast(300);
    expect(Object.keys(figures)).toEqual([
      'simulations',
      'seconds',
      'simulationsPerSecond',
      'baselineSeconds',
      'ratioToBaseline',
    ]);
    expect(figures.simulations).toBe(300);
    expect(figures.seconds).toBeGreaterThan(0);
  });
});
