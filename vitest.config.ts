import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // The CLI tests start real processes (tsx); slow machines need more than the 5 s default.
    testTimeout: 60_000,
  },
});
