/**
 * Reminder planning for every officer of the province fixture (10,000 by default), and with
 * BENCH_FULL=1 the whole fan-out in real time through the production Telegram sender (buildTelegramBot:
 * its bot-wide queue at 25/s, the per-chat limiter, auto-retry, rendering) against the fake Bot API on
 * loopback (30 bulk messages a second, 429 + retry_after beyond): about 400 s for 10,000. The
 * deadline-day surge (bench/surge.ts) runs the same fan-out beside 2,000 officers reporting.
 */
import { pino } from 'pino';
import { planAt, type ReminderDeps, runRemindersAt } from '../src/app/reminders.js';
import { buildTelegramBot, DEFAULT_TELEGRAM_LIMITS } from '../src/bot/telegram/index.js';
import { startFakeBotApi } from './fake-bot-api.js';
import {
  emit,
  envInt,
  FULL,
  openApp,
  REMINDER_AT,
  round,
  seedProvince,
  stats,
  tempDir,
  timeRepeated,
} from './lib.js';
import { BOT_INFO, TOKEN } from './walkthrough.js';

const LIMIT = 30;

interface FanOut {
  label: string;
  pacePerSecond: number;
  planned: number;
  sent: number;
  failed: number;
  skipped: number;
  rejected429: number;
  duplicates: number;
  totalSeconds: number;
  floorSeconds: number;
  ratioToFloor: number;
  paceFloorSeconds: number;
  ratioToPaceFloor: number;
}

/** Every due reminder, in real time, through the production Telegram sender. */
export async function fanOut(app: Awaited<ReturnType<typeof openApp>>, label: string): Promise<FanOut> {
  await app.db.deleteFrom('reminder_log').execute();
  const api = await startFakeBotApi({ bulkLimit: LIMIT });
  const tg = buildTelegramBot(
    TOKEN,
    { engine: app.engine, logger: pino({ level: 'silent' }) },
    { botInfo: BOT_INFO, client: { apiRoot: api.url } },
  );
  const deps: ReminderDeps = {
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: new Map([['telegram', tg.sender]]),
    logger: pino({ level: 'silent' }),
  };
  const t = performance.now();
  const report = await runRemindersAt(deps, REMINDER_AT);
  const total = (performance.now() - t) / 1000;
  await api.close();
  const perSecond = DEFAULT_TELEGRAM_LIMITS.bulkPerSecond;
  const duplicates = [...api.stats.perChat.values()].filter((n) => n > 1).length;
  const floor = report.planned / LIMIT;
  const paceFloor = report.planned / perSecond;
  return {
    label,
    pacePerSecond: perSecond,
    planned: report.planned,
    sent: report.sent,
    failed: report.failed,
    skipped: report.skipped,
    rejected429: api.stats.rejected,
    duplicates,
    totalSeconds: round(total, 1),
    floorSeconds: round(floor, 1),
    ratioToFloor: round(total / floor, 3),
    paceFloorSeconds: round(paceFloor, 1),
    ratioToPaceFloor: round(total / paceFloor, 3),
  };
}

export async function benchReminders(dbPath: string) {
  const app = await openApp(dbPath);
  const deps: ReminderDeps = {
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: new Map([['telegram', { channel: 'telegram', send: async () => {} }]]),
  };
  let planned = 0;
  await timeRepeated(1, async () => {
    planned = (await planAt(deps, REMINDER_AT)).deliveries.length;
  });
  const plan = stats(
    await timeRepeated(envInt('BENCH_PLAN_RUNS', 5, 3), async () => planAt(deps, REMINDER_AT)),
  );
  const runs: FanOut[] = [];
  if (FULL)
    runs.push(await fanOut(app, `production pace ${DEFAULT_TELEGRAM_LIMITS.bulkPerSecond}/s, real time`));
  await app.close();
  return {
    planning: { officers: planned, p50Ms: round(plan.p50, 0), maxMs: round(plan.max, 0) },
    runs,
    limitPerSecond: LIMIT,
    target: 'within 5 % of the floor (N / 30 s), 0 rejected',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let dir: ReturnType<typeof tempDir> | undefined;
  let dbPath = process.env.BENCH_PROVINCE_DB;
  if (!dbPath) {
    dir = tempDir('cds-bench-rem-');
    dbPath = `${dir.path}/province.sqlite`;
    await seedProvince(dbPath, {
      units: envInt('BENCH_UNITS', 3321, 300),
      officers: envInt('BENCH_OFFICERS', 10_000, 1000),
    });
  }
  try {
    const result = await benchReminders(dbPath);
    console.log(`planning for ${result.planning.officers} officers: p50 ${result.planning.p50Ms} ms`);
    for (const r of result.runs) {
      console.log(
        `${r.label}: sent ${r.sent}/${r.planned}, failed ${r.failed}, 429s ${r.rejected429}, ${r.totalSeconds} s = ${r.ratioToFloor} × the ${LIMIT}/s floor (${r.floorSeconds} s), ${r.ratioToPaceFloor} × the pace floor`,
      );
    }
    emit({ reminders: result });
  } finally {
    dir?.remove();
  }
}
