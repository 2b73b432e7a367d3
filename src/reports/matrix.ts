/**
 * The province's matrix: one workbook, one sheet per framework. On each sheet a row per unit, a
 * column per criterion with a short status label and a colour, a subtotal column per group, the
 * unit's totals at the right; under the units, per criterion, how many units met it and what share.
 * A last sheet "Tiêu chí" lists every code with its full text and target.
 *
 * Printed, each group of criteria is a page of its own (a column break after the group), with the
 * unit columns and the three heading rows (group, codes, short names) repeated on every page; the
 * paper is A4 landscape when the widest group fits it at 90 % or more, A3 otherwise.
 *
 * Built for the whole province (3,321 units × 37 criteria): every cell shares one of a handful of
 * style objects, which exceljs writes as one cell format each.
 */
import ExcelJS from 'exceljs';
import { fold } from './common.js';
import { MATRIX_LABELS, type MatrixStatus } from './matrix-labels.js';
import type { MatrixData } from './types.js';
import {
  columnPt,
  finishWorkbook,
  keepTogether,
  PAPER,
  PRINT_MARGINS,
  printableHeightPt,
  printableWidthPt,
  printHeader,
  rowHeight,
} from './xlsx-common.js';

/** The sheet listing every criterion's code, text and target. */
export const CRITERIA_SHEET = 'Tiêu chí';

export { MATRIX_LABELS, type MatrixStatus } from './matrix-labels.js';

/** Status codes and their Vietnamese words (folded) → status. */
const STATUS_BY_WORD = new Map<string, MatrixStatus>([
  ['met', 'met'],
  ['not_met', 'not_met'],
  ['in_progress', 'in_progress'],
  ['unknown', 'unknown'],
  ['not_applicable', 'not_applicable'],
  ['unanswered', 'unanswered'],
  ['dat', 'met'],
  ['chua dat', 'not_met'],
  ['dang thuc hien', 'in_progress'],
  ['dang th', 'in_progress'],
  ['chua ro', 'unknown'],
  ['khong ap dung', 'not_applicable'],
  ['kad', 'not_applicable'],
  ['chua tra loi', 'unanswered'],
  ['', 'unanswered'],
]);

/** The status of a cell: a status code ("not_met") or its Vietnamese word ("chưa đạt"); undefined otherwise. */
export function matrixStatus(raw: string): MatrixStatus | undefined {
  return STATUS_BY_WORD.get(fold(raw));
}

