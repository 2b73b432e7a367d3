/**
 * Reads an officer's answers back from a sheet in the export's layout: the appendix XLSX written by
 * `buildAppendixXlsx`, or a CSV with the columns TT · Nội dung tiêu chí đánh giá · Chỉ tiêu giao ·
 * Kết quả … · Khó khăn; đề xuất.
 *
 * - A line "Đề xuất: …" in the khó khăn column is read apart, as `proposal`.
 * - Headings are matched loosely (case and diacritics ignored; "Kết quả 9 tháng", "STT" … accepted);
 *   rows above the heading row (issuer, title) are skipped, and so are group rows (a bare group number
 *   such as "1" with no target), rows without a code, repeated heading rows, and everything from the
 *   footer ("Ghi chú: Tổng tiêu chí …") on.
 * - Codes are kept as text. A code Excel stored as a number is written back as shown: with its format's
 *   decimals ("0.00" → "1.10"), and when the format is General, a number that only makes sense as the
 *   next code after the previous one ("1.1" straight after "1.9") is read as that code ("1.10"). A code
 *   Excel turned into a date (1.10 → 1 October) is read back as "day.month".
 * - Numbers in the other columns are written the vi-VN way ("66,95", "95%"), which the answer parser reads.
 * - `row` is the 1-based row in the sheet; for a CSV, the 1-based record (a quoted field may span lines),
 *   which is the row Excel shows when it opens the file.
 * - CSV: RFC 4180 quoting, "," ";" or tab separated (whichever finds the heading row), UTF-8 with or
 *   without BOM, UTF-16 with BOM, or Windows-1258 (what Vietnamese Excel saves as "CSV") when the bytes
 *   are not UTF-8.
 */
import ExcelJS from 'exceljs';
import { fold } from './common.js';
import type { SheetRow } from './types.js';

export interface AnswerSheet {
  rows: SheetRow[];
  meta?: { unit?: string; period?: string; framework?: string };
}

/** The file cannot be read as an answer sheet; the message says why, in Vietnamese. */
export class SheetFormatError extends Error {
  override name = 'SheetFormatError';
}

const NO_HEADER = 'Không tìm thấy dòng tiêu đề của bảng (cần có cột "TT" và cột "Kết quả").';

export async function readAnswerSheet(bytes: Buffer, format: 'xlsx' | 'csv'): Promise<AnswerSheet> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

// ---------------------------------------------------------------------------------------------
// Layout

/** One row of a sheet: `texts` for display, `codes` the same cells read as a code (dot decimals). */
interface GridRow {
  row: number;
  texts: string[];
  codes: string[];
}

interface Columns {
  code: number;
  text?: number;
  target?: number;
  result: number;
  difficulty?: number;
}

function headerColumns(texts: readonly string[]): Columns | undefined {
  let code: number | undefined;
  let text: number | undefined;
  let target: number | undefined;
  let result: number | undefined;
  let difficulty: number | undefined;
  texts.forEach((raw, i) => {
    const h = fold(raw).replace(/[.:]+$/, '');
    if (h === '') return;
    if (code === undefined && /^(s\.?\s?tt|tt|so tt|ma|ma so|ma tieu chi)$/.test(h)) code = i;
    else if (text === undefined && /^(noi dung|tieu chi|ten tieu chi|ten chi tieu)/.test(h)) text = i;
    else if (target === undefined && /^chi tieu/.test(h)) target = i;
    else if (result === undefined && /^ket qua/.test(h)) result = i;
    else if (difficulty === undefined && /(kho khan|de xuat|kien nghi|vuong mac)/.test(h)) difficulty = i;
  });
  if (code === undefined || result === undefined) return undefined;
  return { code, text, target, result, difficulty };
}

const at = (cells: readonly string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));

function extract(grid: readonly GridRow[]): SheetRow[] | undefined {
  const start = grid.findIndex((g) => headerColumns(g.texts) !== undefined);
  const head = grid[start];
  if (head === undefined) return undefined;
  const cols = headerColumns(head.texts) as Columns;

  const rows: SheetRow[] = [];
  let previous = '';
  for (const g of grid.slice(start + 1)) {
    const first = fold(g.texts.find((t) => t.trim() !== '') ?? '');
    if (first.startsWith('ghi chu') || first.startsWith('tong tieu chi')) break;
    if (headerColumns(g.texts) !== undefined) continue;
    const code = nextCode(at(g.codes, cols.code).trim(), previous);
    if (code === '') continue;
    const target = at(g.texts, cols.target).trim();
    if (/^\d+$/.test(code) && target === '') {
      previous = code;
      continue;
    }
    previous = code;
    const { difficulty, proposal } = splitProposal(at(g.texts, cols.difficulty));
    rows.push({
      row: g.row,
      code,
      result: at(g.texts, cols.result).trim(),
      difficulty,
      ...(proposal ? { proposal } : {}),
    });
  }
  return rows;
}

/**
 * The khó khăn column as the export writes it: the khó khăn, then "Đề xuất: …" on a line of its
 * own (and what follows it). A cell without that line is all khó khăn.
 */
