/**
 * Walk-through throughput: synthetic officers complete whole reports (33 criteria of
 * thanh-hoa-xa-2022, taps and typed answers, khó khăn after unmet answers) through the real Telegram
 * handler (createTelegramBot + bot.handleUpdate) on a file-backed SQLite in WAL. Every Bot API call is
 * answered by a canned transformer in the process. A bare grammY echo bot then handles the very same
 * updates in the same pattern: its figures are the baseline of the ratio.
 */
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Bot, type Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { pino } from 'pino';
import { createTelegramBot } from '../src/bot/telegram/index.js';
import { listQuestions } from '../src/domain/catalog/load.js';
import type { Question } from '../src/domain/catalog/types.js';
import {
  answerText,
  emit,
  envInt,
  openApp,
  rng,
  round,
  type Stats,
  seedWalkers,
  stats,
  tempDir,
  WALK_FRAMEWORK_ID,
} from './lib.js';

/** The same fake bot identity as the Telegram tests: no getMe call is ever made. */
export { BOT_INFO, TOKEN } from '../test/bot/telegram/fake-telegram.js';

import { BOT_INFO, TOKEN } from '../test/bot/telegram/fake-telegram.js';

interface Keyboard {
  messageId: number;
  buttons: Array<{ text: string; data: string }>;
}

/** Answers every Bot API call with a canned result; remembers what each chat was sent. */
export class CannedApi {
  calls = 0;
  private nextMessageId = 1000;
  private readonly texts = new Map<string, string[]>();
  readonly keyboards = new Map<string, Keyboard>();

  constructor(private readonly latencyMs = 0) {}

  /** The outermost API transformer: no call goes further (no throttler, no network). */
  readonly transformer: Transformer = async (_prev, method, payload) => {
    this.calls++;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const p = (payload ?? {}) as Record<string, unknown>;
    if (method === 'sendMessage') {
      const chatId = String(p.chat_id);
      const messageId = this.nextMessageId++;
      const list = this.texts.get(chatId) ?? [];
      list.push(String(p.text));
      this.texts.set(chatId, list);
      const markup = p.reply_markup as
        | { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> }
        | undefined;
      if (markup?.inline_keyboard && markup.inline_keyboard.length > 0) {
        this.keyboards.set(chatId, {
          messageId,
          buttons: markup.inline_keyboard.flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' })),
        });
      }
      return {
        ok: true,
        result: {
          message_id: messageId,
          date: 0,
          chat: { id: Number(p.chat_id), type: 'private' },
          text: '',
        },
      } as never;
    }
    return { ok: true, result: true } as never;
  };

  /** What the chat was sent since the last call. */
  take(chatId: number): string {
    const list = this.texts.get(String(chatId)) ?? [];
    this.texts.delete(String(chatId));
    return list.join('\n');
  }
}

let updateId = 1;
const userOf = (id: number) => ({ id, is_bot: false as const, first_name: 'Cán bộ', last_name: String(id) });

function textUpdate(userId: number, text: string): Update {
  const id = updateId++;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 1_795_000_000,
      chat: { id: userId, type: 'private', first_name: 'Cán bộ' },
      from: userOf(userId),
      text,
    },
  } as Update;
}

function tapUpdate(userId: number, kb: Keyboard, data: string): Update {
  const id = updateId++;
  return {
    update_id: id,
    callback_query: {
      id: `cb${id}`,
      from: userOf(userId),
      chat_instance: `ci${userId}`,
      data,
      message: {
        message_id: kb.messageId,
        date: 1_795_000_000,
        chat: { id: userId, type: 'private', first_name: 'Cán bộ' },
        from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
        text: '',
      },
    },
  } as Update;
}

const QUESTION = /Tiêu chí (\S+) \((\d+)\/(\d+)\)/g;

