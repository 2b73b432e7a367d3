/**
 * The installed command runs the compiled build in dist/ and never looks at src/; `npm start`
 * rebuilds first (when esbuild is installed), `npm run dev` runs the sources through tsx, and a
 * missing dist/ is said out loud: built on the spot, or, without esbuild, the operator is told what
 * to run. On a copy of the project (its own bin/, src/, dist/ and node_modules folder of links to
 * the real packages, so esbuild can be taken away); catalogs and the official units (dvhc/) shared.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const project = mkdtempSync(join(tmpdir(), 'cds-build-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

for (const part of ['bin', 'src']) cpSync(join(ROOT, part), join(project, part), { recursive: true });
for (const file of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(project, file));
symlinkSync(join(ROOT, 'catalogs'), join(project, 'catalogs'));
symlinkSync(join(ROOT, 'dvhc'), join(project, 'dvhc'));
mkdirSync(join(project, 'node_modules'));
for (const name of readdirSync(join(ROOT, 'node_modules')))
  symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name));

const ENTRY = join(project, 'src', 'cli.ts');
const entrySource = readFileSync(ENTRY, 'utf8');
/** Edits the sources so that whatever runs them prints `marker <n>` first. */
function markSources(n: number) {
  writeFileSync(ENTRY, `${entrySource}\nprocess.stdout.write('marker ${n}\\n');\n`);
}

const env = { ...process.env, CDS_DB: join(project, 'data', 'cds.sqlite'), LOG_LEVEL: '' };
function result(r: SpawnSyncReturns<string>) {
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** The installed command: `npx cds-bot …` runs bin/cds-bot.js. */
function cli(args: string[], input = '') {
  return result(
    spawnSync(process.execPath, [join(project, 'bin', 'cds-bot.js'), ...args], {
      cwd: project,
      encoding: 'utf8',
      env,
      input,
      timeout: 30_000,
    }),
  );
}
function node(args: string[]) {
  return result(spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', env, timeout: 30_000 }));
}
/** An npm script of the copy (`npm start -- …`, `npm run dev -- …`). */
function npm(args: string[], input = '') {
  return result(
    spawnSync('npm', ['--silent', ...args], { cwd: project, encoding: 'utf8', env, input, timeout: 30_000 }),
  );
}
const dist = (...parts: string[]) => join(project, 'dist', ...parts);

describe('the installed command (bin/cds-bot.js)', () => {
  it('runs the build that `npm run build` made', () => {
    markSources(1);
    const built = node(['bin/build.js']);
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/^built dist\/cli-\w+\.js\n$/);
    const help = cli(['--help']);
    expect(help.err).toBe('');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^marker 1\n.*cds-bot/s);
  });

  it('ends quietly when its output is piped into a command that stops reading (`| head -1`)', () => {
    // `true` reads nothing and is gone long before the command writes: every write meets a closed pipe.
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" bin/cds-bot.js provinces list | true; echo done`],
      {
        cwd: project,
        encoding: 'utf8',
        env,
        timeout: 30_000,
      },
    );
    expect(r.stdout).toBe('done\n');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|Error/);
  });

  it('never reads src/: a command on a database runs with src/ gone, and an edit shows only after a build', () => {
    renameSync(join(project, 'src'), join(project, 'src-away'));
    try {
      const r = cli(['frameworks', 'list']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^marker 1\n.*thanh-hoa-xa-2022/s);
      // The bundled data is found from dist/ as from src/: dvhc/ beside them.
      const units = cli(['units', 'import', '--province', 'thanh hoa', '--framework', 'thanh-hoa-xa-2023']);
      expect(units.err).toBe('');
      expect(units.out).toContain('Đã thêm 166 đơn vị của Thanh Hóa');
    } finally {
      renameSync(join(project, 'src-away'), join(project, 'src'));
    }
    markSources(2);
    expect(cli(['--help']).out).toMatch(/^marker 1\n/);
  });

  it('`npm start` rebuilds first, then runs the new build', () => {
    // With no arguments it is the console chat (test/cli.test.ts runs that through bin/cds-bot.js).
    const r = npm(['start', '--', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^marker 2\n.*cds-bot/s);
    expect(cli(['--help']).out).toMatch(/^marker 2\n/);
  });

  it('`npm start` does not run the old build when the sources do not compile', () => {
    writeFileSync(ENTRY, `${entrySource}\nexport const broken = ;\n`);
    try {
      const r = npm(['start', '--', '--help']);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('cds-bot: build failed');
      expect(r.out).toBe('');
    } finally {
      markSources(2);
    }
  });

  it('`npm run dev` runs the sources through tsx, with no build', () => {
    markSources(3);
    const r = npm(['run', 'dev', '--', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^marker 3\n.*cds-bot/s);
    expect(cli(['--help']).out).toMatch(/^marker 2\n/);
  });

  it('with no dist/, says so, builds it and runs', () => {
    rmSync(dist(), { recursive: true, force: true });
    const r = cli(['--help']);
    expect(r.err).toBe(
      'cds-bot: no compiled build in dist/ (npm install makes it, but not with --ignore-scripts or --omit=dev); building it now\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^marker 3\n.*cds-bot/s);
    expect(existsSync(dist('build.json'))).toBe(true);
  });

  it('without esbuild (installed with --omit=dev): runs dist/ as built, or says how to build it', () => {
    unlinkSync(join(project, 'node_modules', 'esbuild'));
    try {
      markSources(4);
      // A deployment's `npm start` runs the dist/ it was given.
      const start = npm(['start', '--', '--help']);
      expect(start.code).toBe(0);
      expect(start.out).toMatch(/^marker 3\n/);
      // `prepare` at npm install says it did not rebuild, and does not fail the install.
      const prepare = node(['bin/build.js', '--if-possible']);
      expect(prepare.code).toBe(0);
      expect(prepare.err).toContain('dist/ not rebuilt (esbuild is not installed)');

      rmSync(dist(), { recursive: true, force: true });
      const r = cli(['--help']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain('no compiled build in dist/');
      expect(r.err).toContain('cannot build dist/ here (esbuild is not installed)');
      expect(r.err).toContain('npm ci && npm run build');
      const none = node(['bin/build.js', '--if-possible']);
      expect(none.code).toBe(0);
      expect(none.err).toContain('dist/ not built (esbuild is not installed); build it where');
    } finally {
      symlinkSync(join(ROOT, 'node_modules', 'esbuild'), join(project, 'node_modules', 'esbuild'));
    }
  });
});