function splitProposal(cell: string): { difficulty: string; proposal?: string } {
  const lines = cell.split(/\r\n|\r|\n/);
  const at = lines.findIndex((l) => /^de xuat\s*:/.test(fold(l.trim())));
  if (at < 0) return { difficulty: cell.trim() };
  const first = (lines[at] ?? '').trim().replace(/^[^:]*:\s*/, '');
  const proposal = [first, ...lines.slice(at + 1)].join('\n').trim();
  const difficulty = lines.slice(0, at).join('\n').trim();
  return proposal === '' ? { difficulty } : { difficulty, proposal };
}

/**
 * "1.1" straight after "1.9" is "1.10" whose trailing zero Excel dropped; likewise "1.2" after "1.19".
 * Anything else is kept as it is.
 */
function nextCode(code: string, previous: string): string {
  const m = /^(\d+)\.(\d+)$/.exec(previous);
  if (!m || !/^\d+\.\d+$/.test(code)) return code;
  const expected = `${m[1]}.${Number(m[2]) + 1}`;
  return expected !== code && Number(expected) === Number(code) ? expected : code;
}

// ---------------------------------------------------------------------------------------------
// XLSX

const META_NAME = 'meta';
const APPENDIX_NAME = 'phu luc';

async function readXlsx(bytes: Buffer): Promise<AnswerSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new SheetFormatError(`Không đọc được tệp Excel (.xlsx): ${(e as Error).message}`);
  }
  const sheets = wb.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined);
  const ordered = [
    ...sheets.filter((ws) => fold(ws.name) === APPENDIX_NAME),
    ...sheets.filter((ws) => fold(ws.name) !== APPENDIX_NAME),
  ];
  let rows: SheetRow[] | undefined;
  for (const ws of ordered) {
    rows = extract(gridOf(ws));
    if (rows) break;
  }
  if (!rows) throw new SheetFormatError(NO_HEADER);
  const meta = readMeta(wb);
  return meta ? { rows, meta } : { rows };
}

function gridOf(ws: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const texts: string[] = [];
    const codes: string[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      texts[col - 1] = cellText(c, false);
      codes[col - 1] = cellText(c, true);
    });
    grid.push({
      row: rowNumber,
      texts: Array.from(texts, (t) => t ?? ''),
      codes: Array.from(codes, (t) => t ?? ''),
    });
  });
  return grid;
}

function readMeta(wb: ExcelJS.Workbook): AnswerSheet['meta'] {
  const meta: NonNullable<AnswerSheet['meta']> = {};
  const ws = wb.worksheets.find((s) => fold(s.name) === META_NAME);
  if (ws) {
    const value = (r: number) => cellText(ws.getCell(r, 1), true).trim();
    if (value(1)) meta.unit = value(1);
    if (value(2)) meta.period = value(2);
    if (value(3)) meta.framework = value(3);
  } else {
    for (const part of (wb.keywords ?? '').split(';')) {
      const [k, v] = part.split('=').map((s) => s.trim());
      if (!v) continue;
      if (k === 'unit') meta.unit = v;
      else if (k === 'period') meta.period = v;
      else if (k === 'framework') meta.framework = v;
    }
  }
  return Object.keys(meta).length > 0 ? meta : undefined;
}

/** What the cell shows, as far as the answer needs it. `asCode`: numbers with a dot, dates as "d.m". */
function cellText(c: ExcelJS.Cell, asCode: boolean): string {
  if (c.type === ExcelJS.ValueType.Merge) return '';
  return valueText(c.value, c.numFmt, asCode).normalize('NFC');
}

export function valueText(v: ExcelJS.CellValue, numFmt: string | undefined, asCode: boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v, numFmt, asCode);
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (v instanceof Date) {
    const d = v.getUTCDate();
    const m = v.getUTCMonth() + 1;
    if (asCode) return `${d}.${m}`;
    return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${v.getUTCFullYear()}`;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : valueText(v.text, numFmt, asCode);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result !== null && typeof result === 'object' && 'error' in result) return String(result.error);
    return valueText(result as ExcelJS.CellValue, numFmt, asCode);
  }
  if ('error' in v) return String(v.error);
  return '';
}

/** A number as Excel would show it with `numFmt`; vi-VN decimal comma unless it is a code. */
function numberText(v: number, numFmt: string | undefined, asCode: boolean): string {
  const fmt = (numFmt ?? 'General').replace(/"[^"]*"|\\./g, '');
  const percent = fmt.includes('%');
  const x = percent ? v * 100 : v;
  const decimals = /0\.(0+)/.exec(fmt)?.[1]?.length;
  let s = decimals !== undefined ? x.toFixed(decimals) : String(Number(x.toPrecision(12)));
  if (!asCode) s = s.replace('.', ',');
  return percent ? `${s}%` : s;
}

// ---------------------------------------------------------------------------------------------
// CSV

async function readCsv(bytes: Buffer): Promise<AnswerSheet> {
  const text = decode(bytes).replace(/\r\n?/g, '\n');
  for (const sep of [';', ',', '\t']) {
    const records = parseCsv(text, sep);
    const grid = records.map((cells, i) => ({ row: i + 1, texts: cells, codes: cells }));
    const rows = extract(grid);
    if (rows) return { rows };
  }
  throw new SheetFormatError(NO_HEADER);
}

export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('windows-1258').decode(body);
  }
  return text.normalize('NFC');
}

/** RFC 4180: fields separated by `sep`, records by CRLF/LF/CR, "…" quoting with "" for a quote. */
export function parseCsv(text: string, sep: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === sep) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return records;
}
