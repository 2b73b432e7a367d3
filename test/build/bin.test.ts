/**
 * `npx cds-bot` and `npm start` run the compiled build in dist/ (bin/build.js), never a stale one:
 * on a copy of the project (its own src/, bin/ and dist/; node_modules and catalogs shared), the
 * built CLI answers, an edit in src/ is what the next run shows, and when dist/ cannot be written
 * the sources run through tsx instead.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const project = mkdtempSync(join(tmpdir(), 'cds-build-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

for (const part of ['bin', 'src']) cpSync(join(ROOT, part), join(project, part), { recursive: true });
for (const file of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(project, file));
for (const shared of ['node_modules', 'catalogs']) symlinkSync(join(ROOT, shared), join(project, shared));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(project, 'bin', 'cds-bot.js'), ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CDS_DB: join(project, 'data', 'cds.sqlite'), LOG_LEVEL: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const manifest = () => JSON.parse(readFileSync(join(project, 'dist', 'build.json'), 'utf8'));

/** Rewrites part of a source file, as an editor would. */
function edit(file: string, from: string, to: string) {
  const path = join(project, 'src', file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe('the compiled cds-bot', () => {
  it('builds on first use and prints the help from the build', () => {
    const r = cli(['--help']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('cds-bot: trợ lý báo cáo tiêu chí chuyển đổi số cấp xã');
    expect(r.out).toContain('Cách dùng: cds-bot <lệnh> [tùy chọn]');
    expect(existsSync(join(project, 'dist', manifest().entry))).toBe(true);
  });

  it('runs a command on a database from the build (bundled catalogs, SQLite, migrations)', () => {
    const r = cli(['frameworks', 'list']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('thanh-hoa-xa-2022\t33 tiêu chí');
  });

  it('never runs a stale build: an edit in src/ shows on the next run, even one that keeps the size', () => {
    const before = manifest().entry;
    edit('domain/messages/cli.ts', '`Cách dùng: ', '`CÁCH DÙNG: ');
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CÁCH DÙNG: cds-bot <lệnh> [tùy chọn]');
    expect(manifest().entry).not.toBe(before);
    // A second edit, seen by a command that opens the database.
    edit(
      'domain/messages/cli.ts',
      '`Đã cập nhật lịch báo cáo của ',
      '`lịch mới: Đã cập nhật lịch báo cáo của ',
    );
    const c = cli(['deadlines', 'calendar', '--province', 'Thanh Hóa', '--quarter-due-day', '12']);
    expect(c.code).toBe(0);
    expect(c.out).toBe('lịch mới: Đã cập nhật lịch báo cáo của Thanh Hóa.\n');
  });

  it('runs the sources through tsx when dist/ cannot be written, with the current code', () => {
    rmSync(join(project, 'dist'), { recursive: true, force: true });
    writeFileSync(join(project, 'dist'), 'not a directory');
    edit('domain/messages/cli.ts', '`CÁCH DÙNG: ', '`Usage: ');
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: cds-bot <lệnh> [tùy chọn]');
    expect(r.err).toContain('running the TypeScript sources through tsx');
  });
});
