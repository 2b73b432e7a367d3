/**
 * The appendix (Phụ lục) of a commune's report, laid out as Phụ lục 2 of seed 004:
 * TT · Nội dung tiêu chí đánh giá · Chỉ tiêu giao · Kết quả … · Khó khăn; đề xuất,
 * a bold row per group with its subtotal, then the criteria, then
 * "Ghi chú: Tổng tiêu chí: N; Tiêu chí đạt: M/N; Còn lại: K".
 *
 * Pure: the data comes in computed and worded; these functions only lay it out.
 */
import { AlignmentType, Table, TableRow, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { APPENDIX_HEADINGS, appendixInfoLine, footerNote, upper } from './common.js';
import { cell, packDocument, para, textWidth, twoColumns } from './docx-common.js';
import type { AppendixData, AppendixRow } from './types.js';

/** Name of the appendix sheet; the reader looks for it first. */
export const APPENDIX_SHEET = 'Phụ lục';
/** Hidden sheet with A1 unit code, A2 period key, A3 framework id, so an import can check them. */
export const META_SHEET = 'meta';

/** Signature placeholders under the table, left for signing by hand. */
const PREPARER = ['NGƯỜI LẬP BIỂU', '(Ký, ghi rõ họ tên)'];
const HEAD_OF_UNIT = ['THỦ TRƯỞNG ĐƠN VỊ', '(Ký, ghi rõ họ tên, đóng dấu)'];

function headings(data: AppendixData): string[] {
  return [
    APPENDIX_HEADINGS.code,
    APPENDIX_HEADINGS.text,
    APPENDIX_HEADINGS.target,
    data.resultHeading,
    APPENDIX_HEADINGS.difficulty,
  ];
}

// ---------------------------------------------------------------------------------------------
// DOCX

/** Landscape A4: the criteria texts and the difficulties both need room. Shares of the text width. */
const DOCX_COLUMN_SHARES = [0.06, 0.43, 0.1, 0.18, 0.23];
/** Left indent of a sub-point's text (a, b, c, d, đ) under its composite criterion, in twips. */
const PART_INDENT = 340;

export async function buildAppendixDocx(data: AppendixData): Promise<Buffer> {
  const total = textWidth('landscape');
  const widths = DOCX_COLUMN_SHARES.map((s) => Math.floor(total * s));
  widths[1] = (widths[1] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  const w = (i: number) => widths[i] ?? 0;
  const center = AlignmentType.CENTER;

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headings(data).map((h, i) => cell(h, w(i), { bold: true, align: center })),
  });

  const body: TableRow[] = [];
  for (const group of data.groups) {
    body.push(
      new TableRow({
        cantSplit: true,
        keepNext: true,
        children: [
          cell(group.code, w(0), { bold: true, align: center }),
          cell(group.name, w(1), { bold: true }),
          cell('', w(2)),
          cell(group.subtotal, w(3), { bold: true, align: center }),
          cell('', w(4)),
        ],
      }),
    );
    for (const row of group.rows) body.push(docxCriterionRow(row, w));
  }

  const table = new Table({
    rows: [header, ...body],
    columnWidths: widths,
    width: { size: total, type: WidthType.DXA },
  });

  const signatureWidths: [number, number] = [Math.floor(total / 2), total - Math.floor(total / 2)];
  const signature = twoColumns(
    [
      para('', {}),
      para(PREPARER[0] ?? '', { bold: true, align: center }),
      para(PREPARER[1] ?? '', { italics: true, align: center }),
    ],
    [
      para(data.madeOn, { italics: true, align: center }),
      para(HEAD_OF_UNIT[0] ?? '', { bold: true, align: center }),
      para(HEAD_OF_UNIT[1] ?? '', { italics: true, align: center }),
    ],
    signatureWidths,
  );

  return packDocument({
    title: data.title,
    orientation: 'landscape',
    sizePt: 13,
    children: [
      para(upper(data.issuer), { bold: true }),
      para(data.title, { bold: true, align: center, before: 120 }),
      para(appendixInfoLine(data), { italics: true, align: center, after: 160 }),
      table,
      para([{ text: 'Ghi chú: ' }, { text: footerNote(data.footer), bold: true }], {
        before: 120,
        after: 120,
      }),
      signature,
    ],
  });
}

