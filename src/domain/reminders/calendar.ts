import type { ReportingCalendar } from '../catalog/types.js';
import { periodLabel, reportNameOn } from '../messages/format.js';
import { parseDay } from '../periods/dates.js';
import { type CalendarConfig, DEFAULT_CALENDAR, deadlineFor } from '../periods/deadlines.js';
import { fromKey, type PeriodKey, vnDate, vnInstant } from '../periods/periods.js';
import {
  type FrameworkChange,
  frameworkIdsOf,
  openFrameworkIdsAt,
  opensPeriod,
  yearDueOf,
} from '../units/frameworks.js';

/** A province's own reporting days, overriding the default calendar. */
export interface CalendarOverride {
  province: string;
  quarterDueDay?: number;
  yearDueMonth?: number;
  yearDueDay?: number;
}

/** A deadline a supervisor or admin added (e.g. a 9-month report the province requests). */
export interface AdHocDeadline {
  id: number;
  name: string;
  period: PeriodKey;
  /** The last on-time day, "YYYY-MM-DD", Vietnam time. */
  dueDate: string;
  /** Undefined: every province. */
  province?: string;
}

/** One concrete deadline: a report for a period, due at the end of a day in Vietnam. */
export interface Deadline {
  /** Stable key for the reminder log: "quy:2026-Q4", "nam:2026", "adhoc:3". */
  key: string;
  name: string;
  period: PeriodKey;
  due: Date;
  /**
   * The framework the report is on, for a unit on several frameworks (`unitDeadlines`): its
   * progress is that framework's, and when two frameworks report for the same period each has
   * its own deadline ("nam:2026:ntm-2026").
   */
  frameworkId?: string;
}

/** The key of a deadline's progress: its period, with its framework when it has one. */
export function progressKey(d: Pick<Deadline, 'period' | 'frameworkId'>): string {
  return d.frameworkId ? `${d.period}|${d.frameworkId}` : d.period;
}

/**
 * The deadlines of one unit among its province's: a unit on one framework has them all, as
 * before; a unit on several has, for each quarterly and yearly report, one deadline for each of
 * its frameworks that takes a report for that period (a yearly framework none for a quarter), named
 * with the framework when two report for the same period. Ad hoc deadlines stay as they are.
 */
export function unitDeadlines(
  deadlines: readonly Deadline[],
  unit: { frameworkId: string; frameworkChanges?: readonly FrameworkChange[] },
  frameworks: {
    get(id: string): { name: string; calendar?: ReportingCalendar; yearDue?: string } | undefined;
  },
): Deadline[] {
  // A framework with a yearly due day of its own reports its year then, not on the province's day:
  // its own deadline ("nam:2026:<id>", from `deadlinesAround`) stands for it.
  const ownYear = (id: string) => yearDueOf(frameworks.get(id)) !== undefined;
  const yearly = (d: Deadline) => d.key.startsWith('nam:');
  if (frameworkIdsOf(unit).length < 2) {
    const fw = frameworks.get(unit.frameworkId);
    const own = ownYear(unit.frameworkId);
    // One framework: a yearly one has no quarterly reports, a half-yearly one the second quarter's
    // (its 6-month report) only.
    return deadlines.filter((d) => {
      if (d.key.startsWith('adhoc:')) return true;
      if (d.frameworkId !== undefined) return d.frameworkId === unit.frameworkId;
      if (own && yearly(d)) return false;
      return fw ? opensPeriod(fw, d.period) : true;
    });
  }
  return deadlines.flatMap((d) => {
    if (d.key.startsWith('adhoc:')) return [d];
    if (d.frameworkId !== undefined) {
      const open = openFrameworkIdsAt(unit, d.period, (id) => frameworks.get(id));
      return open.includes(d.frameworkId) ? [d] : [];
    }
    const ids = openFrameworkIdsAt(unit, d.period, (id) => frameworks.get(id)).filter(
      (id) => !(yearly(d) && ownYear(id)),
    );
    if (ids.length === 1) return [{ ...d, frameworkId: ids[0] as string }];
    return ids.map((id) => ({
      ...d,
      key: `${d.key}:${id}`,
      name: reportNameOn(d.name, frameworks.get(id)?.name ?? id),
      frameworkId: id,
    }));
  });
}

/** The calendar that applies to a province: the default with that province's overrides. */
export function calendarFor(
  province: string,
  base: CalendarConfig,
  overrides: readonly CalendarOverride[],
): CalendarConfig {
  const o = overrides.find((x) => x.province === province);
  return {
    quarterDueDay: o?.quarterDueDay ?? base.quarterDueDay,
    yearDueMonth: o?.yearDueMonth ?? base.yearDueMonth,
    yearDueDay: o?.yearDueDay ?? base.yearDueDay,
  };
}

function reportName(period: PeriodKey): string {
  return `Báo cáo ${periodLabel(period)}`;
}

/**
 * Every deadline of a province whose due day lies within [now − pastDays, now + futureDays]:
 * the quarterly and yearly reports of its calendar, and the ad-hoc deadlines for it or for all.
 */
export function deadlinesAround(
  now: Date,
  province: string,
  opts: {
    base?: CalendarConfig;
    overrides?: readonly CalendarOverride[];
    adHoc?: readonly AdHocDeadline[];
    /** Frameworks with a yearly due day of their own: their yearly reports are due then (`unitDeadlines` picks). */
    yearDues?: ReadonlyArray<{ frameworkId: string; name: string; month: number; day: number }>;
    pastDays: number;
    futureDays: number;
  },
): Deadline[] {
  const cal = calendarFor(province, opts.base ?? DEFAULT_CALENDAR, opts.overrides ?? []);
  const from = now.getTime() - opts.pastDays * 86_400_000;
  const to = now.getTime() + opts.futureDays * 86_400_000;
  const { year } = vnDate(now);
  const out: Deadline[] = [];
  for (const y of [year - 1, year, year + 1]) {
    for (const q of [1, 2, 3, 4] as const) {
      const d = deadlineFor({ type: 'quarter', year: y, quarter: q }, cal);
      out.push({ key: `quy:${d.periodKey}`, name: reportName(d.periodKey), period: d.periodKey, due: d.due });
    }
    const d = deadlineFor({ type: 'year', year: y }, cal);
    out.push({ key: `nam:${d.periodKey}`, name: reportName(d.periodKey), period: d.periodKey, due: d.due });
    for (const own of opts.yearDues ?? []) {
      out.push({
        key: `nam:${y}:${own.frameworkId}`,
        name: reportNameOn(reportName(String(y)), own.name),
        period: String(y),
        due: vnInstant(y, own.month, own.day, 23, 59, 59),
        frameworkId: own.frameworkId,
      });
    }
  }
  for (const a of opts.adHoc ?? []) {
    if (a.province !== undefined && a.province !== province) continue;
    const day = parseDay(a.dueDate);
    if (!day || !fromKey(a.period)) continue;
    out.push({
      key: `adhoc:${a.id}`,
      name: a.name,
      period: a.period,
      due: vnInstant(day.year, day.month, day.day, 23, 59, 59),
    });
  }
  return out
    .filter((d) => d.due.getTime() >= from && d.due.getTime() <= to)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}
