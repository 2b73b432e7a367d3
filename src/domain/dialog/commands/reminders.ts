/** Reminder settings: "nhắc nhở" shows them and the next reminder; off, on, and "nhắc lại sau". */
import { msg } from '../../messages/index.js';
import { progressKey } from '../../reminders/calendar.js';
import { nextReminder, progressOf, snoozeUntil } from '../../reminders/plan.js';
import { type Draft, remindOfWaiting } from '../draft.js';
import type { DialogState } from '../state.js';
import { upcomingDeadlines } from './info.js';

/** How many of the next deadlines "nhắc nhở" looks at for the next reminder. */
export const REMINDER_DEADLINES = 4;

export function onReminders(
  state: DialogState,
  action: 'show' | 'on' | 'off' | 'snooze',
  d: Draft,
): DialogState {
  const { ctx } = d;
  switch (action) {
    case 'off':
      d.effects.push({ type: 'set_reminders', enabled: false });
      d.say(msg.remindersOff());
      break;
    case 'on':
      d.effects.push({ type: 'set_reminders', enabled: true });
      d.say(msg.remindersOn());
      break;
    case 'snooze': {
      const until = snoozeUntil(ctx.now);
      d.effects.push({ type: 'snooze_reminders', until });
      d.say(msg.snoozed(until));
      break;
    }
    case 'show': {
      const deadlines = upcomingDeadlines(ctx).slice(0, REMINDER_DEADLINES);
      // Each deadline's report on its framework (a unit on several has one per framework).
      const progress = new Map(
        deadlines.map((x) => {
          const report = x.frameworkId
            ? ctx.reports?.find((r) => r.framework.id === x.frameworkId)
            : undefined;
          const on = report ? d.on(report) : d;
          return [progressKey(x), progressOf(on.ctx.framework, on.answers(x.period))] as const;
        }),
      );
      const next = nextReminder(ctx.now, {
        deadlines,
        progress,
        remindersEnabled: ctx.reminders.enabled,
        ...(ctx.reminders.snoozedUntil ? { snoozedUntil: ctx.reminders.snoozedUntil } : {}),
      });
      d.say(
        msg.reminderSettings(
          ctx.reminders.enabled,
          ctx.reminders.snoozedUntil,
          next ? { at: next.at, name: next.deadline.name } : undefined,
        ),
      );
      break;
    }
  }
  remindOfWaiting(state, d);
  return state;
}
