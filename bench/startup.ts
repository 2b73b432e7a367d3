/**
 * Start-up and memory with 10,000 registered officers, in a fresh process:
 * - time to ready: node boot, the imports, createApp on the existing database (catalogs, open,
 *   migrations check), and createApp alone (first and warm);
 * - peak RSS while serving: the Telegram handler, a reminder plan over every officer, walk-throughs
 *   of some officers and gap reports, against the RSS right after the imports (the baseline);
 * - `node bin/cds-bot.js --help` wall time against `node -e 0` (spawned, median of several).
 *
 * It measures what production runs: by default the serving process is plain node on JavaScript
 * compiled by esbuild with the production build's options (bin/build.js), started with the V8
 * flags `npm start` gives bin/cds-bot.js; this file, run through tsx, only compiles itself and
 * starts that process. BENCH_STARTUP_RUNTIME=tsx measures in this very process, through tsx, as
 * before (what `node --import tsx` costs). Node flags given to this process (--expose-gc,
 * --max-old-space-size=…) are passed on; BENCH_NODE_FLAGS replaces production's own flags.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const bootMs = performance.now();
const rssAtBoot = process.memoryUsage().rss;
/** How the measuring process runs the code: compiled JavaScript (production) or tsx. */
const RUNTIME: 'compiled' | 'tsx' = import.meta.url.endsWith('.ts') ? 'tsx' : 'compiled';

