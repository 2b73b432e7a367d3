/**
 * The real `cds-bot` process, as `npx cds-bot` starts it (bin/cds-bot.js): the help, and one
 * command on a database. Everything else is tested in process. And what `--help` loads: nothing
 * heavy is imported before a command runs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = tempDir('cds-cli-smoke-');

function spawnCli(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'cds-bot.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDS_DB: join(dir, 'cds.sqlite'), LOG_LEVEL: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the cds-bot process', () => {
  it('prints the help', () => {
    const r = spawnCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cds-bot: trợ lý báo cáo tiêu chí chuyển đổi số cấp xã');
    expect(r.out).toContain('Cách dùng: cds-bot <lệnh> [tùy chọn]');
  });

  it('runs a command on a database and exits with its code', () => {
    const add = ['units', 'add', '--code', '26620', '--name', 'Xã Ái Thượng', '--province', 'Thanh Hóa'];
    const r = spawnCli([...add, '--framework', 'thanh-hoa-xa-2023']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('Đã thêm đơn vị 26620: Xã Ái Thượng (Thanh Hóa), bộ tiêu chí thanh-hoa-xa-2023.\n');
    const again = spawnCli([...add, '--framework', 'thanh-hoa-xa-2023']);
    expect(again.code).toBe(1);
    expect(again.err).toBe('cds-bot: Đã có đơn vị mã "26620".\n');
  });
});

/** Packages that must not load before a command runs: the database drivers, grammY, the document builders. */
const HEAVY = /^(better-sqlite3|pg|kysely|grammy|@grammyjs\/|docx|exceljs|node-cron|pino|yaml|zod)/;

/** The files a module imports statically (type-only imports left out), and the packages. */
function staticImports(file: string): { files: string[]; packages: string[] } {
  const source = readFileSync(file, 'utf8');
  const specs = [...source.matchAll(/^(?:import|export)\s+(?!type\s)([^;]*?)\s+from\s+'([^']+)'/gms)]
    .filter(
      ([, what]) => !/^\{[^}]*\}$/s.test(what ?? '') || /\{\s*(?!type\s)\w|,\s*(?!type\s)\w/.test(what ?? ''),
    )
    .map((m) => m[2] ?? '');
  return {
    files: specs
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))),
    packages: specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')),
  };
}

describe('what the help loads', () => {
  it('src/cli.ts reaches no heavy package through static imports (they load inside the commands)', () => {
    const seen = new Set<string>();
    const heavy: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const { files, packages } = staticImports(file);
      heavy.push(...packages.filter((p) => HEAVY.test(p)).map((p) => `${file.slice(ROOT.length + 1)}: ${p}`));
      files.forEach(walk);
    };
    walk(join(ROOT, 'src', 'cli.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect(heavy).toEqual([]);
  });
});
