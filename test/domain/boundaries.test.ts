import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [/^grammy/, /^@grammyjs\//, /^kysely/, /^better-sqlite3/, /^node-cron/, /^node:/, /^pino/];
const IMPURE = [/\bprocess\./, /\bDate\.now\(/, /new Date\(\)/, /Math\.random\(/];

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
    const source = readFileSync(file, 'utf8');
    const imports = [
      ...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] ?? m[2] ?? '');
    const bad = imports.filter((spec) => FORBIDDEN.some((re) => re.test(spec)));
    expect(bad).toEqual([]);
  });

  it.each(domainFiles)('%s reads no clock, randomness or process state', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(IMPURE.filter((re) => re.test(source)).map(String)).toEqual([]);
  });
});