const SIZE = 11;
const FONT = { name: 'Times New Roman', size: SIZE, color: { argb: 'FF000000' } };
const thin = { style: 'thin', color: { argb: 'FF808080' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const CENTER = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;

const STATUS_STYLE = Object.fromEntries(
  Object.entries(MATRIX_LABELS).map(([status, { fill, font }]) => [
    status,
    {
      font: { ...FONT, size: 10, color: { argb: font } },
      fill: solid(fill),
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle' },
    } satisfies Partial<ExcelJS.Style>,
  ]),
) as Record<MatrixStatus, Partial<ExcelJS.Style>>;

const STYLE = {
  title: { font: { ...FONT, size: 13, bold: true }, alignment: { ...CENTER, vertical: 'top' } },
  subtitle: { font: { ...FONT, italic: true }, alignment: { ...CENTER, vertical: 'top' } },
  period: {
    font: { ...FONT, size: 12, bold: true },
    alignment: { ...CENTER, horizontal: 'left', vertical: 'top' },
  },
  head: { font: { ...FONT, bold: true }, border: BORDER, alignment: CENTER, numFmt: '@' },
  short: { font: { ...FONT, size: 9 }, border: BORDER, alignment: { ...CENTER, vertical: 'top' } },
  text: { font: FONT, border: BORDER, alignment: { vertical: 'middle' }, numFmt: '@' },
  name: { font: FONT, border: BORDER, alignment: { vertical: 'middle', wrapText: true } },
  centered: { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' } },
  subtotal: {
    font: { ...FONT, bold: true },
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'middle' },
    numFmt: '@',
  },
  /** A status outside the six: written as given, no colour. */
  other: { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' } },
  count: { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' }, numFmt: '0' },
  percent: {
    font: FONT,
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'middle' },
    numFmt: '0%',
  },
  totalLabel: {
    font: { ...FONT, bold: true },
    border: BORDER,
    alignment: { vertical: 'middle', wrapText: true },
  },
  totalCount: { font: { ...FONT, bold: true }, border: BORDER, alignment: CENTER, numFmt: '0' },
  totalPercent: { font: { ...FONT, bold: true }, border: BORDER, alignment: CENTER, numFmt: '0%' },
  legend: {
    font: { ...FONT, italic: true },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
  },
  listGroup: {
    font: { ...FONT, size: 12, bold: true },
    border: BORDER,
    alignment: { vertical: 'top', wrapText: true },
  },
  listCode: {
    font: { ...FONT, size: 12 },
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'top' },
    numFmt: '@',
  },
  listText: { font: { ...FONT, size: 12 }, border: BORDER, alignment: { vertical: 'top', wrapText: true } },
  listHead: { font: { ...FONT, size: 12, bold: true }, border: BORDER, alignment: CENTER },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/**
 * The heading rows of a matrix sheet: group names, codes, short names; printed on every page with
 * the title and basis rows above them.
 */
export const MATRIX_HEADER_ROWS = [3, 5] as const;
/** First row of the units. */
export const MATRIX_FIRST_UNIT_ROW = 6;
/** Label of the row under the units: per criterion, how many units met it. */
export const MATRIX_TOTAL_LABEL = 'Số đơn vị đạt';
/** Label of the row under it: per criterion, the share of the units to which it applies. */
export const MATRIX_RATE_LABEL = 'Tỷ lệ đơn vị đạt';

const UNIT_COLUMNS = [
  { head: 'Mã đơn vị', width: 8 },
  { head: 'Tên đơn vị', width: 21 },
  { head: 'Ngày nộp', width: 10 },
];
const CRITERION_WIDTH = 9;
const SUBTOTAL_WIDTH = 7;
const TOTAL_WIDTH = 7;
const SCORE_WIDTH = 17;

/** The columns of a sheet: where each group's criteria and subtotal are, and the totals. */
export interface MatrixLayout {
  groups: Array<{ first: number; last: number; subtotal: number; indices: number[] }>;
  /** The column of each criterion, in the order of `MatrixData.criteria`. */
  columns: number[];
  totalCol: number;
  rateCol: number;
  /** "Điểm", in a scored framework: the last column. */
  scoreCol?: number;
  widths: number[];
}

type Layout = MatrixLayout;

/** Where everything of a matrix sheet is: 1-based columns. */
export function matrixLayout(data: MatrixData): MatrixLayout {
  const widths = UNIT_COLUMNS.map((c) => c.width);
  let col = UNIT_COLUMNS.length + 1;
  let index = 0;
  const groups = data.groups.map((g) => {
    const first = col;
    const indices = g.criteria.map(() => index++);
    col += g.criteria.length;
    widths.push(...g.criteria.map(() => CRITERION_WIDTH));
    const subtotal = col++;
    widths.push(SUBTOTAL_WIDTH);
    return { first, last: subtotal - 1, subtotal, indices };
  });
  widths.push(TOTAL_WIDTH, TOTAL_WIDTH);
  if (data.scored) widths.push(SCORE_WIDTH);
  const columns = groups.flatMap((g) => g.indices.map((_, k) => g.first + k));
  return {
    groups,
    columns,
    totalCol: col,
    rateCol: col + 1,
    ...(data.scored ? { scoreCol: col + 2 } : {}),
    widths,
  };
}

/** A4 landscape when the widest printed page fits it at 90 % or more, else A3 landscape; the scale. */
function paperFor(l: Layout): { paper: 'A4' | 'A3'; scale: number } {
  const fixed = UNIT_COLUMNS.reduce((s, c) => s + columnPt(c.width), 0);
  const pages = l.groups.map((g, i) => {
    let w = fixed;
    for (let c = g.first; c <= g.subtotal; c++) w += columnPt(l.widths[c - 1] ?? CRITERION_WIDTH);
    // The totals print on the last group's page.
    if (i === l.groups.length - 1) w += 2 * columnPt(TOTAL_WIDTH);
    return w;
  });
  const widest = Math.max(...pages);
  for (const paper of ['A4', 'A3'] as const) {
    const scale = Math.min(100, Math.floor((printableWidthPt(paper, 'landscape') / widest) * 100));
    if (scale >= 90 || paper === 'A3') return { paper, scale: Math.max(scale, 10) };
  }
  return { paper: 'A3', scale: 100 };
}

/** A valid, unique sheet name (at most 31 characters, none of : \ / ? * [ ]). */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function fillSheet(ws: ExcelJS.Worksheet, data: MatrixData, l: Layout): void {
  ws.columns = l.widths.map((width) => ({ width }));
  const put = (r: number, c: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) => {
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.style = style;
  };
  const [top, bottom] = MATRIX_HEADER_ROWS;

  // The title block is printed on every page: the period over the unit columns, the title and the
  // criteria's basis over each page's own columns (a page per group, the totals with the last).
  const blocks = l.groups.map((g, i) => ({
    first: g.first,
    last: i === l.groups.length - 1 ? (l.scoreCol ?? l.rateCol) : g.subtotal,
  }));
  const across = (b: { first: number; last: number }) =>
    l.widths.slice(b.first - 1, b.last).reduce((a, x) => a + x, 0);
  ws.mergeCells(1, 1, 2, UNIT_COLUMNS.length);
  put(1, 1, `Kỳ báo cáo:\n${data.periodName}`, STYLE.period);
  let titleHeight = 0;
  let basisHeight = 0;
  for (const b of blocks) {
    if (b.last > b.first) {
      ws.mergeCells(1, b.first, 1, b.last);
      ws.mergeCells(2, b.first, 2, b.last);
    }
    put(1, b.first, data.title, STYLE.title);
    put(2, b.first, data.subtitle, STYLE.subtitle);
    titleHeight = Math.max(
      titleHeight,
      rowHeight([{ text: data.title, chars: across(b), size: 13, bold: true }]),
    );
    basisHeight = Math.max(basisHeight, rowHeight([{ text: data.subtitle, chars: across(b), size: SIZE }]));
  }
  ws.getRow(1).height = titleHeight;
  ws.getRow(2).height = basisHeight;

  UNIT_COLUMNS.forEach((c, i) => {
    ws.mergeCells(top, i + 1, bottom, i + 1);
    put(top, i + 1, c.head, STYLE.head);
  });
  let bandHeight = 0;
  let shortHeight = 0;
  data.groups.forEach((g, gi) => {
    const at = l.groups[gi];
    if (!at) return;
    const band = `Nhóm ${g.code}: ${g.name}`;
    if (at.subtotal > at.first) ws.mergeCells(top, at.first, top, at.subtotal);
    put(top, at.first, band, STYLE.head);
    bandHeight = Math.max(
      bandHeight,
      rowHeight([
        {
          text: band,
          chars: (at.subtotal - at.first) * CRITERION_WIDTH + SUBTOTAL_WIDTH,
          size: SIZE,
          bold: true,
        },
      ]),
    );
    g.criteria.forEach((c, i) => {
      put(top + 1, at.first + i, c.code, STYLE.head);
      put(bottom, at.first + i, c.short, STYLE.short);
      shortHeight = Math.max(shortHeight, rowHeight([{ text: c.short, chars: CRITERION_WIDTH, size: 9 }]));
    });
    ws.mergeCells(top + 1, at.subtotal, bottom, at.subtotal);
    put(top + 1, at.subtotal, 'Số tiêu chí đạt', STYLE.head);
    shortHeight = Math.max(
      shortHeight,
      rowHeight([{ text: 'Số tiêu chí đạt', chars: SUBTOTAL_WIDTH, size: SIZE, bold: true }]) - 16,
    );
  });
  ws.mergeCells(top, l.totalCol, bottom, l.totalCol);
  put(top, l.totalCol, 'Tổng số tiêu chí đạt', STYLE.head);
  ws.mergeCells(top, l.rateCol, bottom, l.rateCol);
  put(top, l.rateCol, 'Tỷ lệ đạt', STYLE.head);
  if (l.scoreCol) {
    ws.mergeCells(top, l.scoreCol, bottom, l.scoreCol);
    put(top, l.scoreCol, 'Điểm', STYLE.head);
  }
  ws.getRow(top).height = Math.max(bandHeight, 18);
  ws.getRow(top + 1).height = 16;
  ws.getRow(bottom).height = Math.max(
    shortHeight,
    rowHeight([{ text: 'Tổng số tiêu chí đạt', chars: TOTAL_WIDTH, size: SIZE, bold: true }]) - 16,
  );

  const n = data.criteria.length;
  const metPerCriterion = new Array<number>(n).fill(0);
  const applicablePerCriterion = new Array<number>(n).fill(0);
  const groupComplete = new Array<number>(l.groups.length).fill(0);
  let allMet = 0;
  let submitted = 0;

  let r = MATRIX_FIRST_UNIT_ROW;
  for (const unit of data.units) {
    const row = ws.getRow(r);
    const set = (col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) => {
      const c = row.getCell(col);
      c.value = value;
      c.style = style;
    };
    set(1, unit.code, STYLE.text);
    set(2, unit.name, STYLE.name);
    set(3, unit.submitted === '' ? null : unit.submitted, STYLE.centered);
    if (unit.submitted.trim() !== '') submitted++;
    l.groups.forEach((g, gi) => {
      let met = 0;
      let applicable = 0;
      for (const i of g.indices) {
        const raw = unit.statuses[i] ?? '';
        const status = matrixStatus(raw);
        const col = g.first + (i - (g.indices[0] ?? 0));
        if (status === undefined) {
          set(col, raw, STYLE.other);
          applicable++;
          continue;
        }
        const label = MATRIX_LABELS[status].label;
        set(col, label === '' ? null : label, STATUS_STYLE[status]);
        if (status !== 'not_applicable') {
          applicable++;
          applicablePerCriterion[i] = (applicablePerCriterion[i] ?? 0) + 1;
        }
        if (status === 'met') {
          met++;
          metPerCriterion[i] = (metPerCriterion[i] ?? 0) + 1;
        }
      }
      set(g.subtotal, `${met}/${applicable}`, STYLE.subtotal);
      if (applicable > 0 && met === applicable) groupComplete[gi] = (groupComplete[gi] ?? 0) + 1;
    });
    set(l.totalCol, unit.met, STYLE.count);
    set(l.rateCol, unit.applicable > 0 ? unit.met / unit.applicable : null, STYLE.percent);
    if (l.scoreCol) set(l.scoreCol, unit.score ?? '', STYLE.centered);
    if (unit.applicable > 0 && unit.met === unit.applicable) allMet++;
    const name = rowHeight([{ text: unit.name, chars: UNIT_COLUMNS[1]?.width ?? 24, size: SIZE }]);
    if (name > 19) row.height = name;
    r++;
  }

  // Under the units: per criterion the units that met it, and their share of the units it applies to.
  const label = (row: number, text: string) => {
    ws.mergeCells(row, 1, row, UNIT_COLUMNS.length);
    put(row, 1, text, STYLE.totalLabel);
  };
  label(r, `${MATRIX_TOTAL_LABEL} (trên ${data.units.length} đơn vị, ${submitted} đã nộp)`);
  ws.getRow(r).height = rowHeight([{ text: ws.getCell(r, 1).text, chars: 44, size: SIZE, bold: true }], 18);
  label(r + 1, MATRIX_RATE_LABEL);
  l.groups.forEach((g, gi) => {
    for (const i of g.indices) {
      const col = g.first + (i - (g.indices[0] ?? 0));
      put(r, col, metPerCriterion[i] ?? 0, STYLE.totalCount);
      const applicable = applicablePerCriterion[i] ?? 0;
      put(r + 1, col, applicable > 0 ? (metPerCriterion[i] ?? 0) / applicable : null, STYLE.totalPercent);
    }
    // A group's subtotal column: the units that met every criterion of the group that applies to them.
    put(r, g.subtotal, groupComplete[gi] ?? 0, STYLE.totalCount);
    put(
      r + 1,
      g.subtotal,
      data.units.length > 0 ? (groupComplete[gi] ?? 0) / data.units.length : null,
      STYLE.totalPercent,
    );
  });
  put(r, l.totalCol, allMet, STYLE.totalCount);
  put(r + 1, l.totalCol, data.units.length > 0 ? allMet / data.units.length : null, STYLE.totalPercent);
  put(r, l.rateCol, null, STYLE.totalCount);
  put(r + 1, l.rateCol, null, STYLE.totalCount);
  if (l.scoreCol) {
    put(r, l.scoreCol, null, STYLE.totalCount);
    put(r + 1, l.scoreCol, null, STYLE.totalCount);
  }

  // The legend under the counts, over each page's columns as the title is.
  const legendRow = r + 2;
  const legend =
    'Chú thích: đạt · chưa đạt · đang TH = đang thực hiện · chưa rõ · KAD = không áp dụng · ô trống = chưa trả lời. ' +
    'Cột "Số tiêu chí đạt" của nhóm: số tiêu chí đạt trên số tiêu chí áp dụng; ở dòng "Số đơn vị đạt": số đơn vị đạt mọi tiêu chí của nhóm. ' +
    `Nội dung đầy đủ của từng tiêu chí: trang "${CRITERIA_SHEET}".`;
  let legendHeight = 0;
  for (const b of blocks) {
    if (b.last > b.first) ws.mergeCells(legendRow, b.first, legendRow, b.last);
    put(legendRow, b.first, legend, STYLE.legend);
    legendHeight = Math.max(legendHeight, rowHeight([{ text: legend, chars: across(b), size: SIZE }]));
  }
  ws.getRow(legendRow).height = legendHeight;

  ws.views = [{ state: 'frozen', xSplit: UNIT_COLUMNS.length, ySplit: bottom }];
  ws.autoFilter = { from: { row: bottom, column: 1 }, to: { row: bottom, column: l.scoreCol ?? l.rateCol } };
  const { paper, scale } = paperFor(l);
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: PAPER[paper] as ExcelJS.PaperSize,
    orientation: 'landscape',
    fitToPage: false,
    scale,
    pageOrder: 'downThenOver',
    printTitlesRow: `1:${bottom}`,
    printTitlesColumn: `A:${columnLetter(UNIT_COLUMNS.length)}`,
    margins: PRINT_MARGINS,
  };
  printHeader(ws);
  // The counts and the legend under the units never stand alone on a page: they go with the last
  // two units.
  keepTogether(ws, {
    from: Math.max(MATRIX_FIRST_UNIT_ROW, r - 2),
    to: legendRow,
    pageHeightPt: (printableHeightPt(paper, 'landscape') * 100) / scale,
    titles: [1, bottom],
  });
}

/** "A" for 1, "AB" for 28. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function fillCriteriaSheet(ws: ExcelJS.Worksheet, sheets: MatrixData[]): void {
  // 78 digits: the width of A4 portrait between the margins, so the list prints at 100 %.
  const widths = [7, 61, 10];
  ws.columns = widths.map((width) => ({ width }));
  ['Mã', 'Nội dung tiêu chí', 'Chỉ tiêu'].forEach((h, i) => {
    const c = ws.getCell(1, i + 1);
    c.value = h;
    c.style = STYLE.listHead;
  });
  ws.getRow(1).height = 18;
  let r = 2;
  const headings: number[] = [];
  const frameworkRows = new Set<number>();
  for (const data of sheets) {
    if (sheets.length > 1) {
      ws.mergeCells(r, 1, r, 3);
      const c = ws.getCell(r, 1);
      c.value = data.framework.name;
      c.style = STYLE.listGroup;
      ws.getRow(r).height = rowHeight([{ text: data.framework.name, chars: 78, size: 12, bold: true }]);
      frameworkRows.add(r);
      r++;
    }
    for (const g of data.groups) {
      ws.mergeCells(r, 1, r, 3);
      const head = ws.getCell(r, 1);
      head.value = `Nhóm ${g.code}: ${g.name}`;
      head.style = STYLE.listGroup;
      ws.getRow(r).height = rowHeight([{ text: head.text, chars: 78, size: 12, bold: true }]);
      headings.push(r);
      r++;
      for (const c of g.criteria) {
        const code = ws.getCell(r, 1);
        code.value = c.code;
        code.style = STYLE.listCode;
        const text = ws.getCell(r, 2);
        text.value = c.text;
        text.style = STYLE.listText;
        const target = ws.getCell(r, 3);
        target.value = c.target === '' ? null : c.target;
        target.style = STYLE.listCode;
        ws.getRow(r).height = rowHeight([{ text: c.text, chars: widths[1] ?? 61, size: 12 }]);
        r++;
      }
    }
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: PAPER.A4 as ExcelJS.PaperSize,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: PRINT_MARGINS,
  };
  printHeader(ws);
  // A group's heading never ends a page: it goes with its first criterion (a framework's with its
  // first group's).
  for (const h of headings) {
    const from = frameworkRows.has(h - 1) ? h - 1 : h;
    keepTogether(ws, { from, to: h + 1, pageHeightPt: printableHeightPt('A4', 'portrait'), titles: [1, 1] });
  }
}

/**
 * The matrix workbook: a sheet per framework (named by its id), then "Tiêu chí". Each group of
 * criteria prints on pages of its own: exceljs writes no column breaks, so they are added to the
 * sheets' XML afterwards.
 */
export async function buildMatrixXlsx(input: MatrixData | MatrixData[]): Promise<Buffer> {
  const sheets = Array.isArray(input) ? input : [input];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cds-bot';
  wb.title = sheets[0]?.title ?? '';
  wb.keywords = `period=${sheets[0]?.period ?? ''}`;
  const taken = new Set<string>([CRITERIA_SHEET.toLowerCase()]);
  const breaks: number[][] = [];
  for (const data of sheets) {
    const l = matrixLayout(data);
    const ws = wb.addWorksheet(sheetName(data.framework.id, taken));
    fillSheet(ws, data, l);
    breaks.push(l.groups.slice(0, -1).map((g) => g.subtotal));
  }
  fillCriteriaSheet(wb.addWorksheet(CRITERIA_SHEET), sheets);
  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), [...breaks, []]);
}
