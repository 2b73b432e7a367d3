/**
 * The order vitest starts test files in: the longest first, across the three projects, so that the
 * files that wait on spawned processes and Chromium (the slow and browser projects) run beside the
 * CPU-bound fast files instead of after them (vitest's own order takes projects one after another,
 * by name, which left the longest files for the end of the run on two cores).
 * The length is the last run's (vitest's results cache); on a fresh clone, the slow and browser
 * projects' files first, then the larger files.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const expected = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${relative(config.root, spec.moduleId)}`;
      const last = cache.getFileTestResults(key)?.duration;
      if (last !== undefined) return last;
      const size = cache.getFileStats(key)?.size ?? 0;
      return (spec.project.name === 'fast' ? 0 : 10_000) + size / 10;
    };
    const known = new Map(files.map((f) => [f, expected(f)]));
    return [...files].sort((a, b) => (known.get(b) ?? 0) - (known.get(a) ?? 0));
  }
}
