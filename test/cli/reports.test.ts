/** gaps, export, import, overview and unit history through the CLI, in process: roles and scopes, and the documents. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/storage/answers.js';
import { findUnitByCode } from '../../src/storage/units.js';
import { addUnit, cli, openApp, register, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-reports-');

describe('every CLI path respects roles and scopes', () => {
  const db = join(dir, 'roles.sqlite');
  beforeAll(async () => {
    await addUnit(db, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    await addUnit(db, 'YN', 'Xã Yên Nhân', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    await addUnit(db, 'BA', 'Xã Bình An', 'Quảng Ngãi', 'ntm-tieu-chi-8');
    const a = await register(db, ['--unit', 'AT'], { channel: 'zalo', externalId: 'officer-at' });
    await a.engine.handle({ channel: 'zalo', externalId: 'officer-at' }, '2.5 0/4; 3.3 60%');
    await a.close();
    const who = { channel: 'telegram', externalId: 'sup-qn' };
    await (await register(db, ['--role', 'supervisor', '--province', 'Quảng Ngãi'], who)).close();
  });

  const asOfficer = ['--as', 'zalo:officer-at'];
  const asQn = ['--as', 'telegram:sup-qn'];

  it.each([
    ['gaps', ['gaps', '--unit', 'YN']],
    ['export', ['export', '--unit', 'YN', '--out', join(dir, 'x.docx')]],
    ['import', ['import', '--unit', 'YN', join(dir, 'none.csv')]],
    ['units history', ['units', 'history', '--unit', 'YN']],
  ])("an officer cannot reach another unit's data through %s", async (_name, args) => {
    const r = await cli([...args, ...asOfficer], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không có đơn vị "YN" trong phạm vi được xem');
  });

  it("a supervisor of another province cannot reach a unit's data", async () => {
    for (const args of [
      ['gaps', '--unit', 'AT'],
      ['export', '--unit', 'AT', '--out', join(dir, 'y.docx')],
      ['units', 'history', '--unit', 'AT'],
    ]) {
      const r = await cli([...args, ...asQn], db);
      expect(r.code).toBe(1);
      expect(r.err).toContain('Không có đơn vị "AT" trong phạm vi được xem');
    }
    const r = await cli(['overview', '--province', 'Thanh Hóa', '--out', join(dir, 'm.xlsx'), ...asQn], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không có đơn vị nào của Thanh Hóa trong phạm vi được xem.');
  });

  it('an officer sees their own unit, and the overview holds only it', async () => {
    const gaps = await cli(['gaps', '--unit', 'AT', '--json', ...asOfficer], db);
    expect(JSON.parse(gaps.out).totals.met).toBe(1);
    const r = await cli(['overview', '--out', join(dir, 'own.xlsx'), ...asOfficer], db);
    expect(r.out).toContain('1 đơn vị × 4 tiêu chí');
  });

  it('a supervisor cannot import answers for a unit, even in scope', async () => {
    const file = join(dir, 'ba.csv');
    writeFileSync(
      file,
      'TT;Nội dung tiêu chí đánh giá;Chỉ tiêu giao;Kết quả;Khó khăn; đề xuất\n8.1;x;Đạt;Có;\n',
    );
    const r = await cli(['import', '--unit', 'BA', file, ...asQn], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không được nhập câu trả lời cho BA');
  });

  it('an unknown --as is refused', async () => {
    const r = await cli(['gaps', '--unit', 'AT', '--as', 'zalo:nobody'], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không có người nào đã đăng ký là zalo:nobody.');
    expect((await cli(['gaps', '--unit', 'AT', '--as', 'nobody'], db)).err).toContain(
      '--as cần dạng kênh:id',
    );
  });
});

/** Every stored answer value (and khó khăn) of unit AT for 2026-Q4, by key. */
async function storedAnswers(db: string) {
  const app = await openApp(db);
  const unit = await findUnitByCode(app.db, 'AT');
  const answers = (
    await loadAnswers(app.db, { unitId: unit?.id ?? 0, frameworkId: 'thanh-hoa-xa-2022' }, ['2026-Q4'])
  ).get('2026-Q4');
  await app.close();
  return Object.fromEntries(
    [...(answers ?? [])].map(([k, a]) => [
      k,
      { value: a.value, difficulty: a.difficulty ?? null, proposal: a.proposal ?? null },
    ]),
  );
}

