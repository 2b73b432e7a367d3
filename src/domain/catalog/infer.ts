/**
 * How a target cell of a province's table is read: "100%", "Có", "Đạt", "tối thiểu 30%",
 * "trên 90%", "dưới 5%", "≥ 1", "36 Mb/s", "01", "22/100 dân", or blank. The reading says what it
 * could not be sure of (`doubt`), so the importer lists the cell instead of guessing silently.
 */
import { fold, parseViNumber } from '../answers/normalize.js';
import type { AnswerKind, TargetOp } from './types.js';

export type LeafKind = Exclude<AnswerKind, 'composite'>;

/** Why a cell was read with an assumption (listed to the operator), or why it could not be read. */
export type TargetDoubt =
  | 'blank'
  | 'unreadable'
  | 'approximate'
  | 'count_without_unit'
  | 'several_numbers'
  | 'over_100';

export interface TargetReading {
  kind: LeafKind;
  op: TargetOp;
  value?: number;
  /** For counts: the unit read from the cell or the ĐVT column ("Mb/s", "thuê bao/100 dân"). */
  unit?: string;
  doubt?: TargetDoubt;
}

/** Comparator words, longest first; folded (no diacritics). */
const COMPARATORS: ReadonlyArray<[string, TargetOp]> = [
  ['giam xuong duoi', '<'],
  ['giam xuong con duoi', '<'],
  ['khong vuot qua', '<='],
  ['khong cao hon', '<='],
  ['khong qua', '<='],
  ['toi da', '<='],
  ['nho hon hoac bang', '<='],
  ['thap hon', '<'],
  ['nho hon', '<'],
  ['duoi', '<'],
  ['khong duoi', '>='],
  ['khong thap hon', '>='],
  ['toi thieu', '>='],
  ['it nhat', '>='],
  ['dat tu', '>='],
  ['tu', '>='],
  ['dat tren', '>'],
  ['cao hon', '>'],
  ['lon hon', '>'],
  ['tren', '>'],
  ['vuot', '>'],
  ['dat', '>='],
  ['bang', '='],
  ['>=', '>='],
  ['≥', '>='],
  ['<=', '<='],
  ['≤', '<='],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

const BY_LENGTH = [...COMPARATORS].sort((a, b) => b[0].length - a[0].length);

const YES_WORDS = ['co', 'dat', 'hoan thanh', 'da co', 'da thuc hien', 'co/dat', 'x'];

/** Whether a ĐVT cell says percent. */
export function isPercentUnit(unit: string): boolean {
  const u = fold(unit);
  return u === '%' || u === 'ty le %' || u === 'ty le' || u === 'phan tram' || u === 'ty le (%)';
}

/**
 * Reads a target cell with the ĐVT cell beside it. `unit` is the ĐVT cell as written ("%", "Mb/s",
 * "thôn", "") and decides between a percentage and a count when the target is a bare number.
 */
export function inferTarget(cell: string, unitCell: string): TargetReading {
  const text = cell.trim();
  const unit = unitCell.trim();
  const percentColumn = unit !== '' && isPercentUnit(unit);
  const blankKind: LeafKind = percentColumn ? 'percent' : unit !== '' ? 'count' : 'text';
  if (text === '') {
    return { kind: blankKind, op: 'self', ...(blankKind === 'count' ? { unit } : {}), doubt: 'blank' };
  }
  const folded = fold(text).replace(/[.;]+$/, '');
  if (YES_WORDS.includes(folded)) return { kind: 'yesno', op: 'yes' };

  let rest = folded;
  let op: TargetOp = '>=';
  let approximate = false;
  if (rest.startsWith('khoang ') || rest.startsWith('xap xi ')) {
    approximate = true;
    rest = rest.replace(/^(khoang|xap xi) /, '');
  }
  for (const [word, o] of BY_LENGTH) {
    if (rest === word || rest.startsWith(`${word} `) || (/^[<>=≥≤]/.test(word) && rest.startsWith(word))) {
      op = o;
      rest = rest.slice(word.length).trim();
      break;
    }
  }
  // "từ 30% trở lên", "30% trở lên"
  rest = rest.replace(/\s*tro len$/, '').trim();
  if (/\s*tro xuong$/.test(rest)) {
    op = '<=';
    rest = rest.replace(/\s*tro xuong$/, '').trim();
  }
  const numbers = rest.match(/\d[\d.,]*/g) ?? [];
  const m = /^(\d[\d.,]*)\s*(.*)$/.exec(rest);
  if (!m?.[1])
    return { kind: blankKind, op: 'self', ...(blankKind === 'count' ? { unit } : {}), doubt: 'unreadable' };
  const value = parseViNumber(m[1]);
  if (value === undefined) return { kind: blankKind, op: 'self', doubt: 'unreadable' };
  const after = (m[2] ?? '').trim();
  // The unit as written in the cell (original spelling), for counts.
  const writtenAfter = (/\d[\d.,]*\s*(.*)$/u.exec(text)?.[1] ?? after).replace(/[.;]+$/, '').trim();
  const doubt: TargetDoubt | undefined = approximate ? 'approximate' : undefined;

  if (after === '%' || after === 'phan tram') {
    if (value > 100) return { kind: 'percent', op, value, doubt: 'over_100' };
    return { kind: 'percent', op, value, ...(doubt ? { doubt } : {}) };
  }
  if (after.startsWith('/')) {
    // "22/100 dân": a count per 100 inhabitants (the ĐVT column names what is counted, if given).
    if (numbers.length > 2) return { kind: blankKind, op: 'self', doubt: 'several_numbers' };
    const u = unit.includes('/')
      ? unit
      : unit !== '' && !percentColumn
        ? `${unit}${writtenAfter}`
        : writtenAfter;
    return { kind: 'count', op, value, unit: u, ...(doubt ? { doubt } : {}) };
  }
  if (numbers.length > 1) return { kind: blankKind, op: 'self', doubt: 'several_numbers' };
  if (after === '') {
    if (percentColumn) {
      if (value > 100) return { kind: 'percent', op, value, doubt: 'over_100' };
      return { kind: 'percent', op, value, ...(doubt ? { doubt } : {}) };
    }
    if (unit !== '') return { kind: 'count', op, value, unit, ...(doubt ? { doubt } : {}) };
    return { kind: 'count', op, value, doubt: doubt ?? 'count_without_unit' };
  }
  // "36 Mb/s", "02 cuộc": a count of what the cell names.
  return { kind: 'count', op, value, unit: writtenAfter, ...(doubt ? { doubt } : {}) };
}
