import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrameworkFile } from './domain/catalog/load.js';
import type { Framework } from './domain/catalog/types.js';

/** The catalogs bundled with cds-bot. */
export const BUNDLED_CATALOG_DIR = fileURLToPath(new URL('../catalogs/', import.meta.url));

/** Loads and validates every catalog file (.yaml, .yml, .json) in a folder; the first bad file throws. */
export function loadCatalogDir(dir: string = BUNDLED_CATALOG_DIR): Map<string, Framework> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const frameworks = new Map<string, Framework>();
  for (const file of files) {
    const fw = parseFrameworkFile(file, readFileSync(join(dir, file), 'utf8'));
    frameworks.set(fw.id, fw);
  }
  return frameworks;
}
