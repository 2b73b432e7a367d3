import { type Period, periodKey, vnDate, vnInstant } from './periods.js';

/**
 * The reporting calendar. Seed 003 (Kế hoạch CĐS huyện Ba Tơ 2023, mục VI.1): quarterly reports
 * "trước ngày 12 hàng tháng của tháng cuối quý", yearly reports by 15 November.
 */
export interface CalendarConfig {
  /** The last day of the quarter's last month on which a quarterly report is on time (11: "trước ngày 12"). */
  quarterDueDay: number;
  yearDueMonth: number;
  yearDueDay: number;
}

export const DEFAULT_CALENDAR: CalendarConfig = { quarterDueDay: 11, yearDueMonth: 11, yearDueDay: 15 };

export interface Deadline {
  period: Period;
  periodKey: string;
  /** The last instant at which the report is on time (23:59:59 Vietnam time of the due day). */
  due: Date;
}

/** When the report for `period` is due. */
export function deadlineFor(period: Period, cal: CalendarConfig = DEFAULT_CALENDAR): Deadline {
  const due =
    period.type === 'quarter'
      ? vnInstant(period.year, period.quarter * 3, cal.quarterDueDay, 23, 59, 59)
      : vnInstant(period.year, cal.yearDueMonth, cal.yearDueDay, 23, 59, 59);
  return { period, periodKey: periodKey(period), due };
}

/** The next quarterly and the next yearly deadline that have not passed at `now`, soonest first. */
export function upcomingDeadlines(now: Date, cal: CalendarConfig = DEFAULT_CALENDAR): Deadline[] {
  const { year } = vnDate(now);
  const quarters: Deadline[] = [];
  for (const y of [year, year + 1]) {
    for (const q of [1, 2, 3, 4] as const)
      quarters.push(deadlineFor({ type: 'quarter', year: y, quarter: q }, cal));
  }
  const nextQuarter = quarters.find((d) => d.due.getTime() >= now.getTime());
  const years = [year, year + 1].map((y) => deadlineFor({ type: 'year', year: y }, cal));
  const nextYear = years.find((d) => d.due.getTime() >= now.getTime());
  return [nextQuarter, nextYear]
    .filter((d): d is Deadline => d !== undefined)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

/** Whole calendar days (Vietnam time) from `now` to the due day: 0 on the due day itself. */
export function daysLeft(now: Date, due: Date): number {
  const a = vnDate(now);
  const b = vnDate(due);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}