async function loadModules() {
  const [
    { pino },
    { createApp },
    { parseConfig },
    { createTelegramBot, startTelegram },
    { planAt, runRemindersAt },
    { listQuestions },
  ] = await Promise.all([
    import('pino'),
    import('../src/app/create-app.js'),
    import('../src/config.js'),
    import('../src/bot/telegram/index.js'),
    import('../src/app/reminders.js'),
    import('../src/domain/catalog/load.js'),
  ]);
  const lib = await import('./lib.js');
  const walkthrough = await import('./walkthrough.js');
  const { startFakeBotApi } = await import('./fake-bot-api.js');
  return {
    pino,
    createApp,
    parseConfig,
    createTelegramBot,
    startTelegram,
    planAt,
    runRemindersAt,
    listQuestions,
    lib,
    walkthrough,
    startFakeBotApi,
  };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const MB = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Where the memory is: process.memoryUsage() in MB (rss, V8 heap, external and array buffers). */
function usageMb() {
  const u = process.memoryUsage();
  return {
    rss: MB(u.rss),
    heapTotal: MB(u.heapTotal),
    heapUsed: MB(u.heapUsed),
    external: MB(u.external),
    arrayBuffers: MB(u.arrayBuffers),
  };
}

/**
 * The highest value of each memoryUsage() field seen during a phase, sampled every few ms (the
 * samples fall between the awaits of the phase) and at its end.
 */
function sampler() {
  let peak = usageMb();
  const take = () => {
    const u = usageMb();
    peak = {
      rss: Math.max(peak.rss, u.rss),
      heapTotal: Math.max(peak.heapTotal, u.heapTotal),
      heapUsed: Math.max(peak.heapUsed, u.heapUsed),
      external: Math.max(peak.external, u.external),
      arrayBuffers: Math.max(peak.arrayBuffers, u.arrayBuffers),
    };
  };
  const timer = setInterval(take, 5);
  timer.unref();
  return {
    /** The peaks so far, and starts over for the next phase. */
    phase() {
      take();
      const p = peak;
      peak = usageMb();
      return p;
    },
    stop: () => clearInterval(timer),
  };
}

/** Median wall time of a command, spawned `times` times, in ms. */
function wall(lib: { median(xs: number[]): number }, args: string[], times: number): number {
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
  const {
    pino,
    createApp,
    parseConfig,
    createTelegramBot,
    startTelegram,
    planAt,
    runRemindersAt,
    listQuestions,
    lib,
    walkthrough,
    startFakeBotApi,
  } = await loadModules();
  // The platform on loopback (started before the clock of "ready" matters: it stands for Telegram).
  const platform = await startFakeBotApi();
  const importedMs = performance.now();
  const rssAfterImports = process.memoryUsage().rss;
  const config = parseConfig({ CDS_DB: dbPath });
  const silent = pino({ level: 'silent' });
  const usage: Record<string, ReturnType<typeof usageMb>> = { afterImports: usageMb() };
  const sample = sampler();
  const t = performance.now();
  const app = await createApp(config, { logger: silent, clock: () => lib.BENCH_NOW });
  const createAppMs = performance.now() - t;
  // Ready means serving: the channel's start-up calls to the platform (getMe, setMyCommands,
  // deleteWebhook, the first poll) and the first reminder plan, as the service does at start.
  const channelStarted = performance.now();
  const channel = await startTelegram({
    token: walkthrough.TOKEN,
    engine: app.engine,
    logger: silent,
    botConfig: { client: { apiRoot: platform.url } },
  });
  const channelMs = performance.now() - channelStarted;
  const firstPlanStarted = performance.now();
  const senders = new Map([['telegram', channel.sender]]);
  await planAt({ db: app.db, frameworks: app.frameworks, calendar: app.calendar, senders }, lib.REMINDER_AT);
  const firstPlanMs = performance.now() - firstPlanStarted;
  const readyMs = performance.now();
  await channel.stop();
  await platform.close();
  const phases: Record<string, number> = { afterCreateApp: lib.round(lib.peakRssMb(), 0) };
  usage.createApp = sample.phase();
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
  // The 08:00 reminder run as the scheduler makes it (planned a page of officers at a time, each page
  // sent before the next is planned), to a sender that accepts at once: the platform's pace is
  // the fan-out bench's part, the memory of the run is this one's.
  const run = await runRemindersAt(
    {
      db: app.db,
      frameworks: app.frameworks,
      calendar: app.calendar,
      senders: new Map([['telegram', { channel: 'telegram', send: async () => {} }]]),
    },
    lib.REMINDER_AT,
  );
  phases.afterPlan = lib.round(lib.peakRssMb(), 0);
  usage.plan = sample.phase();
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
  const walksStarted = performance.now();
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
  const walksMs = performance.now() - walksStarted;
  phases.afterWalks = lib.round(lib.peakRssMb(), 0);
  usage.walks = sample.phase();
  sample.stop();
  const peak = lib.peakRssMb();
  // What is really kept: after a full collection (when run with --expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const afterGc = process.memoryUsage();
  await app.close();

  const helpMs = wall(lib, ['bin/cds-bot.js', '--help'], lib.envInt('BENCH_SPAWNS', 5, 3));
  const nodeMs = wall(lib, ['-e', '0'], lib.envInt('BENCH_SPAWNS', 5, 3));
  const tsxMs = wall(lib, ['--import', 'tsx', '-e', '0'], lib.envInt('BENCH_SPAWNS', 5, 3));
  return {
    startup: {
      runtime: RUNTIME,
      execArgv: process.execArgv,
      officers,
      /** Node boot (and tsx's, under tsx) until this file runs. */
      nodeAndTsxBootMs: lib.round(bootMs, 0),
      importsMs: lib.round(importedMs - bootMs, 0),
      createAppFirstMs: lib.round(createAppMs, 1),
      createAppWarmMs: lib.round(lib.median(warm), 1),
      telegramStartMs: lib.round(channelMs, 1),
      firstPlanMs: lib.round(firstPlanMs, 1),
      timeToReadyMs: lib.round(readyMs, 0),
      help: {
        wallMs: lib.round(helpMs, 0),
        baselineNodeMs: lib.round(nodeMs, 0),
        baselineNodeTsxMs: lib.round(tsxMs, 0),
        ratioToNode: lib.round(helpMs / nodeMs, 1),
      },
    },
    memory: {
      runtime: RUNTIME,
      officers,
      plannedReminders: run.sent,
      walkers,
      updates,
      /** The walk-throughs' wall time (16 at once): what memory settings cost in speed. */
      walksMs: lib.round(walksMs, 0),
      walkUpdatesPerSecond: lib.round(updates / (walksMs / 1000), 0),
      rssAtBootMb: lib.round(rssAtBoot / 1024 / 1024, 0),
      rssAfterImportsMb: lib.round(rssAfterImports / 1024 / 1024, 0),
      peakRssMb: lib.round(peak, 0),
      peakRssByPhaseMb: phases,
      /** memoryUsage() after the imports, then the highest of each field during each phase. */
      usageByPhaseMb: usage,
      afterFullGc: gc
        ? {
            rssMb: lib.round(afterGc.rss / 1024 / 1024, 0),
            heapUsedMb: lib.round(afterGc.heapUsed / 1024 / 1024, 0),
            externalMb: MB(afterGc.external),
            arrayBuffersMb: MB(afterGc.arrayBuffers),
          }
        : null,
      heapLimitMb: lib.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024, 0),
      ratioToImports: lib.round(peak / (rssAfterImports / 1024 / 1024), 2),
      target: 'peak RSS < 150 MB',
    },
  };
}

