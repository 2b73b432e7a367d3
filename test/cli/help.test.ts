/**
 * The help is written from the command table: the whole list, a family, one command; and a
 * command line that cannot be read is answered with the help, without opening the database.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synopsis } from '../../src/cli/help.js';
import { COMMANDS } from '../../src/cli/table.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-help-');
// A database path under a file: opening it would fail, so every answer here is given without it.
writeFileSync(join(dir, 'a-file'), '');
const db = join(dir, 'a-file', 'never.sqlite');

describe('the help, generated from the declarations', () => {
  it('lists every command with its options and summary, marking those that take --as', async () => {
    const r = await cli(['--help'], db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cds-bot: trợ lý báo cáo tiêu chí chuyển đổi số cấp xã');
    expect(r.out).toContain('Cách dùng: cds-bot <lệnh> [tùy chọn]');
    for (const c of COMMANDS) {
      const star = c.access === 'person' ? '* ' : '  ';
      expect(r.out).toContain(`\n${star}${synopsis(c)}`);
      expect(r.out).toContain(`\n      ${c.summary}\n`);
    }
    expect(r.out).toContain('--as <kênh:id>');
    expect((await cli(['-h'], db)).out).toBe(r.out);
  });

  it('writes the synopsis from the option kinds: required, optional, flags, the bare argument', () => {
    const by = (name: string) => COMMANDS.find((c) => c.name === name);
    const s = (name: string) => synopsis(by(name) ?? COMMANDS[0]!);
    expect(s('units add')).toBe(
      'units add --code <mã> --name <tên> --province <tỉnh> --framework <id> [--group 1|2|3]',
    );
    expect(s('gaps')).toBe('gaps --unit <mã> [--period <kỳ>] [--framework <id>] [--json]');
    expect(s('import')).toBe('import --unit <mã> [--period <kỳ>] [--framework <id>] <tệp.xlsx|tệp.csv>');
    expect(s('frameworks show')).toBe('frameworks show <id>');
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help explains it', async (name, c) => {
    const r = await cli([...name.split(' '), '--help'], db);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`cds-bot ${name}: ${c.summary}`);
    expect(r.out).toContain(`Cách dùng: cds-bot ${synopsis(c)}`);
    for (const option of Object.keys(c.options)) {
      if (option !== c.positional) expect(r.out).toContain(`--${option}`);
    }
    expect(r.out).toContain(
      c.access === 'person' ? 'Nhận --as <kênh:id>' : 'Chạy với quyền của người vận hành; không nhận --as.',
    );
    expect(r.out.includes('  --as <kênh:id>')).toBe(c.access === 'person');
  });

  it.each(['units', 'frameworks', 'areas', 'deadlines', 'reminders'])(
    '%s --help lists the family',
    async (family) => {
      const r = await cli([family, '--help'], db);
      expect(r.code).toBe(0);
      for (const c of COMMANDS.filter((x) => x.name.startsWith(`${family} `))) {
        expect(r.out).toContain(synopsis(c));
      }
      const bare = await cli([family], db);
      expect(bare.code).toBe(1);
      expect(bare.err).toContain(`cds-bot: Lệnh ${family} cần thêm tên lệnh con.`);
      expect(bare.err).toContain(`Các lệnh ${family}:`);
    },
  );
});

describe('a command line that cannot be read', () => {
  it.each([
    [['units', 'add', '--cod', 'X'], 'Không có tùy chọn --cod.', 'cds-bot units add:'],
    [['units', 'list', '--code', 'X'], 'Lệnh units list không nhận tùy chọn --code.', 'cds-bot units list:'],
    [['gaps', '--unit'], 'Tùy chọn --unit cần một giá trị.', 'cds-bot gaps:'],
    [['gaps', '--unit', '--json'], 'Tùy chọn --unit cần một giá trị.', 'cds-bot gaps:'],
    [['gaps', '--unit', 'AT', '--json=yes'], 'Tùy chọn --json không nhận giá trị.', 'cds-bot gaps:'],
    [['gaps', '--unit', 'AT', 'extra'], 'Thừa "extra".', 'cds-bot gaps:'],
    [['import', '--unit', 'AT', 'a.csv', 'b.csv'], 'Thừa "b.csv".', 'cds-bot import:'],
    [
      ['frameworks', 'show', 'x', '--unit', 'AT'],
      'Lệnh frameworks show không nhận tùy chọn --unit.',
      'cds-bot frameworks show:',
    ],
    // The bare argument of import and backup is no option.
    [['backup', '--file', 'x'], 'Không có tùy chọn --file.', 'cds-bot backup:'],
    [['--nope'], 'Không có tùy chọn --nope.', 'Cách dùng: cds-bot <lệnh> [tùy chọn]'],
  ])('%j is answered with exit 2 and the help', async (args, message, help) => {
    const r = await cli(args, db);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`cds-bot: ${message}`);
    expect(r.err).toContain(help);
    expect(r.out).toBe('');
  });

  it('an unknown command or subcommand is refused with exit 1 and the help', async () => {
    const r = await cli(['frobnicate'], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cds-bot: Không có lệnh "frobnicate".');
    expect(r.err).toContain('Các lệnh:');
    const sub = await cli(['units', 'frob'], db);
    expect(sub.code).toBe(1);
    expect(sub.err).toContain('cds-bot: Lệnh units không có "frob".');
  });

  it('reports every missing option at once, in Vietnamese, with the command’s help', async () => {
    const r = await cli(['deadlines', 'add'], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cds-bot: Thiếu --name.\ncds-bot: Thiếu --period.\ncds-bot: Thiếu --due.');
    expect(r.err).toContain('Cách dùng: cds-bot deadlines add');
  });

  it('never touched the database', () => {
    expect(existsSync(db)).toBe(false);
  });
});
