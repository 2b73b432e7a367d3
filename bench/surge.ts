/**
 * Deadline day at full speed: `BENCH_SURGE_OFFICERS` (2,000) officers of the province fixture each
 * report a whole quarter (43 questions of the 37-criterion framework, taps and typed answers, khó
 * khăn) at a human pace (a pause of BENCH_SURGE_THINK_MIN_MS–MAX_MS, 2–8 s, before each message,
 * starts spread over the first pause), through the production Telegram bot (handler, limiter,
 * auto-retry, rendering) to the fake Bot API on loopback, which enforces one message a second per
 * chat and 30 bulk messages a second (429 + retry_after beyond). With `--fan-out`, the reminder
 * run of 08:00 (10,000 due) sends through the same bot's sender at the same time.
 *
 * Reported: the offered load (the messages over the time the walks take with an instant bot: the
 * platform's limits allow all of it at this pace, so it is the baseline), the throughput (the same
 * messages over the time they really took), reply latency (update handed over → reply accepted by
 * the API) percentiles, 429s, lost replies (a reply missing or unexpected) and what the fan-out sent
 * meanwhile.
 */
import { writeFileSync } from 'node:fs';
import { pino } from 'pino';
import { type ReminderDeps, runRemindersAt } from '../src/app/reminders.js';
import { listQuestions } from '../src/domain/catalog/load.js';
import { startFake } from './fake-bot-api.js';
import {
  emit,
  envInt,
  installBenchFramework,
  openApp,
  REMINDER_AT,
  rng,
  round,
  seedProvince,
  stats,
  tempDir,
} from './lib.js';
import { productionBot, walk } from './walkthrough.js';