/** Measures on the database at `dbPath` and prints the result (the part that runs in the measured process). */
export async function measure(dbPath: string): Promise<void> {
  const result = await benchStartup(dbPath);
  const s = result.startup;
  const m = result.memory;
  console.log(
    `start-up with ${s.officers} officers (${s.runtime}): ready ${s.timeToReadyMs} ms after process start (imports ${s.importsMs} ms, createApp ${s.createAppFirstMs} ms, warm ${s.createAppWarmMs} ms); --help ${s.help.wallMs} ms (node -e 0: ${s.help.baselineNodeMs} ms)`,
  );
  console.log(
    `memory (${m.runtime}): peak RSS ${m.peakRssMb} MB (after imports ${m.rssAfterImportsMb} MB) with ${m.walkers} walk-throughs, ${m.updates} updates, a reminder run of ${m.plannedReminders} reminders`,
  );
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/**
 * Compiles this file with the production build's options into dist/ (next to the production
 * build, so paths relative to the code resolve the same) and runs it in plain node with the flags
 * production runs with plus this process's own. Returns the exit code.
 */
async function measureCompiled(dbPath: string): Promise<number> {
  const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));
  const production = await import('../bin/build.js');
  // `--help` is timed through bin/cds-bot.js, which runs dist/ as built: build it from the sources
  // now, as `npm install` and `npm start` do.
  await production.build();
  const esbuild = await import('esbuild');
  for (const name of readdirSync(production.DIST))
    if (name.startsWith('bench-')) rmSync(`${production.DIST}/${name}`, { force: true });
  const out = await esbuild.build({
    ...production.buildOptions(),
    entryPoints: ['bench/startup.ts'],
    absWorkingDir: ROOT_DIR,
    outdir: production.DIST,
    entryNames: 'bench-[name]',
    chunkNames: 'bench-chunk-[hash]',
    metafile: true,
  });
  const entry = Object.entries(out.metafile?.outputs ?? {}).find(
    ([, o]) => o.entryPoint === 'bench/startup.ts',
  )?.[0];
  if (!entry) throw new Error('esbuild produced no entry for the benchmark');
  const url = pathToFileURL(`${ROOT_DIR}/${entry}`).href;
  // This process's own node flags, without tsx's loader (`--import tsx`).
  const own = process.execArgv.filter(
    (a, i, all) =>
      a !== '--import=tsx' &&
      !(a === '--import' && all[i + 1] === 'tsx') &&
      !(a === 'tsx' && all[i - 1] === '--import'),
  );
  const child = spawnSync(
    process.execPath,
    [
      // BENCH_NODE_FLAGS (space-separated, may be empty) replaces production's flags, to compare.
      ...(process.env.BENCH_NODE_FLAGS !== undefined
        ? process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean)
        : production.nodeFlags()),
      ...own,
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(url)}); await m.measure(${JSON.stringify(dbPath)});`,
    ],
    { cwd: ROOT_DIR, stdio: 'inherit' },
  );
  return child.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));
  const { tempDir } = await import('./lib.js');
  let dir: ReturnType<typeof tempDir> | undefined;
  let dbPath = process.env.BENCH_PROVINCE_DB;
  if (!dbPath) {
    // Seeding here would count in this process's peak RSS: seed in a child of our own.
    dir = tempDir('cds-bench-start-');
    dbPath = `${dir.path}/province.sqlite`;
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed.ts', dbPath], {
      cwd: ROOT_DIR,
      stdio: 'inherit',
    });
    if (seeded.status !== 0) throw new Error('seeding failed');
  }
  try {
    if (process.env.BENCH_STARTUP_RUNTIME === 'tsx') await measure(dbPath);
    else process.exitCode = await measureCompiled(dbPath);
  } finally {
    dir?.remove();
  }
}
