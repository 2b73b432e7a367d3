/**
 * The province's matrix: one row per unit, one column per criterion, a short status label in every
 * cell with a colour fill, the unit's totals at the right and a "units đạt" row per criterion at the
 * bottom. Sheet "Tổng hợp" plus "Tiêu chí" (code → text).
 *
 * Built for the whole province (3,321 units × 37 criteria): every cell shares one of a handful of
 * style objects, which exceljs writes as one cell format each.
 */
import ExcelJS from 'exceljs';
import { fold } from './common.js';
import type { MatrixData } from './types.js';

export const MATRIX_SHEET = 'Tổng hợp';
export const CRITERIA_SHEET = 'Tiêu chí';

export type MatrixStatus = 'met' | 'not_met' | 'in_progress' | 'unknown' | 'not_applicable' | 'unanswered';

/**
 * The label written in a criterion cell and its fill (ARGB). Unanswered cells stay blank (white) so
 * that a blank means "nobody answered" and COUNTBLANK counts them.
 */
export const MATRIX_LABELS: Record<MatrixStatus, { label: string; fill: string; font: string }> = {
  met: { label: 'đạt', fill: 'FFC6EFCE', font: 'FF006100' },
  not_met: { label: 'chưa đạt', fill: 'FFFFC7CE', font: 'FF9C0006' },
  in_progress: { label: 'đang TH', fill: 'FFFFEB9C', font: 'FF9C5700' },
  unknown: { label: 'chưa rõ', fill: 'FFD9D9D9', font: 'FF404040' },
  not_applicable: { label: 'KAD', fill: 'FFDDEBF7', font: 'FF1F4E78' },
  unanswered: { label: '', fill: 'FFFFFFFF', font: 'FF000000' },
};

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

const FONT = { name: 'Times New Roman', size: 11 };
const thin = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

const STATUS_STYLE = Object.fromEntries(
  Object.entries(MATRIX_LABELS).map(([status, { fill, font }]) => [
    status,
    {
      font: { ...FONT, color: { argb: font } },
      fill: solid(fill),
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle' },
    } satisfies Partial<ExcelJS.Style>,
  ]),
) as Record<MatrixStatus, Partial<ExcelJS.Style>>;