export async function benchSurge(dbPath: string, withFanOut: boolean) {
  const officers = envInt('BENCH_SURGE_OFFICERS', 2000, 100);
  const thinkMin = envInt('BENCH_SURGE_THINK_MIN_MS', 2000, 1500);
  const thinkMax = Math.max(thinkMin, envInt('BENCH_SURGE_THINK_MAX_MS', 8000, 3000));
  const app = await openApp(dbPath, REMINDER_AT);
  const fw = installBenchFramework(app.frameworks);
  const questions = new Map(listQuestions(fw).map((q) => [q.key, q]));
  const api = await startFake();
  const { bot, recorder, sender } = productionBot(app, api.url);
  const latencies: number[] = [];
  const unexpected = { count: 0, samples: [] as string[] };
  // One of several instances (BENCH_SURGE_SHARD=k/N, bench/instances.ts): every N-th officer from k.
  const [shard, shards] = (process.env.BENCH_SURGE_SHARD ?? '0/1').split('/').map(Number) as [number, number];
  const users = Array.from({ length: officers }, (_, i) => 1_000_000 + i).filter(
    (_, i) => i % shards === shard,
  );
  /** What each walk would take with a bot that answers at once: its pauses. */
  const ideal = new Map<number, number>();

  let fanOut: Promise<unknown> = Promise.resolve();
  const reminders = { planned: 0, sent: 0, failed: 0 };
  const started = performance.now();
  if (withFanOut) {
    const deps: ReminderDeps = {
      db: app.db,
      frameworks: app.frameworks,
      calendar: app.calendar,
      senders: new Map([['telegram', sender]]),
      logger: pino({ level: 'silent' }),
    };
    fanOut = runRemindersAt(deps, REMINDER_AT).then((r) => Object.assign(reminders, r));
  }
  let updates = 0;
  const cpu0 = process.cpuUsage();
  await Promise.all(
    users.map(async (u) => {
      const r = rng(u * 7 + 1);
      const pause = () => {
        const ms = thinkMin + r() * (thinkMax - thinkMin);
        ideal.set(u, (ideal.get(u) ?? 0) + ms);
        return ms;
      };
      const first = r() * thinkMax;
      ideal.set(u, first);
      await new Promise((resolve) => setTimeout(resolve, first));
      const sent = await walk(bot, recorder, u, questions, latencies, {
        first: 'báo cáo quý III/2026',
        think: pause,
        onUpdate: api.wrote,
        unexpected,
      });
      updates += sent.length;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const idealSeconds = Math.max(...ideal.values()) / 1000;
  await api.refresh();
  const bulkDuringSurge = api.stats.bulk;
  const s = stats(latencies);
  const result = {
    label: withFanOut ? 'with the 10,000-reminder fan-out running' : 'officers alone',
    officers,
    thinkMs: [thinkMin, thinkMax],
    updates,
    seconds: round(seconds, 1),
    offeredPerSecond: round(updates / idealSeconds, 1),
    throughputPerSecond: round(updates / seconds, 1),
    ratioToOffered: round(idealSeconds / seconds, 3),
    latencyMs: {
      p50: round(s.p50, 1),
      p95: round(s.p95, 1),
      p99: round(s.p99, 1),
      max: round(s.max, 1),
    },
    /** CPU time of the bot's process (the bot and the officers' simulation) per message, and cores used. */
    cpuMsPerMessage: round((cpu.user + cpu.system) / 1000 / Math.max(1, updates), 2),
    coresUsed: round((cpu.user + cpu.system) / 1e6 / seconds, 2),
    /** Messages the fake accepted per officer message (replies and reminders), and every API call per message. */
    sendsPerMessage: round(api.stats.replies / Math.max(1, updates), 3),
    callsPerMessage: round(recorder.calls / Math.max(1, updates), 3),
    rejected429: api.stats.rejected,
    rejected429PerChat: api.stats.rejectedPerChat,
    rejected429Bulk: api.stats.rejectedBulk,
    lostReplies: unexpected.count,
    lostSamples: unexpected.samples,
    /** Every latency, for a parent that merges several instances' figures. */

    fanOut: withFanOut
      ? { bulkSentDuringSurge: bulkDuringSurge, perSecondDuringSurge: round(bulkDuringSurge / seconds, 1) }
      : undefined,
  };
  // Every latency, for a parent that merges several instances' figures (a file: too long for a line).
  const latencyFile = process.env.BENCH_SURGE_LATENCY_FILE;
  if (latencyFile) writeFileSync(latencyFile, JSON.stringify(latencies.map((l) => round(l, 1))));
  // The fan-out goes on after the surge; it is not waited for (its own figures: bench/reminders.ts).
  void fanOut;
  await api.close();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let dir: ReturnType<typeof tempDir> | undefined;
  let dbPath = process.env.BENCH_PROVINCE_DB;
  if (!dbPath) {
    dir = tempDir('cds-bench-surge-');
    dbPath = `${dir.path}/province.sqlite`;
    await seedProvince(dbPath, {
      units: envInt('BENCH_UNITS', 3321, 300),
      officers: envInt('BENCH_OFFICERS', 10_000, 1000),
    });
  }
  const withFanOut = process.argv.includes('--fan-out');
  const result = await benchSurge(dbPath, withFanOut);
  console.log(
    `surge, ${result.label}: ${result.officers} officers, ${result.updates} messages in ${result.seconds} s; offered ${result.offeredPerSecond}/s, served ${result.throughputPerSecond}/s (× ${result.ratioToOffered}); latency p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms; 429s ${result.rejected429}; ${result.sendsPerMessage} sends and ${result.callsPerMessage} API calls a message; CPU ${result.cpuMsPerMessage} ms/message (${result.coresUsed} cores); lost ${result.lostReplies}${result.fanOut ? `; reminders sent meanwhile ${result.fanOut.bulkSentDuringSurge} (${result.fanOut.perSecondDuringSurge}/s)` : ''}`,
  );
  emit({ surge: result });
  dir?.remove();
  // The fan-out may still be sending: this process is done.
  process.exit(0);
}