/** One officer reports a whole quarter, reacting to what the bot says; returns the updates sent. */
export async function walk(
  bot: Bot,
  api: CannedApi,
  userId: number,
  questions: Map<string, Question>,
  latencies: number[],
  first = userId % 3 === 0 ? '/baocao' : 'báo cáo',
): Promise<Update[]> {
  const r = rng(userId);
  const tapper = userId % 2 === 0;
  const sent: Update[] = [];
  let next = textUpdate(userId, first);
  for (let step = 0; step < 200; step++) {
    const t = performance.now();
    await bot.handleUpdate(next);
    latencies.push(performance.now() - t);
    sent.push(next);
    const out = api.take(userId);
    if (out.includes('Đã đi hết các tiêu chí') || out.includes('đã trả lời đủ')) return sent;
    if (out.includes('Khó khăn, đề xuất đối với tiêu chí')) {
      next = textUpdate(userId, r() < 0.5 ? 'bỏ qua' : 'Thiếu kinh phí mua máy tính; đề nghị huyện hỗ trợ');
      continue;
    }
    const key = [...out.matchAll(QUESTION)].pop()?.[1];
    const q = key ? questions.get(key) : undefined;
    if (!q) throw new Error(`officer ${userId}: unexpected reply ${JSON.stringify(out.slice(0, 300))}`);
    if (q.kind === 'yesno') {
      const kb = api.keyboards.get(String(userId));
      const yes = kb?.buttons.find((b) => b.text === 'Có');
      next =
        tapper && kb && yes ? tapUpdate(userId, kb, yes.data) : textUpdate(userId, r() < 0.9 ? 'có' : 'ko');
    } else {
      next = textUpdate(userId, answerText(q, r));
    }
  }
  throw new Error(`officer ${userId}: the walk did not end`);
}

/** Runs `jobs` with at most `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  job: (item: T) => Promise<void>,
): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < items.length) {
      const item = items[i++] as T;
      await job(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

interface Pass {
  label: string;
  concurrency: number;
  apiLatencyMs: number;
  officers: number;
  updates: number;
  bot: { updatesPerSecond: number; latency: Stats };
  echo: { updatesPerSecond: number; latency: Stats };
  ratio: number;
  persistingEcho: { updatesPerSecond: number; latency: Stats };
  ratioToPersistingEcho: number;
}

/**
 * A bare grammY echo bot. With `persist`, it also writes each update to SQLite (WAL, one committed
 * insert per update) before answering: the least any bot that keeps what it was told must do.
 */
function echoBot(api: CannedApi, persist?: SQLite.Database): Bot {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO });
  bot.api.config.use(api.transformer);
  if (persist) {
    const insert = persist.prepare('INSERT INTO updates (update_id, chat, body) VALUES (?, ?, ?)');
    bot.use(async (ctx, next) => {
      insert.run(ctx.update.update_id, ctx.chat?.id ?? 0, JSON.stringify(ctx.update));
      await next();
    });
  }
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bot.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.callbackQuery.data);
  });
  return bot;
}

async function pass(
  label: string,
  users: number[],
  concurrency: number,
  apiLatencyMs: number,
  setup: {
    app: Awaited<ReturnType<typeof openApp>>;
    questions: Map<string, Question>;
    persist: SQLite.Database;
  },
): Promise<Pass> {
  const api = new CannedApi(apiLatencyMs);
  const bot = createTelegramBot(
    TOKEN,
    { engine: setup.app.engine, logger: pino({ level: 'silent' }) },
    {
      botInfo: BOT_INFO,
    },
  );
  bot.api.config.use(api.transformer);
  const latencies: number[] = [];
  const recorded = new Map<number, Update[]>();
  const t = performance.now();
  await pool(users, concurrency, async (u) => {
    recorded.set(u, await walk(bot, api, u, setup.questions, latencies));
  });
  const botSeconds = (performance.now() - t) / 1000;

  // The same updates, chat by chat in the same pattern, through a bare echo bot, then through an
  // echo bot that also stores each update.
  const replay = async (bot: Bot) => {
    const lat: number[] = [];
    const start = performance.now();
    await pool(users, concurrency, async (u) => {
      for (const update of recorded.get(u) ?? []) {
        const s = performance.now();
        await bot.handleUpdate(update);
        lat.push(performance.now() - s);
      }
    });
    return { latencies: lat, rate: lat.length / ((performance.now() - start) / 1000) };
  };
  const echo = await replay(echoBot(new CannedApi(apiLatencyMs)));
  const persisting = await replay(echoBot(new CannedApi(apiLatencyMs), setup.persist));
  const updates = latencies.length;
  const botRate = updates / botSeconds;
  const echoRate = echo.rate;
  const echoLatencies = echo.latencies;
  return {
    label,
    concurrency,
    apiLatencyMs,
    officers: users.length,
    updates,
    bot: { updatesPerSecond: round(botRate, 1), latency: roundStats(stats(latencies)) },
    echo: { updatesPerSecond: round(echoRate, 1), latency: roundStats(stats(echoLatencies)) },
    ratio: round(botRate / echoRate, 4),
    persistingEcho: {
      updatesPerSecond: round(persisting.rate, 1),
      latency: roundStats(stats(persisting.latencies)),
    },
    ratioToPersistingEcho: round(botRate / persisting.rate, 4),
  };
}

