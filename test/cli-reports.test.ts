import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cds-cli6-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process against a database file; returns exit code and outputs. */
async function cli(args: string[], db = join(dir, 'p.sqlite'), input?: string) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        add(String(chunk));
        done();
      },
    });
  const code = await main(
    args,
    { CDS_DB: db, LOG_LEVEL: 'silent' },
    sink((s) => (out += s)),
    sink((s) => (err += s)),
  );
  return { code, out, err, input };
}

/** Registers a person through an invite printed by the CLI and typed into the engine. */
async function register(db: string, inviteArgs: string[], who: { channel: string; externalId: string }) {
  const { createApp } = await import('../src/app/create-app.js');
  const { parseConfig } = await import('../src/config.js');
  const { pino } = await import('pino');
  const inv = await cli(['invite', ...inviteArgs], db);
  const app = await createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
  await app.engine.handle(who, inv.out.trim());
  return app;
}

describe('every CLI path respects roles and scopes', () => {
  const db = join(dir, 'roles.sqlite');
  beforeAll(async () => {
    const units = [
      ['AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023'],
      ['YN', 'Xã Yên Nhân', 'Thanh Hóa', 'thanh-hoa-xa-2023'],
      ['BA', 'Xã Bình An', 'Quảng Ngãi', 'ntm-tieu-chi-8'],
    ] as const;
    for (const [code, name, province, framework] of units) {
      const args = ['--code', code, '--name', name, '--province', province, '--framework', framework];
      await cli(['units', 'add', ...args], db);
    }
    const a = await register(db, ['--unit', 'AT'], { channel: 'zalo', externalId: 'officer-at' });
    await a.engine.handle({ channel: 'zalo', externalId: 'officer-at' }, '2.5 0/4; 3.3 60%');
    await a.close();
    await (
      await register(db, ['--role', 'supervisor', '--province', 'Quảng Ngãi'], {
        channel: 'telegram',
        externalId: 'sup-qn',
      })
    ).close();
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
    expect(r.err).toContain('no unit "YN" that you may see');
  });

  it("a supervisor of another province cannot reach a unit's data", async () => {
    for (const args of [
      ['gaps', '--unit', 'AT'],
      ['export', '--unit', 'AT', '--out', join(dir, 'y.docx')],
      ['units', 'history', '--unit', 'AT'],
    ]) {
      const r = await cli([...args, ...asQn], db);
      expect(r.code).toBe(1);
      expect(r.err).toContain('no unit "AT" that you may see');
    }
    const r = await cli(['overview', '--province', 'Thanh Hóa', '--out', join(dir, 'm.xlsx'), ...asQn], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no units of Thanh Hóa that you may see');
  });

  it('an officer sees their own unit, and the overview holds only it', async () => {
    const gaps = await cli(['gaps', '--unit', 'AT', '--json', ...asOfficer], db);
    expect(JSON.parse(gaps.out).totals.met).toBe(1);
    const out = join(dir, 'own.xlsx');
    const r = await cli(['overview', '--out', out, ...asOfficer], db);
    expect(r.out).toContain('1 units × 4 criteria');
  });

  it('a supervisor cannot import answers for a unit, even in scope', async () => {
    const file = join(dir, 'ba.csv');
    writeFileSync(
      file,
      'TT;Nội dung tiêu chí đánh giá;Chỉ tiêu giao;Kết quả;Khó khăn; đề xuất\n8.1;x;Đạt;Có;\n',
    );
    const r = await cli(['import', '--unit', 'BA', file, ...asQn], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('may not change the answers of BA');
  });

  it('an unknown --as is refused', async () => {
    expect((await cli(['gaps', '--unit', 'AT', '--as', 'zalo:nobody'], db)).err).toContain(
      'no registered person is zalo:nobody',
    );
  });
});

/** Every stored answer value (and khó khăn) of unit AT for 2026-Q4, by key. */
async function storedAnswers(db: string) {
  const { createApp } = await import('../src/app/create-app.js');
  const { parseConfig } = await import('../src/config.js');
  const { pino } = await import('pino');
  const { loadAnswers } = await import('../src/storage/answers.js');
  const { findUnitByCode } = await import('../src/storage/units.js');
  const app = await createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
  const unit = await findUnitByCode(app.db, 'AT');
  const answers = (
    await loadAnswers(app.db, { unitId: unit?.id ?? 0, frameworkId: 'thanh-hoa-xa-2022' }, ['2026-Q4'])
  ).get('2026-Q4');
  await app.close();
  return Object.fromEntries(
    [...(answers ?? [])].map(([k, a]) => [k, { value: a.value, difficulty: a.difficulty ?? null }]),
  );
}

describe('export, import and the province matrix', () => {
  const db = join(dir, 'docs.sqlite');
  const other = join(dir, 'docs-other.sqlite');

  it('exports the appendix, and importing it elsewhere gives identical answers', async () => {
    await cli(
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
        'thanh-hoa-xa-2022',
      ],
      db,
    );
    const app = await register(db, ['--unit', 'AT'], { channel: 'zalo', externalId: 'o' });
    await app.engine.handle(
      { channel: 'zalo', externalId: 'o' },
      '1.1 100; 1.2 95 (đạt); 1.4 25.031/37.389; 1.5 có; 1.10 không; 2.2 khoảng 20%; 3.3 ?; 4.2 đang thực hiện; 4.5 không áp dụng',
    );
    await app.engine.handle({ channel: 'zalo', externalId: 'o' }, 'sửa 1.4');
    await app.engine.handle({ channel: 'zalo', externalId: 'o' }, '25.031/37.389');
    await app.engine.handle({ channel: 'zalo', externalId: 'o' }, 'Thiếu máy scan; đề nghị hỗ trợ');
    await app.close();
    const xlsx = join(dir, 'at.xlsx');
    expect(
      (await cli(['export', '--unit', 'AT', '--period', '2026-Q4', '--format', 'xlsx', '--out', xlsx], db))
        .code,
    ).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const texts = wb.getWorksheet('Phụ lục')?.getSheetValues().flat().map(String).join('\n') ?? '';
    expect(texts).toContain('Tổng tiêu chí: 33; Tiêu chí đạt: 2/32; Còn lại: 30');
    expect(texts).toContain('2/14');

    await cli(
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
        'thanh-hoa-xa-2022',
      ],
      other,
    );
    const imported = await cli(['import', '--unit', 'AT', '--period', '2026-Q4', xlsx], other);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('imported 9 answer(s) for AT 2026-Q4; 24 empty row(s) left unanswered');
    const a = JSON.parse((await cli(['gaps', '--unit', 'AT', '--period', '2026-Q4', '--json'], db)).out);
    const b = JSON.parse((await cli(['gaps', '--unit', 'AT', '--period', '2026-Q4', '--json'], other)).out);
    expect(b.totals).toEqual(a.totals);
    expect(b.gaps).toEqual(a.gaps);
    expect(b.gaps.find((g: { code: string }) => g.code === '1.4').difficulty).toBe(
      'Thiếu máy scan; đề nghị hỗ trợ',
    );
    expect(await storedAnswers(other)).toEqual(await storedAnswers(db));
  });

  it('imports nothing when one row is refused, and says which row and why', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      '\uFEFFTT;Nội dung tiêu chí đánh giá;Chỉ tiêu giao;Kết quả;Khó khăn; đề xuất\n1;Chính quyền số;;;\n1.1;Tỷ lệ…;100%;100;\n1.2;Tỷ lệ…;100%;150%;\n9.9;?;;có;\n',
    );
    await cli(
      [
        'units',
        'add',
        '--code',
        'YN',
        '--name',
        'Xã Yên Nhân',
        '--province',
        'Thanh Hóa',
        '--framework',
        'thanh-hoa-xa-2022',
      ],
      other,
    );
    const r = await cli(['import', '--unit', 'YN', '--period', '2026-Q4', file], other);
    expect(r.code).toBe(1);
    expect(r.out).toContain('nothing imported: 2 row(s) refused');
    expect(r.out).toContain('row 4 (1.2 "150%"): tỷ lệ không thể vượt quá 100%.');
    expect(r.out).toContain('row 5: không có tiêu chí 9.9');
    const after = JSON.parse(
      (await cli(['gaps', '--unit', 'YN', '--period', '2026-Q4', '--json'], other)).out,
    );
    expect(after.totals.unanswered).toBe(33);
  });

  it('refuses a sheet of another unit or period', async () => {
    const r = await cli(['import', '--unit', 'YN', '--period', '2026-Q4', join(dir, 'at.xlsx')], other);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is the sheet of unit AT, not YN');
  });

  it('writes the matrix of a province with a status in every cell', async () => {
    const out = join(dir, 'matrix.xlsx');
    const r = await cli(['overview', '--province', 'Thanh Hóa', '--period', '2026-Q4', '--out', out], other);
    expect(r.out).toContain('2 units × 33 criteria');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('thanh-hoa-xa-2022');
    const rows = ws?.getSheetValues().flat().map(String).join('\n') ?? '';
    expect(r.out).toContain(`wrote ${out}`);
    expect(rows).toContain('Xã Ái Thượng');
    expect(rows).toContain('Xã Yên Nhân');
  });

  it('records a merger and shows the predecessors in the history', async () => {
    await cli(
      [
        'units',
        'add',
        '--code',
        'NEW',
        '--name',
        'Xã Mới',
        '--province',
        'Thanh Hóa',
        '--framework',
        'thanh-hoa-xa-2022',
      ],
      other,
    );
    expect(
      (await cli(['units', 'merge', '--into', 'NEW', '--from', 'AT,YN', '--date', '2025-07-01'], other)).code,
    ).toBe(0);
    const h = await cli(['units', 'history', '--unit', 'NEW'], other);
    expect(h.out).toContain('Trước sáp nhập: Xã Ái Thượng (AT), đến 01/07/2025');
    expect(h.out).toContain('• Quý IV/2026: đạt 2/32 (đã trả lời 9/33)');
    expect(
      (await cli(['units', 'merge', '--into', 'NEW', '--from', 'ZZ', '--date', '2025-07-01'], other)).err,
    ).toContain('no unit with code "ZZ"');
  });
});
