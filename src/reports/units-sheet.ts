/**
 * A province's own list of units (`cds-bot units import … danh-sach.xlsx`): a sheet or CSV with a
 * header row naming a code column and a name column, and optionally a group (the NTM group), an
 * area and a framework. Read cell by cell as the officers' spreadsheets come: codes written as
 * numbers ("4" for "00004") are given back as text, names in NFC.
 */
import ExcelJS from 'exceljs';
import { fold } from '../domain/answers/normalize.js';
import { parseCsv } from './sheet.js';

/** One unit of the province's list. */
export interface UnitsSheetRow {
  /** The row number in the file, for messages. */
  row: number;
  code: string;
  name: string;
  group?: string;
  area?: string;
  framework?: string;
}

/** The file has no header with a code and a name column. */
export class UnitsSheetError extends Error {}

const HEADERS: Record<keyof Omit<UnitsSheetRow, 'row'>, readonly string[]> = {
  code: ['ma', 'ma don vi', 'ma xa', 'ma dvhc', 'ma so', 'ma don vi hanh chinh', 'code'],
  name: ['ten', 'ten don vi', 'ten xa', 'ten don vi hanh chinh', 'xa phuong', 'name'],
  group: ['nhom', 'nhom ntm', 'nhom tieu chi', 'group'],
  area: ['khu vuc', 'cum', 'area'],
  framework: ['bo tieu chi', 'framework'],
};

function columnsOf(header: readonly string[]): Partial<Record<keyof typeof HEADERS, number>> | undefined {
  const cols: Partial<Record<keyof typeof HEADERS, number>> = {};
  header.forEach((cell, i) => {
    const key = fold(cell)
      .replace(/[^a-z0-9 ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    for (const [field, names] of Object.entries(HEADERS) as Array<
      [keyof typeof HEADERS, readonly string[]]
    >) {
      if (cols[field] === undefined && names.includes(key)) cols[field] = i;
    }
  });
  return cols.code !== undefined && cols.name !== undefined ? cols : undefined;
}

/** The rows under the first header found (in the first sheet that has one). */
function rowsOf(grid: ReadonlyArray<{ row: number; cells: readonly string[] }>): UnitsSheetRow[] | undefined {
  for (let h = 0; h < grid.length; h++) {
    const header = grid[h];
    const cols = header ? columnsOf(header.cells) : undefined;
    if (!cols) continue;
    const cell = (cells: readonly string[], i: number | undefined) =>
      i === undefined ? '' : (cells[i] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    return grid.slice(h + 1).flatMap(({ row, cells }) => {
      const r: UnitsSheetRow = { row, code: cell(cells, cols.code), name: cell(cells, cols.name) };
      if (r.code === '' && r.name === '') return [];
      const group = cell(cells, cols.group);
      const area = cell(cells, cols.area);
      const framework = cell(cells, cols.framework);
      return [
        { ...r, ...(group ? { group } : {}), ...(area ? { area } : {}), ...(framework ? { framework } : {}) },
      ];
    });
  }
  return undefined;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text;
  return String(v);
}

/** Reads a province's list of units from an XLSX or a CSV (separated by ";", "," or tabs). */
export async function readUnitsSheet(bytes: Buffer, format: 'xlsx' | 'csv'): Promise<UnitsSheetRow[]> {
  if (format === 'csv') {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    for (const sep of [';', ',', '\t']) {
      const rows = rowsOf(parseCsv(text, sep).map((cells, i) => ({ row: i + 1, cells })));
      if (rows) return rows;
    }
    throw new UnitsSheetError('no header');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnitsSheetError('unreadable');
  }
  for (const ws of wb.worksheets) {
    const grid: Array<{ row: number; cells: string[] }> = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        cells[col - 1] = cellText(c.value);
      });
      grid.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    const rows = rowsOf(grid);
    if (rows) return rows;
  }
  throw new UnitsSheetError('no header');
}
