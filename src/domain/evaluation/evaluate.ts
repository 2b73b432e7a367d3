import { boundDecides } from '../answers/bounds.js';
import type { Answer, AnswerValue, Declared } from '../answers/types.js';
import { listCriteria, listQuestions } from '../catalog/load.js';
import {
  type Criterion,
  type Framework,
  isNumericOp,
  isUpperBound,
  type Question,
  type Target,
} from '../catalog/types.js';

/** The six states a criterion can be in for one period. */
export type Status = 'met' | 'not_met' | 'in_progress' | 'unknown' | 'not_applicable' | 'unanswered';

/** What is still missing to reach a numeric target. */
export type Shortfall =
  | { type: 'count'; missing: number; unit: string; label: string; target: Target }
  | { type: 'points'; missing: number; target: Target }
  /** Above an upper bound ("dưới 5%"): by how much the result must come down (points or `unit`). */
  | { type: 'excess'; excess: number; unit?: string; target: Target }
  | { type: 'impossible'; target: Target };

/** The verdict on one question (a criterion without parts, or a sub-point). */
export interface QuestionEvaluation {
  key: string;
  status: Status;
  /** The officer's own đạt/chưa đạt, when given; shown beside the computed status when they differ. */
  declared?: Declared;
  disagrees: boolean;
  shortfall?: Shortfall;
}

/** The verdict on one criterion; a composite is met when every applicable sub-point is. */
export interface CriterionEvaluation extends QuestionEvaluation {
  criterion: Criterion;
  parts?: QuestionEvaluation[];
}

const EPSILON = 1e-9;

function compare(actual: number, op: Target['op'], value: number): boolean {
  if (op === '>=') return actual >= value - EPSILON;
  if (op === '>') return actual > value + EPSILON;
  if (op === '=') return Math.abs(actual - value) <= EPSILON;
  if (op === '<') return actual < value - EPSILON;
  if (op === '<=') return actual <= value + EPSILON;
  return false;
}

/** Compares an exact count ratio with a percentage target without rounding: num/den op value%. */
function compareRatio(num: number, den: number, op: Target['op'], value: number): boolean {
  const left = num * 100;
  const right = value * den;
  if (op === '>=') return left >= right;
  if (op === '>') return left > right;
  if (op === '=') return left === right;
  if (op === '<') return left < right;
  if (op === '<=') return left <= right;
  return false;
}

function shortfallFor(
  q: Pick<Question, 'kind' | 'target' | 'unit' | 'numeratorLabel'>,
  answer: Answer,
): Shortfall | undefined {
  const v = answer.value;
  const { op, value } = q.target;
  if (v.type !== 'number' || value === undefined || !isNumericOp(op)) return undefined;
  // "dưới 55%" says the result is below, not by how much: no shortfall is worked out from it.
  if (v.bound) return undefined;
  if (isUpperBound(op)) {
    const excess = v.value - value;
    return q.kind === 'count'
      ? { type: 'excess', excess, unit: q.unit ?? '', target: q.target }
      : { type: 'excess', excess, target: q.target };
  }
  if (q.kind === 'count') {
    const need = op === '>' ? Math.floor(value) + 1 : Math.ceil(value);
    return {
      type: 'count',
      missing: need - v.value,
      unit: q.unit ?? '',
      label: q.numeratorLabel ?? q.unit ?? '',
      target: q.target,
    };
  }
  if (v.numerator !== undefined && v.denominator !== undefined) {
    const exact = (value * v.denominator) / 100;
    const need = op === '>' ? Math.floor(exact + EPSILON) + 1 : Math.ceil(exact - EPSILON);
    if (need > v.denominator) return { type: 'impossible', target: q.target };
    if (q.unit) {
      return {
        type: 'count',
        missing: need - v.numerator,
        unit: q.unit,
        label: q.numeratorLabel ?? q.unit,
        target: q.target,
      };
    }
  }
  return { type: 'points', missing: value - v.value, target: q.target };
}

/** What `judge` needs of a question: its kind and target. */
type Judged = Pick<Question, 'kind' | 'target'>;

/**
 * Whether a value reaches a question's target: true (đạt), false (chưa đạt), or undefined when it
 * cannot be judged (no threshold and no verdict of the officer's own, a value of the wrong type).
 * The one place an answer is judged: `evaluateAnswer` and `answerStatus` both go through it.
 */
function judge(q: Judged, v: AnswerValue, declared: Declared | undefined): boolean | undefined {
  switch (q.target.op) {
    case 'self':
      return declared === undefined ? undefined : declared === 'met';
    case 'yes':
      return v.type === 'yesno' ? v.yes : undefined;
    case 'provided':
      return v.type === 'text' ? v.text.trim() !== '' : v.type === 'yesno' ? v.yes : undefined;
    case '>=':
    case '>':
    case '=':
    case '<':
    case '<=':
      if (v.type === 'number' && q.target.value !== undefined) {
        if (v.bound) return boundDecides(q, v);
        return v.numerator !== undefined && v.denominator !== undefined && q.kind !== 'count'
          ? compareRatio(v.numerator, v.denominator, q.target.op, q.target.value)
          : compare(v.value, q.target.op, q.target.value);
      }
      return undefined;
    case 'all':
      return undefined;
  }
}

