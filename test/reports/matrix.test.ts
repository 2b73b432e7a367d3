import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  buildMatrixXlsx,
  CRITERIA_SHEET,
  MATRIX_FIRST_UNIT_ROW,
  MATRIX_RATE_LABEL,
  MATRIX_TOTAL_LABEL,
  matrixLayout,
} from '../../src/reports/matrix.js';
import type { MatrixData } from '../../src/reports/types.js';
import { columnPt, printableWidthPt } from '../../src/reports/xlsx-common.js';

const crit = (code: string, text: string, target = '') => ({ code, text, short: text.slice(0, 30), target });

const GROUPS = [
  {
    code: '1',
    name: 'Chính quyền số',
    criteria: [
      crit('1.1', 'Tỷ lệ cán bộ, công chức xã được cấp và thường xuyên sử dụng thư điện tử công vụ.', '100%'),
      crit(
        '1.10',
        'Số hóa tài liệu, quy trình nghiệp vụ phục vụ cho công tác chuyển đổi số tại UBND cấp xã',
        'Có',
      ),
    ],
  },
  {
    code: '2',
    name: 'Kinh tế số',
    criteria: [crit('2.5', 'Tỷ lệ hộ gia đình, cơ quan, tổ chức được gắn mã địa chỉ số Vpostcode', '100%')],
  },
  {
    code: '3',
    name: 'Xã hội số',
    criteria: [
      crit('3.2', 'Phổ cập dịch vụ Internet băng rộng cáp quang; phổ cập dịch vụ mạng di động 4G/5G'),
    ],
  },
];

