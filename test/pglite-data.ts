/**
 * A PostgreSQL data folder for the PGlite storage tests, made once and kept between runs: starting a
 * PGlite runs initdb inside WebAssembly (2–6 s of CPU per test worker), starting one from a dump of a
 * fresh data folder takes a fraction of that. vitest's global setup writes the dump (once per PGlite
 * version, under node_modules/.cache); test/storage/backends.ts starts every worker's PGlite from it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Where the dump of this PGlite version's fresh data folder is kept. */
export function pgliteDataPath(): string {
  const { version } = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version: string };
  return join(ROOT, 'node_modules', '.cache', 'cds-bot', `pglite-${version}-datadir.tar`);
}

/**
 * The dump, made now if no earlier run left it. Where it cannot be written (a read-only
 * node_modules), the tests start their PGlite the slow way instead: nothing fails for it.
 */
export async function ensurePgliteData(): Promise<void> {
  const path = pgliteDataPath();
  if (existsSync(path)) return;
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  try {
    const dump = await pglite.dumpDataDir('none');
    mkdirSync(resolve(path, '..'), { recursive: true });
    // Written aside and renamed: a run stopped half-way never leaves half a dump for the next one.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } catch (err) {
    console.warn(`PGlite data folder not kept (${(err as Error).message}): each test worker makes its own`);
  } finally {
    await pglite.close();
  }
}
