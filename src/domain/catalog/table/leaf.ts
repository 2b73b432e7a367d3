/**
 * One criterion or sub-point row of a framework table: its answer kind, target, unit, points and
 * the other columns, each cell read or listed.
 */
import { fold, parseViNumber } from '../../answers/normalize.js';
import { inferTarget, isPercentUnit, type LeafKind } from '../infer.js';
import type { Criterion, GroupTargets, Scoring, SubPoint, Target, TargetOp } from '../types.js';
import { byLabel, type ColumnKey, KIND_LABEL, OP_LABEL } from './columns.js';
import { DEFAULT_ASSUMED, type Finding, GROUP_ONLY_ASSUMED, UNREADABLE_ASSUMED } from './findings.js';

type Leaf = Pick<Criterion, 'text'> & Omit<SubPoint, 'code' | 'text'> & { kind: LeafKind; target: Target };

/** The answer kind, target, unit and the other columns of a criterion or sub-point row. */
export function readLeaf(row: Row, note: (f: Omit<Finding, 'stop'>) => void): Omit<Leaf, 'text'> | undefined {
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
export function readExtras(
  row: Row,
): Pick<SubPoint, 'numeratorLabel' | 'note' | 'notApplicableWhen' | 'evidence'> {
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
    // "Dưới 70%: 0 điểm": the band below the first threshold.
    const below = /^(?:duoi|<)\s*\d[\d.,]*\s*%?[^:]*:\s*(\d[\d.,]*)(?:\s*diem)?$/.exec(part);
    if (below?.[1] !== undefined) {
      const points = parseViNumber(below[1]);
      if (points === undefined) return undefined;
      if (points > 0) tiers.push({ from: 0, points });
      continue;
    }
    // "Từ 90% trở lên: 3 điểm", "Đạt 100%: 2 điểm", "≥ 80%: 1 điểm", "Từ 70% đến dưới 90%: 2 điểm".
    const m =
      /^(?:tu|dat|tren|toi thieu|it nhat|>=|≥|>)?\s*(\d[\d.,]*)\s*%?[^:]*:\s*(\d[\d.,]*)(?:\s*diem)?$/.exec(
        part,
      );
    const from = m?.[1] ? parseViNumber(m[1]) : undefined;
    const points = m?.[2] ? parseViNumber(m[2]) : undefined;
    if (from === undefined || points === undefined) return undefined;
    tiers.push({ from, points });
  }
  return tiers.length > 0 ? { tiers: tiers.sort((a, b) => a.from - b.from) } : undefined;
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

export interface Row {
  row: number;
  /** The cells of the other years' target columns. */
  years: Array<{ year: string; text: string; where: NonNullable<Finding['column']> }>;
  get(key: ColumnKey): string;
  num(key: ColumnKey): number | undefined;
  merged(key: ColumnKey): boolean;
  where(key: ColumnKey): Finding['column'];
}

export function splitList(text: string, sep: RegExp): string[] {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