describe('export, import and the province matrix', () => {
  const db = join(dir, 'docs.sqlite');
  const other = join(dir, 'docs-other.sqlite');

  it('exports the appendix, and importing it elsewhere gives identical answers', async () => {
    await addUnit(db, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2022');
    const app = await register(db, ['--unit', 'AT'], { channel: 'zalo', externalId: 'o' });
    const o = { channel: 'zalo', externalId: 'o' };
    await app.engine.handle(
      o,
      '1.1 100; 1.2 95 (đạt); 1.4 25.031/37.389; 1.5 có; 1.10 không; 2.2 khoảng 20%; 3.3 ?; 4.2 đang thực hiện; 4.5 không áp dụng',
    );
    await app.engine.handle(o, 'sửa 1.4');
    await app.engine.handle(o, '25.031/37.389');
    await app.engine.handle(o, 'Thiếu máy scan; đề nghị hỗ trợ');
    await app.close();
    const xlsx = join(dir, 'at.xlsx');
    const exported = await cli(
      ['export', '--unit', 'AT', '--period', '2026-Q4', '--format', 'xlsx', '--out', xlsx],
      db,
    );
    expect(exported.code).toBe(0);
    // 24 of the 33 criteria are unanswered: the operator is told the document is a draft.
    expect(exported.out).toBe(
      `Lưu ý: còn 24 tiêu chí chưa trả lời, văn bản được đánh dấu "DỰ THẢO" trên mọi trang.\nĐã ghi ${xlsx}.\n`,
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const texts = wb.getWorksheet('Phụ lục')?.getSheetValues().flat().map(String).join('\n') ?? '';
    expect(texts).toContain('Tổng tiêu chí: 33; Tiêu chí đạt: 2/32; Còn lại: 30');
    expect(texts).toContain('2/14');

    await addUnit(other, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2022');
    const imported = await cli(['import', '--unit', 'AT', '--period', '2026-Q4', xlsx], other);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(
      'Đã nhập 9 câu trả lời cho AT, kỳ 2026-Q4; 24 dòng trống để chưa trả lời.',
    );
    const a = JSON.parse((await cli(['gaps', '--unit', 'AT', '--period', '2026-Q4', '--json'], db)).out);
    const b = JSON.parse((await cli(['gaps', '--unit', 'AT', '--period', '2026-Q4', '--json'], other)).out);
    expect(b.totals).toEqual(a.totals);
    expect(b.gaps).toEqual(a.gaps);
    // One message at the khó khăn prompt carried both: the khó khăn, then the đề xuất.
    expect(b.gaps.find((g: { code: string }) => g.code === '1.4')).toMatchObject({
      difficulty: 'Thiếu máy scan',
      proposal: 'đề nghị hỗ trợ',
    });
    expect(await storedAnswers(other)).toEqual(await storedAnswers(db));
    const difficulties = await cli(
      ['export', '--unit', 'AT', '--kind', 'difficulties', '--format', 'xlsx'],
      db,
    );
    expect(difficulties.code).toBe(1);
    expect(difficulties.err).toContain('--format: báo cáo khó khăn, đề xuất chỉ xuất dạng docx.');
  });

  it('imports nothing when one row is refused, and says which row and why', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      '\uFEFFTT;Nội dung tiêu chí đánh giá;Chỉ tiêu giao;Kết quả;Khó khăn; đề xuất\n1;Chính quyền số;;;\n1.1;Tỷ lệ…;100%;100;\n1.2;Tỷ lệ…;100%;150%;\n9.9;?;;có;\n',
    );
    await addUnit(other, 'YN', 'Xã Yên Nhân', 'Thanh Hóa', 'thanh-hoa-xa-2022');
    const r = await cli(['import', '--unit', 'YN', '--period', '2026-Q4', file], other);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Chưa nhập gì: 2 dòng không nhận được.');
    expect(r.out).toContain('dòng 4 (1.2 "150%"): tỷ lệ không thể vượt quá 100%.');
    expect(r.out).toContain('dòng 5: không có tiêu chí 9.9');
    const after = JSON.parse(
      (await cli(['gaps', '--unit', 'YN', '--period', '2026-Q4', '--json'], other)).out,
    );
    expect(after.totals.unanswered).toBe(33);
  });

  it('refuses a sheet of another unit or period', async () => {
    const r = await cli(['import', '--unit', 'YN', '--period', '2026-Q4', join(dir, 'at.xlsx')], other);
    expect(r.code).toBe(1);
    expect(r.err).toContain('at.xlsx là bảng của đơn vị AT, không phải YN.');
    const p = await cli(['import', '--unit', 'AT', '--period', '2026-Q3', join(dir, 'at.xlsx')], other);
    expect(p.code).toBe(1);
    expect(p.err).toContain('at.xlsx là bảng của kỳ 2026-Q4, không phải 2026-Q3.');
  });

  it('writes the matrix of a province with a status in every cell', async () => {
    const out = join(dir, 'matrix.xlsx');
    const r = await cli(['overview', '--province', 'Thanh Hóa', '--period', '2026-Q4', '--out', out], other);
    // Both units were filled in by import, with no officer registered: the overview says so.
    expect(r.out).toBe(
      `Đã ghi ${out}: 2 đơn vị × 33 tiêu chí (thanh-hoa-xa-2022).\nChưa có cán bộ báo cáo đăng ký (2): AT, YN.\n`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('thanh-hoa-xa-2022');
    const rows = ws?.getSheetValues().flat().map(String).join('\n') ?? '';
    expect(rows).toContain('Xã Ái Thượng');
    expect(rows).toContain('Xã Yên Nhân');
  });

  it('records a merger and shows the predecessors in the history', async () => {
    await addUnit(other, 'NEW', 'Xã Mới', 'Thanh Hóa', 'thanh-hoa-xa-2022');
    const merged = await cli(
      ['units', 'merge', '--into', 'NEW', '--from', 'AT,YN', '--date', '01/07/2025'],
      other,
    );
    expect(merged.code).toBe(0);
    expect(merged.out).toBe('Đã ghi nhận sáp nhập AT, YN vào NEW từ ngày 01/07/2025.\n');
    const h = await cli(['units', 'history', '--unit', 'NEW'], other);
    expect(h.out).toContain('Trước sáp nhập: Xã Ái Thượng (AT), nhập toàn bộ, đến 01/07/2025');
    expect(h.out).toContain('• Quý IV/2026: đạt 2/32 (đã trả lời 9/33)');
    const unknown = await cli(
      ['units', 'merge', '--into', 'NEW', '--from', 'ZZ', '--date', '2025-07-01'],
      other,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có đơn vị "ZZ"');
    expect(
      (await cli(['units', 'merge', '--into', 'NEW', '--from', 'NEW', '--date', '2025-07-01'], other)).err,
    ).toContain('Không thể sáp nhập đơn vị NEW vào chính nó.');
  });
});
