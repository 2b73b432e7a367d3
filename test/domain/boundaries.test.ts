import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [/^grammy/, /^@grammyjs\//, /^kysely/, /^better-sqlite3/, /^node-cron/, /^node:/, /^pino/];
const IMPURE = [/\bprocess\./, /\bDate\.now\(/, /new Date\(\)/, /Math\.random\(/];

/** Every import specifier of a source file (static, re-export and dynamic). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [
    ...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
}

/** The top folder of src/ a relative import lands in ("storage", "app", …), or undefined for a package. */
function layerOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = join(dirname(file), spec);
  const parts = target.split(sep);
  const at = parts.indexOf('src');
  return at >= 0 ? parts[at + 1]?.replace(/\.(js|ts)$/, '') : undefined;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('src/domain stays pure', () => {
  const domainFiles = files('src/domain');

  it('has files to check', () => {
    expect(domainFiles.length).toBeGreaterThan(10);
  });

  it.each(domainFiles)('%s imports no messenger, database, scheduler or node: module', (file) => {
    const bad = importsOf(file).filter((spec) => FORBIDDEN.some((re) => re.test(spec)));
    expect(bad).toEqual([]);
  });

  it.each(domainFiles)(
    '%s imports nothing from storage, the application, the channels or the reports',
    (file) => {
      const outside = importsOf(file).filter((spec) => {
        const layer = layerOf(file, spec);
        return layer !== undefined && layer !== 'domain';
      });
      expect(outside).toEqual([]);
    },
  );

  it.each(domainFiles)('%s reads no clock, randomness or process state', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(IMPURE.filter((re) => re.test(source)).map(String)).toEqual([]);
  });
});

/**
 * The layers import downwards only: channels and the CLI over the application, the application
 * over storage and reports, all of them over the domain. A file of a lower layer importing a
 * higher one fails here.
 */
describe('the layers import downwards only', () => {
  const BELOW: Record<string, string[]> = {
    storage: ['domain', 'storage'],
    reports: ['domain', 'reports'],
    app: ['domain', 'storage', 'reports', 'app', 'catalogs', 'config'],
    bot: ['domain', 'app', 'bot'],
    // The web view: a top layer beside the channels; of the reports, only the matrix's colours.
    web: ['domain', 'app', 'reports', 'web'],
  };
  const checked = Object.keys(BELOW).flatMap((layer) =>
    files(join('src', layer)).map((f) => [layer, f] as const),
  );

  it.each(checked)('%s: %s imports only layers below it', (layer, file) => {
    const allowed = BELOW[layer] ?? [];
    const wrong = importsOf(file).filter((spec) => {
      const target = layerOf(file, spec);
      return target !== undefined && !allowed.includes(target);
    });
    expect(wrong).toEqual([]);
  });
});