function docxCriterionRow(row: AppendixRow, w: (i: number) => number): TableRow {
  const center = AlignmentType.CENTER;
  return new TableRow({
    children: [
      cell(row.code, w(0), { align: center }),
      cell(row.text, w(1), row.isPart ? { indent: PART_INDENT } : {}),
      cell(row.target, w(2), { align: center }),
      cell(row.result, w(3), { align: center }),
      cell(row.difficulty, w(4)),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Column widths in characters: TT, Nội dung, Chỉ tiêu, Kết quả, Khó khăn; đề xuất. */
const XLSX_WIDTHS = [8, 60, 14, 24, 40];

const thin = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = { name: 'Times New Roman', size: 12 };
const TEXT = '@';

/** Shared style objects: exceljs maps each distinct object to one cell format. */
const STYLE = {
  issuer: { font: { ...FONT, bold: true }, alignment: { horizontal: 'left', vertical: 'middle' } },
  title: { font: { ...FONT, size: 14, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  info: {
    font: { ...FONT, italic: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  head: {
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  },
  groupCode: {
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
    border: BORDER,
    numFmt: TEXT,
  },
  groupText: {
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: BORDER,
  },
  groupSubtotal: {
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
    border: BORDER,
    numFmt: TEXT,
  },
  code: {
    font: FONT,
    alignment: { horizontal: 'center', vertical: 'top' },
    border: BORDER,
    numFmt: TEXT,
  },
  text: { font: FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true }, border: BORDER },
  partText: {
    font: FONT,
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 2 },
    border: BORDER,
  },
  centered: {
    font: FONT,
    alignment: { horizontal: 'center', vertical: 'top', wrapText: true },
    border: BORDER,
    numFmt: TEXT,
  },
  wrapped: {
    font: FONT,
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    border: BORDER,
    numFmt: TEXT,
  },
  note: { font: FONT, alignment: { horizontal: 'left', vertical: 'middle' } },
  sign: { font: { ...FONT, bold: true }, alignment: { horizontal: 'center' } },
  signHint: { font: { ...FONT, italic: true }, alignment: { horizontal: 'center' } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Row of the header in the appendix sheet (frozen, repeated on every printed page). */
export const APPENDIX_HEADER_ROW = 5;

export async function buildAppendixXlsx(data: AppendixData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cds-bot';
  wb.title = data.title;
  wb.subject = `${data.unit.code} ${data.period}`;
  wb.keywords = `unit=${data.unit.code};period=${data.period};framework=${data.framework.id}`;

  const ws = wb.addWorksheet(APPENDIX_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: APPENDIX_HEADER_ROW, showGridLines: false }],
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${APPENDIX_HEADER_ROW}:${APPENDIX_HEADER_ROW}`,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  ws.columns = XLSX_WIDTHS.map((width) => ({ width }));

  const put = (row: number, col: number, value: string, style: Partial<ExcelJS.Style>) => {
    const c = ws.getCell(row, col);
    c.value = value === '' ? null : value;
    c.style = style;
  };
  const banner = (row: number, value: string, style: Partial<ExcelJS.Style>, from = 1, to = 5) => {
    ws.mergeCells(row, from, row, to);
    put(row, from, value, style);
  };

  banner(1, upper(data.issuer), STYLE.issuer, 1, 2);
  banner(2, data.title, STYLE.title);
  ws.getRow(2).height = 22;
  banner(3, appendixInfoLine(data), STYLE.info);
  ws.getRow(3).height = 32;

  headings(data).forEach((h, i) => {
    put(APPENDIX_HEADER_ROW, i + 1, h, STYLE.head);
  });
  ws.getRow(APPENDIX_HEADER_ROW).height = 32;

  let r = APPENDIX_HEADER_ROW + 1;
  for (const group of data.groups) {
    put(r, 1, group.code, STYLE.groupCode);
    put(r, 2, group.name, STYLE.groupText);
    put(r, 3, '', STYLE.groupText);
    put(r, 4, group.subtotal, STYLE.groupSubtotal);
    put(r, 5, '', STYLE.groupText);
    r++;
    for (const row of group.rows) {
      put(r, 1, row.code, STYLE.code);
      put(r, 2, row.text, row.isPart ? STYLE.partText : STYLE.text);
      put(r, 3, row.target, STYLE.centered);
      put(r, 4, row.result, STYLE.centered);
      put(r, 5, row.difficulty, STYLE.wrapped);
      r++;
    }
  }

  r++;
  banner(r, `Ghi chú: ${footerNote(data.footer)}`, STYLE.note);
  r += 2;
  put(r, 4, data.madeOn, STYLE.signHint);
  r++;
  put(r, 2, PREPARER[0] ?? '', STYLE.sign);
  put(r, 4, HEAD_OF_UNIT[0] ?? '', STYLE.sign);
  r++;
  put(r, 2, PREPARER[1] ?? '', STYLE.signHint);
  put(r, 4, HEAD_OF_UNIT[1] ?? '', STYLE.signHint);

  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  const metaRows: Array<[string, string]> = [
    [data.unit.code, 'mã đơn vị'],
    [data.period, 'kỳ báo cáo'],
    [data.framework.id, 'bộ tiêu chí'],
  ];
  metaRows.forEach(([value, label], i) => {
    const c = meta.getCell(i + 1, 1);
    c.numFmt = TEXT;
    c.value = value;
    meta.getCell(i + 1, 2).value = label;
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
