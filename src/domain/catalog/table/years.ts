/**
 * Targets given for one year in a table of their own (`frameworks targets`).
 */
import { inferTarget } from '../infer.js';
import type { AnswerKind, Framework, Target } from '../types.js';
import { type Grid, KIND_LABEL, letter } from './columns.js';
import { type Finding, STOPS } from './findings.js';
import { findHeader, SUB_POINT_CODE } from './read.js';

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
