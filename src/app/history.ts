import { forGroup } from '../domain/catalog/groups.js';
import type { Framework } from '../domain/catalog/types.js';
import { type HistoryEntry, type HistorySource, historyEntries } from '../domain/report/history.js';
import { frameworkIdsAt, frameworkIdsOf } from '../domain/units/frameworks.js';
import { listAnsweredPeriods, loadAnswers } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import { listPredecessors, type PredecessorUnit, type UnitRecord } from '../storage/units.js';

/** The reported periods of a unit and of the units merged into it, each with its computed tally. */
export async function unitHistory(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
  unit: UnitRecord,
): Promise<HistoryEntry[]> {
  const sources: HistorySource[] = [];
  const units: Array<UnitRecord & { share?: PredecessorUnit['share'] }> = [
    unit,
    ...(await listPredecessors(db, unit.code)),
  ];
  for (const u of units) {
    // Every framework the unit has been on; each period under the ones it was answered under.
    for (const id of frameworkIdsOf(u)) {
      const installed = frameworks.get(id);
      if (!installed) continue;
      const fw = forGroup(installed, u.group);
      const scope = { unitId: u.id, frameworkId: fw.id };
      const periods = (await listAnsweredPeriods(db, scope)).filter((p) => frameworkIdsAt(u, p).includes(id));
      if (periods.length === 0 && id !== u.frameworkId) continue;
      const answers = await loadAnswers(db, scope, periods);
      sources.push({
        unit: u,
        predecessor: u.code !== unit.code,
        framework: fw,
        periods: periods.map((period) => ({ period, answers: answers.get(period) ?? new Map() })),
      });
    }
  }
  return historyEntries(sources);
}
