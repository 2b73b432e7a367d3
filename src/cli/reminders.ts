/** `reminders plan|run`: the deadline reminders due at an instant, shown or sent. Operator only. */
import { CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { type CliContext, defineCommand } from './command.js';
import { instant, optional } from './options.js';

/** What the reminder runner needs, with a sender for every channel this process can reach. */
async function reminderDeps({ app, out }: CliContext) {
  const { buildSenders } = await import('../main.js');
  return {
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: await buildSenders(app, out),
    logger: app.logger,
  };
}

export const remindersPlan = defineCommand({
  name: 'reminders plan',
  summary: CLI_SUMMARY.remindersPlan,
  access: 'operator',
  options: { at: optional(instant()) },
  async run(ctx, o) {
    const { planAt } = await import('../app/reminders.js');
    const { reminderText } = await import('../domain/reminders/plan.js');
    const { plan, deliveries } = await planAt(await reminderDeps(ctx), o.at ?? ctx.app.clock());
    if (plan.quiet) ctx.out.write(`${msg.cliQuietHours()}\n`);
    for (const d of deliveries) {
      const to = d.target ? `${d.target.channel}:${d.target.externalId}` : undefined;
      const shown = {
        ...d,
        text: reminderText(d),
        deadline: [d.deadline, ...(d.also ?? []).map((a) => a.deadline)].map((x) => x.name).join(' + '),
      };
      ctx.out.write(`${msg.cliPlannedReminder(shown, to)}\n`);
    }
    for (const n of plan.lateUnits) {
      ctx.out.write(
        `${msg.cliLateUnits(
          n.deadline.name,
          n.units.map((u) => u.code),
        )}\n`,
      );
    }
    ctx.out.write(`${msg.cliPlanSummary(deliveries.length, plan.deferred)}\n`);
    return 0;
  },
});

export const remindersRun = defineCommand({
  name: 'reminders run',
  summary: CLI_SUMMARY.remindersRun,
  access: 'operator',
  options: { at: optional(instant()) },
  async run(ctx, o) {
    const { runRemindersAt } = await import('../app/reminders.js');
    const report = await runRemindersAt(await reminderDeps(ctx), o.at ?? ctx.app.clock());
    ctx.out.write(`${msg.cliRunSummary(report)}\n`);
    return 0;
  },
});