function roundStats(s: Stats): Stats {
  return {
    n: s.n,
    mean: round(s.mean, 3),
    p50: round(s.p50, 3),
    p90: round(s.p90, 3),
    p99: round(s.p99, 3),
    max: round(s.max, 3),
  };
}

/** The V8 flags of this process (not tsx's --import), for the labels: "" when none. */
function v8Flags(): string {
  const flags = process.execArgv.filter(
    (a, i, all) => a.startsWith('--') && a !== '--import' && all[i - 1] !== '--import',
  );
  return flags.length > 0 ? ` (node ${flags.join(' ')})` : '';
}

export async function benchWalkthrough() {
  const officers = envInt('BENCH_WALK_OFFICERS', 200, 20);
  const concurrency = envInt('BENCH_WALK_CONCURRENCY', 16, 8);
  const latency = envInt('BENCH_API_LATENCY_MS', 20, 20);
  const dir = tempDir('cds-bench-walk-');
  try {
    const app = await openApp(join(dir.path, 'walk.sqlite'));
    const fw = app.frameworks.get(WALK_FRAMEWORK_ID);
    if (!fw) throw new Error(`framework ${WALK_FRAMEWORK_ID} missing`);
    const questions = new Map(listQuestions(fw).map((q) => [q.key, q]));
    const users = await seedWalkers(app, 10 + officers * 3, 500_000);
    const persist = new SQLite(join(dir.path, 'echo.sqlite'));
    persist.pragma('journal_mode = WAL');
    persist.pragma('synchronous = NORMAL');
    persist.exec('CREATE TABLE updates (update_id INTEGER PRIMARY KEY, chat INTEGER, body TEXT)');
    const setup = { app, questions, persist };
    // Warm-up (not reported): JIT, statement caches, SQLite page cache.
    await pass('warm-up', users.slice(0, 10), 4, 0, setup);
    // BENCH_WALK_PASSES picks passes (one, many, latency; default all). The V8 flags this process
    // runs with (bench/run.ts runs the latency pass again with production's) go into the labels.
    const only = new Set((process.env.BENCH_WALK_PASSES ?? 'one,many,latency').split(','));
    const flags = v8Flags();
    const passes: Pass[] = [];
    if (only.has('one'))
      passes.push(
        await pass(
          `one chat at a time, canned API (0 ms)${flags}`,
          users.slice(10, 10 + officers),
          1,
          0,
          setup,
        ),
      );
    if (only.has('many'))
      passes.push(
        await pass(
          `${concurrency} chats at once, canned API (0 ms)${flags}`,
          users.slice(10 + officers, 10 + 2 * officers),
          concurrency,
          0,
          setup,
        ),
      );
    if (only.has('latency'))
      passes.push(
        await pass(
          `${concurrency * 4} chats at once, API round trip ${latency} ms${flags}`,
          users.slice(10 + 2 * officers),
          concurrency * 4,
          latency,
          setup,
        ),
      );
    const answers = await app.db
      .selectFrom('answers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await app.close();
    persist.close();
    return { passes, answersWritten: Number(answers.n), target: 'bot ≥ 0.5 × bare echo bot' };
  } finally {
    dir.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchWalkthrough();
  for (const p of result.passes) {
    console.log(
      `${p.label}: ${p.updates} updates, bot ${p.bot.updatesPerSecond}/s (p50 ${p.bot.latency.p50} ms, p99 ${p.bot.latency.p99} ms), echo ${p.echo.updatesPerSecond}/s (p50 ${p.echo.latency.p50} ms, p99 ${p.echo.latency.p99} ms), ratio ${p.ratio}; echo storing each update ${p.persistingEcho.updatesPerSecond}/s, ratio ${p.ratioToPersistingEcho}`,
    );
  }
  emit({ walkthrough: result });
}
