/**
 * Which framework a unit reports on for a period. A unit starts on `frameworkId`; each change
 * (`units frameworks --add <id> --from 2027-Q1`) puts it on another framework from a period on, so
 * the periods before stay judged by the framework they were answered under. One framework a
 * period: a change replaces the one before it from its period on.
 */
import { fromKey, type Period } from '../periods/periods.js';

export interface FrameworkChange {
  /** The first period on the new framework ("2027-Q1" or "2027"). */
  from: string;
  frameworkId: string;
}

/** A period's first quarter, as a number that orders periods: a year starts with its Q1. */
function startOf(p: Period): number {
  return p.year * 4 + (p.type === 'quarter' ? p.quarter - 1 : 0);
}

/** The framework of a unit for `period` (a period key); the unit's own when no change covers it. */
export function frameworkIdAt(
  unit: { frameworkId: string; frameworkChanges?: readonly FrameworkChange[] },
  period: string,
): string {
  const p = fromKey(period);
  if (!p || !unit.frameworkChanges?.length) return unit.frameworkId;
  let id = unit.frameworkId;
  let best = Number.NEGATIVE_INFINITY;
  for (const c of unit.frameworkChanges) {
    const from = fromKey(c.from);
    if (!from) continue;
    const start = startOf(from);
    if (start <= startOf(p) && start >= best) {
      best = start;
      id = c.frameworkId;
    }
  }
  return id;
}

/** The unit as it reports for `period`: its framework that period. */
export function unitAt<U extends { frameworkId: string; frameworkChanges?: readonly FrameworkChange[] }>(
  unit: U,
  period: string,
): U {
  const id = frameworkIdAt(unit, period);
  return id === unit.frameworkId ? unit : { ...unit, frameworkId: id };
}

/** Every framework a unit has been or will be on, its own first. */
export function frameworkIdsOf(unit: {
  frameworkId: string;
  frameworkChanges?: readonly FrameworkChange[];
}): string[] {
  return [...new Set([unit.frameworkId, ...(unit.frameworkChanges ?? []).map((c) => c.frameworkId)])];
}
