import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser test files first, then Vitest's own order. A fresh clone has no record of how long each file took, so
 * Vitest runs the largest files first; the browser files are not the largest but the longest (half a minute to a
 * minute and a half each, mostly waiting on Chromium), and one of them started last kept a worker busy long after
 * the other had finished. Started first, their waiting overlaps the CPU-bound files and the checks scripts/test.sh
 * runs beside the tests.
 */
export default class BrowserFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isBrowser = (file: TestSpecification) => /\/browser[^/]*\.test\.ts$/.test(file.moduleId);
    return [...sorted.filter(isBrowser), ...sorted.filter((file) => !isBrowser(file))];
  }
}
