/**
 * What the spreadsheets share: row heights that fit wrapped text, the print setup, and the
 * workbook's default font.
 *
 * Neither Excel nor LibreOffice grows a row to its wrapped text when it opens a generated file, so
 * every row that wraps gets a height computed here from Times New Roman's widths
 * (text-metrics.ts). Column widths are counted in digits of the workbook's default font, which
 * `finishWorkbook` makes Times New Roman 12 (exceljs writes Calibri, which LibreOffice replaces
 * with a wider font where Calibri is missing, so its columns came out wider than Excel's): a digit
 * is 6 pt in both programs. The text is measured against 95 % of the cell's inner width and each
 * line given 1,2 times its size (Times New Roman's line spacing is 1,15 em, which Excel uses;
 * LibreOffice sets its lines closer), plus 4 pt, so the text fits in both.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { lineCount } from './text-metrics.js';

/** The width of a digit of the default font (Times New Roman 12), in pixels at 96 dpi. */
const DIGIT_PX = 8;

/** The width of a column of `chars` digits, in points. */
export function columnPt(chars: number): number {
  return (Math.trunc(chars * DIGIT_PX) * 3) / 4;
}

/** The height in points of a row whose cells hold `cells` (text, width in characters, font). */
export function rowHeight(
  cells: ReadonlyArray<{ text: string; chars: number; size: number; bold?: boolean }>,
  min = 0,
): number {
  let lines = 1;
  let size = 11;
  for (const c of cells) {
    if (c.text === '') continue;
    const inner = (columnPt(c.chars) - 4) * 0.95;
    const n = lineCount(c.text, inner, c.size, c.bold ?? false);
    if (n * c.size > lines * size) {
      lines = n;
      size = c.size;
    }
  }
  return Math.max(min, Math.ceil((lines * size * 1.2 + 4) * 4) / 4);
}

const INCH = 25.4;

/**
 * The margins of Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục I.3 (top and bottom 20 mm, left 30 mm,
 * right 15 mm) in inches, as spreadsheets take them; the header 8 mm from the edge.
 */
export const PRINT_MARGINS = {
  top: 20 / INCH,
  bottom: 20 / INCH,
  left: 30 / INCH,
  right: 15 / INCH,
  header: 8 / INCH,
  footer: 8 / INCH,
};

/** The printable width of a page between those margins, in points. */
export function printableWidthPt(paper: 'A4' | 'A3', orientation: 'portrait' | 'landscape'): number {
  const [short, long] = paper === 'A4' ? [210, 297] : [297, 420];
  const width = orientation === 'landscape' ? long : short;
  return ((width - 30 - 15) / INCH) * 72;
}

/** Excel's paper size codes. */
export const PAPER = { A4: 9, A3: 8 } as const;

/**
 * The page header of every printed page: the page number from page 2 on, centred in the top margin
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục I.7), and the draft line when the report is incomplete.
 */
export function printHeader(ws: ExcelJS.Worksheet, draft?: string): void {
  const font = '&"Times New Roman,Regular"&14';
  const mark = draft ? `&"Times New Roman,Bold"&12${draft.replaceAll('&', '&&')}` : '';
  ws.headerFooter = {
    differentFirst: true,
    firstHeader: mark === '' ? '' : `&C${mark}`,
    oddHeader: `&C${font}&P${mark === '' ? '' : `\n${mark}`}`,
  };
}

/** The printable height of a page between the margins of `PRINT_MARGINS`, in points. */
export function printableHeightPt(paper: 'A4' | 'A3', orientation: 'portrait' | 'landscape'): number {
  const [short, long] = paper === 'A4' ? [210, 297] : [297, 420];
  const height = orientation === 'landscape' ? short : long;
  return ((height - 40) / INCH) * 72;
}

/** The height Excel and LibreOffice give a row without one of its own (15 pt and less). */
const DEFAULT_ROW = 15;

/**
 * Keeps rows `from`–`to` on one printed page: lays the sheet's rows out on pages `pageHeightPt`
 * high (rows `titles` repeated at the top of every later page) and, when the block would straddle
 * a page break, breaks the page just before it. Returns the row after which the break was put.
 */
export function keepTogether(
  ws: ExcelJS.Worksheet,
  opts: { from: number; to: number; pageHeightPt: number; titles?: [number, number] },
): number | undefined {
  const height = (r: number) => ws.getRow(r).height ?? DEFAULT_ROW;
  const titles = opts.titles;
  let titlesHeight = 0;
  if (titles) for (let r = titles[0]; r <= titles[1]; r++) titlesHeight += height(r);
  let blockHeight = titlesHeight;
  for (let r = opts.from; r <= opts.to; r++) blockHeight += height(r);
  if (blockHeight > opts.pageHeightPt) return undefined;
  // Breaks already placed (after row id) start a new page too.
  const breaks = (ws as unknown as { rowBreaks?: Array<{ id: number }> }).rowBreaks ?? [];
  const manual = new Set(breaks.map((b) => b.id));
  let y = 0;
  let page = 1;
  let fromPage = 1;
  for (let r = 1; r <= opts.to; r++) {
    const h = height(r);
    if ((y + h > opts.pageHeightPt && y > 0) || manual.has(r - 1)) {
      page++;
      y = titles && r > titles[1] ? titlesHeight : 0;
    }
    y += h;
    if (r === opts.from) fromPage = page;
  }
  if (page === fromPage || opts.from <= 1) return undefined;
  ws.getRow(opts.from - 1).addPageBreak();
  return opts.from - 1;
}

/** The workbook's default font: Times New Roman 12 (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục I.4). */
const DEFAULT_FONT =
  '<font><sz val="12"/><color theme="1"/><name val="Times New Roman"/><family val="1"/></font>';

/**
 * The last touches exceljs cannot make: the default font (the first of styles.xml, whose digit
 * is the unit of column widths), and manual column breaks (`colBreaks[i]`: the 1-based columns of
 * sheet i + 1 after which a page breaks), placed after <rowBreaks> or else before <drawing>,
 * <legacyDrawing>, <tableParts>, <extLst> or the end of the sheet, as the schema orders them.
 */
export async function finishWorkbook(bytes: Buffer, colBreaks: number[][] = []): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const styles = zip.file('xl/styles.xml');
  if (styles) {
    const xml = await styles.async('string');
    zip.file('xl/styles.xml', xml.replace(/(<fonts\b[^>]*>)<font>[\s\S]*?<\/font>/, `$1${DEFAULT_FONT}`));
  }
  for (const [i, cols] of colBreaks.entries()) {
    if (cols.length === 0) continue;
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    const file = zip.file(path);
    if (!file) continue;
    const xml = await file.async('string');
    // A break's id is the number of columns before it (0-based index of the column it precedes).
    const element = `<colBreaks count="${cols.length}" manualBreakCount="${cols.length}">${cols
      .map((c) => `<brk id="${c}" max="1048575" man="1"/>`)
      .join('')}</colBreaks>`;
    const rowBreaksEnd = xml.indexOf('</rowBreaks>');
    const at =
      rowBreaksEnd >= 0
        ? rowBreaksEnd + '</rowBreaks>'.length
        : ['<drawing', '<legacyDrawing', '<tableParts', '<extLst', '</worksheet>']
            .map((tag) => xml.indexOf(tag))
            .filter((k) => k >= 0)
            .reduce((a, b) => Math.min(a, b), xml.length);
    zip.file(path, xml.slice(0, at) + element + xml.slice(at));
  }
  return Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
