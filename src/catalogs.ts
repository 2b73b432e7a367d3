import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrameworkFile } from './domain/catalog/load.js';
import type { Framework } from './domain/catalog/types.js';

/** The catalogs bundled with cds-bot. */
export const BUNDLED_CATALOG_DIR = fileURLToPath(new URL('../catalogs/', import.meta.url));

/**
 * Frameworks already read, by file name and text: a framework is frozen once read, so the same file
 * text gives the same object. Reading a folder again (every app the tests make, a CLI command after
 * an import) then costs a read of the files instead of parsing and validating them again (~25 ms).
 * Bounded, oldest first out: a long-running process that re-reads edited drafts does not grow it.
 */
const parsed = new Map<string, Framework>();
const PARSED_MAX = 64;

function parseCached(file: string, text: string): Framework {
  const key = `${file}\0${text}`;
  let fw = parsed.get(key);
  if (!fw) {
    fw = parseFrameworkFile(file, text);
    parsed.set(key, fw);
    if (parsed.size > PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
  }
  return fw;
}

/** Loads and validates every catalog file (.yaml, .yml, .json) in a folder; the first bad file throws. */
export function loadCatalogDir(dir: string = BUNDLED_CATALOG_DIR): Map<string, Framework> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const frameworks = new Map<string, Framework>();
  for (const file of files) {
    const fw = parseCached(file, readFileSync(join(dir, file), 'utf8'));
    frameworks.set(fw.id, fw);
  }
  return frameworks;
}
