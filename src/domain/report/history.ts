import type { Framework } from '../catalog/types.js';
import { type AnswerMap, applicableTotal, evaluateFramework, tally } from '../evaluation/evaluate.js';
import type { PeriodKey } from '../periods/periods.js';
import type { Share } from '../units/official.js';

/** One reported period of a unit, or of a unit merged into it, with its computed tally. */
export interface HistoryEntry {
  unitCode: string;
  unitName: string;
  /** A unit merged into the one asked about (Nghị quyết sắp xếp đơn vị hành chính 2025). */
  predecessor: boolean;
  /** "YYYY-MM-DD" from which a predecessor no longer exists. */
  until?: string;
  /** How much of a predecessor went into the unit: all of it, or part (its results are the whole old unit's). */
  share?: Share;
  period: PeriodKey;
  met: number;
  applicable: number;
  answered: number;
  total: number;
  /** Answers kept from the period before ("giữ nguyên", "như cũ"), and that period. */
  carried?: { count: number; from: PeriodKey };
}

/** A unit (or a predecessor) with its answers by period, newest period first. */
export interface HistorySource {
  unit: { code: string; name: string; validTo?: string; share?: Share };
  predecessor: boolean;
  framework: Framework;
  periods: ReadonlyArray<{ period: PeriodKey; answers: AnswerMap }>;
}

/** The history entries of a unit and its predecessors, every tally computed from the answers. */
export function historyEntries(sources: readonly HistorySource[]): HistoryEntry[] {
  return sources.flatMap((s) =>
    s.periods.map(({ period, answers }) => {
      const t = tally(evaluateFramework(s.framework, answers));
      const froms = [...answers.values()].flatMap((a) => (a.carriedFrom ? [a.carriedFrom] : []));
      const from = froms.sort()[froms.length - 1];
      return {
        unitCode: s.unit.code,
        unitName: s.unit.name,
        predecessor: s.predecessor,
        ...(s.unit.validTo ? { until: s.unit.validTo } : {}),
        ...(s.predecessor && s.unit.share ? { share: s.unit.share } : {}),
        period,
        met: t.met,
        applicable: applicableTotal(t),
        answered: t.total - t.unanswered,
        total: t.total,
        ...(from ? { carried: { count: froms.length, from } } : {}),
      };
    }),
  );
}
