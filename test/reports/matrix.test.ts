import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildMatrixXlsx } from '../../src/reports/matrix.js';
import type { MatrixData } from '../../src/reports/types.js';

const CRITERIA = [
  { code: '1.1', text: 'Tỷ lệ cán bộ, công chức xã được cấp và thường xuyên sử dụng thư điện tử công vụ.' },
  {
    code: '1.10',
    text: 'Số hóa tài liệu, quy trình nghiệp vụ phục vụ cho công tác chuyển đổi số tại UBND cấp xã',
  },
  {
    code: '2.5',
    text: 'Tỷ lệ hộ gia đình, cơ quan, tổ chức trên địa bàn cấp xã được gắn mã địa chỉ trên nền tảng bản đồ số Vpostcode',
  },
  { code: '3.2', text: 'Phổ cập dịch vụ Internet băng rộng cáp quang; phổ cập dịch vụ mạng di động 4G/5G' },
];

function smallMatrix(): MatrixData {
  return {
    title: 'Tổng hợp kết quả chuyển đổi số cấp xã tỉnh Thanh Hóa',
    period: 'Quý IV/2026',
    criteria: CRITERIA,
    units: [
      {
        code: '15985',
        name: 'Xã Ái Thượng',
        submitted: '22/11/2026',
        statuses: ['met', 'not_met', 'in_progress', 'not_applicable'],
        met: 1,
        applicable: 3,
      },
      {
        code: '15988',
        name: 'Xã Điền Trung',
        submitted: '',
        statuses: ['unknown', 'unanswered', 'met', 'met'],
        met: 2,
        applicable: 4,
      },
      // The Vietnamese words are accepted too.
      {
        code: '16003',
        name: 'Thị trấn Cành Nàng',
        submitted: '20/11/2026',
        statuses: ['đạt', 'đạt', 'chưa đạt', 'không áp dụng'],
        met: 2,
        applicable: 3,
      },
      {
        code: '16010',
        name: 'Xã Lâm Xa',
        submitted: '',
        statuses: ['not_applicable', 'not_applicable', 'not_applicable', 'not_applicable'],
        met: 0,
        applicable: 0,
      },
    ],
  };
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const rowOf = (ws: ExcelJS.Worksheet, r: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ws.getCell(r, from + i).value);

describe('buildMatrixXlsx', () => {
  it('writes a title, the header and one row per unit with short labels', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('Tổng hợp')!;
    expect(ws.getCell('A1').value).toBe('Tổng hợp kết quả chuyển đổi số cấp xã tỉnh Thanh Hóa');
    expect(ws.getCell('A2').value).toBe('Kỳ báo cáo: Quý IV/2026');
    expect(rowOf(ws, 3, 1, 9)).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Đã nộp',
      '1.1',
      '1.10',
      '2.5',
      '3.2',
      'Đạt',
      'Tỷ lệ',
    ]);
    expect(rowOf(ws, 4, 1, 8)).toEqual([
      '15985',
      'Xã Ái Thượng',
      '22/11/2026',
      'đạt',
      'chưa đạt',
      'đang TH',
      'KAD',
      1,
    ]);
    expect(rowOf(ws, 5, 1, 8)).toEqual(['15988', 'Xã Điền Trung', null, 'chưa rõ', null, 'đạt', 'đạt', 2]);
    expect(rowOf(ws, 6, 4, 7)).toEqual(['đạt', 'đạt', 'chưa đạt', 'KAD']);
    expect(ws.getCell('D3').note).toBeDefined();
  });

  it('colours each status: green đạt, red chưa đạt, amber đang TH, grey chưa rõ, light blue KAD, white blank', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('Tổng hợp')!;
    expect(fillOf(ws.getCell('D4'))).toBe('FFC6EFCE');
    expect(fillOf(ws.getCell('E4'))).toBe('FFFFC7CE');
    expect(fillOf(ws.getCell('F4'))).toBe('FFFFEB9C');
    expect(fillOf(ws.getCell('G4'))).toBe('FFDDEBF7');
    expect(fillOf(ws.getCell('D5'))).toBe('FFD9D9D9');
    expect(fillOf(ws.getCell('E5'))).toBe('FFFFFFFF');
    // Same status, same colour, whichever way it was spelled.
    expect(fillOf(ws.getCell('D6'))).toBe(fillOf(ws.getCell('D4')));
    expect(fillOf(ws.getCell('F6'))).toBe(fillOf(ws.getCell('E4')));
  });

  it('totals per unit (Đạt, Tỷ lệ as a percentage) and per criterion (units đạt) in a bottom row', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('Tổng hợp')!;
    expect(ws.getCell('I4').value).toBeCloseTo(1 / 3, 10);
    expect(ws.getCell('I4').numFmt).toBe('0.0%');
    expect(ws.getCell('I5').value).toBe(0.5);
    // Nothing applicable: no rate rather than 0%.
    expect(ws.getCell('I7').value).toBeNull();

    expect(rowOf(ws, 8, 1, 8)).toEqual(['Số đơn vị đạt', '4 đơn vị', 2, 2, 1, 1, 1, 5]);
    expect(ws.getCell('I8').value).toBeCloseTo(5 / 10, 10);
    expect(ws.getCell('A8').font.bold).toBe(true);
  });

  it('freezes the header and the first two columns and lists the criteria on a second sheet', async () => {
    const wb = await load(await buildMatrixXlsx(smallMatrix()));
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    const list = wb.getWorksheet('Tiêu chí')!;
    expect(rowOf(list, 1, 1, 2)).toEqual(['Mã', 'Nội dung tiêu chí']);
    expect(rowOf(list, 3, 1, 2)).toEqual([
      '1.10',
      'Số hóa tài liệu, quy trình nghiệp vụ phục vụ cho công tác chuyển đổi số tại UBND cấp xã',
    ]);
    expect(list.rowCount).toBe(5);
  });

  it('builds the whole province (3,321 units × 37 criteria) in seconds', async () => {
    const statuses = ['met', 'not_met', 'in_progress', 'unknown', 'not_applicable', 'unanswered'];
    const criteria = Array.from({ length: 37 }, (_, i) => ({
      code: `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`,
      text: `Tiêu chí ${i + 1}`,
    }));
    const units = Array.from({ length: 3321 }, (_, u) => {
      const s = criteria.map((_, i) => statuses[(u + i) % 6]!);
      return {
        code: String(10000 + u),
        name: `Xã ${u + 1}`,
        submitted: u % 2 === 0 ? '22/11/2026' : '',
        statuses: s,
        met: s.filter((x) => x === 'met').length,
        applicable: s.filter((x) => x !== 'not_applicable').length,
      };
    });
    const started = performance.now();
    const bytes = await buildMatrixXlsx({
      title: 'Tổng hợp toàn tỉnh',
      period: 'Quý IV/2026',
      criteria,
      units,
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(20_000);

    const ws = (await load(bytes)).getWorksheet('Tổng hợp')!;
    const last = 3 + 3321 + 1;
    expect(ws.getCell(last, 1).value).toBe('Số đơn vị đạt');
    // Criterion i is đạt for the units u with (u + i) % 6 === 0.
    const expected = (i: number) => units.filter((_, u) => (u + i) % 6 === 0).length;
    expect(ws.getCell(last, 4).value).toBe(expected(0));
    expect(ws.getCell(last, 4 + 36).value).toBe(expected(36));
    expect(ws.getCell(last, 3).value).toBe(1661);
  });
});
