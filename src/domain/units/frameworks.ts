/**
 * Which frameworks a unit reports on for a period. A unit starts on `frameworkId`; each change
 * adds a framework from a period on (`units frameworks --code X --add <id> --from 2027-Q1`: the
 * unit's own stays) or stops one from a period on (`--remove <id> --from 2027-Q1`). A move to a new
 * version is both from the same period. The periods before a change keep the frameworks they were
 * answered under.
 */
import type { ReportingCalendar } from '../catalog/types.js';
import { currentQuarter, fromKey, type Period, type PeriodKey, periodKey } from '../periods/periods.js';

export interface FrameworkChange {
  /** The first period the change applies to ("2027-Q1" or "2027"). */
  from: string;
  frameworkId: string;
  /** The unit stops reporting on this framework from `from` on; absent: it starts to. */
  remove?: boolean;
}

interface WithFrameworks {
  frameworkId: string;
  frameworkChanges?: readonly FrameworkChange[];
}

/** A period's first quarter, as a number that orders periods: a year starts with its Q1. */
function startOf(p: Period): number {
  return p.year * 4 + (p.type === 'quarter' ? p.quarter - 1 : 0);
}

/** The changes in the order they take effect (by period; at one period, in the order recorded). */
function ordered(changes: readonly FrameworkChange[]): Array<FrameworkChange & { start: number }> {
  return changes
    .flatMap((c) => {
      const p = fromKey(c.from);
      return p ? [{ ...c, start: startOf(p) }] : [];
    })
    .sort((a, b) => a.start - b.start);
}

/** Every framework a unit reports on for `period` (a period key), its own first while it keeps it. */
export function frameworkIdsAt(unit: WithFrameworks, period: string): string[] {
  const p = fromKey(period);
  let ids = [unit.frameworkId];
  if (!p || !unit.frameworkChanges?.length) return ids;
  for (const c of ordered(unit.frameworkChanges)) {
    if (c.start > startOf(p)) break;
    ids = c.remove
      ? ids.filter((id) => id !== c.frameworkId)
      : [...ids.filter((id) => id !== c.frameworkId), c.frameworkId];
  }
  return ids;
}

/**
 * The first framework of a unit for `period`: the only one for a unit on one framework (the unit's
 * own when every framework was stopped, so that a lookup never comes back empty).
 */
export function frameworkIdAt(unit: WithFrameworks, period: string): string {
  return frameworkIdsAt(unit, period)[0] ?? unit.frameworkId;
}

/** The unit as it reports for `period` on its first framework that period. */
export function unitAt<U extends WithFrameworks>(unit: U, period: string): U {
  const id = frameworkIdAt(unit, period);
  return id === unit.frameworkId ? unit : { ...unit, frameworkId: id };
}

/** The unit once for each framework it reports on for `period` (one entry for a unit on one). */
export function unitsAt<U extends WithFrameworks>(unit: U, period: string): U[] {
  return frameworkIdsAt(unit, period).map((id) =>
    id === unit.frameworkId ? unit : { ...unit, frameworkId: id },
  );
}

/** Every framework a unit has been or will be on, its own first. */
export function frameworkIdsOf(unit: WithFrameworks): string[] {
  return [...new Set([unit.frameworkId, ...(unit.frameworkChanges ?? []).map((c) => c.frameworkId)])];
}

/**
 * Whether a framework with this calendar takes a report for `period`: a yearly framework only for
 * a year; a quarterly one (or one that declares none) for each quarter and for the year, as the
 * province's calendar has it. Periods have no halves: a half-year framework is taken as quarterly.
 */
export function opensPeriod(fw: { calendar?: ReportingCalendar }, period: string): boolean {
  const p = fromKey(period);
  if (!p) return false;
  if (fw.calendar === 'year') return p.type === 'year';
  // Half-yearly (NTM): the 6-month report (the second quarter's, "6 tháng đầu năm") and the year's.
  if (fw.calendar === 'half-year') return p.type === 'year' || p.quarter === 2;
  return true;
}

/**
 * The period a report on this framework is made for at `now`: this quarter's; this year's for a
 * yearly one; for a half-yearly one the 6-month report (the second quarter's) until June, then the year's.
 */
export function openPeriodOf(fw: { calendar?: ReportingCalendar }, now: Date): PeriodKey {
  const q = currentQuarter(now);
  if (fw.calendar === 'year') return String(q.year);
  if (fw.calendar === 'half-year') {
    const half = q.type === 'quarter' && q.quarter <= 2;
    return half ? periodKey({ type: 'quarter', year: q.year, quarter: 2 }) : String(q.year);
  }
  return periodKey(q);
}

/** The frameworks of a unit that take a report for `period`, in the unit's order. */
export function openFrameworkIdsAt(
  unit: WithFrameworks,
  period: string,
  calendarOf: (id: string) => { calendar?: ReportingCalendar } | undefined,
): string[] {
  return frameworkIdsAt(unit, period).filter((id) => {
    const fw = calendarOf(id);
    return fw ? opensPeriod(fw, period) : true;
  });
}

/**
 * The frameworks a unit reported on in `previous` that it no longer reports on in `period`: the
 * ones a move replaced (a version move is "add the new, remove the old" from the same period).
 * A framework it still reports on is a report of its own, never a predecessor.
 */
export function replacedFrameworkIds(unit: WithFrameworks, previous: string, period: string): string[] {
  const now = new Set(frameworkIdsAt(unit, period));
  return frameworkIdsAt(unit, previous).filter((id) => !now.has(id));
}

/** A framework's own yearly due day ("15/12" → 12, 15), or undefined: the province's. */
export function yearDueOf(fw: { yearDue?: string } | undefined): { month: number; day: number } | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(fw?.yearDue?.trim() ?? '');
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? { month, day } : undefined;
}

/** The frameworks with a yearly due day of their own, as `deadlinesAround` takes them. */
export function yearDuesOf(
  frameworks: Iterable<{ id: string; name: string; yearDue?: string }>,
): Array<{ frameworkId: string; name: string; month: number; day: number }> {
  return [...frameworks].flatMap((fw) => {
    const due = yearDueOf(fw);
    return due ? [{ frameworkId: fw.id, name: fw.name, ...due }] : [];
  });
}
