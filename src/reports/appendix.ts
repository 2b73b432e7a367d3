/**
 * The appendix (Phụ lục) of a commune's report, laid out as Phụ lục 2 of seed 004 with the heading
 * of Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục III.1 and Phụ lục III, Mẫu 2.1: "Phụ lục I", its
 * title, "(Kèm theo Báo cáo số …)", a rule; the table TT · Nội dung tiêu chí đánh giá · Chỉ tiêu
 * giao · Kết quả … · Đánh giá · Khó khăn; đề xuất, a bold row per group with its subtotal; then
 * "Ghi chú: Tổng tiêu chí: N; Tiêu chí đạt: M/N; Còn lại: K" and the signing block.
 *
 * Pure: the data comes in computed and worded; these functions only lay it out.
 */
import { AlignmentType, Table, TableRow, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { footerNote } from './common.js';
import {
  cell,
  measure,
  packDocument,
  para,
  pt,
  rule,
  SIZE,
  signingBlock,
  tailRow,
  textWidth,
} from './docx-common.js';
import type { AppendixData, AppendixRow } from './types.js';
import {
  finishWorkbook,
  keepTogether,
  PAPER,
  PRINT_MARGINS,
  printableHeightPt,
  printHeader,
  rowHeight,
} from './xlsx-common.js';

/** Name of the appendix sheet; the reader looks for it first. */
export const APPENDIX_SHEET = 'Phụ lục';
/** Hidden sheet with A1 unit code, A2 period key, A3 framework id, so an import can check them. */
export const META_SHEET = 'meta';

function headings(data: AppendixData): string[] {
  const h = data.headings;
  return [h.code, h.text, h.target, h.result, h.status, h.difficulty];
}

// ---------------------------------------------------------------------------------------------
// DOCX

/**
 * Landscape A4 (Phụ lục I, Mục I.2: a table may be laid out across the page): the criteria texts
 * and the difficulties both need room. Shares of the text width.
 */
const DOCX_COLUMN_SHARES = [0.055, 0.36, 0.09, 0.16, 0.105, 0.23];
/** Left indent of a sub-point's text (a, b, c, d, đ) under its composite criterion, in twips. */
const PART_INDENT = 340;
/**
 * The table's text. Phụ lục I sets no size for the cells of a table; 12 pt, a size below the body's
 * 13–14 (Mục II.6e), keeps a 33-criterion table to a few pages, as seed 004 prints it.
 */
const TABLE_SIZE = 12;

export async function buildAppendixDocx(data: AppendixData): Promise<Buffer> {
  const total = textWidth('landscape');
  const widths = DOCX_COLUMN_SHARES.map((s) => Math.floor(total * s));
  widths[1] = (widths[1] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  const w = (i: number) => widths[i] ?? 0;
  const center = AlignmentType.CENTER;
  const size = TABLE_SIZE;

  // The header row is repeated on every page; no row is split across pages.
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headings(data).map((h, i) => cell(h, w(i), { bold: true, size, align: center })),
  });

  const body: TableRow[] = [];
  for (const group of data.groups) {
    body.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(group.code, w(0), { bold: true, size, align: center }),
          cell(group.name, w(1), { bold: true, size }),
          cell('', w(2), { size }),
          cell(group.subtotal, w(3), { bold: true, size, align: center }),
          cell('', w(4), { size }),
          cell('', w(5), { size }),
        ],
      }),
    );
    for (const row of group.rows) body.push(docxCriterionRow(row, w));
  }

  // The footer note and the signing block never stand alone on a page: with the last two rows of
  // the table they make its last row, which is never split, and so moves to the next page whole.
  const last = body.splice(Math.max(0, body.length - TAIL_ROWS));
  const tail = tailRow(
    [
      new Table({ rows: last, columnWidths: widths, width: { size: total, type: WidthType.DXA } }),
      para([{ text: 'Ghi chú: ' }, { text: footerNote(data.footer), bold: true }], {
        size,
        before: pt(6),
        after: pt(6),
      }),
      signingBlock(data.signer, total, { placeAndDate: data.placeAndDate }),
    ],
    total,
    widths.length,
  );
  const table = new Table({
    rows: [header, ...body, tail],
    columnWidths: widths,
    width: { size: total, type: WidthType.DXA },
  });

  const children = [
    // [III.1b] "Phụ lục" và số thứ tự: một dòng riêng, canh giữa, in thường, cỡ 14, đứng, đậm.
    para(`Phụ lục ${data.number}`, { bold: true, size: SIZE.appendixNumber, align: center, keepNext: true }),
    // [III.1b] Tên phụ lục: canh giữa, in hoa, 13–14, đứng, đậm.
    para(data.heading, { bold: true, size: SIZE.appendixTitle, align: center, keepNext: true }),
    // [III.1c] Thông tin chỉ dẫn kèm theo văn bản: canh giữa dưới tên phụ lục, in thường, 13–14, nghiêng.
    para(data.attachedTo, {
      italics: true,
      size: SIZE.appendixNote,
      align: center,
      after: pt(3),
      keepNext: true,
    }),
    // Phụ lục III, Mẫu 2.1: a rule under the heading.
    rule(Math.round(Math.min(total, measure(data.heading, SIZE.appendixTitle, true)) / 4), total, {
      keepNext: true,
    }),
    para(data.basisLine, {
      italics: true,
      size: SIZE.appendixNote,
      align: center,
      before: pt(6),
      after: pt(6),
      keepNext: true,
    }),
    table,
  ];

  return packDocument({
    title: data.title,
    orientation: 'landscape',
    sizePt: TABLE_SIZE,
    children,
    ...(data.draft ? { draft: data.draft } : {}),
  });
}

