import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAppendixDocx, buildAppendixXlsx } from '../../src/reports/appendix.js';
import { appendixData, documentXml, paragraphs, tables } from './fixtures.js';

const FOOTER = 'Tổng tiêu chí: 16; Tiêu chí đạt: 11/16; Còn lại: 5';
const HEADINGS = [
  'TT',
  'Nội dung tiêu chí đánh giá',
  'Chỉ tiêu giao',
  'Kết quả quý IV/2026',
  'Khó khăn; đề xuất',
];
/** Column TT from top to bottom: heading, group 1, its criteria, group 2 …, sub-points of 8.4. */
const CODES = [
  'TT',
  '1',
  ...Array.from({ length: 12 }, (_, i) => `1.${i + 1}`),
  '2',
  '2.1',
  '2.2',
  '2.5',
  '8',
  '8.4',
  '8.4a',
  '8.4d',
  '8.4đ',
];

describe('buildAppendixDocx', () => {
  it('lays out the heading, the five-column table and the footer of Phụ lục 2', async () => {
    const xml = await documentXml(await buildAppendixDocx(appendixData()));
    const texts = paragraphs(xml);
    expect(texts.slice(0, 3)).toEqual([
      'UBND XÃ ÁI THƯỢNG',
      'Phụ lục - Kết quả chuyển đổi số tại đơn vị cấp xã quý IV/2026',
      'Đơn vị: Xã Ái Thượng, tỉnh Thanh Hóa (mã 15985) · Kỳ báo cáo: Quý IV/2026 · Bộ tiêu chí: Bộ chỉ số chuyển đổi số cấp xã (QĐ 1829/QĐ-UBND ngày 30/5/2023)',
    ]);
    expect(texts).toContain(`Ghi chú: ${FOOTER}`);

    const [table] = tables(xml);
    const rows = table!.rows.map((r) => r.cells.map((c) => c.text));
    expect(rows[0]).toEqual(HEADINGS);
    expect(rows.map((r) => r[0])).toEqual(CODES);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows[1]).toEqual(['1', 'Chính quyền số', '', '10/12', '']);
    expect(rows.find((r) => r[0] === '2')).toEqual(['2', 'Kinh tế số', '', '1/3', '']);
    expect(rows.find((r) => r[0] === '8')?.[3]).toBe('0/1');
    expect(rows.find((r) => r[0] === '1.4')).toEqual([
      '1.4',
      'Tỷ lệ hồ sơ TTHC tại UBND cấp xã tiếp nhận xử lý được cập nhật, quản lý và giải quyết trên Hệ thống thông tin một cửa điện tử',
      '100%',
      '66,95% (25.031/37.389 hồ sơ)',
      '',
    ]);
    // A difficulty on two lines stays on two lines.
    expect(rows.find((r) => r[0] === '1.2')?.[4]).toBe(
      'Còn 01 công chức chưa được cấp chữ ký số;\nđề nghị Sở cấp bổ sung',
    );
    // An unanswered criterion leaves its result blank.
    expect(rows.find((r) => r[0] === '2.5')?.[3]).toBe('');
  });

  it('repeats the heading row on every page, bolds the group rows and indents the sub-points', async () => {
    const xml = await documentXml(await buildAppendixDocx(appendixData()));
    const [table] = tables(xml);
    const rows = table!.rows;
    expect(rows[0]!.xml).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.xml.includes('<w:tblHeader/>'))).toBe(false);

    const group = rows[1]!;
    expect(group.cells[1]!.xml).toContain('<w:b/>');
    expect(group.cells[3]!.xml).toContain('<w:b/>');
    const criterion = rows.find((r) => r.cells[0]!.text === '1.1')!;
    expect(criterion.xml).not.toContain('<w:b/>');

    const part = rows.find((r) => r.cells[0]!.text === '8.4đ')!;
    expect(part.cells[1]!.xml).toMatch(/<w:ind [^>]*w:left="\d+"/);
    const composite = rows.find((r) => r.cells[0]!.text === '8.4')!;
    expect(composite.cells[1]!.xml).not.toContain('<w:ind ');
  });

  it('is landscape A4 in Times New Roman 13 with the made-on date and places to sign', async () => {
    const bytes = await buildAppendixDocx(appendixData());
    const xml = await documentXml(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const styles = await (await JSZip.loadAsync(bytes)).file('word/styles.xml')!.async('string');
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('<w:sz w:val="26"/>');

    const texts = paragraphs(xml);
    const footer = texts.indexOf(`Ghi chú: ${FOOTER}`);
    expect(texts.indexOf('Ngày 22/11/2026')).toBeGreaterThan(footer);
    expect(texts.indexOf('THỦ TRƯỞNG ĐƠN VỊ')).toBeGreaterThan(footer);
    expect(texts.indexOf('NGƯỜI LẬP BIỂU')).toBeGreaterThan(footer);
  });

  it('writes the framework without a decision when it has none', async () => {
    const data = {
      ...appendixData(),
      framework: { id: 'thanh-hoa-huyen-2022', name: 'Bộ chỉ số cấp huyện', decision: null },
    };
    const texts = paragraphs(await documentXml(await buildAppendixDocx(data)));
    expect(texts[2]).toBe(
      'Đơn vị: Xã Ái Thượng, tỉnh Thanh Hóa (mã 15985) · Kỳ báo cáo: Quý IV/2026 · Bộ tiêu chí: Bộ chỉ số cấp huyện',
    );
  });
});

