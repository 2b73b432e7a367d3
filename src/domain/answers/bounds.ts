import { isNumericOp, type Question } from '../catalog/types.js';
import type { AnswerValue } from './types.js';

const EPSILON = 1e-9;

/** The values an answered figure allows: a point, or an interval with open or closed ends. */
interface Interval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

function intervalOf(v: Extract<AnswerValue, { type: 'number' }>, max: number): Interval {
  const x = v.value;
  switch (v.bound) {
    case 'below':
    case 'near':
      return { lo: 0, hi: x, loOpen: false, hiOpen: true };
    case 'atMost':
      return { lo: 0, hi: x, loOpen: false, hiOpen: false };
    case 'above':
      return { lo: x, hi: max, loOpen: true, hiOpen: false };
    case 'atLeast':
      return { lo: x, hi: max, loOpen: false, hiOpen: false };
    default:
      return { lo: x, hi: x, loOpen: false, hiOpen: false };
  }
}

/**
 * Whether a figure meets a numeric target, bounds included ("dưới 55%", "trên 80%", "ít nhất 3"):
 * true when every value the answer allows meets it, false when none does, undefined when the bound
 * does not tell ("dưới 80%" against 55%). A plain or approximate figure is judged at its value.
 */
export function boundDecides(
  q: Pick<Question, 'kind' | 'target'>,
  v: Extract<AnswerValue, { type: 'number' }>,
): boolean | undefined {
  const { op, value: t } = q.target;
  if (t === undefined || !isNumericOp(op)) return undefined;
  const { lo, hi, loOpen, hiOpen } = intervalOf(v, q.kind === 'count' ? Number.POSITIVE_INFINITY : 100);
  if (op === '=') {
    const inside =
      (lo < t - EPSILON || (Math.abs(lo - t) <= EPSILON && !loOpen)) &&
      (hi > t + EPSILON || (Math.abs(hi - t) <= EPSILON && !hiOpen));
    if (!inside) return false;
    return Math.abs(hi - lo) <= EPSILON ? true : undefined;
  }
  if (op === '<' || op === '<=') {
    // An upper bound: met when every allowed value stays under it, missed when none does.
    const under =
      op === '<' ? hi < t - EPSILON || (Math.abs(hi - t) <= EPSILON && hiOpen) : hi <= t + EPSILON;
    if (under) return true;
    const over = op === '<' ? lo >= t - EPSILON : lo > t + EPSILON || (Math.abs(lo - t) <= EPSILON && loOpen);
    return over ? false : undefined;
  }
  const all = op === '>=' ? lo >= t - EPSILON : loOpen ? lo >= t - EPSILON : lo > t + EPSILON;
  if (all) return true;
  const none = op === '>' ? hi <= t + EPSILON : hiOpen ? hi <= t + EPSILON : hi < t - EPSILON;
  return none ? false : undefined;
}
