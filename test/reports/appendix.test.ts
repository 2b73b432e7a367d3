/**
 * The appendix as .docx and .xlsx: Phụ lục 2 of seed 004 under the heading of Nghị định
 * 30/2020/NĐ-CP, Phụ lục I, Mục III.1, checked in the document's XML and the workbook's cells.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  appendixHeaderRow,
  buildAppendixDocx,
  buildAppendixXlsx,
  XLSX_WIDTHS,
} from '../../src/reports/appendix.js';
import { lineCount } from '../../src/reports/text-metrics.js';
import { columnPt, printableWidthPt } from '../../src/reports/xlsx-common.js';
import {
  allRuns,
  appendixData,
  documentXml,
  docxPart,
  headers,
  paragraphOf,
  paragraphs,
  runSizes,
  tables,
} from './fixtures.js';

const FOOTER = 'Tổng tiêu chí: 16; Tiêu chí đạt: 11/16; Còn lại: 5';
const HEADINGS = [
  'TT',
  'Nội dung tiêu chí đánh giá',
  'Chỉ tiêu giao',
  'Kết quả quý IV/2026',
  'Đánh giá',
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
  it('[III.1] "Phụ lục I" 14 bold, its title in capitals 14 bold, the "Kèm theo" line 13 italic, a rule', async () => {
    const xml = await documentXml(await buildAppendixDocx(appendixData()));
    const data = appendixData();
    expect(paragraphs(xml).slice(0, 4)).toEqual(['Phụ lục I', data.heading, data.attachedTo, '']);
    const number = paragraphOf(xml, 'Phụ lục I').xml;
    expect(runSizes(number)).toEqual([28]);
    expect(allRuns(number, 'b')).toBe(true);
    expect(number).toContain('<w:jc w:val="center"/>');
    const heading = paragraphOf(xml, data.heading).xml;
    expect(runSizes(heading)).toEqual([28]);
    expect(allRuns(heading, 'b')).toBe(true);
    const note = paragraphOf(xml, data.attachedTo).xml;
    expect(runSizes(note)).toEqual([26]);
    expect(allRuns(note, 'i')).toBe(true);
    expect(data.attachedTo).toMatch(
      /^\(Kèm theo Báo cáo số +\/BC-UBND ngày +tháng 11 năm 2026 của Ủy ban nhân dân xã Ái Thượng\)$/,
    );
  });

  it('lays out the six columns, the group rows with their subtotals and the criteria', async () => {
    const xml = await documentXml(await buildAppendixDocx(appendixData()));
    const [table] = tables(xml);
    // The last row of the table holds the last two criteria in a nested table, the note and the signer.
    const main = table!.rows.slice(0, -1).map((r) => r.cells.map((c) => c.text));
    const tail = tables(table!.rows.at(-1)!.cells[0]!.xml)[0]!.rows.map((r) => r.cells.map((c) => c.text));
    const rows = [...main, ...tail];
    expect(rows[0]).toEqual(HEADINGS);
    expect(rows.map((r) => r[0])).toEqual(CODES);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows[1]).toEqual(['1', 'Chính quyền số', '', '10/12', '', '']);
    expect(rows.find((r) => r[0] === '1.4')).toEqual([
      '1.4',
      'Tỷ lệ hồ sơ TTHC tại UBND cấp xã tiếp nhận xử lý được cập nhật, quản lý và giải quyết trên Hệ thống thông tin một cửa điện tử',
      '100%',
      '66,95% (25.031/37.389 hồ sơ)',
      'Chưa đạt',
      '',
    ]);
    // No target is printed where the source sets none.
    expect(rows.find((r) => r[0] === '8.4')?.[2]).toBe('');
    expect(rows.find((r) => r[0] === '8.4a')?.[2]).toBe('');
    // A difficulty on two lines stays on two lines; an unanswered criterion leaves its result blank.
    expect(rows.find((r) => r[0] === '1.2')?.[5]).toBe(
      'Còn 01 công chức chưa được cấp chữ ký số;\nđề nghị Sở cấp bổ sung',
    );
    expect(rows.find((r) => r[0] === '2.5')?.[3]).toBe('');
  });

  it('repeats the heading row, never splits a row, bolds the group rows and indents the sub-points', async () => {
    const xml = await documentXml(await buildAppendixDocx(appendixData()));
    const [table] = tables(xml);
    const rows = table!.rows;
    expect(rows[0]!.xml).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.xml.includes('<w:tblHeader/>'))).toBe(false);
    for (const r of rows) expect(r.xml).toContain('<w:cantSplit/>');
    const group = rows[1]!;
    expect(allRuns(group.cells[1]!.xml, 'b')).toBe(true);
    expect(allRuns(group.cells[3]!.xml, 'b')).toBe(true);
    const criterion = rows.find((r) => r.cells[0]!.text === '1.1')!;
    expect(criterion.xml).not.toContain('<w:b/>');
    const part = rows.find((r) => r.cells[0]!.text === '8.4a')!;
    expect(part.cells[1]!.xml).toMatch(/<w:ind [^>]*w:left="\d+"/);
    const composite = rows.find((r) => r.cells[0]!.text === '8.4')!;
    expect(composite.cells[1]!.xml).not.toContain('<w:ind ');
  });

  it('keeps the note and the signer with the last two rows, in one row never split', async () => {
    const xml = await documentXml(await buildAppendixDocx(appendixData()));
    const tail = tables(xml)[0]!.rows.at(-1)!;
    expect(tail.xml).toContain('<w:cantSplit/>');
    const inTail = paragraphs(tail.xml).filter((s) => s.trim() !== '');
    expect(inTail.slice(0, 2)).toEqual([
      '8.4d',
      '100% sản phẩm OCOP của xã được giới thiệu, quảng bá trên nền tảng sàn thương mại điện tử',
    ]);
    expect(inTail.slice(-5)).toEqual([
      `Ghi chú: ${FOOTER}`,
      'Ái Thượng, ngày      tháng 11 năm 2026',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Trương Thanh Tuyến',
    ]);
    expect(allRuns(paragraphOf(tail.xml, 'Ái Thượng, ngày      tháng 11 năm 2026').xml, 'i')).toBe(true);
    for (const t of ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trương Thanh Tuyến']) {
      expect(runSizes(paragraphOf(tail.xml, t).xml)).toEqual([28]);
      expect(allRuns(paragraphOf(tail.xml, t).xml, 'b')).toBe(true);
    }
    expect(paragraphs(xml)).not.toContain('NGƯỜI LẬP BIỂU');
  });

  it('[I.1, I.3, I.4, I.7] A4 landscape, the margins, Times New Roman, page numbers from page 2', async () => {
    const bytes = await buildAppendixDocx(appendixData());
    const xml = await documentXml(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    const styles = await docxPart(bytes, 'word/styles.xml');
    expect(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(styles)?.[0]).toContain('w:ascii="Times New Roman"');
    const h = await headers(bytes);
    expect(h.default).toMatch(/PAGE/);
    expect(h.first ?? '').not.toMatch(/PAGE/);
  });

  it('marks an incomplete report "DỰ THẢO" on every page', async () => {
    const bytes = await buildAppendixDocx({
      ...appendixData(),
      draft: 'DỰ THẢO — còn 1 tiêu chí chưa trả lời',
    });
    const h = await headers(bytes);
    expect(h.first).toContain('DỰ THẢO — còn 1 tiêu chí chưa trả lời');
    expect(h.default).toContain('DỰ THẢO — còn 1 tiêu chí chưa trả lời');
  });
});

async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number) => [1, 2, 3, 4, 5, 6].map((c) => ws.getCell(r, c).value);

describe('buildAppendixXlsx', () => {
  it('has the heading, the column headings, the group rows with subtotals, the criteria, the note and the signer', async () => {
    const data = appendixData();
    const ws = (await loadXlsx(await buildAppendixXlsx(data))).getWorksheet('Phụ lục')!;
    expect([1, 2, 3, 4].map((r) => ws.getCell(r, 1).value)).toEqual([
      'Phụ lục I',
      data.heading,
      data.attachedTo,
      data.basisLine,
    ]);
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Times New Roman', size: 14, bold: true });
    expect(ws.getCell('A3').font.italic).toBe(true);
    const head = appendixHeaderRow(data);
    expect(head).toBe(6);
    expect(rowValues(ws, head)).toEqual(HEADINGS);
    expect(rowValues(ws, head + 1)).toEqual(['1', 'Chính quyền số', null, '10/12', null, null]);
    expect(ws.getCell(head + 1, 2).font.bold).toBe(true);
    const codes: unknown[] = [];
    for (let r = head; r < head + CODES.length; r++) codes.push(ws.getCell(r, 1).value);
    expect(codes).toEqual(CODES);
    // 1.10 is a text cell, so Excel shows "1.10" and not 1.1.
    const r110 = head + CODES.indexOf('1.10');
    expect(ws.getCell(r110, 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(r110, 1).numFmt).toBe('@');
    expect(ws.getCell(head + CODES.indexOf('8.4a'), 3).value).toBeNull();
    expect(ws.getCell(head + CODES.indexOf('8.4đ'), 2).alignment.indent).toBeGreaterThan(0);

    const texts: string[] = [];
    ws.eachRow((row) => {
      for (const c of [1, 4]) {
        const cell = row.getCell(c);
        if (cell.master.address === cell.address && typeof cell.value === 'string') texts.push(cell.value);
      }
    });
    const note = texts.indexOf(`Ghi chú: ${FOOTER}`);
    expect(note).toBeGreaterThan(0);
    expect(texts.slice(note + 1)).toEqual([
      'Ái Thượng, ngày      tháng 11 năm 2026',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Trương Thanh Tuyến',
    ]);
  });

  it('gives every row with text a height that fits its wrapped text', async () => {
    const data = appendixData();
    const ws = (await loadXlsx(await buildAppendixXlsx(data))).getWorksheet('Phụ lục')!;
    const head = appendixHeaderRow(data);
    for (let r = head; r < head + CODES.length; r++) {
      const row = ws.getRow(r);
      expect(row.height, `row ${r}`).toBeGreaterThan(0);
      // Each cell's lines at Times New Roman 12, in its column's width, at no less than 1,15 lines each.
      for (let c = 1; c <= 6; c++) {
        const v = ws.getCell(r, c).value;
        if (typeof v !== 'string') continue;
        const bold = ws.getCell(r, c).font.bold === true;
        const lines = lineCount(v, columnPt(XLSX_WIDTHS[c - 1] ?? 0) - 4, 12, bold);
        expect(row.height, `row ${r}, column ${c}: ${lines} lines`).toBeGreaterThanOrEqual(lines * 12 * 1.15);
      }
    }
    // A long criterion takes more than one line; a short one does not.
    expect(ws.getRow(head + CODES.indexOf('1.4')).height).toBeGreaterThan(
      ws.getRow(head + CODES.indexOf('1.10')).height,
    );
  });

  it('prints on A4 landscape at full width, the margins of the decree, the heading row on every page', async () => {
    const data = appendixData();
    const ws = (await loadXlsx(await buildAppendixXlsx(data))).getWorksheet('Phụ lục')!;
    expect(ws.columns.map((c) => c.width)).toEqual(XLSX_WIDTHS);
    const width = XLSX_WIDTHS.reduce((a, w) => a + columnPt(w), 0);
    expect(width).toBeLessThanOrEqual(printableWidthPt('A4', 'landscape'));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: appendixHeaderRow(data) });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(ws.pageSetup.printTitlesRow).toBe('6:6');
    const m = ws.pageSetup.margins!;
    expect([m.top, m.bottom, m.left, m.right].map((x) => Math.round(x * 25.4))).toEqual([20, 20, 30, 15]);
    // The page number from page 2, centred in the top margin.
    expect(ws.headerFooter.differentFirst).toBe(true);
    expect(ws.headerFooter.oddHeader).toMatch(/^&C.*&P/);
  });

  it('makes Times New Roman 12 the workbook default, the unit of its column widths', async () => {
    const zip = await JSZip.loadAsync(await buildAppendixXlsx(appendixData()));
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(/<fonts[^>]*><font>([\s\S]*?)<\/font>/.exec(styles)?.[1]).toBe(
      '<sz val="12"/><color theme="1"/><name val="Times New Roman"/><family val="1"/>',
    );
  });

  it('marks a draft on the sheet and on every printed page', async () => {
    const data = { ...appendixData(), draft: 'DỰ THẢO — còn 1 tiêu chí chưa trả lời' };
    const ws = (await loadXlsx(await buildAppendixXlsx(data))).getWorksheet('Phụ lục')!;
    expect(ws.getCell('A1').value).toBe(data.draft);
    expect(ws.getCell('A2').value).toBe('Phụ lục I');
    expect(appendixHeaderRow(data)).toBe(7);
    expect(ws.headerFooter.firstHeader).toContain(data.draft);
    expect(ws.headerFooter.oddHeader).toContain(data.draft);
    // Printed from row 2: the page header carries the line.
    expect(ws.pageSetup.printArea).toMatch(/^A2:F\d+$/);
  });

  it('records unit, period and framework in a hidden sheet for the import to check', async () => {
    const wb = await loadXlsx(await buildAppendixXlsx(appendixData()));
    const meta = wb.getWorksheet('meta')!;
    expect(meta.state).toBe('hidden');
    expect([1, 2, 3].map((r) => meta.getCell(r, 1).value)).toEqual(['15985', '2026-Q4', 'thanh-hoa-xa-2022']);
  });
});
