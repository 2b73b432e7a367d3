/**
 * The statuses of many units at once (the province matrix, 3,321 units × 37 criteria): the same
 * statuses as `evaluateFramework`, computed from a plan made once per framework and without building
 * an evaluation object per cell. Nothing here is stored: the statuses always come from the catalog
 * in force and the answers as given.
 */
import type { Answer } from '../answers/types.js';
import { listCriteria, listQuestions } from '../catalog/load.js';
import type { Criterion, Framework, Question } from '../catalog/types.js';
import { type AnswerMap, answerStatus, type Status } from './evaluate.js';

/**
 * The answers of one unit for one period as two parallel lists, in no particular order: `keys[i]`
 * is the question key of `answers[i]`, each key at most once. What the bulk loader gives (identical
 * answers may be one shared, frozen object), cheaper to build than a map.
 */
export interface AnswerList {
  readonly keys: readonly string[];
  readonly answers: readonly Answer[];
}

/** The answers of a unit either way: by question key, or as parallel lists. */
export type AnswerSource = AnswerMap | AnswerList;

/** A unit's statuses, one per criterion in framework order, and its "Đạt M/N" tally. */
export interface UnitStatuses {
  statuses: Status[];
  met: number;
  /** The criteria that are not "không áp dụng" (N of "Đạt M/N"). */
  applicable: number;
}

/** Turns an answer list into the map the per-unit functions (gap report, appendix) take. */
export function answerMapOf(list: AnswerList | undefined): Map<string, Answer> {
  const map = new Map<string, Answer>();
  if (list)
    for (let i = 0; i < list.keys.length; i++) map.set(list.keys[i] as string, list.answers[i] as Answer);
  return map;
}

/** What to evaluate for a criterion: its own question, or the sub-points of a composite. */
type CriterionPlan = { type: 'single'; question: number } | { type: 'composite'; parts: number[] };

/** A framework's questions and criteria as indices, made once per (frozen) framework. */
interface Plan {
  questions: readonly Question[];
  /** Question key → slot; questions sharing a key (never in the bundled catalogs) share a slot. */
  slotOf: Map<string, number>;
  /** The key of each slot. */
  slotKeys: string[];
  /** The slot of each question. */
  questionSlot: number[];
  criteria: CriterionPlan[];
}

const planCache = new WeakMap<Framework, Plan>();

/**
 * The plan of a framework, grouped exactly as `evaluateFramework` groups it: a criterion's
 * questions are those whose `criterion` is that criterion, in walk order; a composite is judged on
 * all of them, any other criterion on its one question without a part (none: unanswered).
 */
function planOf(fw: Framework): Plan {
  const cached = planCache.get(fw);
  if (cached) return cached;
  const questions = listQuestions(fw);
  const slotOf = new Map<string, number>();
  const slotKeys: string[] = [];
  const questionSlot: number[] = [];
  const byCriterion = new Map<Criterion, number[]>();
  questions.forEach((q, i) => {
    let slot = slotOf.get(q.key);
    if (slot === undefined) {
      slot = slotKeys.length;
      slotOf.set(q.key, slot);
      slotKeys.push(q.key);
    }
    questionSlot.push(slot);
    const own = byCriterion.get(q.criterion);
    if (own) own.push(i);
    else byCriterion.set(q.criterion, [i]);
  });
  const criteria = listCriteria(fw).map(({ criterion }): CriterionPlan => {
    const own = byCriterion.get(criterion) ?? [];
    if (criterion.kind === 'composite') return { type: 'composite', parts: own };
    const single = own.find((i) => !questions[i]?.part);
    return { type: 'single', question: single ?? -1 };
  });
  const plan = { questions, slotOf, slotKeys, questionSlot, criteria };
  planCache.set(fw, plan);
  return plan;
}

/**
 * Combines sub-point statuses as `combineParts` does (any chưa đạt fails; every applicable part
 * must be đạt), by counting instead of filtering.
 */
function combineCounts(
  n: number,
  notMet: number,
  notApplicable: number,
  met: number,
  unanswered: number,
  inProgress: number,
  unknown: number,
): Status {
  if (notMet > 0) return 'not_met';
  const applicable = n - notApplicable;
  if (applicable === 0) return 'not_applicable';
  if (met === applicable) return 'met';
  if (unanswered === applicable) return 'unanswered';
  if (inProgress > 0) return 'in_progress';
  if (unknown > 0) return 'unknown';
  return 'unanswered';
}

/** Whether answers come as the bulk loader's lists rather than by key. */
export function isAnswerList(answers: AnswerSource): answers is AnswerList {
  return !(answers instanceof Map);
}

/**
 * A function giving a unit's statuses under `fw` (one per criterion, in the order of
 * `listCriteria`), equal to `evaluateFramework(fw, answers).map((e) => e.status)`, and its tally.
 * Keeps scratch space between calls, so make one per batch of units and call it synchronously.
 */
/**
 * One judge per framework for a batch of units: `make(fw)` once for each framework object met.
 * `judgedOn` gives one object per framework, commune group and year, so the units of a group share
 * its judge (and its scratch space).
 */
export function perFramework<F>(make: (fw: Framework) => F): (fw: Framework) => F {
  const made = new Map<Framework, F>();
  return (fw) => {
    let f = made.get(fw);
    if (f === undefined) {
      f = make(fw);
      made.set(fw, f);
    }
    return f;
  };
}

export function statusesFor(fw: Framework): (answers: AnswerSource) => UnitStatuses {
  const plan = planOf(fw);
  const { questions, slotOf, slotKeys, questionSlot, criteria } = plan;
  const bySlot: (Answer | undefined)[] = new Array(slotKeys.length).fill(undefined);
  const questionStatus: Status[] = new Array(questions.length).fill('unanswered');
  return (answers) => {
    // Each slot's answer, or undefined: unanswered.
    if (isAnswerList(answers)) {
      bySlot.fill(undefined);
      const { keys } = answers;
      for (let i = 0; i < keys.length; i++) {
        const slot = slotOf.get(keys[i] as string);
        // An answer to a question the framework does not have (any more) counts for nothing.
        if (slot !== undefined) bySlot[slot] = answers.answers[i];
      }
    } else {
      for (let s = 0; s < slotKeys.length; s++) bySlot[s] = answers.get(slotKeys[s] as string);
    }
    for (let q = 0; q < questions.length; q++) {
      questionStatus[q] = answerStatus(questions[q] as Question, bySlot[questionSlot[q] as number]);
    }
    const statuses: Status[] = new Array(criteria.length);
    let met = 0;
    let notApplicable = 0;
    for (let c = 0; c < criteria.length; c++) {
      const plan = criteria[c] as CriterionPlan;
      let status: Status;
      if (plan.type === 'single') {
        status = plan.question < 0 ? 'unanswered' : (questionStatus[plan.question] as Status);
      } else {
        let notMet = 0;
        let na = 0;
        let ok = 0;
        let unanswered = 0;
        let inProgress = 0;
        let unknown = 0;
        for (const q of plan.parts) {
          const s = questionStatus[q];
          if (s === 'not_met') notMet++;
          else if (s === 'not_applicable') na++;
          else if (s === 'met') ok++;
          else if (s === 'unanswered') unanswered++;
          else if (s === 'in_progress') inProgress++;
          else if (s === 'unknown') unknown++;
        }
        status = combineCounts(plan.parts.length, notMet, na, ok, unanswered, inProgress, unknown);
      }
      statuses[c] = status;
      if (status === 'met') met++;
      else if (status === 'not_applicable') notApplicable++;
    }
    return { statuses, met, applicable: criteria.length - notApplicable };
  };
}