/** How many of the table's last rows go with the footer note and the signing block. */
const TAIL_ROWS = 2;

function docxCriterionRow(row: AppendixRow, w: (i: number) => number): TableRow {
  const center = AlignmentType.CENTER;
  const o = { size: TABLE_SIZE };
  return new TableRow({
    cantSplit: true,
    children: [
      cell(row.code, w(0), { ...o, align: center }),
      cell(row.text, w(1), row.isPart ? { ...o, indent: PART_INDENT } : o),
      cell(row.target, w(2), { ...o, align: center }),
      cell(row.result, w(3), { ...o, align: center }),
      cell(row.points ? `${row.status}\n${row.points}` : row.status, w(4), { ...o, align: center }),
      cell(row.difficulty, w(5), o),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * Column widths in characters: TT, Nội dung, Chỉ tiêu, Kết quả, Đánh giá, Khó khăn; đề xuất. They
 * add up to the width of A4 landscape between the margins, so the sheet prints at 100 %.
 */
export const XLSX_WIDTHS = [5, 43, 11, 18, 11, 30];
const SIZE_XLSX = 12;

const thin = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = { name: 'Times New Roman', size: SIZE_XLSX, color: { argb: 'FF000000' } };
const TEXT = '@';

/** Shared style objects: exceljs maps each distinct object to one cell format. */
const STYLE = {
  draft: { font: { ...FONT, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  number: {
    font: { ...FONT, size: 14, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  heading: {
    font: { ...FONT, size: 14, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  note: {
    font: { ...FONT, italic: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  head: {
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
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
  footer: { font: FONT, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  date: { font: { ...FONT, italic: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  sign: { font: { ...FONT, size: 13, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** The row of the column headings in the appendix sheet (frozen, repeated on every printed page). */
export function appendixHeaderRow(data: AppendixData): number {
  return data.draft ? 7 : 6;
}

export async function buildAppendixXlsx(data: AppendixData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cds-bot';
  wb.title = data.title;
  wb.subject = `${data.unit.code} ${data.period}`;
  wb.keywords = `unit=${data.unit.code};period=${data.period};framework=${data.framework.id}`;

  const headerRow = appendixHeaderRow(data);
  const ws = wb.addWorksheet(APPENDIX_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, showGridLines: false }],
    pageSetup: {
      paperSize: PAPER.A4 as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: PRINT_MARGINS,
    },
  });
  ws.columns = XLSX_WIDTHS.map((width) => ({ width }));
  printHeader(ws, data.draft);
  const widthOf = (from: number, to: number) => XLSX_WIDTHS.slice(from - 1, to).reduce((a, b) => a + b, 0);

  const put = (row: number, col: number, value: string, style: Partial<ExcelJS.Style>) => {
    const c = ws.getCell(row, col);
    c.value = value === '' ? null : value;
    c.style = style;
  };
  /** A line across columns `from`–`to`, its row as high as its wrapped text. */
  const banner = (row: number, value: string, style: Partial<ExcelJS.Style>, from = 1, to = 6) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    put(row, from, value, style);
    const font: Partial<ExcelJS.Font> = style.font ?? FONT;
    const height = rowHeight([
      { text: value, chars: widthOf(from, to), size: font.size ?? SIZE_XLSX, bold: font.bold ?? false },
    ]);
    ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 0, height);
  };

  let r = 1;
  if (data.draft) banner(r++, data.draft, STYLE.draft);
  banner(r++, `Phụ lục ${data.number}`, STYLE.number);
  banner(r++, data.heading, STYLE.heading);
  banner(r++, data.attachedTo, STYLE.note);
  banner(r++, data.basisLine, STYLE.note);
  r++;

  const heads = headings(data);
  heads.forEach((h, i) => {
    put(headerRow, i + 1, h, STYLE.head);
  });
  ws.getRow(headerRow).height = rowHeight(
    heads.map((h, i) => ({ text: h, chars: XLSX_WIDTHS[i] ?? 10, size: SIZE_XLSX, bold: true })),
  );

  r = headerRow + 1;
  for (const group of data.groups) {
    put(r, 1, group.code, STYLE.groupCode);
    put(r, 2, group.name, STYLE.groupText);
    put(r, 3, '', STYLE.groupText);
    put(r, 4, group.subtotal, STYLE.groupSubtotal);
    put(r, 5, '', STYLE.groupText);
    put(r, 6, '', STYLE.groupText);
    ws.getRow(r).height = rowHeight([
      { text: group.name, chars: XLSX_WIDTHS[1] ?? 46, size: SIZE_XLSX, bold: true },
    ]);
    r++;
    for (const row of group.rows) {
      const status = row.points ? `${row.status}\n${row.points}` : row.status;
      const values = [row.code, row.text, row.target, row.result, status, row.difficulty];
      put(r, 1, row.code, STYLE.code);
      put(r, 2, row.text, row.isPart ? STYLE.partText : STYLE.text);
      put(r, 3, row.target, STYLE.centered);
      put(r, 4, row.result, STYLE.centered);
      put(r, 5, status, STYLE.centered);
      put(r, 6, row.difficulty, STYLE.wrapped);
      ws.getRow(r).height = rowHeight(
        values.map((text, i) => ({
          // A sub-point's text is indented by two characters.
          text,
          chars: (XLSX_WIDTHS[i] ?? 10) - (i === 1 && row.isPart ? 2 : 0),
          size: SIZE_XLSX,
        })),
      );
      r++;
    }
  }

  const lastRows = r - TAIL_ROWS;
  r++;
  banner(r++, `Ghi chú: ${footerNote(data.footer)}`, STYLE.footer);
  r++;
  // The signing block on the right half: place and date, authority, office, room to sign, name.
  banner(r++, data.placeAndDate, STYLE.date, 4, 6);
  banner(r++, data.signer.authority, STYLE.sign, 4, 6);
  banner(r++, data.signer.title, STYLE.sign, 4, 6);
  r += 4;
  banner(r, data.signer.name, STYLE.sign, 4, 6);
  ws.pageSetup.printArea = `A$${data.draft ? 2 : 1}:F$${r}`;
  // The footer note and the signing block never stand alone on the last page: they go with the
  // table's last two rows, to the next page if need be.
  keepTogether(ws, {
    from: lastRows,
    to: r,
    pageHeightPt: printableHeightPt('A4', 'landscape'),
    titles: [headerRow, headerRow],
  });

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

  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}
