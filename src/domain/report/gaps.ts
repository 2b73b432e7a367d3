import { listQuestions } from '../catalog/load.js';
import type { Framework, Question } from '../catalog/types.js';
import {
  type AnswerMap,
  applicableTotal,
  type CriterionEvaluation,
  evaluateFramework,
  type Status,
  type Tally,
  tally,
} from '../evaluation/evaluate.js';
import { scoreFramework } from '../evaluation/score.js';
import { answerLabel, STATUS_LABEL, shortfallLabel, targetLabel } from '../messages/format.js';

export interface GapItem {
  code: string;
  text: string;
  target: string;
  result: string | null;
  status: Status;
  shortfall: string | null;
  /** Khó khăn, vướng mắc. */
  difficulty: string | null;
  /** Đề xuất, kiến nghị. */
  proposal: string | null;
  /** The officer's own verdict when it differs from the computed one. */
  declared: Status | null;
  /** Pieces of evidence (minh chứng) kept for this criterion (all its sub-points). */
  evidence: number;
  /** In a scored framework: the points it gives now and at most. */
  points?: number;
  max?: number;
}

export interface GroupSummary {
  code: string;
  name: string;
  total: number;
  met: number;
  tally: Tally;
  gaps: GapItem[];
  /** In a scored framework: the group's points and its maximum. */
  points?: number;
  max?: number;
}

/** The gap report of one unit for one period: every criterion not đạt, grouped, with tallies. */
export interface GapReport {
  unit: { code: string; name: string; province: string };
  period: string;
  framework: { id: string; name: string; decision: string | null; complete: boolean };
  totals: { criteria: number } & Omit<Tally, 'total'>;
  /** The N of "Đạt M/N": all criteria but the not applicable ones. */
  applicable: number;
  groups: GroupSummary[];
  /** Every open criterion; in a scored framework, the ones with the most points to gain first. */
  gaps: GapItem[];
  /** In a scored framework: the total, its maximum and the level reached ("Mức 2"). */
  score?: { points: number; max: number; level: string | null };
}

function describe(
  ev: CriterionEvaluation,
  questions: Question[],
  answers: AnswerMap,
  evidence: ReadonlyMap<string, number> | undefined,
): GapItem {
  const c = ev.criterion;
  const own = questions.find((q) => q.criterion === c && !q.part);
  let result: string | null = null;
  let shortfall: string | null = null;
  let difficulty: string | null = null;
  let proposal: string | null = null;
  if (ev.parts) {
    const lines = ev.parts.map((p) => {
      const q = questions.find((x) => x.key === p.key);
      const a = answers.get(p.key);
      const label = q && a ? answerLabel(q, a) : STATUS_LABEL.unanswered;
      return `${q?.part?.code ?? p.key}) ${label} (${STATUS_LABEL[p.status]})`;
    });
    result = lines.join('; ');
    const notes = ev.parts.map((p) => answers.get(p.key)?.difficulty).filter(Boolean);
    difficulty = notes.length > 0 ? notes.join('; ') : null;
    const proposals = ev.parts.map((p) => answers.get(p.key)?.proposal).filter(Boolean);
    proposal = proposals.length > 0 ? proposals.join('; ') : null;
  } else if (own) {
    const a = answers.get(own.key);
    result = a ? answerLabel(own, a) : null;
    shortfall = ev.shortfall ? shortfallLabel(ev.shortfall, own) : null;
    difficulty = a?.difficulty ?? null;
    proposal = a?.proposal ?? null;
  }
  return {
    code: c.code,
    text: c.text,
    target: own ? targetLabel(own) : 'đạt tất cả các ý',
    result,
    status: ev.status,
    shortfall,
    difficulty,
    proposal,
    declared: ev.disagrees && ev.declared ? ev.declared : null,
    evidence: questions.filter((q) => q.criterion === c).reduce((n, q) => n + (evidence?.get(q.key) ?? 0), 0),
  };
}

/** Builds the gap report; tallies are always computed from the answers, never stored. */
export function buildGapReport(
  fw: Framework,
  unit: { code: string; name: string; province: string },
  period: string,
  answers: AnswerMap,
  evidence?: ReadonlyMap<string, number>,
): GapReport {
  const evaluations = evaluateFramework(fw, answers);
  const questions = listQuestions(fw);
  const score = scoreFramework(fw, evaluations, answers);
  const scored = (item: GapItem): GapItem => {
    const s = score?.criteria.get(item.code);
    return s ? { ...item, points: s.points, max: s.max } : item;
  };
  const recoverable = (g: GapItem) => (g.max ?? 0) - (g.points ?? 0);
  const byRecoverable = (a: GapItem, b: GapItem) => (score ? recoverable(b) - recoverable(a) : 0);
  const groups: GroupSummary[] = fw.groups.map((g, i) => {
    const evs = evaluations.filter((e) => g.criteria.includes(e.criterion));
    const t = tally(evs);
    const gs = score?.groups[i];
    return {
      code: g.code,
      name: g.name,
      total: applicableTotal(t),
      met: t.met,
      tally: t,
      gaps: evs
        .filter((e) => e.status !== 'met' && e.status !== 'not_applicable')
        .map((e) => scored(describe(e, questions, answers, evidence)))
        .sort(byRecoverable),
      ...(gs ? { points: gs.points, max: gs.max } : {}),
    };
  });
  const t = tally(evaluations);
  const { total, ...rest } = t;
  return {
    unit,
    period,
    framework: { id: fw.id, name: fw.name, decision: fw.decision ?? null, complete: fw.complete },
    totals: { criteria: total, ...rest },
    applicable: applicableTotal(t),
    groups,
    gaps: groups.flatMap((g) => g.gaps).sort(byRecoverable),
    ...(score ? { score: { points: score.points, max: score.max, level: score.level } } : {}),
  };
}
