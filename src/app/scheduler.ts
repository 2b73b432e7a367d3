import cron from 'node-cron';
import type { Logger } from 'pino';
import { type ReminderDeps, type RunReport, runRemindersAt } from './reminders.js';

export interface Scheduler {
  /** Runs one pass now (also used at start to catch up on runs missed while the process was down). */
  tick(): Promise<RunReport | undefined>;
  stop(): void;
}

/**
 * node-cron is only the tick: every 15 minutes (Asia/Ho_Chi_Minh, no overlap) it calls the plain
 * reminder pass with the current time. Missed runs are caught up by the pass itself: a reminder
 * slot stays due until the next slot or the deadline, and the log keeps each one to a single send.
 */
export function startScheduler(
  deps: ReminderDeps & { clock: () => Date; logger: Logger },
  expression = '*/15 * * * *',
): Scheduler {
  let running: Promise<RunReport | undefined> | undefined;
  const tick = () => {
    if (running) return running;
    running = runRemindersAt(deps, deps.clock())
      .catch((err) => {
        deps.logger.error({ err: (err as Error).message }, 'reminder pass failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule(expression, () => tick(), {
    name: 'reminders',
    timezone: 'Asia/Ho_Chi_Minh',
    noOverlap: true,
  });
  return {
    tick,
    stop: () => {
      task.stop();
      task.destroy();
    },
  };
}
