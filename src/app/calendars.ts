import type { CalendarConfig } from '../domain/periods/deadlines.js';
import {
  type AdHocDeadline,
  type CalendarOverride,
  calendarFor,
  type Deadline,
  deadlinesAround,
} from '../domain/reminders/calendar.js';
import { yearDuesOf } from '../domain/units/frameworks.js';
import type { Db } from '../storage/db.js';
import { listAdHocDeadlines, listCalendarOverrides } from '../storage/reminders.js';

/** A province's calendar (the base with its own days) and its deadlines around now. */
export interface ProvinceCalendar {
  calendar: CalendarConfig;
  deadlines: Deadline[];
}

/** How far back and ahead the deadlines given to the dialog reach. */
const PAST_DAYS = 40;
const FUTURE_DAYS = 400;
/** The overrides and ad hoc deadlines are read again at most this often. */
const REFRESH_MS = 60_000;
const DAY_MS = 86_400_000;

export interface CalendarCache {
  forProvince(province: string, now: Date): Promise<ProvinceCalendar>;
}

/**
 * The deadlines of each province, computed once per refresh (a minute) rather than for every
 * message: the overrides and the ad hoc deadlines change rarely, and only through the CLI.
 */
export function createCalendarCache(
  db: Db,
  base: CalendarConfig,
  frameworks: { values(): Iterable<{ id: string; name: string; yearDue?: string }> } = new Map(),
): CalendarCache {
  let yearDues = yearDuesOf(frameworks.values());
  let at = Number.NEGATIVE_INFINITY;
  let overrides: CalendarOverride[] = [];
  let adHoc: AdHocDeadline[] = [];
  const byProvince = new Map<string, ProvinceCalendar>();
  return {
    async forProvince(province, now) {
      const t = now.getTime();
      if (t - at > REFRESH_MS || t < at) {
        [overrides, adHoc] = await Promise.all([listCalendarOverrides(db), listAdHocDeadlines(db)]);
        yearDues = yearDuesOf(frameworks.values());
        at = t;
        byProvince.clear();
      }
      let entry = byProvince.get(province);
      if (!entry) {
        // From the refresh on, a little wider than asked: it serves every message until the next refresh.
        entry = {
          calendar: calendarFor(province, base, overrides),
          deadlines: deadlinesAround(new Date(at), province, {
            base,
            overrides,
            adHoc,
            yearDues,
            pastDays: PAST_DAYS + 1,
            futureDays: FUTURE_DAYS + 1,
          }),
        };
        byProvince.set(province, entry);
      }
      const from = t - PAST_DAYS * DAY_MS;
      const to = t + FUTURE_DAYS * DAY_MS;
      return {
        calendar: entry.calendar,
        deadlines: entry.deadlines.filter((d) => d.due.getTime() >= from && d.due.getTime() <= to),
      };
    },
  };
}
