import type { Framework } from '../domain/catalog/types.js';
import { applicableTotal, evaluateFramework, tally } from '../domain/evaluation/evaluate.js';
import type { HistoryEntry } from '../domain/messages/vi.js';
import { listAnsweredPeriods, loadAnswers } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import { listPredecessors, type UnitRecord } from '../storage/units.js';

/** The reported periods of a unit and of the units merged into it, each with its computed tally. */
export async function unitHistory(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
  unit: UnitRecord,
): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (const u of [unit, ...(await listPredecessors(db, unit.code))]) {
    const fw = frameworks.get(u.frameworkId);
    if (!fw) continue;
    const scope = { unitId: u.id, frameworkId: fw.id };
    const periods = await listAnsweredPeriods(db, scope);
    const answers = await loadAnswers(db, scope, periods);
    for (const period of periods) {
      const t = tally(evaluateFramework(fw, answers.get(period) ?? new Map()));
      out.push({
        unitCode: u.code,
        unitName: u.name,
        predecessor: u.code !== unit.code,
        ...(u.validTo ? { until: u.validTo } : {}),
        period,
        met: t.met,
        applicable: applicableTotal(t),
        answered: t.total - t.unanswered,
        total: t.total,
      });
    }
  }
  return out;
}
