/**
 * A framework's table as a file: `frameworks import` reads a province's XLSX or CSV into the grid
 * that src/domain/catalog/table.ts reads (merged cells carry their range's value, numbers their
 * vi-VN text); `frameworks export` and `frameworks template` write one.
 */
import ExcelJS from 'exceljs';
import {
  type Cell,
  frameworkToTable,
  type Grid,
  infoRows,
  type OutCell,
  readInfoRows,
  type TableMeta,
  templateRows,
} from '../domain/catalog/table.js';
import type { Framework } from '../domain/catalog/types.js';
import { decode, parseCsv, valueText } from './sheet.js';
import { finishWorkbook, rowHeight } from './xlsx-common.js';

/** A file that is not a readable XLSX. */
export class TableFileError extends Error {}

const INFO_SHEET = 'Thông tin';

export interface TableFile {
  grid: Grid;
  /** What the info sheet of an exported workbook says (name, decision, source …). */
  info: Partial<TableMeta>;
}

function numberOf(v: ExcelJS.CellValue): number | undefined {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return undefined;
}

function gridOfSheet(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const source = cell.isMerged ? cell.master : cell;
      const text = valueText(source.value, source.numFmt, false).normalize('NFC');
      const num = numberOf(source.value);
      // A code written as a number keeps its dot ("1.4"), as the sheet shows it.
      const asCode =
        num !== undefined && !source.numFmt?.includes('%') ? String(Number(num.toPrecision(12))) : undefined;
      cells.push({
        text: asCode !== undefined && c === codeColumnOf(ws) ? asCode : text,
        ...(num !== undefined ? { num } : {}),
        ...(cell.isMerged && cell.master !== cell ? { merged: true } : {}),
      });
    }
    grid.push(cells);
  }
  return grid;
}

const codeColumns = new WeakMap<ExcelJS.Worksheet, number>();

/** The column whose header names codes (STT, TT, Mã …), where numbers keep their dot. */
function codeColumnOf(ws: ExcelJS.Worksheet): number {
  let col = codeColumns.get(ws);
  if (col === undefined) {
    col = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 20) && col === 0; r++) {
      ws.getRow(r).eachCell((cell, c) => {
        if (
          col === 0 &&
          typeof cell.value === 'string' &&
          /^(s?tt|mã|mã chỉ số|mã tiêu chí|số tt)$/i.test(cell.value.trim())
        )
          col = c;
      });
    }
    codeColumns.set(ws, col);
  }
  return col;
}

/** Reads an XLSX (its first sheet that is not the info sheet) or a CSV ("," ";" or tab separated). */
export async function readTableFile(bytes: Buffer, format: 'xlsx' | 'csv'): Promise<TableFile> {
  if (format === 'csv') {
    const text = decode(bytes).replace(/\r\n?/g, '\n');
    const counts = [';', ',', '\t'].map((sep) => ({ sep, n: (text.split('\n')[0] ?? '').split(sep).length }));
    const sep = counts.sort((a, b) => b.n - a.n)[0]?.sep ?? ',';
    const grid = parseCsv(text, sep).map((cells) => cells.map((t) => ({ text: t.normalize('NFC') })));
    return { grid, info: {} };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new TableFileError('unreadable');
  }
  const sheets = wb.worksheets.filter((ws) => ws.name !== INFO_SHEET);
  const first = sheets[0];
  if (!first) throw new TableFileError('empty');
  const infoSheet = wb.getWorksheet(INFO_SHEET);
  return { grid: gridOfSheet(first), info: infoSheet ? readInfoRows(gridOfSheet(infoSheet)) : {} };
}

const WIDTHS: Record<string, number> = {
  STT: 7,
  'Tiêu chí': 50,
  'Chỉ tiêu giao': 16,
  'Đơn vị tính': 12,
  'Giải thích': 36,
  'Điểm tối đa': 9,
  'Cách chấm điểm': 16,
  'Nhóm 1': 11,
  'Nhóm 2': 11,
  'Nhóm 3': 11,
  'Loại trả lời': 14,
  'Cách so sánh': 12,
  Ngưỡng: 9,
};

function writeSheet(ws: ExcelJS.Worksheet, rows: OutCell[][], groupRow: (r: OutCell[]) => boolean): void {
  ws.addRows(rows);
  const header = rows[0] ?? [];
  const widths = header.map((h) => WIDTHS[String(h)] ?? 20);
  header.forEach((_h, i) => {
    ws.getColumn(i + 1).width = widths[i] ?? 20;
    ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  // Neither Excel nor LibreOffice grows a row to its wrapped text on opening: each row gets its height.
  rows.forEach((r, i) => {
    const bold = i === 0 || groupRow(r);
    ws.getRow(i + 1).height = rowHeight(
      r.map((c, j) => ({ text: String(c), chars: widths[j] ?? 20, size: 12, bold })),
    );
  });
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(1).numFmt = '@';
  rows.forEach((r, i) => {
    if (i > 0 && groupRow(r)) ws.getRow(i + 1).font = { bold: true };
    if (i > 0) ws.getRow(i + 1).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(i + 1).getCell(1).value = String(r[0] ?? '');
  });
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: (header.length > 9 ? 8 : 9) as ExcelJS.PaperSize,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}

/** A framework as a workbook: the table, then the info sheet. */
export async function buildFrameworkXlsx(fw: Framework): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const rows = frameworkToTable(fw);
  writeSheet(wb.addWorksheet('Tiêu chí'), rows, (r) => r.slice(2).every((c) => c === ''));
  const info = wb.addWorksheet(INFO_SHEET);
  info.addRows(infoRows(fw));
  info.getColumn(1).width = 28;
  info.getColumn(2).width = 90;
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  info.getRow(1).font = { bold: true };
  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** The empty table a province starts from: the recognised columns and an example row per kind. */
export async function buildTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  writeSheet(wb.addWorksheet('Tiêu chí'), templateRows(), (r) => /^[IVX]+$/.test(String(r[0])));
  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}
