/**
 * vitest's global setup: the spawned-process tests (test/cli.test.ts, the crash test) run
 * bin/cds-bot.js, which runs dist/ as the last build left it and never looks at src/; build it from
 * the sources under test first (esbuild, ~0.5 s; nothing is written when it is already up to date).
 * Meanwhile the PGlite storage tests' data folder is made, if no earlier run left it (test/pglite-data.ts).
 * At the end, the PostgreSQL schemas of the run are dropped (when TEST_DATABASE_URL names a server).
 */
import { randomBytes } from 'node:crypto';
import { build } from '../bin/build.js';
import { ensurePgliteData } from './pglite-data.js';

export default async function setup(): Promise<() => Promise<void>> {
  // The run's id, inherited by every worker: its PostgreSQL schemas are dropped at the end (backends.ts).
  const run = randomBytes(4).toString('hex');
  process.env.CDS_TEST_RUN = run;
  await Promise.all([build(), ensurePgliteData()]);
  return async () => {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const { dropRunSchemas } = await import('./storage/backends.js');
    await dropRunSchemas(base, run);
  };
}
