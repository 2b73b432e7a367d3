import { listCriteria, listQuestions } from '../catalog/load.js';
import type { Framework } from '../catalog/types.js';
import { type AnswerMap, evaluateFramework, type RecordedAnswer } from './evaluate.js';
import { isScored, scoreFramework } from './score.js';
import { type AnswerSource, isAnswerList, statusesFor } from './statuses.js';

/** Where a unit's report for a period stands with the province. */
export interface SubmissionState {
  submittedAt: Date;
  locked: boolean;
  onTime: boolean;
  /** The general proposals written when submitting ("III. ĐỀ XUẤT, KIẾN NGHỊ"). */
  proposals?: string;
}

/** One unit as the province sees it for a period. */
export interface UnitStatus {
  code: string;
  name: string;
  frameworkId: string;
  answered: number;
  total: number;
  met: number;
  applicable: number;
  /** Criterion codes not met, with their text. */
  unmet: Array<{ code: string; text: string }>;
  submission?: SubmissionState;
  /** Registered officers of the unit (an overview flags a unit with none), when known. */
  officers?: number;
  /** Merged or closed before the period: shown when asked for, not counted among the active units. */
  closed?: boolean;
  /** In a scored framework: the unit's points, the maximum and its level. */
  score?: { points: number; max: number; level: string | null };
}

/**
 * Where units of one framework stand for a period, computed from their answers (never stored): a
 * function to call for each unit of a batch (the province overview: thousands of units), with the
 * answers by key or as the bulk loader's lists. Statuses come from `statusesFor`, the same as
 * `evaluateFramework` gives.
 */
export function unitStatusFor(
  fw: Framework,
): (unit: { code: string; name: string }, answers: AnswerSource, submission?: SubmissionState) => UnitStatus {
  const statusesOf = statusesFor(fw);
  const criteria = listCriteria(fw).map((c) => c.criterion);
  const questions = listQuestions(fw);
  const scored = isScored(fw);
  return (unit, answers, submission) => {
    const { statuses, met, applicable } = statusesOf(answers);
    const has = isAnswerList(answers) ? new Set(answers.keys) : answers;
    let score: UnitStatus['score'];
    if (scored) {
      const map: AnswerMap = isAnswerList(answers)
        ? new Map(answers.keys.map((k, i) => [k, answers.answers[i] as RecordedAnswer]))
        : answers;
      const s = scoreFramework(fw, evaluateFramework(fw, map), map);
      if (s) score = { points: s.points, max: s.max, level: s.level };
    }
    return {
      code: unit.code,
      name: unit.name,
      frameworkId: fw.id,
      answered: questions.filter((q) => has.has(q.key)).length,
      total: questions.length,
      met,
      applicable,
      unmet: criteria
        .filter((_, i) => statuses[i] === 'not_met')
        .map((c) => ({ code: c.code, text: c.text })),
      ...(submission ? { submission } : {}),
      ...(score ? { score } : {}),
    };
  };
}
