/**
 * Reading a framework table: the header row, the group rows, criterion and sub-point rows.
 */

import { fold, parseViNumber } from '../../answers/normalize.js';
import type { CriteriaGroup, Criterion, Framework, SubPoint } from '../types.js';
import {
  byLabel,
  type Cell,
  type ColumnKey,
  columnOf,
  type Grid,
  KIND_LABEL,
  letter,
  romanValue,
  yearOfHeader,
} from './columns.js';
import { type Finding, STOPS, type TableMeta, type TableReading } from './findings.js';
import { type Row, readExtras, readLeaf, readScoring, splitList } from './leaf.js';

interface HeaderInfo {
  columns: Map<ColumnKey, number>;
  /** "Chỉ tiêu năm yyyy" columns other than the target column: targets of those years. */
  years: Array<{ year: string; col: number }>;
  /** The year the target column names, when it is a "Chỉ tiêu năm yyyy" column. */
  targetYear?: string;
  headerText: Map<number, string>;
  firstDataRow: number;
  unknown: Array<{ col: number; text: string; row: number }>;
  /**
   * A criterion's name in a column of its own beside its content ("Tên tiêu chí" and "Nội dung tiêu
   * chí", as the NTM tables write them: "8 | Thông tin và Truyền thông | 8.1. Xã có điểm phục vụ
   * bưu chính | Đạt"): the content column is the text, this one names the group its rows form.
   */
  nameCol?: number;
}

export function findHeader(grid: Grid): HeaderInfo | undefined {
  for (let r = 0; r < Math.min(grid.length, 20); r++) {
    const row = grid[r] ?? [];
    const columns = new Map<ColumnKey, number>();
    const headerText = new Map<number, string>();
    const unknown: HeaderInfo['unknown'] = [];
    const years: HeaderInfo['years'] = [];
    let nameCol: number | undefined;
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
      } else if (
        key === 'text' &&
        nameCol === undefined &&
        isNameHeader(cell.text) !== isNameHeader(headerText.get(columns.get('text') ?? -1) ?? '')
      ) {
        // Two text columns, one of them a name ("Tên tiêu chí"): the other is the content.
        const other = columns.get('text') as number;
        const [name, content] = isNameHeader(cell.text) ? [c, other] : [other, c];
        nameCol = name;
        columns.set('text', content);
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
      ...(nameCol !== undefined ? { nameCol } : {}),
    };
  }
  return undefined;
}

/** "Tên tiêu chí", "Tên chỉ tiêu": a header that names rather than states. */
function isNameHeader(header: string): boolean {
  return /^ten /.test(fold(header.trim()));
}

/** "8.1. Xã có điểm phục vụ bưu chính" → 8.1 and the rest. */
const CODE_IN_TEXT = /^(\d+(?:\.\d+)+)\.?\s+(.+)$/su;

/**
 * A table with a name column beside the content column, as the NTM tables are written, in the
 * one-text-column shape the reader knows: a row that names a criterion ("8 | Thông tin và Truyền
 * thông | 8.1. …") becomes a group row (8, its name) followed by the row of its first content
 * (8.1, its text); the content rows under it keep their code ("8.2. …") or get the next one. A
 * row naming only a larger group ("VII | VĂN HÓA - XÃ HỘI") right before a named criterion is
 * left out and said: each criterion is a group in cds-bot. Returns the rows and, for each, the
 * sheet row it came from.
 */
function unfoldNames(
  grid: Grid,
  header: HeaderInfo,
  note: (f: Omit<Finding, 'stop'>) => void,
): { rows: Grid; rowNumbers: number[] } {
  const nameCol = header.nameCol as number;
  const codeCol = header.columns.get('code');
  const textCol = header.columns.get('text') as number;
  const rows: Grid = grid.slice(0, header.firstDataRow);
  const rowNumbers = rows.map((_, i) => i + 1);
  const own = (cells: Cell[], col: number | undefined) => {
    const cell = col === undefined ? undefined : cells[col];
    return cell && !cell.merged ? cell.text.trim() : '';
  };
  const blank: Cell = { text: '', merged: false };
  const put = (cells: Cell[], values: Array<[number | undefined, string]>): Cell[] => {
    const out = cells.map((c) => ({ ...c }));
    for (const [col, text] of values) if (col !== undefined) out[col] = { text, merged: false };
    out[nameCol] = blank;
    return out;
  };
  const nameOf = (r: number) => own(grid[r] ?? [], nameCol);
  // The named criterion the content rows belong to, and how many it has so far.
  let group = '';
  let count = 0;
  const contentRow = (r: number, cells: Cell[], content: string) => {
    const m = CODE_IN_TEXT.exec(content);
    count++;
    let code = m?.[1] as string | undefined;
    if (!code && /^\d+$/.test(group) && !/^[a-zđ]\)/u.test(content)) {
      code = `${group}.${count}`;
      note({
        row: r + 1,
        column: { letter: letter(textCol), header: header.headerText.get(textCol) ?? '' },
        reason: 'code_missing',
        detail: code,
      });
    }
    rows.push(
      put(
        cells,
        code
          ? [
              [codeCol, code],
              [textCol, m ? (m[2] as string).trim() : content],
            ]
          : [],
      ),
    );
    rowNumbers.push(r + 1);
  };
  for (let r = header.firstDataRow; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const name = nameOf(r);
    const content = own(cells, textCol);
    const code = own(cells, codeCol).replace(/\.$/, '');
    if (name === '') {
      if (content !== '') contentRow(r, cells, content);
      else {
        rows.push(put(cells, []));
        rowNumbers.push(r + 1);
      }
      continue;
    }
    if (content === '' && romanValue(code) !== undefined && nameOf(r + 1) !== '') {
      note({
        row: r + 1,
        column: { letter: letter(nameCol), header: header.headerText.get(nameCol) ?? '' },
        reason: 'parent_group',
        cell: `${code}. ${name}`,
      });
      continue;
    }
    // The criterion's name: a group row of its own.
    group = code;
    count = 0;
    rows.push(
      put(
        cells.map(() => blank),
        [
          [codeCol, code],
          [textCol, name],
        ],
      ),
    );
    rowNumbers.push(r + 1);
    if (content !== '') contentRow(r, cells, content);
  }
  return { rows, rowNumbers };
}

function isNumberingRow(cells: Cell[]): boolean {
  const filled = cells.filter((c) => c.text.trim() !== '');
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$/.test(c.text.trim()));
}

export const SUB_POINT_CODE = /^([a-zđ])\s*[).]?$/u;
const SUB_POINT_TEXT = /^([a-zđ])\)\s+(.+)$/su;
const GROUP_TEXT = /^(?:nhom|phan)(?: (?:tieu chi|chi tieu|chi so))?(?: so)? (\d+|[ivxl]+)\s*[:.\-–]\s*/u;
const ROMAN_TEXT = /^([IVXL]+)[.\s]\s*(.+)$/su;
const COUNT_SUFFIX = /\s*\((\d+)\s+(?:chỉ tiêu|tiêu chí|chỉ số)\)\s*$/iu;

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
  const unfolded = header.nameCol !== undefined ? unfoldNames(grid, header, note) : undefined;
  const rowsIn = unfolded?.rows ?? grid;
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

  for (let r = header.firstDataRow; r < rowsIn.length; r++) {
    const cells = rowsIn[r] ?? [];
    const rowNumber = unfolded?.rowNumbers[r] ?? r + 1;
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
    const nextCode = nextRowCode(rowsIn, r + 1, columns.get('code'));
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
    ...(meta.yearDue ? { yearDue: meta.yearDue } : {}),
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
