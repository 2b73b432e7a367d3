/**
 * vitest's global setup: the spawned-process tests (test/cli.test.ts, the crash test) run
 * bin/cds-bot.js, which runs dist/ as the last build left it and never looks at src/; build it from
 * the sources under test first (esbuild, ~0.5 s; nothing is written when it is already up to date).
 * Meanwhile the PGlite storage tests' data folder is made, if no earlier run left it (test/pglite-data.ts).
 */
import { build } from '../bin/build.js';
import { ensurePgliteData } from './pglite-data.js';

export default async function setup(): Promise<void> {
  await Promise.all([build(), ensurePgliteData()]);
}
