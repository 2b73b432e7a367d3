/**
 * Points and levels of a scored framework (criteria with `points`): each criterion's points from
 * its verdict and its result by its scoring rule, per group and in total, and the level (mức)
 * whose band the total falls in. A framework without points has no score (undefined). A criterion
 * that does not apply to the commune counts in neither the points nor the maximum. Never stored.
 */
import type { Criterion, Framework, Scoring } from '../catalog/types.js';
import { isUpperBound } from '../catalog/types.js';
import type { AnswerMap, CriterionEvaluation } from './evaluate.js';

export interface CriterionScore {
  code: string;
  points: number;
  max: number;
}

export interface FrameworkScore {
  points: number;
  max: number;
  /** The level reached ("Mức 2"), or null when the framework has no levels or none is reached. */
  level: string | null;
  groups: Array<{ code: string; points: number; max: number }>;
  /** By criterion code. */
  criteria: Map<string, CriterionScore>;
}

/** Whether a framework gives points. */
export function isScored(fw: Framework): boolean {
  return fw.groups.some((g) => g.criteria.some((c) => c.points !== undefined));
}

/** Rounded to two decimals, so 62.499999 shows as 62,5. */
function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function numberOf(answers: AnswerMap, key: string): number | undefined {
  const v = answers.get(key)?.value;
  return v?.type === 'number' && !v.bound ? v.value : undefined;
}

/** The points of one criterion by its rule. */
export function criterionPoints(c: Criterion, ev: CriterionEvaluation, answers: AnswerMap): number {
  const max = c.points ?? 0;
  const rule: Scoring = c.scoring ?? 'all';
  if (ev.status === 'met' && rule === 'all') return max;
  if (rule === 'all') return 0;
  if (c.kind === 'composite') {
    if (rule !== 'proportional') return ev.status === 'met' ? max : 0;
    const parts = (ev.parts ?? []).filter((p) => p.status !== 'not_applicable');
    if (parts.length === 0) return 0;
    return (max * parts.filter((p) => p.status === 'met').length) / parts.length;
  }
  const result = numberOf(answers, c.code);
  const target = c.target.value;
  if (result === undefined || target === undefined || isUpperBound(c.target.op)) {
    return ev.status === 'met' ? max : 0;
  }
  if (rule === 'proportional') {
    if (ev.status === 'met') return max;
    return target > 0 ? Math.min(max, (max * result) / target) : 0;
  }
  const reached = rule.tiers.filter((t) => result >= t.from);
  return Math.min(max, reached.at(-1)?.points ?? 0);
}

/** The score of a framework from its evaluations, or undefined when it gives no points. */
export function scoreFramework(
  fw: Framework,
  evaluations: readonly CriterionEvaluation[],
  answers: AnswerMap,
): FrameworkScore | undefined {
  if (!isScored(fw)) return undefined;
  const criteria = new Map<string, CriterionScore>();
  for (const ev of evaluations) {
    const c = ev.criterion;
    if (c.points === undefined || ev.status === 'not_applicable') continue;
    criteria.set(c.code, { code: c.code, points: round(criterionPoints(c, ev, answers)), max: c.points });
  }
  const groups = fw.groups.map((g) => {
    const own = g.criteria
      .map((c) => criteria.get(c.code))
      .filter((s): s is CriterionScore => s !== undefined);
    return {
      code: g.code,
      points: round(own.reduce((n, s) => n + s.points, 0)),
      max: round(own.reduce((n, s) => n + s.max, 0)),
    };
  });
  const points = round(groups.reduce((n, g) => n + g.points, 0));
  const max = round(groups.reduce((n, g) => n + g.max, 0));
  return { points, max, level: levelOf(fw, points), groups, criteria };
}

/** The level whose band a total falls in: the highest `from` at or under it. */
export function levelOf(fw: Framework, points: number): string | null {
  const reached = (fw.levels ?? []).filter((l) => points >= l.from - 1e-9);
  return reached.at(-1)?.name ?? null;
}
