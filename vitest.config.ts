import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // Spawned tests run bin/cds-bot.js, that is dist/: built from the current sources before any test.
    globalSetup: ['test/build-dist.ts'],
    // Spawned processes (the crash test, the build, a CLI smoke test) need more than the 5 s default on a slow machine.
    testTimeout: 60_000,
    // PGlite's set-up (a PostgreSQL in WebAssembly) takes seconds of CPU when the cores are shared.
    hookTimeout: 30_000,
    // Every core (vitest's default leaves one idle: half of a 2-core machine). More workers than
    // cores was measured slower: the run is CPU-bound, and each worker starts its own PGlite.
    maxWorkers: availableParallelism(),
    // The transformed sources are kept between runs (under node_modules/.vite), not redone each time.
    experimental: { fsModuleCache: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.slow.test.ts', 'test/browser/**'],
          // No test mocks a module or a timer, so test files may share the modules they import:
          // each worker imports the sources once instead of once per file (about half the run).
          isolate: false,
          // Worker threads start and pass messages for less than child processes (~10 % of this
          // project's time); the files that spawn processes or Chromium stay in forks.
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: { name: 'slow', include: ['test/**/*.slow.test.ts'], exclude: ['test/browser/**'] },
      },
      // The web view in Debian's Chromium (playwright-core): `npm test` runs it; .ci/run installs Chromium.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
});
