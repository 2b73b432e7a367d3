import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'cds-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real `cds-bot` bin entry, as `npx cds-bot` does. */
function cli(args: string[], opts: { input?: string; db?: string } = {}) {
  const r = spawnSync(process.execPath, ['bin/cds-bot.js', ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CDS_DB: opts.db ?? join(dir, 'cli.sqlite'), LOG_LEVEL: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cds-bot with no arguments on an empty database (npm start)', () => {
  it('creates a demo commune, says so, chats on piped lines and exits at end of input', () => {
    const db = join(dir, 'fresh', 'cds.sqlite');
    const r = cli([], { db, input: 'báo cáo\n100\nchưa đạt\n' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('đã tạo đơn vị thử nghiệm "Xã Thử Nghiệm"');
    expect(r.out).toContain('Tiêu chí 1.1 (1/33)');
    expect(r.out).toContain('Ghi nhận 1.1: 100% — đạt');
    // "chưa đạt" while a percentage question waits is an answer attempt, refused politely.
    expect(r.out).toContain('Chưa ghi: tiêu chí này cần số liệu cụ thể');
    const again = cli(['chat'], { db, input: 'tiến độ\n' });
    expect(again.out).not.toContain('thử nghiệm');
    expect(again.out).toContain('Đã trả lời: 1/33 câu');
  });
});

describe('administration commands', () => {
  it('adds and lists units, and refuses bad ones with a non-zero exit', () => {
    const add = cli([
      'units',
      'add',
      '--code',
      '26620',
      '--name',
      'Xã Ái Thượng',
      '--province',
      'Thanh Hóa',
      '--framework',
      'thanh-hoa-xa-2023',
    ]);
    expect(add.code).toBe(0);
    expect(cli(['units', 'list']).out).toContain('26620\tXã Ái Thượng\tThanh Hóa\tthanh-hoa-xa-2023');
    const dup = cli([
      'units',
      'add',
      '--code',
      '26620',
      '--name',
      'X',
      '--province',
      'Y',
      '--framework',
      'thanh-hoa-xa-2023',
    ]);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('already exists');
    const badFw = cli([
      'units',
      'add',
      '--code',
      'Z',
      '--name',
      'X',
      '--province',
      'Y',
      '--framework',
      'nope',
    ]);
    expect(badFw.code).toBe(1);
    expect(badFw.err).toContain('unknown framework "nope"');
    expect(cli(['units', 'add', '--code', 'Z']).err).toContain('missing --');
  });

  it('lists and shows frameworks', () => {
    expect(cli(['frameworks', 'list']).out).toContain('thanh-hoa-xa-2022\t33 tiêu chí');
    const show = cli(['frameworks', 'show', 'ntm-nang-cao-tttt']);
    expect(show.out).toContain('8.4đ');
    expect(cli(['frameworks', 'show', 'x']).code).toBe(1);
  });

  it('prints a single-use invite that registers a console user in the chat', () => {
    const inv = cli(['invite', '--unit', '26620']);
    expect(inv.code).toBe(0);
    const code = inv.out.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(inv.err).toContain('single use');
    expect(cli(['invite', '--unit', 'missing']).err).toContain('no unit with code "missing"');
  });

  it('prints the gaps of a unit as JSON', () => {
    cli(['chat', '--unit', '26620'], { input: '2.5 0/4; 3.12 khoảng 20%; 3.3 60%\n' });
    const r = cli(['gaps', '--unit', '26620', '--period', '2026-Q4', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.unit).toMatchObject({ code: '26620', name: 'Xã Ái Thượng' });
    expect(json.period).toBe('2026-Q4');
    expect(json.framework.id).toBe('thanh-hoa-xa-2023');
    expect(json.totals).toEqual({
      criteria: 4,
      met: 1,
      notMet: 2,
      inProgress: 0,
      unknown: 0,
      notApplicable: 0,
      unanswered: 1,
    });
    expect(json.groups).toEqual([
      { code: '2', name: 'Kinh tế số', total: 1, met: 0 },
      { code: '3', name: 'Xã hội số', total: 3, met: 1 },
    ]);
    expect(json.gaps.map((g: { code: string }) => g.code)).toEqual(['2.5', '3.6', '3.12']);
    expect(json.gaps[0]).toMatchObject({
      target: '50%',
      result: '0% (0/4 doanh nghiệp)',
      status: 'not_met',
      shortfall: 'cần thêm 2 doanh nghiệp sử dụng hợp đồng điện tử để đạt 50%',
    });
    const text = cli(['gaps', '--unit', '26620', '--period', 'Q4/2026']);
    expect(text.out).toContain('Tiêu chí chưa đạt · Xã Ái Thượng · quý IV/2026');
    expect(cli(['gaps', '--unit', '26620', '--period', 'soon']).err).toContain('cannot read period');
  });

  it('adds ad-hoc deadlines, lists the calendar, and plans and sends reminders once', () => {
    const db = join(dir, 'reminders.sqlite');
    cli(
      [
        'units',
        'add',
        '--code',
        'AT',
        '--name',
        'Xã Ái Thượng',
        '--province',
        'Thanh Hóa',
        '--framework',
        'thanh-hoa-xa-2023',
      ],
      { db },
    );
    cli(['chat', '--unit', 'AT'], { db, input: '2.5 0/4\n' });
    const add = cli(
      [
        'deadlines',
        'add',
        '--name',
        'Báo cáo 9 tháng',
        '--period',
        '2026-Q3',
        '--due',
        '2026-09-20',
        '--province',
        'Thanh Hóa',
      ],
      { db },
    );
    expect(add.out).toContain('added deadline #1');
    expect(
      cli(['deadlines', 'add', '--name', 'x', '--period', '2026-Q3', '--due', '2026-02-30'], { db }).err,
    ).toContain('cannot read --due');
    const list = cli(['deadlines', 'list', '--at', '2026-09-01T09:00:00+07:00'], { db });
    expect(list.out).toContain('20/09/2026\tadhoc:1\tBáo cáo 9 tháng');
    expect(list.out).toContain('11/12/2026\tquy:2026-Q4\tBáo cáo quý IV/2026');
    const plan = cli(['reminders', 'plan', '--at', '2026-12-04T08:00:00+07:00'], { db });
    expect(plan.out).toContain('Nhắc hạn: Báo cáo quý IV/2026 của Xã Ái Thượng.');
    expect(plan.out).toContain('Còn 3 câu chưa trả lời, 1 tiêu chí chưa đạt.');
    expect(cli(['reminders', 'plan', '--at', '2026-12-04T22:00:00+07:00'], { db }).out).toContain(
      'quiet hours',
    );
    const run = cli(['reminders', 'run', '--at', '2026-12-04T08:00:00+07:00'], { db });
    expect(run.out).toContain('Nhắc hạn: Báo cáo quý IV/2026');
    expect(run.out).toContain('sent 1,');
    expect(cli(['reminders', 'run', '--at', '2026-12-04T08:00:00+07:00'], { db }).out).toContain('sent 0,');
    expect(cli(['reminders', 'plan', '--at', 'tomorrow'], { db }).code).toBe(1);
  });

  it('takes a backup that opens as a database with the same units', () => {
    const copy = join(dir, 'backup', 'cds-copy.sqlite');
    const r = cli(['backup', copy]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`to ${copy}`);
    expect(cli(['units', 'list'], { db: copy }).out).toContain('26620\tXã Ái Thượng');
    expect(cli(['backup']).err).toContain('usage: cds-bot backup <file>');
  });

  it('rejects unknown commands and options', () => {
    expect(cli(['frobnicate']).code).toBe(1);
    expect(cli(['--nope']).code).toBe(2);
    expect(cli(['--help']).out).toContain('Usage: cds-bot');
  });
});