/** The officer's own đạt/chưa đạt carried by a value, if any. */
function declaredOf(v: AnswerValue): Declared | undefined {
  return v.type === 'number' || v.type === 'text' ? v.declared : undefined;
}

/** Judges one answer against its question's target; `undefined` means not answered yet. */
export function evaluateAnswer(
  q: Pick<Question, 'key' | 'kind' | 'target' | 'unit' | 'numeratorLabel'>,
  answer: Answer | undefined,
): QuestionEvaluation {
  const base = { key: q.key, disagrees: false };
  if (!answer) return { ...base, status: 'unanswered' };
  const v = answer.value;
  if (v.type === 'status') return { ...base, status: v.status };
  const declared = declaredOf(v);
  const met = judge(q, v, declared);
  if (met === undefined) return { ...base, status: 'unknown', ...(declared ? { declared } : {}) };
  const status = met ? 'met' : 'not_met';
  const disagrees = declared !== undefined && declared !== status;
  const shortfall = met ? undefined : shortfallFor(q, answer);
  return {
    ...base,
    status,
    disagrees,
    ...(declared ? { declared } : {}),
    ...(shortfall ? { shortfall } : {}),
  };
}

/**
 * Only the status of `evaluateAnswer(q, answer)`, without building the evaluation: for the
 * province matrix, which judges some 100,000 answers at once.
 */
export function answerStatus(q: Judged, answer: Answer | undefined): Status {
  if (!answer) return 'unanswered';
  const v = answer.value;
  if (v.type === 'status') return v.status;
  const met = judge(q, v, declaredOf(v));
  return met === undefined ? 'unknown' : met ? 'met' : 'not_met';
}

/** Combines sub-point verdicts: any chưa đạt fails; every applicable part must be đạt. */
export function combineParts(parts: QuestionEvaluation[]): Status {
  const statuses = parts.map((p) => p.status);
  if (statuses.includes('not_met')) return 'not_met';
  const applicable = statuses.filter((s) => s !== 'not_applicable');
  if (applicable.length === 0) return 'not_applicable';
  if (applicable.every((s) => s === 'met')) return 'met';
  if (applicable.every((s) => s === 'unanswered')) return 'unanswered';
  if (applicable.includes('in_progress')) return 'in_progress';
  if (applicable.includes('unknown')) return 'unknown';
  return 'unanswered';
}

/** An answer as recorded: the parsed answer plus what was typed, its khó khăn, its đề xuất and when. */
export interface RecordedAnswer extends Answer {
  raw?: string;
  /** Khó khăn, vướng mắc: what stands in the way (reported under b) with the result). */
  difficulty?: string;
  /** Đề xuất, kiến nghị: what the commune asks of the province (c) in seed 002). */
  proposal?: string;
  /** The period this answer was kept from ("giữ nguyên kết quả quý III", "như cũ"). */
  carriedFrom?: string;
  answeredAt?: string;
}

/** The answers of one unit for one period, by question key. */
export type AnswerMap = ReadonlyMap<string, RecordedAnswer>;

/** Evaluates every criterion of a framework from the answers; nothing here is ever stored. */
export function evaluateFramework(fw: Framework, answers: AnswerMap): CriterionEvaluation[] {
  const byCriterion = questionsByCriterion(fw);
  return listCriteria(fw).map(({ criterion }) => {
    const own = byCriterion.get(criterion) ?? [];
    if (criterion.kind === 'composite') {
      const parts = own.map((q) => evaluateAnswer(q, answers.get(q.key)));
      return { key: criterion.code, criterion, status: combineParts(parts), disagrees: false, parts };
    }
    const q = own.find((x) => !x.part);
    const ev = q
      ? evaluateAnswer(q, answers.get(q.key))
      : { key: criterion.code, status: 'unanswered' as const, disagrees: false };
    return { ...ev, criterion };
  });
}

const byCriterionCache = new WeakMap<Framework, Map<Criterion, Question[]>>();

/** A framework's questions grouped by criterion, computed once per (frozen) framework. */
function questionsByCriterion(fw: Framework): Map<Criterion, Question[]> {
  let map = byCriterionCache.get(fw);
  if (!map) {
    map = new Map();
    for (const q of listQuestions(fw)) map.set(q.criterion, [...(map.get(q.criterion) ?? []), q]);
    byCriterionCache.set(fw, map);
  }
  return map;
}

/** Counts per status. */
export interface Tally {
  total: number;
  met: number;
  notMet: number;
  inProgress: number;
  unknown: number;
  notApplicable: number;
  unanswered: number;
}

const FIELD: Record<Status, keyof Tally> = {
  met: 'met',
  not_met: 'notMet',
  in_progress: 'inProgress',
  unknown: 'unknown',
  not_applicable: 'notApplicable',
  unanswered: 'unanswered',
};

/** Tallies a list of verdicts. "Đạt M/N" uses N = total − không áp dụng. */
export function tally(evaluations: ReadonlyArray<{ status: Status }>): Tally {
  const t: Tally = {
    total: 0,
    met: 0,
    notMet: 0,
    inProgress: 0,
    unknown: 0,
    notApplicable: 0,
    unanswered: 0,
  };
  for (const e of evaluations) {
    t.total++;
    t[FIELD[e.status]]++;
  }
  return t;
}

/** The number of criteria a "Đạt M/N" tally is out of: all but the not applicable ones. */
export function applicableTotal(t: Tally): number {
  return t.total - t.notApplicable;
}