function smallMatrix(): MatrixData {
  return {
    title: 'TỔNG HỢP KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ TỈNH THANH HÓA',
    subtitle: 'Bộ tiêu chí: Tiêu chí chuyển đổi số cấp xã năm 2022 (Thanh Hóa)',
    framework: { id: 'thanh-hoa-xa-2022', name: 'Tiêu chí chuyển đổi số cấp xã năm 2022 (Thanh Hóa)' },
    period: '2022-Q3',
    periodName: '9 tháng đầu năm 2022',
    groups: GROUPS,
    criteria: GROUPS.flatMap((g) => g.criteria.map(({ code, text }) => ({ code, text }))),
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
const value = (ws: ExcelJS.Worksheet, r: number, c: number) => ws.getCell(r, c).value;

describe('buildMatrixXlsx', () => {
  const layout = matrixLayout(smallMatrix());
  const col = layout.columns;
  const unitRow = (u: number) => MATRIX_FIRST_UNIT_ROW + u;

  it('writes one sheet per framework named by its id, and the criteria list', async () => {
    const other = { ...smallMatrix(), framework: { id: 'ntm-nang-cao-tttt', name: 'NTM nâng cao' } };
    const wb = await load(await buildMatrixXlsx([smallMatrix(), other]));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'thanh-hoa-xa-2022',
      'ntm-nang-cao-tttt',
      CRITERIA_SHEET,
    ]);
  });

  it('heads every page with the period in words, the title, the basis, the groups, codes and short names', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('thanh-hoa-xa-2022')!;
    expect(value(ws, 1, 1)).toBe('Kỳ báo cáo:\n9 tháng đầu năm 2022');
    // The title and the basis over each group's columns, the groups' pages.
    for (const g of layout.groups) {
      expect(value(ws, 1, g.first)).toBe(smallMatrix().title);
      expect(value(ws, 2, g.first)).toBe(smallMatrix().subtitle);
    }
    expect(value(ws, 3, layout.groups[0]!.first)).toBe('Nhóm 1: Chính quyền số');
    expect(col.map((c) => value(ws, 4, c))).toEqual(['1.1', '1.10', '2.5', '3.2']);
    expect(value(ws, 5, col[0]!)).toBe(GROUPS[0]!.criteria[0]!.short);
    expect([1, 2, 3].map((c) => value(ws, 3, c))).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Ngày nộp']);
    expect(value(ws, 4, layout.groups[0]!.subtotal)).toBe('Số tiêu chí đạt');
    // The heading rows fit their wrapped text.
    expect(ws.getRow(5).height).toBeGreaterThan(30);
  });

  it('writes a row per unit with short labels, a subtotal per group, its total and rate', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('thanh-hoa-xa-2022')!;
    expect([1, 2, 3].map((c) => value(ws, unitRow(0), c))).toEqual(['15985', 'Xã Ái Thượng', '22/11/2026']);
    expect(col.map((c) => value(ws, unitRow(0), c))).toEqual(['đạt', 'chưa đạt', 'đang TH', 'KAD']);
    expect(col.map((c) => value(ws, unitRow(1), c))).toEqual(['chưa rõ', null, 'đạt', 'đạt']);
    expect(col.map((c) => value(ws, unitRow(2), c))).toEqual(['đạt', 'đạt', 'chưa đạt', 'KAD']);
    // Group subtotals: met / applicable in the group.
    expect(layout.groups.map((g) => value(ws, unitRow(0), g.subtotal))).toEqual(['1/2', '0/1', '0/0']);
    expect(layout.groups.map((g) => value(ws, unitRow(2), g.subtotal))).toEqual(['2/2', '0/1', '0/0']);
    expect(value(ws, unitRow(0), layout.totalCol)).toBe(1);
    expect(value(ws, unitRow(0), layout.rateCol)).toBeCloseTo(1 / 3, 10);
    // Nothing applicable: no rate rather than 0%.
    expect(value(ws, unitRow(3), layout.rateCol)).toBeNull();
  });

  it('colours each status: green đạt, red chưa đạt, amber đang TH, grey chưa rõ, light blue KAD, white blank', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('thanh-hoa-xa-2022')!;
    const at = (u: number, i: number) => ws.getCell(unitRow(u), col[i]!);
    expect([0, 1, 2, 3].map((i) => fillOf(at(0, i)))).toEqual([
      'FFC6EFCE',
      'FFFFC7CE',
      'FFFFEB9C',
      'FFDDEBF7',
    ]);
    expect(fillOf(at(1, 0))).toBe('FFD9D9D9');
    expect(fillOf(at(1, 1))).toBe('FFFFFFFF');
    // Same status, same colour, whichever way it was spelled.
    expect(fillOf(at(2, 0))).toBe(fillOf(at(0, 0)));
    expect(fillOf(at(2, 2))).toBe(fillOf(at(0, 1)));
  });

  it('counts under each criterion the units that met it, and their share of the units it applies to', async () => {
    const ws = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet('thanh-hoa-xa-2022')!;
    const total = unitRow(4);
    expect(value(ws, total, 1)).toBe(`${MATRIX_TOTAL_LABEL} (trên 4 đơn vị, 2 đã nộp)`);
    expect(col.map((c) => value(ws, total, c))).toEqual([2, 1, 1, 1]);
    // A group's column: the units that met every criterion of the group that applies to them.
    expect(layout.groups.map((g) => value(ws, total, g.subtotal))).toEqual([1, 1, 1]);
    expect(value(ws, total, layout.totalCol)).toBe(0);
    expect(value(ws, total + 1, 1)).toBe(MATRIX_RATE_LABEL);
    // 1.1: đạt for 2 of the 3 units it applies to; 3.2: for the one unit it applies to.
    expect(value(ws, total + 1, col[0]!)).toBeCloseTo(2 / 3, 10);
    expect(value(ws, total + 1, col[3]!)).toBe(1);
    expect(ws.getCell(total, 1).font.bold).toBe(true);
  });

  it('prints a page per group: column breaks, repeated rows and columns, A4 or A3 landscape', async () => {
    const bytes = await buildMatrixXlsx(smallMatrix());
    const ws = (await load(bytes)).getWorksheet('thanh-hoa-xa-2022')!;
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      printTitlesRow: '1:5',
      printTitlesColumn: 'A:C',
      fitToPage: false,
    });
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 5 });
    const sheet = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    const breaks = [...sheet.matchAll(/<brk id="(\d+)"[^>]*man="1"\/>/g)].map((m) => Number(m[1]));
    const colBreaks = /<colBreaks[\s\S]*?<\/colBreaks>/.exec(sheet)?.[0] ?? '';
    expect(colBreaks).not.toBe('');
    // A break after each group's subtotal column but the last.
    expect([...colBreaks.matchAll(/id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
      layout.groups.slice(0, -1).map((g) => g.subtotal),
    );
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    // <colBreaks> after <rowBreaks>/<headerFooter>, as the schema orders the sheet.
    expect(sheet.indexOf('<colBreaks')).toBeGreaterThan(sheet.indexOf('<headerFooter'));
  });

  it('chooses A3 when a group is too wide for A4 at 90 %', async () => {
    const wide = smallMatrix();
    const many = Array.from({ length: 16 }, (_, i) => crit(`1.${i + 1}`, `Tiêu chí ${i + 1}`));
    wide.groups = [{ code: '1', name: 'Chính quyền số', criteria: many }];
    wide.criteria = many.map(({ code, text }) => ({ code, text }));
    wide.units = wide.units.map((u) => ({ ...u, statuses: many.map(() => 'met') }));
    const l = matrixLayout(wide);
    const pageWidth = l.widths.reduce((a, w) => a + columnPt(w), 0);
    expect(pageWidth * 0.9).toBeGreaterThan(printableWidthPt('A4', 'landscape'));
    const ws = (await load(await buildMatrixXlsx(wide))).getWorksheet('thanh-hoa-xa-2022')!;
    expect(ws.pageSetup.paperSize).toBe(8);
    expect(ws.pageSetup.scale).toBeLessThanOrEqual(100);
  });

  it('lists every criterion with its text and target on the criteria sheet, printable in portrait', async () => {
    const list = (await load(await buildMatrixXlsx(smallMatrix()))).getWorksheet(CRITERIA_SHEET)!;
    expect([1, 2, 3].map((c) => value(list, 1, c))).toEqual(['Mã', 'Nội dung tiêu chí', 'Chỉ tiêu']);
    expect(value(list, 2, 1)).toBe('Nhóm 1: Chính quyền số');
    expect([1, 2, 3].map((c) => value(list, 4, c))).toEqual([
      '1.10',
      'Số hóa tài liệu, quy trình nghiệp vụ phục vụ cho công tác chuyển đổi số tại UBND cấp xã',
      'Có',
    ]);
    expect(value(list, 8, 3)).toBeNull();
    expect(list.getRow(4).height).toBeGreaterThan(15);
    expect(list.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToWidth: 1,
      printTitlesRow: '1:1',
    });
  });

  // How long the whole country's 3,321 units take is bench/reports.ts's to measure, not a test's.
  it('totals every unit of a matrix far larger than a province (1,000 units × 37 criteria)', async () => {
    const UNITS = 1000;
    const statuses = ['met', 'not_met', 'in_progress', 'unknown', 'not_applicable', 'unanswered'];
    const groups = [11, 6, 12, 8].map((n, g) => ({
      code: String(g + 1),
      name: `Nhóm ${g + 1}`,
      criteria: Array.from({ length: n }, (_, i) => crit(`${g + 1}.${i + 1}`, `Tiêu chí ${g + 1}.${i + 1}`)),
    }));
    const criteria = groups.flatMap((g) => g.criteria.map(({ code, text }) => ({ code, text })));
    const units = Array.from({ length: UNITS }, (_, u) => {
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
    const data: MatrixData = { ...smallMatrix(), groups, criteria, units };
    const bytes = await buildMatrixXlsx(data);

    const ws = (await load(bytes)).getWorksheet('thanh-hoa-xa-2022')!;
    const l = matrixLayout(data);
    const last = MATRIX_FIRST_UNIT_ROW + UNITS;
    expect(String(value(ws, last, 1))).toContain('trên 1000 đơn vị, 500 đã nộp');
    // Criterion i is đạt for the units u with (u + i) % 6 === 0.
    const expected = (i: number) => units.filter((_, u) => (u + i) % 6 === 0).length;
    expect(value(ws, last, l.columns[0]!)).toBe(expected(0));
    expect(value(ws, last, l.columns[36]!)).toBe(expected(36));
  });
});
