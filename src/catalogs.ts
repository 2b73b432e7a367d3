import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrameworkFile } from './domain/catalog/load.js';
import type { Framework } from './domain/catalog/types.js';
import { remembered } from './domain/remembered.js';

/** The catalogs bundled with cds-bot. */
export const BUNDLED_CATALOG_DIR = fileURLToPath(new URL('../catalogs/', import.meta.url));

/**
 * Frameworks already read, by file name and text: a framework is frozen once read, so the same file
 * text gives the same object. Reading a folder again (every app the tests make, a CLI command after
 * an import) then costs a read of the files instead of parsing and validating them again (~25 ms).
 * At most 64 kept: a long-running process that re-reads edited drafts does not grow it.
 */
const parseKept = remembered((key: string) => {
  const cut = key.indexOf('\0');
  return parseFrameworkFile(key.slice(0, cut), key.slice(cut + 1));
}, 64);

/** Loads and validates every catalog file (.yaml, .yml, .json) in a folder; the first bad file throws. */
export function loadCatalogDir(dir: string = BUNDLED_CATALOG_DIR): Map<string, Framework> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const frameworks = new Map<string, Framework>();
  for (const file of files) {
    const fw = parseKept(`${file}\0${readFileSync(join(dir, file), 'utf8')}`);
    frameworks.set(fw.id, fw);
  }
  return frameworks;
}
