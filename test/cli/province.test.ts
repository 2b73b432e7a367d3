/**
 * A province on board (issue 14), in process: the official list of Thanh Hóa imported and imported
 * again, a province's own sheet, the 2025 mergers with a predecessor's report in the new commune's
 * history, a merged commune refusing invites and reports and saying why, and the province names.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/domain/dialog/render.js';
import { listPredecessorRows } from '../../src/storage/units.js';
import { storeAsImport } from '../helpers.js';
import { addUnit, cli, openApp, register, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-province-');

describe('units import from the official list', () => {
  const db = join(dir, 'import.sqlite');

  it('creates the 166 communes of Thanh Hóa with their official codes and names, and changes nothing the second time', async () => {
    const r = await cli(
      ['units', 'import', '--province', 'thanh hoa', '--framework', 'thanh-hoa-xa-2023'],
      db,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Đã thêm 166 đơn vị của Thanh Hóa, bộ tiêu chí thanh-hoa-xa-2023.');
    expect(r.out).toMatch(/Sáp nhập 2025: ghi nhận \d+ xã cũ vào 166 đơn vị/);
    const list = await cli(['units', 'list', '--province', 'Thanh Hoá'], db);
    const rows = list.out.trim().split('\n');
    expect(rows[0]).toBe('Mã\tTên\tTỉnh\tBộ tiêu chí\tTình trạng\tNgười đăng ký');
    expect(rows).toHaveLength(167);
    const codes = rows.slice(1).map((l) => l.split('\t')[0] ?? '');
    expect(codes).toEqual([...codes].sort());
    expect(list.out).toContain(
      '14950\tXã Điền Lư\tThanh Hóa\tthanh-hoa-xa-2023\tđang hoạt động\t0 (chưa có cán bộ báo cáo)',
    );

    const again = await cli(
      ['units', 'import', '--province', 'Thanh Hóa', '--framework', 'thanh-hoa-xa-2023'],
      db,
    );
    expect(again.code).toBe(0);
    expect(again.out).toContain('Không có gì thay đổi: 166 đơn vị của Thanh Hóa đã có.');
    expect(again.out).toContain('Sáp nhập 2025: đã ghi nhận từ trước');
    expect(again.out).toContain('không có gì thay đổi.');
    expect(again.err).toBe('');
  });

  it('reports a unit whose name differs from the list, and leaves it', async () => {
    const other = join(dir, 'differs.sqlite');
    await addUnit(other, '14758', 'Phường Đông Thọ', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    await addUnit(other, 'DEMO', 'Xã Thử Nghiệm', 'Thanh Hóa', 'thanh-hoa-xa-2022');
    const r = await cli(
      [
        'units',
        'import',
        '--province',
        'Thanh Hóa',
        '--framework',
        'thanh-hoa-xa-2023',
        '--only',
        '14758,14797,99999',
      ],
      other,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Đã thêm 1 đơn vị của Thanh Hóa, bộ tiêu chí thanh-hoa-xa-2023; 0 đơn vị đã có từ trước.'.replace(
        '; 0 đơn vị đã có từ trước',
        '',
      ),
    );
    expect(r.err).toContain('cds-bot: Không có mã 99999 trong danh mục của Thanh Hóa.');
    expect(r.err).toContain(
      '14758: trong cơ sở dữ liệu là "Phường Đông Thọ" (Thanh Hóa), danh mục ghi "Phường Hàm Rồng" (Thanh Hóa); giữ nguyên.',
    );
    const list = await cli(['units', 'list'], other);
    expect(list.out).toContain('14758\tPhường Đông Thọ');
    // The demo commune is not in the list: reported by a whole-province import.
    const whole = await cli(
      ['units', 'import', '--province', 'Thanh Hóa', '--framework', 'thanh-hoa-xa-2023'],
      other,
    );
    expect(whole.err).toContain('DEMO Xã Thử Nghiệm: không có mã này trong danh mục');
  });

  it("accepts a province's own sheet with groups and areas, reporting what the official list does not have", async () => {
    const own = join(dir, 'own.sqlite');
    const file = join(dir, 'danh-sach.csv');
    writeFileSync(
      file,
      [
        'Mã xã;Tên xã;Nhóm NTM;Khu vực',
        '14950;Xã Điền Lư;NTM nâng cao;Cụm Bá Thước',
        '14797;Phường Hạc Thành;;',
        '99990;Xã Lạ;;Cụm Bá Thước',
        '14758;Phường Hàm Rông;;',
      ].join('\n'),
    );
    const r = await cli(
      ['units', 'import', '--province', '38', '--framework', 'thanh-hoa-xa-2023', file],
      own,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã thêm 4 đơn vị của Thanh Hóa');
    expect(r.out).toContain('Khu vực, nhóm theo bảng: NTM nâng cao (1 đơn vị), Cụm Bá Thước (2 đơn vị).');
    expect(r.err).toContain('2 đơn vị không khớp danh mục chính thức 2025 của tỉnh:');
    expect(r.err).toContain('99990 Xã Lạ: không có mã này trong danh mục');
    expect(r.err).toContain('14758: "Phường Hàm Rông", danh mục ghi "Phường Hàm Rồng"');
    expect((await cli(['areas', 'list', '--name', 'Cụm Bá Thước'], own)).out).toBe('14950\n99990\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Tên;Ghi chú\nXã A;x\n');
    expect(
      (await cli(['units', 'import', '--province', '38', '--framework', 'thanh-hoa-xa-2023', bad], own)).err,
    ).toContain('cần một dòng tiêu đề có cột "mã" và cột "tên"');
  });

  it('refuses a province that is not one of the 34, naming the closest or where it went', async () => {
    const r = await cli(
      ['units', 'import', '--province', 'Thanh Hao', '--framework', 'thanh-hoa-xa-2023'],
      db,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('--province: không có tỉnh, thành phố "Thanh Hao"');
    expect(r.err).toContain('Gần nhất: Thanh Hóa');
    const former = await cli(
      ['units', 'import', '--province', 'Quảng Bình', '--framework', 'thanh-hoa-xa-2023'],
      db,
    );
    expect(former.err).toContain(
      '--province: tỉnh Quảng Bình không còn từ 1/7/2025: các xã, phường nay thuộc Quảng Trị.',
    );
    const list = await cli(['provinces', 'list'], db);
    expect(list.out).toContain('38\tThanh Hóa\t166 xã, phường, đặc khu\t166 đơn vị đã có');
    expect(list.out.trim().split('\n')).toHaveLength(34);
  });
});

describe('the 2025 mergers', () => {
  const db = join(dir, 'merge.sqlite');

  it("shows a predecessor's 2023 report in the new commune's history, marked whole or part", async () => {
    // Before the reform: Xã Ái Thượng reported 2023, and its officer is on the bot.
    await addUnit(db, '14944', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    const officer = { channel: 'zalo', externalId: 'ai-thuong' };
    const app = await register(db, ['--unit', '14944'], officer);
    const old = await app.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', '14944')
      .executeTakeFirstOrThrow();
    await storeAsImport(
      app.db,
      { unitId: old.id, frameworkId: 'thanh-hoa-xa-2023' },
      [
        {
          type: 'save_answer',
          period: '2023',
          key: '2.5',
          answer: { value: { type: 'number', value: 100, numerator: 4, denominator: 4 } },
          raw: '4/4',
        },
      ],
      app.clock(),
    );
    await app.close();

    const r = await cli(
      ['units', 'import', '--province', 'Thanh Hóa', '--framework', 'thanh-hoa-xa-2023'],
      db,
    );
    expect(r.out).toContain('1 đơn vị cũ trong cơ sở dữ liệu chuyển sang đã sáp nhập');
    const list = await cli(['units', 'list'], db);
    expect(list.out).toContain(
      '14944\tXã Ái Thượng\tThanh Hóa\tthanh-hoa-xa-2023\tđã sáp nhập vào 14950 từ 01/07/2025\t1 người',
    );

    const h = await cli(['units', 'history', '--unit', '14950'], db);
    expect(h.out).toContain('Trước sáp nhập: Xã Ái Thượng (14944), nhập toàn bộ, đến 01/07/2025');
    expect(h.out).toContain('• Năm 2023: đạt 1/4 (đã trả lời 1/4)');

    // The supervisor's drill-down and the new commune's officer see the same history.
    const supApp = await register(db, ['--role', 'supervisor', '--province', 'Thanh Hóa'], {
      channel: 'telegram',
      externalId: 'sup',
    });
    const drill = (await supApp.engine.handle({ channel: 'telegram', externalId: 'sup' }, '/tonghop 14950'))
      .map(renderPlain)
      .join('\n');
    expect(drill).toContain('Trước sáp nhập: Xã Ái Thượng (14944), nhập toàn bộ');
    const overview = (await supApp.engine.handle({ channel: 'telegram', externalId: 'sup' }, '/tonghop'))
      .map(renderPlain)
      .join('\n');
    expect(overview).toMatch(/· tỉnh Thanh Hóa · 166 đơn vị/);
    expect(overview).toContain('Không tính 1 đơn vị đã sáp nhập hoặc giải thể trước kỳ này.');
    expect(overview).toContain('Chưa có cán bộ báo cáo đăng ký (166): ');
    const past = (await supApp.engine.handle({ channel: 'telegram', externalId: 'sup' }, '/tonghop năm 2023'))
      .map(renderPlain)
      .join('\n');
    expect(past).not.toContain('Không tính');

    // The merged commune's officer is told why, and nothing is written.
    const said = (await supApp.engine.handle(officer, 'báo cáo')).map(renderPlain).join('\n');
    expect(said).toContain(
      'Xã Ái Thượng đã sáp nhập vào Xã Điền Lư (14950) từ ngày 01/07/2025, nên không nhận báo cáo mới và không nhắc hạn nữa.',
    );
    expect((await supApp.engine.handle(officer, '2.5 4/4')).map(renderPlain).join('\n')).not.toContain(
      'Ghi nhận',
    );
    await supApp.close();

    // No invites for it, no imports into it.
    const inv = await cli(['invite', '--unit', '14944'], db);
    expect(inv.code).toBe(1);
    expect(inv.err).toContain(
      'Không cấp mã mời: Xã Ái Thượng đã sáp nhập vào Xã Điền Lư (14950) từ ngày 01/07/2025: không nhận mã mời, báo cáo mới hay nhắc hạn.',
    );
    const bulk = await cli(['invite', '--unit', '14944,14950'], db);
    expect(bulk.err).toContain('Bỏ qua 1 đơn vị đã sáp nhập hoặc giải thể: 14944.');
    expect(bulk.out.trim().split('\n')).toHaveLength(1);
    const csv = join(dir, 'at.csv');
    writeFileSync(csv, 'TT;Nội dung;Kết quả\n2.5;x;4/4\n');
    const imp = await cli(['import', '--unit', '14944', '--period', '2026-Q4', csv], db);
    expect(imp.code).toBe(1);
    expect(imp.err).toContain('Không nhập: Xã Ái Thượng đã sáp nhập vào Xã Điền Lư (14950)');
  });

  it('lets an administrator correct a mapping row, and keeps the correction when the mapping is recorded again', async () => {
    const un = await cli(['units', 'unmerge', '--into', '14950', '--from', '14935'], db);
    expect(un.out).toBe('Đã bỏ 14935 khỏi các đơn vị trước sáp nhập của 14950.\n');
    expect((await cli(['units', 'merges', '--province', 'Thanh Hóa'], db)).code).toBe(0);
    const app = await openApp(db);
    const rows = async () =>
      (await listPredecessorRows(app.db, ['14950'])).map((r) => [r.oldCode, r.share, r.source]);
    expect(await rows()).toEqual([['14944', 'whole', 'official']]);
    const back = await cli(['units', 'merge', '--into', '14950', '--from', '14935', '--share', 'part'], db);
    expect(back.out).toBe('Đã ghi nhận vào 14950 từ ngày 01/07/2025: Xã Điền Trung (14935, một phần).\n');
    expect(await rows()).toEqual([
      ['14935', 'part', 'manual'],
      ['14944', 'whole', 'official'],
    ]);
    await cli(['units', 'merges', '--province', 'Thanh Hóa'], db);
    expect(await rows()).toEqual([
      ['14935', 'part', 'manual'],
      ['14944', 'whole', 'official'],
    ]);
    await app.close();
    expect((await cli(['units', 'unmerge', '--into', '14950', '--from', '99999'], db)).err).toContain(
      '99999 không có trong các đơn vị trước sáp nhập của 14950.',
    );
  });
});

describe('province names after an upgrade', () => {
  it('lists what is not official yet and renames it everywhere', async () => {
    const db = join(dir, 'names.sqlite');
    await addUnit(db, 'X1', 'Xã Một', 'Thanh Hóa', 'thanh-hoa-xa-2022');
    const app = await openApp(db);
    await app.db.updateTable('units').set({ province: 'Quảng Bình' }).execute();
    await app.close();
    const check = await cli(['provinces', 'check'], db);
    expect(check.code).toBe(1);
    expect(check.out).toContain('Khi nâng cấp không có tên tỉnh nào cần chuẩn hóa.');
    expect(check.out).toContain('units: "Quảng Bình" (1 dòng)');
    const renamed = await cli(['provinces', 'rename', '--from', 'Quảng Bình', '--to', 'quang tri'], db);
    expect(renamed.out).toBe('Đã đổi "Quảng Bình" thành Quảng Trị: 1 dòng.\n');
    const ok = await cli(['provinces', 'check'], db);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Mọi tên tỉnh trong cơ sở dữ liệu đều là tên chính thức.');
  });
});