const STYLE = {
  title: { font: { ...FONT, size: 14, bold: true }, alignment: { horizontal: 'left', vertical: 'middle' } },
  subtitle: { font: { ...FONT, italic: true }, alignment: { horizontal: 'left', vertical: 'middle' } },
  head: {
    font: { ...FONT, bold: true },
    fill: solid('FFF2F2F2'),
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    numFmt: '@',
  },
  text: { font: FONT, border: BORDER, alignment: { vertical: 'middle' }, numFmt: '@' },
  wrapped: { font: FONT, border: BORDER, alignment: { vertical: 'top', wrapText: true } },
  centered: { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' } },
  /** A status outside the six: written as given, no colour. */
  other: { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' } },
  count: { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' }, numFmt: '0' },
  percent: {
    font: FONT,
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'middle' },
    numFmt: '0.0%',
  },
  totalLabel: { font: { ...FONT, bold: true }, border: BORDER, fill: solid('FFF2F2F2') },
  totalCount: {
    font: { ...FONT, bold: true },
    border: BORDER,
    fill: solid('FFF2F2F2'),
    alignment: { horizontal: 'center' },
    numFmt: '0',
  },
  totalPercent: {
    font: { ...FONT, bold: true },
    border: BORDER,
    fill: solid('FFF2F2F2'),
    alignment: { horizontal: 'center' },
    numFmt: '0.0%',
  },
  legend: { font: { ...FONT, italic: true } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Row of the column headings on "Tổng hợp" (rows above: title, period). */
export const MATRIX_HEADER_ROW = 3;
/** Label of the bottom row: per criterion, how many units are đạt. */
export const MATRIX_TOTAL_LABEL = 'Số đơn vị đạt';

export async function buildMatrixXlsx(data: MatrixData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cds-bot';
  wb.title = data.title;
  wb.keywords = `period=${data.period}`;

  const n = data.criteria.length;
  const firstCrit = 4;
  const metCol = firstCrit + n;
  const rateCol = metCol + 1;
  const header = MATRIX_HEADER_ROW;

  const ws = wb.addWorksheet(MATRIX_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: header }],
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header}:${header}`,
      printTitlesColumn: 'A:B',
    },
  });
  ws.columns = [
    { width: 12 },
    { width: 32 },
    { width: 12 },
    ...data.criteria.map(() => ({ width: 10 })),
    { width: 7 },
    { width: 8 },
  ];

  ws.getCell(1, 1).value = data.title;
  ws.getCell(1, 1).style = STYLE.title;
  ws.getCell(2, 1).value = `Kỳ báo cáo: ${data.period}`;
  ws.getCell(2, 1).style = STYLE.subtitle;
  ws.getCell(2, firstCrit).value = legend();
  ws.getCell(2, firstCrit).style = STYLE.legend;

  const headRow = ws.getRow(header);
  const headings = ['Mã đơn vị', 'Tên đơn vị', 'Đã nộp', ...data.criteria.map((c) => c.code), 'Đạt', 'Tỷ lệ'];
  headings.forEach((h, i) => {
    const c = headRow.getCell(i + 1);
    c.value = h;
    c.style = STYLE.head;
  });
  data.criteria.forEach((crit, i) => {
    headRow.getCell(firstCrit + i).note = `${crit.code}. ${crit.text}`;
  });
  headRow.height = 30;

  const metPerCriterion = new Array<number>(n).fill(0);
  let submittedCount = 0;
  let metSum = 0;
  let applicableSum = 0;

  let r = header + 1;
  for (const unit of data.units) {
    const row = ws.getRow(r);
    const put = (col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) => {
      const c = row.getCell(col);
      c.value = value;
      c.style = style;
    };
    put(1, unit.code, STYLE.text);
    put(2, unit.name, STYLE.text);
    put(3, unit.submitted === '' ? null : unit.submitted, STYLE.centered);
    if (unit.submitted.trim() !== '') submittedCount++;
    for (let i = 0; i < n; i++) {
      const raw = unit.statuses[i] ?? '';
      const status = matrixStatus(raw);
      if (status === undefined) {
        put(firstCrit + i, raw, STYLE.other);
        continue;
      }
      const label = MATRIX_LABELS[status].label;
      put(firstCrit + i, label === '' ? null : label, STATUS_STYLE[status]);
      if (status === 'met') metPerCriterion[i] = (metPerCriterion[i] ?? 0) + 1;
    }
    put(metCol, unit.met, STYLE.count);
    put(rateCol, unit.applicable > 0 ? unit.met / unit.applicable : null, STYLE.percent);
    metSum += unit.met;
    applicableSum += unit.applicable;
    r++;
  }

  const totals = ws.getRow(r);
  const total = (col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) => {
    const c = totals.getCell(col);
    c.value = value;
    c.style = style;
  };
  total(1, MATRIX_TOTAL_LABEL, STYLE.totalLabel);
  total(2, `${data.units.length} đơn vị`, STYLE.totalLabel);
  total(3, submittedCount, STYLE.totalCount);
  metPerCriterion.forEach((count, i) => {
    total(firstCrit + i, count, STYLE.totalCount);
  });
  total(metCol, metSum, STYLE.totalCount);
  total(rateCol, applicableSum > 0 ? metSum / applicableSum : null, STYLE.totalPercent);

  ws.autoFilter = { from: { row: header, column: 1 }, to: { row: header, column: rateCol } };

  const list = wb.addWorksheet(CRITERIA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [{ width: 10 }, { width: 100 }];
  list.getCell(1, 1).value = 'Mã';
  list.getCell(1, 2).value = 'Nội dung tiêu chí';
  list.getCell(1, 1).style = STYLE.head;
  list.getCell(1, 2).style = STYLE.head;
  data.criteria.forEach((crit, i) => {
    const code = list.getCell(i + 2, 1);
    code.value = crit.code;
    code.style = STYLE.text;
    const text = list.getCell(i + 2, 2);
    text.value = crit.text;
    text.style = STYLE.wrapped;
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "Chú thích: đạt · chưa đạt · đang TH = đang thực hiện · …" above the criteria. */
function legend(): string {
  return 'Chú thích: đạt · chưa đạt · đang TH = đang thực hiện · chưa rõ · KAD = không áp dụng · ô trống = chưa trả lời';
}
