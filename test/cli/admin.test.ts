/** The operator's commands, in process: units, frameworks, invites, gaps, deadlines, reminders, backup. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUnit, cli, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-admin-');
const db = join(dir, 'cli.sqlite');

describe('cds-bot with no arguments on an empty database (npm start)', () => {
  it('creates a demo commune, says so, chats on piped lines and exits at end of input', async () => {
    const fresh = join(dir, 'fresh', 'cds.sqlite');
    const r = await cli([], fresh, { input: 'báo cáo\n100\nchưa đạt\n' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('đã tạo đơn vị thử nghiệm "Xã Thử Nghiệm"');
    expect(r.out).toContain('Tiêu chí 1.1 (1/33)');
    expect(r.out).toContain('Ghi nhận 1.1: 100% — đạt');
    // "chưa đạt" while a percentage question waits is an answer attempt, refused politely.
    expect(r.out).toContain('Chưa ghi: tiêu chí này cần số liệu cụ thể');
    const again = await cli(['chat'], fresh, { input: 'tiến độ\n' });
    expect(again.out).not.toContain('thử nghiệm');
    expect(again.out).toContain('Đã trả lời: 1/33 câu');
  });
});

describe('administration commands', () => {
  it('adds and lists units, and refuses bad ones with a non-zero exit', async () => {
    const add = await addUnit(db, '26620', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    expect(add.code).toBe(0);
    expect(add.out).toBe('Đã thêm đơn vị 26620: Xã Ái Thượng (Thanh Hóa), bộ tiêu chí thanh-hoa-xa-2023.\n');
    expect((await cli(['units', 'list'], db)).out).toContain(
      '26620\tXã Ái Thượng\tThanh Hóa\tthanh-hoa-xa-2023',
    );
    const dup = await addUnit(db, '26620', 'X', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('Đã có đơn vị mã "26620".');
    const badProvince = await addUnit(db, 'Z', 'X', 'Thanh Hao', 'thanh-hoa-xa-2023');
    expect(badProvince.code).toBe(1);
    expect(badProvince.err).toContain(
      'cds-bot: --province: không có tỉnh, thành phố "Thanh Hao" trong danh mục 34 tỉnh, thành phố từ 1/7/2025. Gần nhất: Thanh Hóa,',
    );
    const badFw = await addUnit(db, 'Z', 'X', 'Thanh Hóa', 'nope');
    expect(badFw.code).toBe(1);
    expect(badFw.err).toContain('Không có bộ tiêu chí "nope"');
    const missing = await cli(['units', 'add', '--code', 'Z'], db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cds-bot: Thiếu --name.');
    expect(missing.err).toContain('Cách dùng: cds-bot units add --code <mã>');
    expect(
      (await cli(['units', 'add', '--code', ' ', '--name', 'X', '--province', 'Y', '--framework', 'x'], db))
        .err,
    ).toContain('--code: không được để trống.');
  });

  it('lists and shows frameworks', async () => {
    expect((await cli(['frameworks', 'list'], db)).out).toContain('thanh-hoa-xa-2022\t33 tiêu chí');
    const show = await cli(['frameworks', 'show', 'ntm-nang-cao-tttt'], db);
    expect(show.out).toContain('8.4đ');
    const unknown = await cli(['frameworks', 'show', 'x'], db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có bộ tiêu chí "x"');
  });

  it('prints a single-use invite that registers a console user in the chat', async () => {
    const inv = await cli(['invite', '--unit', '26620'], db);
    expect(inv.code).toBe(0);
    const code = inv.out.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(inv.err).toContain('Mã mời cho cán bộ báo cáo của Xã Ái Thượng (26620); dùng một lần');
    expect((await cli(['invite', '--unit', 'missing'], db)).err).toContain('Không có đơn vị "missing"');
    expect((await cli(['invite', '--unit', '26620', '--days', '91'], db)).err).toContain(
      '--days: cần một số nguyên từ 1 đến 90.',
    );
    expect((await cli(['invite', '--role', 'supervisor'], db)).err).toContain('--role chỉ nhận officer');
    expect((await cli(['invite', '--role', 'boss'], db)).err).toContain(
      '--role: chỉ nhận officer, supervisor, admin.',
    );
  });

  it('prints the gaps of a unit as JSON', async () => {
    await cli(['chat', '--unit', '26620'], db, { input: '2.5 0/4; 3.12 khoảng 20%; 3.3 60%\n' });
    const r = await cli(['gaps', '--unit', '26620', '--period', '2026-Q4', '--json'], db);
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
    const text = await cli(['gaps', '--unit', '26620', '--period', 'Q4/2026'], db);
    expect(text.out).toContain('Tiêu chí chưa đạt · Xã Ái Thượng · quý IV/2026');
    const bad = await cli(['gaps', '--unit', '26620', '--period', 'soon'], db);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--period: không đọc được kỳ "soon". Cách viết: 2026-Q4');
  });

  it('adds ad-hoc deadlines, lists the calendar, and plans and sends reminders once', async () => {
    const rdb = join(dir, 'reminders.sqlite');
    await addUnit(rdb, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    await cli(['chat', '--unit', 'AT'], rdb, { input: '2.5 0/4\n' });
    const add = await cli(
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
        'thanh hoa',
      ],
      rdb,
    );
    // The day has passed (the CLI runs on the real clock): refused unless forced.
    expect(add.code).toBe(1);
    expect(add.err).toBe(
      'cds-bot: Ngày hạn 20/09/2026 đã qua: chưa thêm. Nếu đúng là cần (ghi lại một hạn đã qua), thêm --force.\n',
    );
    const forced = await cli(
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
        'thanh hoa',
        '--force',
      ],
      rdb,
    );
    expect(forced.out).toBe(
      'Đã thêm hạn #1: Báo cáo 9 tháng (2026-Q3), hạn cuối 20/09/2026, cho Thanh Hóa.\n',
    );
    const impossible = await cli(
      ['deadlines', 'add', '--name', 'x', '--period', '2026-Q3', '--due', '2026-02-30'],
      rdb,
    );
    expect(impossible.code).toBe(1);
    expect(impossible.err).toContain('--due: không có ngày "2026-02-30".');
    const list = await cli(['deadlines', 'list', '--at', '2026-09-01T09:00:00+07:00'], rdb);
    expect(list.out).toContain('Thanh Hóa:\n');
    expect(list.out).toContain('20/09/2026\tadhoc:1\tBáo cáo 9 tháng');
    expect(list.out).toContain('11/12/2026\tquy:2026-Q4\tBáo cáo quý IV/2026');
    const calendar = await cli(
      ['deadlines', 'calendar', '--province', 'Thanh Hóa', '--year-due', '31/02'],
      rdb,
    );
    expect(calendar.err).toContain('--year-due: không đọc được "31/02"');
    const plan = await cli(['reminders', 'plan', '--at', '2026-12-04T08:00:00+07:00'], rdb);
    expect(plan.out).toContain('Nhắc hạn: Báo cáo quý IV/2026 của Xã Ái Thượng.');
    expect(plan.out).toContain('Còn 3 câu chưa trả lời, 1 tiêu chí chưa đạt.');
    expect(plan.out).toContain('1 nhắc hạn đến lượt gửi, 0 hoãn lại');
    expect((await cli(['reminders', 'plan', '--at', '2026-12-04T22:00:00+07:00'], rdb)).out).toContain(
      'Đang giờ nghỉ (21:00–07:00 giờ Việt Nam)',
    );
    const run = await cli(['reminders', 'run', '--at', '2026-12-04T08:00:00+07:00'], rdb);
    expect(run.out).toContain('Nhắc hạn: Báo cáo quý IV/2026');
    expect(run.out).toContain('Đã gửi 1,');
    expect((await cli(['reminders', 'run', '--at', '2026-12-04T08:00:00+07:00'], rdb)).out).toContain(
      'Đã gửi 0,',
    );
    expect((await cli(['reminders', 'run', '--at', '04/12/2026 08:00'], rdb)).out).toContain('Đã gửi 0,');
    expect((await cli(['reminders', 'plan', '--at', 'tomorrow'], rdb)).code).toBe(1);
  });

  it('takes a backup that opens as a database with the same units', async () => {
    const copy = join(dir, 'backup', 'cds-copy.sqlite');
    const r = await cli(['backup', copy], db);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`vào ${copy}`);
    expect((await cli(['units', 'list'], copy)).out).toContain('26620\tXã Ái Thượng');
    const same = await cli(['backup', db], db);
    expect(same.code).toBe(1);
    expect(same.err).toBe('cds-bot: Tệp sao lưu phải khác tệp cơ sở dữ liệu.\n');
    const missing = await cli(['backup'], db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cds-bot: Thiếu <tệp>.');
    expect(missing.err).toContain('Cách dùng: cds-bot backup <tệp>');
  });

  it('rejects unknown commands and options', async () => {
    const unknown = await cli(['frobnicate'], db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có lệnh "frobnicate".');
    expect((await cli(['--nope'], db)).code).toBe(2);
    expect((await cli(['--help'], db)).out).toContain('Cách dùng: cds-bot');
  });
});
