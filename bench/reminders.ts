/**
 * Reminder planning and fan-out to every officer of the province fixture (10,000 by default)
 * against a fake Bot API on loopback that enforces 30 messages a second (429 + retry_after above it).
 *
 * Default: a clock that counts every real millisecond of work but skips the waits (the pacer's sleeps
 * advance the clock instead of sleeping), shared by the pacer and the fake API, so the full 10,000
 * run takes seconds. Work done while the pacer waits overlaps the wait, as in real time; timers that
 * wake up late in a real run are not shown (the real-time run shows that part). The sends go through grammY's Api
 * (HTML, JSON over HTTP), without the throttler and auto-retry, which keep real time.
 * BENCH_FULL=1 adds a real-time run through the production Telegram sender (buildTelegramBot:
 * throttler, auto-retry, rendering) with the production pace: about 400 s for 10,000 at 25/s.
 */
import { Api } from 'grammy';
import { pino } from 'pino';
import { DEFAULT_PACE, planAt, type ReminderDeps, runRemindersAt } from '../src/app/reminders.js';
import type { Sender } from '../src/bot/channel.js';
import { buildTelegramBot } from '../src/bot/telegram/bot.js';
import { escapeHtml } from '../src/bot/telegram/render.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';
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

/**
 * Real work counts; waits are skipped. Work that other tasks do while the pacer waits (claiming the
 * next reminders in the log, marking sent ones) overlaps the wait, as it does in real time: only what
 * is left of the wait when the sleeper runs again is added to the clock. Work longer than the wait
 * makes the sleeper late, as in real time.
 */
function skippingClock() {
  let skipped = 0;
  const now = () => performance.now() + skipped;
  return {
    now,
    sleep: async (ms: number) => {
      const wakeAt = now() + Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
      const left = wakeAt - now();
      if (left > 0) skipped += left;
    },
  };
}

interface FanOut {
  label: string;
  clock: 'skipped waits' | 'real time';
  sender: string;
  pacePerSecond: number;
  officers: number;
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

async function fanOut(
  app: Awaited<ReturnType<typeof openApp>>,
  label: string,
  realTime: boolean,
  perSecond: number,
): Promise<FanOut> {
  await app.db.deleteFrom('reminder_log').execute();
  const clock = realTime ? { now: () => performance.now(), sleep: undefined } : skippingClock();
  const api: FakeBotApi = await startFakeBotApi({ limit: LIMIT, now: clock.now });
  let sender: Sender;
  let senderLabel: string;
  if (realTime) {
    const tg = buildTelegramBot(
      TOKEN,
      { engine: app.engine, logger: pino({ level: 'silent' }) },
      { botInfo: BOT_INFO, client: { apiRoot: api.url } },
    );
    sender = {
      channel: 'telegram',
      send: (externalId, replies) => tg.deliver(externalId, { channel: 'telegram', externalId }, replies),
    };
    senderLabel = 'production Telegram sender (throttler, auto-retry)';
  } else {
    const bare = new Api(TOKEN, { apiRoot: api.url });
    sender = {
      channel: 'telegram',
      async send(externalId, replies) {
        for (const r of replies)
          await bare.sendMessage(externalId, escapeHtml(r.text), { parse_mode: 'HTML' });
      },
    };
    senderLabel = 'grammY Api over HTTP (no throttler: it keeps real time)';
  }
  const deps: ReminderDeps = {
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: new Map([['telegram', sender]]),
    pace: {
      telegram: {
        perSecond,
        perChatMs: DEFAULT_PACE.telegram?.perChatMs ?? 1000,
        now: clock.now,
        ...(clock.sleep ? { sleep: clock.sleep } : {}),
      },
    },
    logger: pino({ level: 'silent' }),
  };
  const t = clock.now();
  const report = await runRemindersAt(deps, REMINDER_AT);
  const total = (clock.now() - t) / 1000;
  await api.close();
  const officers = Number(
    (
      await app.db
        .selectFrom('officers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const duplicates = [...api.stats.perChat.values()].filter((n) => n > 1).length;
  const floor = report.planned / LIMIT;
  const paceFloor = report.planned / perSecond;
  return {
    label,
    clock: realTime ? 'real time' : 'skipped waits',
    sender: senderLabel,
    pacePerSecond: perSecond,
    officers,
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
  const production = DEFAULT_PACE.telegram?.perSecond ?? 25;
  const runs: FanOut[] = [
    await fanOut(app, `production pace ${production}/s`, false, production),
    await fanOut(app, `pace ${LIMIT - 1}/s (just under the API limit)`, false, LIMIT - 1),
    await fanOut(app, `pace ${LIMIT}/s (the API limit)`, false, LIMIT),
  ];
  if (FULL) runs.push(await fanOut(app, `production pace ${production}/s, real time`, true, production));
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
        `${r.label} (${r.clock}): sent ${r.sent}/${r.planned}, failed ${r.failed}, 429s ${r.rejected429}, ${r.totalSeconds} s = ${r.ratioToFloor} × the ${LIMIT}/s floor (${r.floorSeconds} s), ${r.ratioToPaceFloor} × the pace floor`,
      );
    }
    emit({ reminders: result });
  } finally {
    dir?.remove();
  }
}
