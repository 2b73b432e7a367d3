/** `deadlines add|list|calendar`: ad-hoc deadlines, the calendar of each province, provinces' own days. */
import { canSeeUnit } from '../domain/access.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { dayKey } from '../domain/periods/dates.js';
import { deadlinesAround } from '../domain/reminders/calendar.js';
import { yearDuesOf } from '../domain/units/frameworks.js';
import { vnDay } from '../domain/units/lifecycle.js';
import {
  addAdHocDeadline,
  listAdHocDeadlines,
  listCalendarOverrides,
  setCalendarOverride,
} from '../storage/reminders.js';
import { listUnits } from '../storage/units.js';
import { CliError, defineCommand } from './command.js';
import { day, dayOfYear, flag, instant, optional, period, province, text, wholeNumber } from './options.js';

export const deadlinesAdd = defineCommand({
  name: 'deadlines add',
  summary: CLI_SUMMARY.deadlinesAdd,
  access: 'operator',
  options: { name: text(), period: period(), due: day(), province: optional(province()), force: flag() },
  help: {
    name: CLI_OPTION_NOTES.deadlineName,
    period: CLI_OPTION_NOTES.deadlinePeriod,
    province: CLI_OPTION_NOTES.deadlineProvince,
  },
  async run(ctx, o) {
    // A deadline already past would only set off overdue notices at once: refused unless forced.
    if (!o.force && dayKey(o.due) < vnDay(ctx.app.clock())) {
      throw new CliError(
        msg.cliDeadlinePast(
          o.due.day.toString().padStart(2, '0') +
            '/' +
            o.due.month.toString().padStart(2, '0') +
            '/' +
            o.due.year,
        ),
      );
    }
    const d = await addAdHocDeadline(
      ctx.app.db,
      {
        name: o.name,
        period: ctx.periodKey(o.period),
        dueDate: dayKey(o.due),
        ...(o.province ? { province: o.province } : {}),
      },
      ctx.app.clock(),
    );
    ctx.out.write(`${msg.cliDeadlineAdded(d, o.due)}\n`);
    return 0;
  },
});

export const deadlinesList = defineCommand({
  name: 'deadlines list',
  summary: CLI_SUMMARY.deadlinesList,
  access: 'person',
  options: { province: optional(province()), at: optional(instant()) },
  help: { province: CLI_OPTION_NOTES.deadlinesProvince },
  async run({ app, actor, asPerson, out }, o) {
    const now = o.at ?? app.clock();
    const [overrides, adHoc, units] = await Promise.all([
      listCalendarOverrides(app.db),
      listAdHocDeadlines(app.db),
      listUnits(app.db),
    ]);
    const seen = [...new Set(units.filter((u) => canSeeUnit(actor, u)).map((u) => u.province))];
    if (asPerson && (o.province ? !seen.includes(o.province) : seen.length === 0)) {
      throw new CliError(msg.cliNoUnitsOf(o.province));
    }
    const provinces = o.province ? [o.province] : seen.length > 0 ? seen : [msg.cliAllProvinces()];
    for (const province of provinces) {
      out.write(`${province}:\n`);
      const around = deadlinesAround(now, province, {
        base: app.calendar,
        overrides,
        adHoc,
        yearDues: yearDuesOf(app.frameworks.values()),
        pastDays: 31,
        futureDays: 366,
      });
      for (const d of around) out.write(`${msg.cliDeadlineLine(d.due, d.key, d.name, d.due < now)}\n`);
    }
    return 0;
  },
});

export const deadlinesCalendar = defineCommand({
  name: 'deadlines calendar',
  summary: CLI_SUMMARY.deadlinesCalendar,
  access: 'operator',
  options: {
    province: province(),
    'quarter-due-day': optional(wholeNumber(1, 28)),
    'year-due': optional(dayOfYear()),
  },
  async run({ app, out }, o) {
    const quarterDueDay = o['quarter-due-day'];
    const yearDue = o['year-due'];
    await setCalendarOverride(app.db, {
      province: o.province,
      ...(quarterDueDay ? { quarterDueDay } : {}),
      ...(yearDue ? { yearDueDay: yearDue.day, yearDueMonth: yearDue.month } : {}),
    });
    out.write(`${msg.cliCalendarSet(o.province)}\n`);
    return 0;
  },
});