async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return [1, 2, 3, 4, 5].map((c) => ws.getCell(r, c).value);
}

describe('buildAppendixXlsx', () => {
  it('has the heading rows, the header, group rows with subtotals, criteria and the footer note', async () => {
    const wb = await loadXlsx(await buildAppendixXlsx(appendixData()));
    const ws = wb.getWorksheet('Phụ lục')!;
    expect(ws).toBeDefined();
    expect(ws.getCell('A1').value).toBe('UBND XÃ ÁI THƯỢNG');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('Phụ lục - Kết quả chuyển đổi số tại đơn vị cấp xã quý IV/2026');
    expect(ws.getCell('A2').alignment.horizontal).toBe('center');
    expect(String(ws.getCell('A3').value)).toContain('Kỳ báo cáo: Quý IV/2026');
    expect(String(ws.getCell('A3').value)).toContain('QĐ 1829/QĐ-UBND ngày 30/5/2023');

    expect(rowValues(ws, 5)).toEqual(HEADINGS);
    expect(rowValues(ws, 6)).toEqual(['1', 'Chính quyền số', null, '10/12', null]);
    expect(ws.getCell('B6').font.bold).toBe(true);
    expect(ws.getCell('D6').font.bold).toBe(true);

    const codes: unknown[] = [];
    for (let r = 5; r < 5 + CODES.length; r++) codes.push(ws.getCell(r, 1).value);
    expect(codes).toEqual(CODES);

    expect(rowValues(ws, 8)).toEqual([
      '1.2',
      'Tỷ lệ lãnh đạo, cán bộ, công chức trên địa bàn cấp xã chỉ đạo, điều hành, xử lý công việc hoàn toàn trên môi trường điện tử',
      '100%',
      '95% (19/20 người)',
      'Còn 01 công chức chưa được cấp chữ ký số;\nđề nghị Sở cấp bổ sung',
    ]);
    expect(ws.getCell('B8').font.bold).toBeFalsy();
    expect(ws.getCell('B8').alignment.wrapText).toBe(true);
    expect(ws.getCell('E8').alignment.wrapText).toBe(true);
    expect(ws.getCell('C8').border.left?.style).toBe('thin');

    // 1.10 is a text cell, so Excel shows "1.10" and not 1.1.
    const r110 = 5 + CODES.indexOf('1.10');
    expect(ws.getCell(r110, 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(r110, 1).numFmt).toBe('@');

    const part = 5 + CODES.indexOf('8.4đ');
    expect(ws.getCell(part, 2).alignment.indent).toBeGreaterThan(0);
    expect(ws.getCell(5 + CODES.indexOf('8.4'), 2).alignment.indent ?? 0).toBe(0);

    const notes: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string' && v.startsWith('Ghi chú')) notes.push(v);
    });
    expect(notes).toEqual([`Ghi chú: ${FOOTER}`]);
  });

  it('sets widths, wrap, a frozen header repeated on print, A4 fit to width', async () => {
    const ws = (await loadXlsx(await buildAppendixXlsx(appendixData()))).getWorksheet('Phụ lục')!;
    expect(ws.columns.map((c) => c.width)).toEqual([8, 60, 14, 24, 40]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('5:5');
  });

  it('records unit, period and framework in a hidden sheet for the import to check', async () => {
    const wb = await loadXlsx(await buildAppendixXlsx(appendixData()));
    const meta = wb.getWorksheet('meta')!;
    expect(meta.state).toBe('hidden');
    expect([1, 2, 3].map((r) => meta.getCell(r, 1).value)).toEqual(['15985', '2026-Q4', 'thanh-hoa-xa-2022']);
  });
});
