/**
 * Start-up and memory with 10,000 registered officers, in a fresh process:
 * - time to ready: node and tsx boot, the imports, createApp on the existing database (catalogs,
 *   open, migrations check), and createApp alone (first and warm);
 * - peak RSS while serving: the Telegram handler, a reminder plan over every officer, walk-throughs
 *   of some officers and gap reports, against the RSS right after the imports (the baseline);
 * - `node bin/cds-bot.js --help` wall time against `node -e 0` (spawned, median of several).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const bootMs = performance.now();
const rssAtBoot = process.memoryUsage().rss;
const { pino } = await import('pino');
const { createApp } = await import('../src/app.js');
const { parseConfig } = await import('../src/config.js');
const { createTelegramBot } = await import('../src/bot/telegram/index.js');
const { planAt } = await import('../src/bot/reminders.js');
const { listQuestions } = await import('../src/domain/catalog/load.js');
const lib = await import('./lib.js');
const walkthrough = await import('./walkthrough.js');
const importedMs = performance.now();
const rssAfterImports = process.memoryUsage().rss;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Median wall time of a command, spawned `times` times, in ms. */
function wall(args: string[], times: number): number {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    out.push(performance.now() - t);
  }
  return lib.median(out);
}

export async function benchStartup(dbPath: string) {
  const config = parseConfig({ CDS_DB: dbPath });
  const silent = pino({ level: 'silent' });
  const t = performance.now();
  const app = await createApp(config, { logger: silent, clock: () => lib.BENCH_NOW });
  const createAppMs = performance.now() - t;
  const readyMs = performance.now();
  const phases: Record<string, number> = { afterCreateApp: lib.round(lib.peakRssMb(), 0) };
  const warm = await lib.timeRepeated(4, async () => {
    const other = await createApp(config, { logger: silent });
    await other.close();
  });

  // Serving: the Telegram handler with every officer registered.
  const fw = lib.installBenchFramework(app.frameworks);
  const questions = new Map(listQuestions(fw).map((q) => [q.key, q]));
  const api = new walkthrough.CannedApi();
  const bot = createTelegramBot(
    walkthrough.TOKEN,
    { engine: app.engine, logger: silent },
    {
      botInfo: walkthrough.BOT_INFO,
    },
  );
  bot.api.config.use(api.transformer);
  const plan = await planAt(
    {
      db: app.db,
      frameworks: app.frameworks,
      calendar: app.calendar,
      senders: new Map([['telegram', { channel: 'telegram', send: async () => {} }]]),
    },
    lib.REMINDER_AT,
  );
  phases.afterPlan = lib.round(lib.peakRssMb(), 0);
  const officers = Number(
    (
      await app.db
        .selectFrom('officers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const walkers = lib.envInt('BENCH_RSS_WALKERS', 100, 20);
  const latencies: number[] = [];
  let updates = 0;
  await walkthrough.pool(
    Array.from({ length: walkers }, (_, i) => 1_000_000 + ((1 + i * 97) % officers)),
    16,
    async (user) => {
      // The previous quarter has no answers yet: a whole 43-question walk.
      const sent = await walkthrough.walk(bot, api, user, questions, latencies, 'báo cáo quý III/2026');
      updates += sent.length;
      await app.engine.handle({ channel: 'telegram', externalId: String(user) }, 'chưa đạt');
    },
  );
  phases.afterWalks = lib.round(lib.peakRssMb(), 0);
  const peak = lib.peakRssMb();
  // What is really kept: after a full collection (when run with --expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const afterGc = process.memoryUsage();
  await app.close();

  const helpMs = wall(['bin/cds-bot.js', '--help'], lib.envInt('BENCH_SPAWNS', 5, 3));
  const nodeMs = wall(['-e', '0'], lib.envInt('BENCH_SPAWNS', 5, 3));
  const tsxMs = wall(['--import', 'tsx', '-e', '0'], lib.envInt('BENCH_SPAWNS', 5, 3));
  return {
    startup: {
      officers,
      nodeAndTsxBootMs: lib.round(bootMs, 0),
      importsMs: lib.round(importedMs - bootMs, 0),
      createAppFirstMs: lib.round(createAppMs, 1),
      createAppWarmMs: lib.round(lib.median(warm), 1),
      timeToReadyMs: lib.round(readyMs, 0),
      help: {
        wallMs: lib.round(helpMs, 0),
        baselineNodeMs: lib.round(nodeMs, 0),
        baselineNodeTsxMs: lib.round(tsxMs, 0),
        ratioToNode: lib.round(helpMs / nodeMs, 1),
      },
    },
    memory: {
      officers,
      plannedReminders: plan.deliveries.length,
      walkers,
      updates,
      rssAtBootMb: lib.round(rssAtBoot / 1024 / 1024, 0),
      rssAfterImportsMb: lib.round(rssAfterImports / 1024 / 1024, 0),
      peakRssMb: lib.round(peak, 0),
      peakRssByPhaseMb: phases,
      afterFullGc: gc
        ? {
            rssMb: lib.round(afterGc.rss / 1024 / 1024, 0),
            heapUsedMb: lib.round(afterGc.heapUsed / 1024 / 1024, 0),
          }
        : null,
      heapLimitMb: lib.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024, 0),
      ratioToImports: lib.round(peak / (rssAfterImports / 1024 / 1024), 2),
      target: 'peak RSS < 150 MB',
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let dir: ReturnType<typeof lib.tempDir> | undefined;
  let dbPath = process.env.BENCH_PROVINCE_DB;
  if (!dbPath) {
    // Seeding here would count in this process's peak RSS: seed in a child of our own.
    dir = lib.tempDir('cds-bench-start-');
    dbPath = `${dir.path}/province.sqlite`;
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed.ts', dbPath], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (seeded.status !== 0) throw new Error('seeding failed');
  }
  try {
    const result = await benchStartup(dbPath);
    const s = result.startup;
    const m = result.memory;
    console.log(
      `start-up with ${s.officers} officers: ready ${s.timeToReadyMs} ms after process start (imports ${s.importsMs} ms, createApp ${s.createAppFirstMs} ms, warm ${s.createAppWarmMs} ms); --help ${s.help.wallMs} ms (node -e 0: ${s.help.baselineNodeMs} ms)`,
    );
    console.log(
      `memory: peak RSS ${m.peakRssMb} MB (after imports ${m.rssAfterImportsMb} MB) with ${m.walkers} walk-throughs, ${m.updates} updates, a plan of ${m.plannedReminders} reminders`,
    );
    lib.emit(result);
  } finally {
    dir?.remove();
  }
}
