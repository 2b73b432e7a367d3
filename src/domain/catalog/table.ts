/**
 * A framework as a table, the way provinces keep their criteria: a header row naming the columns
 * in Vietnamese, group rows ("I. Hạ tầng số", "Nhóm 2: Kinh tế số"), criterion rows and sub-point
 * rows (a), b), …). `readFrameworkTable` reads such a table into a framework and lists every cell
 * it read with an assumption or could not read; `frameworkToTable` writes a framework back, so
 * reading what it writes gives the framework again. Pure: the XLSX/CSV bytes are read in
 * src/reports/framework-table.ts.
 */
import { fold, parseViNumber } from '../answers/normalize.js';
import { inferTarget, isPercentUnit, type LeafKind, type TargetDoubt } from './infer.js';
import type {
  AnswerKind,
  CriteriaGroup,
  Criterion,
  Framework,
  GroupTargets,
  Level,
  ReportingCalendar,
  Scoring,
  SubPoint,
  Target,
  TargetOp,
} from './types.js';

/** One cell as read: its text (numbers in vi-VN form), the number behind it, whether a merge covers it. */
export interface Cell {
  text: string;
  num?: number;
  /** A cell inside a merged range other than its top-left one; `text` is the range's value. */
  merged?: boolean;
}

/** Rows of cells; row i is the sheet's row i + 1. */
export type Grid = Cell[][];

export type ColumnKey =
  | 'code'
  | 'text'
  | 'target'
  | 'unit'
  | 'points'
  | 'scoring'
  | 'note'
  | 'kind'
  | 'op'
  | 'value'
  | 'assumed'
  | 'counted'
  | 'numeratorLabel'
  | 'notApplicableWhen'
  | 'evidence'
  | 'source'
  | 'aliases'
  | 'group1'
  | 'group2'
  | 'group3';

/** The header each column is written with (export, template); the first of the recognised names. */
export const COLUMN_HEADERS: Record<ColumnKey, string> = {
  code: 'STT',
  text: 'Tiêu chí',
  target: 'Chỉ tiêu giao',
  unit: 'Đơn vị tính',
  points: 'Điểm tối đa',
  scoring: 'Cách chấm điểm',
  note: 'Giải thích',
  kind: 'Loại trả lời',
  op: 'Cách so sánh',
  value: 'Ngưỡng',
  assumed: 'Cách đánh giá khi không có chỉ tiêu',
  counted: 'Đối tượng tính tỷ lệ',
  numeratorLabel: 'Đối tượng đạt',
  notApplicableWhen: 'Không áp dụng khi',
  evidence: 'Minh chứng',
  source: 'Nguồn',
  aliases: 'Mã khác',
  group1: 'Nhóm 1',
  group2: 'Nhóm 2',
  group3: 'Nhóm 3',
};

/** Recognised header names, folded (no diacritics, lower case). */
const HEADER_NAMES: ReadonlyArray<[RegExp, ColumnKey]> = [
  [/^(s?tt|so tt|so thu tu|ma|ma chi so|ma tieu chi|ma chi tieu)$/, 'code'],
  [
    /^(tieu chi|chi tieu|chi so|noi dung|ten tieu chi|ten chi tieu|ten chi so|noi dung tieu chi|noi dung chi tieu|chi so thanh phan)$/,
    'text',
  ],
  [/^(chi tieu giao|yeu cau|muc tieu|yeu cau tieu chi|chi tieu can dat|muc can dat)$/, 'target'],
  [/^(don vi tinh|dvt|don vi)$/, 'unit'],
  [/^(diem|diem toi da|thang diem)$/, 'points'],
  [/^(cach cham diem|cach tinh diem)$/, 'scoring'],
  [/^(giai thich|cach tinh|ghi chu|giai thich chi tieu)$/, 'note'],
  [/^loai tra loi$/, 'kind'],
  [/^cach so sanh$/, 'op'],
  [/^nguong$/, 'value'],
  [/^cach danh gia khi khong co chi tieu$/, 'assumed'],
  [/^doi tuong tinh ty le$/, 'counted'],
  [/^doi tuong dat$/, 'numeratorLabel'],
  [/^khong ap dung khi$/, 'notApplicableWhen'],
  [/^minh chung$/, 'evidence'],
  [/^nguon$/, 'source'],
  [/^ma khac$/, 'aliases'],
  [/^(xa )?nhom 1$/, 'group1'],
  [/^(xa )?nhom 2$/, 'group2'],
  [/^(xa )?nhom 3$/, 'group3'],
];

/** The year a "Chỉ tiêu năm 2027" (or "Chỉ tiêu giao năm 2027") header names, if it is one. */
export function yearOfHeader(header: string): string | undefined {
  return /^chi tieu (?:giao )?nam (\d{4})$/.exec(
    fold(header)
      .replace(/[:*.]+$/g, '')
      .trim(),
  )?.[1];
}

