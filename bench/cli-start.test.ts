import { describe, expect, it } from 'vitest';
import { benchCliStart } from './cli-start.ts';

describe('CLI start benchmark', () => {
  it("reports saylau --help's start beside node -e 0's", () => {
    const figures = benchCliStart(1);
    expect(Object.keys(figures)).toEqual(['runs', 'nodeMs', 'helpMs', 'ratioToNode']);
    expect(figures.runs).toBe(1);
    expect(figures.helpMs).toBeGreaterThan(0);
  });
});
