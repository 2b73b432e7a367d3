import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Spawned tests run bin/cds-bot.js, that is dist/: built from the current sources before any test.
    globalSetup: ['test/build-dist.ts'],
    // The CLI tests start real processes; slow machines need more than the 5 s default.
    testTimeout: 60_000,
  },
});