/** Which column a header cell names, if any ("Đơn vị tính (ĐVT)" reads as "Đơn vị tính"). */
export function columnOf(header: string): ColumnKey | undefined {
  const h = fold(header)
    .replace(/\(.*?\)/g, ' ')
    .replace(/[:*.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return HEADER_NAMES.find(([re]) => re.test(h))?.[1];
}

const KIND_LABEL: Record<AnswerKind, string> = {
  percent: 'tỷ lệ %',
  ratio: 'tỷ lệ trên tổng số',
  count: 'số lượng',
  yesno: 'có/không',
  text: 'nội dung',
  composite: 'nhiều ý',
};

const OP_LABEL: Record<TargetOp, string> = {
  '>=': 'tối thiểu',
  '>': 'trên',
  '=': 'bằng',
  '<': 'dưới',
  '<=': 'không quá',
  yes: 'có',
  provided: 'có nội dung',
  self: 'tự đánh giá',
  all: 'mọi ý',
};

const CALENDAR_LABEL: Record<ReportingCalendar, string> = {
  quarter: 'quý',
  'half-year': '6 tháng',
  year: 'năm',
};

function byLabel<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const f = fold(text);
  return (Object.keys(labels) as K[]).find((k) => fold(labels[k]) === f || k === text.trim());
}

/** Why the importer assumed something (listed, the draft is still written) or stopped (nothing written). */
export type FindingReason =
  | TargetDoubt
  | 'unknown_column'
  | 'code_renumbered'
  | 'code_missing'
  | 'merged_copied'
  | 'composite_target'
  | 'no_group'
  | 'group_count'
  | 'numbering_row'
  | 'year_column'
  | 'sub_point_points'
  | 'bad_points'
  | 'bad_scoring'
  | 'bad_group_target'
  | 'unknown_code'
  | 'bad_year_target'
  // The ones below stop the import.
  | 'no_header'
  | 'no_text_column'
  | 'duplicate_code'
  | 'orphan_sub_point'
  | 'single_sub_point'
  | 'empty_text'
  | 'bad_kind'
  | 'bad_op'
  | 'bad_value'
  | 'empty_group'
  | 'no_criteria';

const STOPS: ReadonlySet<FindingReason> = new Set<FindingReason>([
  'over_100',
  'no_header',
  'no_text_column',
  'duplicate_code',
  'orphan_sub_point',
  'single_sub_point',
  'empty_text',
  'bad_kind',
  'bad_op',
  'bad_value',
  'bad_points',
  'bad_scoring',
  'bad_group_target',
  'unknown_code',
  'bad_year_target',
  'empty_group',
  'no_criteria',
]);

/** A cell read with an assumption, or the reason the import stopped. */
export interface Finding {
  /** The sheet's row (1-based); 0 for the table as a whole. */
  row: number;
  /** The column's letter ("C") and header, when one cell is meant. */
  column?: { letter: string; header: string };
  reason: FindingReason;
  stop: boolean;
  /** The cell as written. */
  cell?: string;
  /** What was read or assumed ("1.3", "tối thiểu 1"), or the other row of a duplicate. */
  detail?: string;
}

/** What the importer is told besides the table: the options of the command, the info sheet. */
export interface TableMeta {
  id: string;
  name: string;
  level: Framework['level'];
  version: string;
  source: string;
  province?: string;
  decision?: string;
  basis?: string;
  calendar?: ReportingCalendar;
  complete?: boolean;
  expectedCriteria?: number;
  notes?: string[];
  recipientsBefore?: Framework['recipientsBefore'];
  levels?: Level[];
}

export interface TableReading {
  /** The framework read, as a draft; absent when a finding stopped the import. */
  framework?: Framework;
  findings: Finding[];
}

/** The sentence of a criterion judged by the commune itself when the table gives no target. */
export const DEFAULT_ASSUMED = 'Bảng của tỉnh không ghi chỉ tiêu; cán bộ xã tự đánh giá đạt hoặc chưa đạt.';
const GROUP_ONLY_ASSUMED =
  'Chỉ tiêu theo nhóm xã; đơn vị chưa được xếp nhóm thì chưa đánh giá theo ngưỡng, cán bộ xã tự đánh giá.';
const UNREADABLE_ASSUMED = (cell: string) =>
  `Chưa đọc được chỉ tiêu "${cell}"; cán bộ xã tự đánh giá đạt hoặc chưa đạt.`;

function letter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** "IV" → 4; undefined for anything else. */
export function romanValue(code: string): number | undefined {
  if (!/^[IVXL]+$/.test(code)) return undefined;
  let total = 0;
  for (let i = 0; i < code.length; i++) {
    const v = ROMAN[code[i] as string] as number;
    const next = ROMAN[code[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

interface HeaderInfo {
  columns: Map<ColumnKey, number>;
  /** "Chỉ tiêu năm yyyy" columns other than the target column: targets of those years. */
  years: Array<{ year: string; col: number }>;
  /** The year the target column names, when it is a "Chỉ tiêu năm yyyy" column. */
  targetYear?: string;
  headerText: Map<number, string>;
  firstDataRow: number;
  unknown: Array<{ col: number; text: string; row: number }>;
}

function findHeader(grid: Grid): HeaderInfo | undefined {
  for (let r = 0; r < Math.min(grid.length, 20); r++) {
    const row = grid[r] ?? [];
    const columns = new Map<ColumnKey, number>();
    const headerText = new Map<number, string>();
    const unknown: HeaderInfo['unknown'] = [];
    const years: HeaderInfo['years'] = [];
    row.forEach((cell, c) => {
      if (cell.merged && row[c - 1]?.text === cell.text) return;
      const year = yearOfHeader(cell.text);
      if (year) {
        years.push({ year, col: c });
        headerText.set(c, cell.text.trim());
        return;
      }
      const key = columnOf(cell.text);
      if (key && !columns.has(key)) {
        columns.set(key, c);
        headerText.set(c, cell.text.trim());
      } else if (cell.text.trim() !== '') unknown.push({ col: c, text: cell.text.trim(), row: r + 1 });
    });
    // Without a "Chỉ tiêu giao" column, the first year's column is the target.
    let targetYear: string | undefined;
    if (!columns.has('target') && years.length > 0) {
      const first = years.shift() as { year: string; col: number };
      columns.set('target', first.col);
      targetYear = first.year;
    }
    if (!columns.has('text') || columns.size < 2) continue;
    let firstDataRow = r + 1;
    // A second header row under merged headers ("Chỉ tiêu theo nhóm xã" over Nhóm 1, 2, 3).
    const next = grid[r + 1] ?? [];
    const extra = next.flatMap((cell, c) => {
      const key = columnOf(cell.text);
      return key && !columns.has(key) ? [[key, c] as const] : [];
    });
    if (extra.length > 0) {
      for (const [key, c] of extra) {
        columns.set(key, c);
        headerText.set(c, (next[c] as Cell).text.trim());
        const i = unknown.findIndex((u) => u.col === c);
        if (i >= 0) unknown.splice(i, 1);
      }
      firstDataRow = r + 2;
    }
    // Headers spanning both rows leave their name only above; what is unknown above a known column below is its title.
    const known = new Set(columns.values());
    return {
      columns,
      years,
      ...(targetYear ? { targetYear } : {}),
      headerText,
      firstDataRow,
      unknown: unknown.filter((u) => !known.has(u.col)),
    };
  }
  return undefined;
}

interface Row {
  row: number;
  /** The cells of the other years' target columns. */
  years: Array<{ year: string; text: string; where: NonNullable<Finding['column']> }>;
  get(key: ColumnKey): string;
  num(key: ColumnKey): number | undefined;
  merged(key: ColumnKey): boolean;
  where(key: ColumnKey): Finding['column'];
}

function isNumberingRow(cells: Cell[]): boolean {
  const filled = cells.filter((c) => c.text.trim() !== '');
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$/.test(c.text.trim()));
}

const SUB_POINT_CODE = /^([a-zđ])\s*[).]?$/u;
const SUB_POINT_TEXT = /^([a-zđ])\)\s+(.+)$/su;
const GROUP_TEXT = /^(?:nhom|phan)(?: (?:tieu chi|chi tieu|chi so))?(?: so)? (\d+|[ivxl]+)\s*[:.\-–]\s*/u;
const ROMAN_TEXT = /^([IVXL]+)[.\s]\s*(.+)$/su;
const COUNT_SUFFIX = /\s*\((\d+)\s+(?:chỉ tiêu|tiêu chí|chỉ số)\)\s*$/iu;

function splitList(text: string, sep: RegExp): string[] {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Reads a province's table. Every assumption is a finding; a finding with `stop` means no
 * framework is returned (nothing is written).
 */
export function readFrameworkTable(grid: Grid, meta: TableMeta): TableReading {
  const findings: Finding[] = [];
  const note = (f: Omit<Finding, 'stop'>) => findings.push({ ...f, stop: STOPS.has(f.reason) });
  const header = findHeader(grid);
  if (!header) {
    note({
      row: 0,
      reason: grid.some((r) => r.some((c) => columnOf(c.text) === 'code')) ? 'no_text_column' : 'no_header',
    });
    return { findings };
  }
  const { columns, headerText } = header;
  if (header.targetYear) {
    const col = columns.get('target') as number;
    note({
      row: header.firstDataRow,
      column: { letter: letter(col), header: headerText.get(col) ?? '' },
      reason: 'year_column',
      detail: header.targetYear,
    });
  }
  for (const u of header.unknown) {
    note({
      row: u.row,
      column: { letter: letter(u.col), header: u.text },
      reason: 'unknown_column',
      cell: u.text,
    });
  }

  const groups: Array<CriteriaGroup & { number: number; expected?: number; row: number; refused?: boolean }> =
    [];
  const seen = new Map<string, number>();
  let current: { criterion: Criterion; row: number; parts: SubPoint[]; targetCell: string } | undefined;
  const finished: Array<{ group: (typeof groups)[number]; criterion: Criterion }> = [];

  const closeCriterion = () => {
    if (!current) return;
    const { criterion, parts, row } = current;
    if (parts.length === 1 || (criterion.kind === 'composite' && parts.length === 0)) {
      note({ row, reason: 'single_sub_point', detail: criterion.code });
    }
    if (parts.length > 0) {
      // Its blank target was said while it looked like a plain criterion: a composite needs none.
      for (let i = findings.length - 1; i >= 0; i--) {
        if (findings[i]?.row === row && findings[i]?.reason === 'blank') findings.splice(i, 1);
      }
      if (current.targetCell !== '') {
        note({ row, reason: 'composite_target', cell: current.targetCell, detail: criterion.code });
      }
      criterion.kind = 'composite';
      criterion.target = { op: 'all', text: '' };
      criterion.parts = parts;
      delete criterion.unit;
    }
    current = undefined;
  };

  const currentGroup = (row: number) => {
    let g = groups.at(-1);
    if (!g) {
      note({ row, reason: 'no_group' });
      g = { code: '1', name: meta.name, criteria: [], number: 1, row };
      groups.push(g);
    }
    return g;
  };

  for (let r = header.firstDataRow; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const rowNumber = r + 1;
    const at = (key: ColumnKey): Cell | undefined => {
      const c = columns.get(key);
      return c === undefined ? undefined : cells[c];
    };
    const row: Row = {
      row: rowNumber,
      years: header.years.map(({ year, col }) => ({
        year,
        text: (cells[col]?.text ?? '').trim(),
        where: { letter: letter(col), header: headerText.get(col) ?? '' },
      })),
      get: (key) => {
        const cell = at(key);
        if (!cell) return '';
        if (cell.merged && (key === 'code' || key === 'text')) return '';
        return cell.text.trim();
      },
      num: (key) => at(key)?.num,
      merged: (key) => Boolean(at(key)?.merged && at(key)?.text.trim()),
      where: (key) => {
        const c = columns.get(key);
        return c === undefined ? undefined : { letter: letter(c), header: headerText.get(c) ?? '' };
      },
    };
    if (cells.every((c) => c.text.trim() === '' || c.merged)) continue;
    if (r === header.firstDataRow && isNumberingRow(cells)) {
      note({ row: rowNumber, reason: 'numbering_row' });
      continue;
    }
    let code = row.get('code').replace(/\.$/, '');
    let text = row.get('text');
    // A group's title written across the row from the first column ("Nhóm 2: Kinh tế số" merged over A:E).
    if (text === '' && code.length > 8) {
      text = code;
      code = '';
    }
    const hasTargetCells = (['target', 'unit', 'kind', 'points'] as const).some(
      (k) => row.get(k) !== '' && !row.merged(k),
    );

    // A sub-point: "a" / "a)" in the code column, or "a) …" opening the text.
    const subCode =
      SUB_POINT_CODE.exec(code)?.[1] ?? (code === '' ? SUB_POINT_TEXT.exec(text)?.[1] : undefined);
    if (subCode) {
      const subText = code === '' ? (SUB_POINT_TEXT.exec(text)?.[2] ?? text).trim() : text;
      if (!current) {
        note({ row: rowNumber, column: row.where('code'), reason: 'orphan_sub_point', cell: code || text });
        continue;
      }
      if (subText === '') {
        note({ row: rowNumber, column: row.where('text'), reason: 'empty_text' });
        continue;
      }
      const leaf = readLeaf(row, note);
      if (!leaf) continue;
      if (row.get('points') !== '') {
        note({
          row: rowNumber,
          column: row.where('points'),
          reason: 'sub_point_points',
          cell: row.get('points'),
        });
      }
      current.parts.push({ code: subCode, text: subText, ...leaf } as SubPoint);
      continue;
    }

    // A group row.
    const foldedText = fold(text);
    const groupByText = GROUP_TEXT.exec(foldedText);
    const romanInText = code === '' ? ROMAN_TEXT.exec(text) : null;
    const single = /^\d+$/.test(code);
    const nextCode = nextRowCode(grid, r + 1, columns.get('code'));
    const isGroup =
      !hasTargetCells &&
      (romanValue(code) !== undefined ||
        /^[A-Z]$/.test(code) ||
        (code === '' && (groupByText !== null || romanInText !== null)) ||
        (single && nextCode.startsWith(`${code}.`)) ||
        (single && groupByText !== null));
    if (isGroup) {
      closeCriterion();
      let gCode = code;
      let name = text;
      if (groupByText) {
        gCode = gCode || groupByText[1]?.toUpperCase() || '';
        name = text.slice(cutLength(text, foldedText, groupByText[0].length)).trim();
      } else if (romanInText) {
        gCode = romanInText[1] as string;
        name = (romanInText[2] as string).trim();
      }
      const countMatch = COUNT_SUFFIX.exec(name);
      if (countMatch) name = name.slice(0, countMatch.index).trim();
      const number =
        romanValue(gCode) ?? (/^[A-Z]$/.test(gCode) ? gCode.charCodeAt(0) - 64 : Number.parseInt(gCode, 10));
      groups.push({
        code: gCode,
        name: name || gCode,
        criteria: [],
        number: Number.isFinite(number) ? number : groups.length + 1,
        row: rowNumber,
        ...(countMatch ? { expected: Number(countMatch[1]) } : {}),
      });
      continue;
    }

    // A criterion row.
    closeCriterion();
    if (text === '') {
      note({ row: rowNumber, column: row.where('text'), reason: 'empty_text', cell: code });
      continue;
    }
    const group = currentGroup(rowNumber);
    let finalCode = code;
    if (!/^\d+(\.\d+)+$/.test(code)) {
      const n = /^\d+$/.test(code) ? Number(code) : group.criteria.length + 1;
      finalCode = `${group.number}.${n}`;
      note({
        row: rowNumber,
        column: row.where('code'),
        reason: code === '' ? 'code_missing' : 'code_renumbered',
        cell: code,
        detail: finalCode,
      });
    }
    const earlier = seen.get(finalCode);
    if (earlier !== undefined) {
      note({
        row: rowNumber,
        column: row.where('code'),
        reason: 'duplicate_code',
        cell: finalCode,
        detail: String(earlier),
      });
      continue;
    }
    seen.set(finalCode, rowNumber);
    const kindCell = row.get('kind');
    const composite = kindCell !== '' && byLabel(KIND_LABEL, kindCell) === 'composite';
    const leaf = composite
      ? { kind: 'composite' as const, target: { op: 'all' as const, text: '' }, ...readExtras(row) }
      : readLeaf(row, note);
    if (!leaf) {
      group.refused = true;
      continue;
    }
    const criterion: Criterion = { code: finalCode, text, ...leaf } as Criterion;
    const pointsCell = row.get('points');
    if (pointsCell !== '') {
      const points = row.num('points') ?? parseViNumber(pointsCell);
      if (points === undefined || points <= 0) {
        note({ row: rowNumber, column: row.where('points'), reason: 'bad_points', cell: pointsCell });
        continue;
      }
      criterion.points = points;
    }
    const scoringCell = row.get('scoring');
    if (scoringCell !== '') {
      const scoring = readScoring(scoringCell);
      if (!scoring || criterion.points === undefined) {
        note({ row: rowNumber, column: row.where('scoring'), reason: 'bad_scoring', cell: scoringCell });
        continue;
      }
      criterion.scoring = scoring;
    }
    const source = row.get('source');
    if (source) criterion.source = source;
    const aliases = splitList(row.get('aliases'), /[;\n]/);
    if (aliases.length > 0) criterion.aliases = aliases;
    group.criteria.push(criterion);
    finished.push({ group, criterion });
    current = { criterion, row: rowNumber, parts: [], targetCell: composite ? '' : row.get('target') };
  }
  closeCriterion();

  for (const g of groups) {
    if (g.criteria.length === 0 && !g.refused) note({ row: g.row, reason: 'empty_group', cell: g.name });
    else if (g.expected !== undefined && g.expected !== g.criteria.length) {
      note({ row: g.row, reason: 'group_count', detail: `${g.expected}/${g.criteria.length}` });
    }
  }
  if (groups.length === 0) note({ row: 0, reason: 'no_criteria' });
  if (findings.some((f) => f.stop)) return { findings };

  const framework: Framework = {
    id: meta.id,
    name: meta.name,
    level: meta.level,
    ...(meta.province ? { province: meta.province } : {}),
    version: meta.version,
    ...(meta.decision ? { decision: meta.decision } : {}),
    ...(meta.basis ? { basis: meta.basis } : {}),
    ...(meta.recipientsBefore ? { recipientsBefore: meta.recipientsBefore } : {}),
    source: meta.source,
    complete: meta.complete ?? true,
    ...(meta.expectedCriteria !== undefined ? { expectedCriteria: meta.expectedCriteria } : {}),
    ...(meta.notes && meta.notes.length > 0 ? { notes: meta.notes } : {}),
    ...(meta.levels ? { levels: meta.levels } : {}),
    status: 'draft',
    ...(meta.calendar ? { calendar: meta.calendar } : {}),
    groups: groups.map(({ code, name, criteria }) => ({ code, name, criteria })),
  };
  return { framework, findings };
}

/** How many characters of the original text the folded prefix covers (folding keeps lengths of NFC text). */
function cutLength(original: string, _folded: string, n: number): number {
  return Math.min(original.length, n);
}

function nextRowCode(grid: Grid, from: number, col: number | undefined): string {
  if (col === undefined) return '';
  for (let r = from; r < grid.length; r++) {
    const c = grid[r]?.[col];
    if (c && !c.merged && c.text.trim() !== '') return c.text.trim();
  }
  return '';
}

type Leaf = Pick<Criterion, 'text'> & Omit<SubPoint, 'code' | 'text'> & { kind: LeafKind; target: Target };

/** The answer kind, target, unit and the other columns of a criterion or sub-point row. */
function readLeaf(row: Row, note: (f: Omit<Finding, 'stop'>) => void): Omit<Leaf, 'text'> | undefined {
  const targetCell = row.get('target');
  const unitCell = row.get('unit');
  const groupKeys = ['group1', 'group2', 'group3'] as const;
  const groupCells = groupKeys.map((k) => row.get(k));
  const firstGroupCell = groupCells.find((c) => c !== '');
  // Targets only per commune group: the kind is read from them, the base target waits for the group.
  const byGroupOnly = targetCell === '' && firstGroupCell !== undefined;
  const reading = inferTarget(byGroupOnly ? firstGroupCell : targetCell, unitCell);
  const kindCell = row.get('kind');
  const opCell = row.get('op');
  const valueCell = row.get('value');
  const assumedCell = row.get('assumed');
  const counted = row.get('counted');

  let kind: LeafKind = reading.kind;
  if (kindCell !== '') {
    const k = byLabel(KIND_LABEL, kindCell);
    if (!k || k === 'composite') {
      note({ row: row.row, column: row.where('kind'), reason: 'bad_kind', cell: kindCell });
      return undefined;
    }
    kind = k;
  } else if (reading.kind === 'percent' && counted !== '') {
    kind = 'ratio';
  }
  let op: TargetOp = reading.op;
  if (opCell !== '') {
    const o = byLabel(OP_LABEL, opCell);
    if (!o || o === 'all') {
      note({ row: row.row, column: row.where('op'), reason: 'bad_op', cell: opCell });
      return undefined;
    }
    op = o;
  }
  let value = reading.value;
  if (valueCell !== '') {
    value = row.num('value') ?? parseViNumber(valueCell);
    if (value === undefined) {
      note({ row: row.row, column: row.where('value'), reason: 'bad_value', cell: valueCell });
      return undefined;
    }
  }
  const numeric = op === '>=' || op === '>' || op === '=' || op === '<' || op === '<=';
  if (!numeric) value = undefined;
  if (numeric && value === undefined) {
    note({ row: row.row, column: row.where('value'), reason: 'bad_value', cell: valueCell || targetCell });
    return undefined;
  }
  const explicit = opCell !== '' || kindCell !== '';
  if (byGroupOnly) {
    // Read per group below; the doubts are said there.
  } else if (reading.doubt && !(explicit && reading.doubt !== 'over_100')) {
    note({
      row: row.row,
      column: row.where('target'),
      reason: reading.doubt,
      cell: targetCell,
      detail: reading.doubt === 'over_100' ? undefined : describe(kind, op, value, reading.unit ?? unitCell),
    });
    if (reading.doubt === 'over_100') return undefined;
  }
  if (row.merged('target') && targetCell !== '') {
    note({ row: row.row, column: row.where('target'), reason: 'merged_copied', cell: targetCell });
  }
  const target: Target = byGroupOnly
    ? { op: 'self', text: '', assumed: GROUP_ONLY_ASSUMED }
    : { op, text: targetCell, ...(value !== undefined ? { value } : {}) };
  if (byGroupOnly) {
    // (the base target is only for a unit without a group, which is not judged on a guess)
  } else if (assumedCell !== '') target.assumed = assumedCell;
  else if (!explicit && (targetCell === '' || op === 'self')) {
    target.assumed = targetCell === '' ? DEFAULT_ASSUMED : UNREADABLE_ASSUMED(targetCell);
  }
  const unitColumn = unitCell !== '' && !isPercentUnit(unitCell) ? unitCell : '';
  const unit =
    kind === 'percent' || kind === 'ratio'
      ? counted
      : kind === 'count'
        ? reading.unit?.includes('/') || !unitColumn
          ? (reading.unit ?? unitColumn)
          : unitColumn
        : unitCell;
  const leaf: Omit<Leaf, 'text'> = { kind, target, ...readExtras(row) };
  if (unit) leaf.unit = unit;
  const byGroup: GroupTargets = {};
  for (const [i, k] of groupKeys.entries()) {
    const cell = groupCells[i] ?? '';
    if (cell === '') continue;
    const g = inferTarget(cell, unitCell);
    if (g.doubt === 'over_100' || (g.kind !== kind && !(g.op === 'self' && g.doubt))) {
      note({
        row: row.row,
        column: row.where(k),
        reason: 'bad_group_target',
        cell,
        detail: KIND_LABEL[kind],
      });
      return undefined;
    }
    if (g.doubt) {
      note({
        row: row.row,
        column: row.where(k),
        reason: g.doubt,
        cell,
        detail: describe(kind, g.op, g.value, g.unit ?? unitCell),
      });
    }
    byGroup[String(i + 1) as '1' | '2' | '3'] = {
      op: g.op,
      text: cell,
      ...(g.value !== undefined ? { value: g.value } : {}),
      ...(g.op === 'self' ? { assumed: UNREADABLE_ASSUMED(cell) } : {}),
    };
  }
  if (Object.keys(byGroup).length > 0) leaf.byGroup = byGroup;
  const byYear: Record<string, Target> = {};
  for (const y of row.years) {
    if (y.text === '') continue;
    const t = inferTarget(y.text, unitCell);
    if (t.doubt || (t.kind !== kind && !(kind === 'ratio' && t.kind === 'percent'))) {
      note({
        row: row.row,
        column: y.where,
        reason: 'bad_year_target',
        cell: y.text,
        detail: KIND_LABEL[kind],
      });
      return undefined;
    }
    byYear[y.year] = { op: t.op, text: y.text, ...(t.value !== undefined ? { value: t.value } : {}) };
  }
  if (Object.keys(byYear).length > 0) leaf.byYear = byYear;
  if (kind === 'ratio' && !unit) {
    note({ row: row.row, column: row.where('counted'), reason: 'bad_kind', cell: kindCell || targetCell });
    return undefined;
  }
  return leaf;
}

/** The columns every row may have besides its target: definition, what is counted as đạt, minh chứng. */
function readExtras(row: Row): Pick<SubPoint, 'numeratorLabel' | 'note' | 'notApplicableWhen' | 'evidence'> {
  const out: Pick<SubPoint, 'numeratorLabel' | 'note' | 'notApplicableWhen' | 'evidence'> = {};
  const numeratorLabel = row.get('numeratorLabel');
  if (numeratorLabel) out.numeratorLabel = numeratorLabel;
  const noteText = row.get('note');
  if (noteText) out.note = noteText;
  const na = row.get('notApplicableWhen');
  if (na) out.notApplicableWhen = na;
  const evidence = splitList(row.get('evidence'), /\n/);
  if (evidence.length > 0) out.evidence = evidence;
  return out;
}

/**
 * A "Cách chấm điểm" cell: "đạt mới có điểm" (all-or-nothing), "tỷ lệ" (proportional), or tiers
 * "từ 50: 2; từ 80: 4" (threshold: points, lowest first).
 */
export function readScoring(cell: string): Scoring | undefined {
  const f = fold(cell);
  if (/^(tat ca|dat moi co diem|dat hoac khong|co hoac khong|toan bo)$/.test(f)) return 'all';
  if (/^(ty le|theo ty le|tinh theo ty le)$/.test(f)) return 'proportional';
  const tiers: Array<{ from: number; points: number }> = [];
  for (const part of f
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(?:tu\s*)?(\d[\d.,]*)\s*%?[^:]*:\s*(\d[\d.,]*)(?:\s*diem)?$/.exec(part);
    const from = m?.[1] ? parseViNumber(m[1]) : undefined;
    const points = m?.[2] ? parseViNumber(m[2]) : undefined;
    if (from === undefined || points === undefined) return undefined;
    tiers.push({ from, points });
  }
  return tiers.length > 0 ? { tiers } : undefined;
}

/** The cell of a scoring rule, as `readScoring` reads it. */
export function scoringCell(s: Scoring | undefined): string {
  if (s === undefined) return '';
  if (s === 'all') return 'đạt mới có điểm';
  if (s === 'proportional') return 'tỷ lệ';
  return s.tiers
    .map((t) => `từ ${String(t.from).replace('.', ',')}: ${String(t.points).replace('.', ',')}`)
    .join('; ');
}

/** "tối thiểu 30%", "dưới 5%", "tự đánh giá": what a row was read as, for the findings. */
export function describe(kind: LeafKind, op: TargetOp, value: number | undefined, unit: string): string {
  if (op === 'self') return 'tự đánh giá';
  if (op === 'yes') return 'Có';
  if (op === 'provided') return 'có nội dung';
  const v = value === undefined ? '' : String(value).replace('.', ',');
  const u = kind === 'percent' || kind === 'ratio' ? '%' : unit ? ` ${unit}` : '';
  return `${OP_LABEL[op]} ${v}${u}`.trim();
}

// ---------------------------------------------------------------------------------------------
// Writing a framework back as a table.

/** The columns an exported table has, in order. */
export const EXPORT_COLUMNS: readonly ColumnKey[] = [
  'code',
  'text',
  'target',
  'unit',
  'points',
  'scoring',
  'group1',
  'group2',
  'group3',
  'note',
  'kind',
  'op',
  'value',
  'assumed',
  'counted',
  'numeratorLabel',
  'notApplicableWhen',
  'evidence',
  'source',
  'aliases',
];

/** A cell to write: text, or a number. */
export type OutCell = string | number;

function leafCells(leaf: SubPoint | Criterion): Partial<Record<ColumnKey, OutCell>> {
  const kind = leaf.kind;
  const t = leaf.target;
  const out: Partial<Record<ColumnKey, OutCell>> = {
    target: t.text,
    kind: KIND_LABEL[kind],
    note: leaf.note ?? '',
    numeratorLabel: leaf.numeratorLabel ?? '',
    notApplicableWhen: leaf.notApplicableWhen ?? '',
    evidence: (leaf.evidence ?? []).join('\n'),
    assumed: t.assumed ?? '',
    group1: leaf.byGroup?.['1']?.text ?? '',
    group2: leaf.byGroup?.['2']?.text ?? '',
    group3: leaf.byGroup?.['3']?.text ?? '',
  };
  if (kind === 'composite') return { ...out, target: '', kind: KIND_LABEL.composite };
  const ratioLike = kind === 'percent' || kind === 'ratio';
  out.unit = ratioLike ? '%' : (leaf.unit ?? '');
  out.counted = ratioLike ? (leaf.unit ?? '') : '';
  // The comparison and threshold are written only when the target text does not say them.
  const reading = inferTarget(t.text, String(out.unit));
  const same = reading.op === t.op && reading.value === t.value;
  if (!same) {
    out.op = OP_LABEL[t.op];
    out.value = t.value ?? '';
  }
  return out;
}

/** The rows of a framework as a table: the header, then group, criterion and sub-point rows. */
export function frameworkToTable(fw: Framework): OutCell[][] {
  // The targets set for years ("Chỉ tiêu năm 2027") go in columns of their own, at the end.
  const years = [
    ...new Set(
      fw.groups.flatMap((g) =>
        g.criteria.flatMap((c) => [c, ...(c.parts ?? [])].flatMap((l) => Object.keys(l.byYear ?? {}))),
      ),
    ),
  ].sort();
  type WithYears = { byYear?: Record<string, Target> };
  const rows: OutCell[][] = [
    [...EXPORT_COLUMNS.map((k) => COLUMN_HEADERS[k]), ...years.map((y) => `Chỉ tiêu năm ${y}`)],
  ];
  const line = (cells: Partial<Record<ColumnKey, OutCell>>, leaf?: WithYears) =>
    rows.push([
      ...EXPORT_COLUMNS.map((k) => cells[k] ?? ''),
      ...years.map((y) => leaf?.byYear?.[y]?.text ?? ''),
    ]);
  for (const g of fw.groups) {
    line({ code: g.code, text: g.name });
    for (const c of g.criteria) {
      line(
        {
          code: c.code,
          text: c.text,
          ...leafCells(c),
          source: c.source ?? '',
          aliases: (c.aliases ?? []).join('; '),
          points: c.points ?? '',
          scoring: scoringCell(c.scoring),
        },
        c,
      );
      for (const p of c.parts ?? []) line({ code: `${p.code})`, text: p.text, ...leafCells(p) }, p);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The info sheet: what the table itself does not say (the name, the decision, the source).

const INFO_LABELS = {
  id: 'Mã bộ tiêu chí',
  name: 'Tên bộ tiêu chí',
  level: 'Cấp',
  province: 'Tỉnh',
  version: 'Phiên bản',
  decision: 'Quyết định ban hành',
  basis: 'Căn cứ',
  source: 'Nguồn',
  complete: 'Đủ bộ',
  expectedCriteria: 'Số tiêu chí của bộ đầy đủ',
  calendar: 'Kỳ báo cáo',
  recipientsDate: 'Nơi nhận trước ngày',
  recipients: 'Nơi nhận trước đó',
  notes: 'Ghi chú',
  levels: 'Mức',
} as const;

const LEVEL_LABEL: Record<Framework['level'], string> = { xa: 'xã', huyen: 'huyện', tinh: 'tỉnh' };

/** The info sheet's rows: a label and a value; notes and recipients take a row each. */
export function infoRows(fw: Framework): string[][] {
  const rows: string[][] = [['Thông tin', 'Giá trị']];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined) rows.push([label, value]);
  };
  add(INFO_LABELS.id, fw.id);
  add(INFO_LABELS.name, fw.name);
  add(INFO_LABELS.level, LEVEL_LABEL[fw.level]);
  add(INFO_LABELS.province, fw.province);
  add(INFO_LABELS.version, fw.version);
  add(INFO_LABELS.decision, fw.decision);
  add(INFO_LABELS.basis, fw.basis);
  add(INFO_LABELS.source, fw.source);
  add(INFO_LABELS.complete, fw.complete ? 'Có' : 'Không');
  add(INFO_LABELS.expectedCriteria, fw.expectedCriteria?.toString());
  add(INFO_LABELS.calendar, fw.calendar ? CALENDAR_LABEL[fw.calendar] : undefined);
  if (fw.recipientsBefore) {
    add(INFO_LABELS.recipientsDate, fw.recipientsBefore.date);
    for (const r of fw.recipientsBefore.recipients) add(INFO_LABELS.recipients, r);
  }
  for (const n of fw.notes ?? []) add(INFO_LABELS.notes, n);
  for (const l of fw.levels ?? [])
    add(INFO_LABELS.levels, `${l.name} từ ${String(l.from).replace('.', ',')} điểm`);
  return rows;
}

/** What an info sheet says; unknown labels are ignored. */
export function readInfoRows(grid: Grid): Partial<TableMeta> & { id?: string; name?: string } {
  const out: Partial<TableMeta> & { notes?: string[] } = {};
  const recipients: string[] = [];
  let recipientsDate: string | undefined;
  const key = (label: string) =>
    (Object.keys(INFO_LABELS) as Array<keyof typeof INFO_LABELS>).find(
      (k) => fold(INFO_LABELS[k]) === fold(label),
    );
  for (const row of grid) {
    const label = row[0]?.text.trim() ?? '';
    const value = row[1]?.text.trim() ?? '';
    const k = key(label);
    if (!k || value === '') continue;
    switch (k) {
      case 'level':
        out.level = byLabel(LEVEL_LABEL, value);
        break;
      case 'complete':
        out.complete = fold(value) === 'co';
        break;
      case 'expectedCriteria':
        out.expectedCriteria = Number(value.replace(/\D/g, '')) || undefined;
        break;
      case 'calendar':
        out.calendar = byLabel(CALENDAR_LABEL, value);
        break;
      case 'recipientsDate':
        recipientsDate = value;
        break;
      case 'recipients':
        recipients.push(value);
        break;
      case 'notes':
        out.notes = [...(out.notes ?? []), value];
        break;
      case 'levels': {
        const m = /^(.+?)\s+từ\s+(\d[\d.,]*)/u.exec(value);
        const from = m?.[2] ? parseViNumber(m[2]) : undefined;
        if (m?.[1] && from !== undefined) out.levels = [...(out.levels ?? []), { name: m[1], from }];
        break;
      }
      default:
        out[k] = value;
    }
  }
  if (recipientsDate && recipients.length > 0) out.recipientsBefore = { date: recipientsDate, recipients };
  for (const k of Object.keys(out) as Array<keyof typeof out>) if (out[k] === undefined) delete out[k];
  return out;
}

/** The calendar named by an option ("quarter", "quý", "6 tháng", "năm"). */
export function readCalendar(text: string): ReportingCalendar | undefined {
  return byLabel(CALENDAR_LABEL, text) ?? (['quarter', 'half-year', 'year'] as const).find((c) => c === text);
}

/** The template's example rows: one per kind of criterion, under one group. */
export function templateRows(): OutCell[][] {
  const cols: ColumnKey[] = [
    'code',
    'text',
    'target',
    'unit',
    'points',
    'note',
    'group1',
    'group2',
    'group3',
  ];
  const header = cols.map((k) => COLUMN_HEADERS[k]);
  const row = (cells: Partial<Record<ColumnKey, OutCell>>) => cols.map((k) => cells[k] ?? '');
  return [
    header,
    row({ code: 'I', text: 'Hạ tầng số' }),
    row({
      code: '1.1',
      text: 'Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số',
      target: '100%',
      unit: '%',
      note: 'Số cán bộ, công chức được bồi dưỡng / tổng số cán bộ, công chức của xã',
      points: 10,
    }),
    row({ code: '1.2', text: 'Xã có Cổng/Trang thông tin điện tử', target: 'Có' }),
    row({
      code: '1.3',
      text: 'Tốc độ truy cập Internet băng rộng cố định trung bình',
      target: 'tối thiểu 36 Mb/s',
      unit: 'Mb/s',
    }),
    row({
      code: '1.4',
      text: 'Số thuê bao băng rộng di động trên 100 dân',
      target: '22/100 dân',
      unit: 'thuê bao/100 dân',
    }),
    row({ code: '1.5', text: 'Tỷ lệ hộ nghèo', target: 'dưới 5%', unit: '%' }),
    row({
      code: '1.6',
      text: 'Số điểm phục vụ bưu chính có cung cấp dịch vụ công trực tuyến',
      target: '01',
      unit: 'điểm',
    }),
    row({ code: '1.7', text: 'Ứng dụng công nghệ số trong quản lý của xã', target: '' }),
    row({ code: 'II', text: 'Chính quyền số' }),
    row({ code: '2.1', text: 'Tiêu chí gồm nhiều ý', target: '' }),
    row({ code: 'a)', text: 'Ý thứ nhất', target: 'Có' }),
    row({ code: 'b)', text: 'Ý thứ hai', target: 'tối thiểu 30%', unit: '%' }),
    row({
      code: '2.2',
      text: 'Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến (chỉ tiêu theo nhóm xã)',
      unit: '%',
      group1: '≥ 80%',
      group2: '≥ 70%',
      group3: '≥ 50%',
    }),
  ];
}

/** Levels as an option writes them: "Mức 1: 0; Mức 2: 50; Mức 3: 75" (or "Mức 2 từ 50 điểm"). */
export function readLevels(text: string): Level[] | undefined {
  const levels: Level[] = [];
  for (const part of text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+?)(?:\s*:\s*|\s+từ\s+)(\d[\d.,]*)(?:\s*điểm)?$/u.exec(part);
    const from = m?.[2] ? parseViNumber(m[2]) : undefined;
    if (!m?.[1] || from === undefined) return undefined;
    levels.push({ name: m[1].trim(), from });
  }
  const ascending = levels.every((l, i) => i === 0 || l.from > (levels[i - 1] as Level).from);
  return levels.length > 0 && ascending ? levels : undefined;
}

/**
 * The targets a province assigns for one year, read from a table with the framework's codes (as
 * `frameworks export` writes them: group rows, criteria "1.4", sub-points "a)") and a target column
 * ("Chỉ tiêu giao", "Chỉ tiêu năm 2027" …). Rows without a target keep the framework's; a code the
 * framework does not have, or a target of another kind, stops it.
 */
export function readYearTargets(
  grid: Grid,
  fw: Framework,
): { targets?: Map<string, Target>; findings: Finding[] } {
  const findings: Finding[] = [];
  const note = (f: Omit<Finding, 'stop'>) => findings.push({ ...f, stop: STOPS.has(f.reason) });
  const header = findHeader(grid);
  if (!header?.columns.has('code') || !header.columns.has('target')) {
    note({ row: 0, reason: 'no_header' });
    return { findings };
  }
  const codeCol = header.columns.get('code') as number;
  const targetCol = header.columns.get('target') as number;
  const unitCol = header.columns.get('unit');
  const where = (c: number) => ({ letter: letter(c), header: header.headerText.get(c) ?? '' });
  const leaves = new Map<string, { kind: AnswerKind; unit?: string }>();
  const groupCodes = new Set(fw.groups.map((g) => g.code));
  for (const g of fw.groups)
    for (const c of g.criteria) {
      leaves.set(c.code, { kind: c.kind, ...(c.unit ? { unit: c.unit } : {}) });
      for (const p of c.parts ?? [])
        leaves.set(`${c.code}${p.code}`, { kind: p.kind, ...(p.unit ? { unit: p.unit } : {}) });
    }
  const targets = new Map<string, Target>();
  let criterion = '';
  for (let r = header.firstDataRow; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const code = (cells[codeCol]?.merged ? '' : (cells[codeCol]?.text ?? '')).trim().replace(/\.$/, '');
    const cell = (cells[targetCol]?.text ?? '').trim();
    const sub = SUB_POINT_CODE.exec(code)?.[1];
    const key = sub ? `${criterion}${sub}` : code;
    if (!sub && leaves.has(code)) criterion = code;
    if (code === '' || (groupCodes.has(code) && !leaves.has(code))) continue;
    const leaf = leaves.get(key);
    if (!leaf) {
      note({ row: r + 1, column: where(codeCol), reason: 'unknown_code', cell: code });
      continue;
    }
    if (cell === '' || leaf.kind === 'composite') continue;
    const unitCell = unitCol !== undefined ? (cells[unitCol]?.text ?? '') : (leaf.unit ?? '');
    const reading = inferTarget(
      cell,
      leaf.kind === 'percent' || leaf.kind === 'ratio' ? '%' : unitCell || (leaf.unit ?? ''),
    );
    if (
      reading.doubt ||
      (reading.kind !== leaf.kind && !(leaf.kind === 'ratio' && reading.kind === 'percent'))
    ) {
      note({
        row: r + 1,
        column: where(targetCol),
        reason: 'bad_year_target',
        cell,
        detail: KIND_LABEL[leaf.kind],
      });
      continue;
    }
    targets.set(key, {
      op: reading.op,
      text: cell,
      ...(reading.value !== undefined ? { value: reading.value } : {}),
    });
  }
  if (findings.length === 0 && targets.size === 0) note({ row: 0, reason: 'no_criteria' });
  return findings.some((f) => f.stop) ? { findings } : { targets, findings };
}

/** The framework with `year`'s targets added (`byYear`), for the criteria and sub-points in `targets`. */
export function withYearTargets(
  fw: Framework,
  year: string,
  targets: ReadonlyMap<string, Target>,
): Framework {
  const add = <T extends { byYear?: Record<string, Target> }>(leaf: T, key: string): T => {
    const t = targets.get(key);
    return t ? { ...leaf, byYear: { ...(leaf.byYear ?? {}), [year]: t } } : leaf;
  };
  return {
    ...fw,
    groups: fw.groups.map((g) => ({
      ...g,
      criteria: g.criteria.map((c) => ({
        ...add(c, c.code),
        ...(c.parts ? { parts: c.parts.map((p) => add(p, `${c.code}${p.code}`)) } : {}),
      })),
    })),
  };
}
