/**
 * Walk-through throughput: synthetic officers complete whole reports (33 criteria of
 * thanh-hoa-xa-2022, taps and typed answers, khó khăn after unmet answers) through the production
 * Telegram bot (buildTelegramBot: handler, limiter, auto-retry, rendering; bot.handleUpdate as a
 * webhook would call it) on the province fixture, every Bot API call going over HTTP to the fake Bot
 * API on loopback (bench/fake-bot-api.ts: one message a second per chat, 429 + retry_after beyond).
 * A bare grammY echo bot with auto-retry then handles the very same updates in the same pattern, with
 * the same round trips, against a fresh fake: its figures are the baseline of the ratio.
 */
import { join } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { pino } from 'pino';
import type { App } from '../src/app/create-app.js';
import { buildTelegramBot } from '../src/bot/telegram/index.js';
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
  seedProvince,
  seedWalkers,
  stats,
  tempDir,
  WALK_FRAMEWORK_ID,
} from './lib.js';

/** The same fake bot identity as the Telegram tests: no getMe call is ever made. */
export { BOT_INFO, TOKEN } from '../test/bot/telegram/fake-telegram.js';

import { BOT_INFO, TOKEN } from '../test/bot/telegram/fake-telegram.js';
import { startFake } from './fake-bot-api.js';

interface Keyboard {
  messageId: number;
  buttons: Array<{ text: string; data: string }>;
}

/**
 * Sees what the bot sends, as the outermost API transformer: it passes every call on unchanged
 * (through the production limiter and auto-retry to the fake API over HTTP) and remembers, per chat,
 * the texts sent and the last keyboard, so that the synthetic officers can react to them.
 */
export class Recorder {
  calls = 0;
  private readonly texts = new Map<string, string[]>();
  readonly keyboards = new Map<string, Keyboard>();

  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    this.calls++;
    const result = await prev(method, payload, signal);
    if (result.ok) this.record(method, payload, result.result);
    return result;
  };

  protected record(method: string, payload: unknown, result: unknown): void {
    if (method !== 'sendMessage') return;
    const p = (payload ?? {}) as Record<string, unknown>;
    const chatId = String(p.chat_id);
    const list = this.texts.get(chatId) ?? [];
    list.push(String(p.text));
    this.texts.set(chatId, list);
    const markup = p.reply_markup as
      | { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> }
      | undefined;
    if (markup?.inline_keyboard && markup.inline_keyboard.length > 0) {
      this.keyboards.set(chatId, {
        messageId: (result as { message_id: number }).message_id,
        buttons: markup.inline_keyboard.flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' })),
      });
    }
  }

  /** What the chat was sent since the last call. */
  take(chatId: number): string {
    const list = this.texts.get(String(chatId)) ?? [];
    this.texts.delete(String(chatId));
    return list.join('\n');
  }
}

/**
 * Answers every Bot API call in the process with a canned result (no network, no limiter): what the
 * memory benchmark uses to drive the handler without a fake server.
 */
export class CannedApi extends Recorder {
  override readonly transformer: Transformer = async (_prev, method, payload) => {
    this.calls++;
    const p = (payload ?? {}) as Record<string, unknown>;
    const result =
      method === 'sendMessage'
        ? { message_id: this.calls, date: 0, chat: { id: Number(p.chat_id), type: 'private' }, text: '' }
        : true;
    this.record(method, payload, result);
    return { ok: true, result } as never;
  };
}

// Telegram's update ids are unique per bot: several instances of one benchmark (bench/instances.ts)
// must not hand out the same ones (the second would be dropped as a redelivery).
let updateId = 1 + Number((process.env.BENCH_SURGE_SHARD ?? '0/1').split('/')[0]) * 100_000_000;
const userOf = (id: number) => ({ id, is_bot: false as const, first_name: 'Cán bộ', last_name: String(id) });

export function textUpdate(userId: number, text: string): Update {
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

export interface WalkOptions {
  /** The first message (default "báo cáo" or "/baocao"). */
  first?: string;
  /** Milliseconds the officer takes before each next message (a human pace); none by default. */
  think?: () => number;
  /** Called as each update is handed to the bot (the fake API learns the chat wrote). */
  onUpdate?: (userId: number) => void;
  /** Counts replies the officer did not expect: the walk of that officer stops, the pass goes on. */
  unexpected?: { count: number; samples: string[] };
}

/** One officer reports a whole quarter, reacting to what the bot says; returns the updates sent. */
export async function walk(
  bot: Bot,
  api: Recorder,
  userId: number,
  questions: Map<string, Question>,
  latencies: number[],
  opts: WalkOptions | string = {},
): Promise<Update[]> {
  const o: WalkOptions = typeof opts === 'string' ? { first: opts } : opts;
  const r = rng(userId);
  const tapper = userId % 2 === 0;
  const sent: Update[] = [];
  let next = textUpdate(userId, o.first ?? (userId % 3 === 0 ? '/baocao' : 'báo cáo'));
  for (let step = 0; step < 200; step++) {
    if (o.think && step > 0) await new Promise((resolve) => setTimeout(resolve, o.think?.()));
    o.onUpdate?.(userId);
    const t = performance.now();
    await bot.handleUpdate(next);
    latencies.push(performance.now() - t);
    sent.push(next);
    const out = api.take(userId);
    if (out.includes('Đã đi hết các tiêu chí') || /[đĐ]ã trả lời đủ/.test(out)) return sent;
    if (out.includes('Khó khăn, đề xuất đối với tiêu chí')) {
      next = textUpdate(userId, r() < 0.5 ? 'bỏ qua' : 'Thiếu kinh phí mua máy tính; đề nghị huyện hỗ trợ');
      continue;
    }
    const key = [...out.matchAll(QUESTION)].pop()?.[1];
    const q = key ? questions.get(key) : undefined;
    if (!q) {
      if (!o.unexpected)
        throw new Error(`officer ${userId}: unexpected reply ${JSON.stringify(out.slice(0, 300))}`);
      o.unexpected.count++;
      if (o.unexpected.samples.length < 3) o.unexpected.samples.push(`${userId}: ${out.slice(0, 200)}`);
      return sent;
    }
    if (q.kind === 'yesno') {
      const kb = api.keyboards.get(String(userId));
      const yes = kb?.buttons.find((b) => b.text === 'Có');
      next =
        tapper && kb && yes ? tapUpdate(userId, kb, yes.data) : textUpdate(userId, r() < 0.9 ? 'có' : 'ko');
    } else {
      next = textUpdate(userId, answerText(q, r));
    }
  }
  if (o.unexpected) {
    o.unexpected.count++;
    return sent;
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
  officers: number;
  updates: number;
  unexpectedReplies: number;
  unexpectedSamples: string[];
  bot: { updatesPerSecond: number; latency: Stats; rejected429: number };
  echo: { updatesPerSecond: number; latency: Stats; rejected429: number };
  ratio: number;
}

/**
 * A bare grammY echo bot with auto-retry (the least a bot needs against Telegram's 429s), making the
 * same round trips as the bot per update: the reply, and in the background the edit that takes the
 * previous message's buttons off (a tap: the callback answer too, in the background).
 */
function echoBot(apiRoot: string): Bot {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  const last = new Map<number, number>();
  const answer = async (chatId: number, text: string) => {
    const sent = await bot.api.sendMessage(chatId, text);
    const previous = last.get(chatId);
    last.set(chatId, sent.message_id);
    if (previous !== undefined)
      void bot.api
        .editMessageReplyMarkup(chatId, previous, { reply_markup: { inline_keyboard: [] } })
        .catch(() => undefined);
  };
  bot.on('message:text', (ctx) => answer(ctx.chat.id, ctx.message.text));
  bot.on('callback_query:data', async (ctx) => {
    void ctx.answerCallbackQuery().catch(() => undefined);
    await answer(ctx.chat?.id ?? ctx.from.id, ctx.callbackQuery.data);
  });
  return bot;
}

/** The production Telegram bot (limiter, auto-retry, rendering) against `apiRoot`, seen by a recorder. */
export function productionBot(app: App, apiRoot: string) {
  const tg = buildTelegramBot(
    TOKEN,
    { engine: app.engine, logger: pino({ level: process.env.BENCH_LOG ?? 'silent' }) },
    { botInfo: BOT_INFO, client: { apiRoot } },
  );
  const recorder = new Recorder();
  tg.bot.api.config.use(recorder.transformer);
  return { ...tg, recorder };
}

async function pass(
  label: string,
  users: number[],
  concurrency: number,
  setup: { app: App; questions: Map<string, Question> },
): Promise<Pass> {
  const api = await startFake();
  const { bot, recorder } = productionBot(setup.app, api.url);
  const latencies: number[] = [];
  const recorded = new Map<number, Update[]>();
  const unexpected = { count: 0, samples: [] as string[] };
  const t = performance.now();
  await pool(users, concurrency, async (u) => {
    recorded.set(
      u,
      await walk(bot, recorder, u, setup.questions, latencies, { onUpdate: api.wrote, unexpected }),
    );
  });
  const botSeconds = (performance.now() - t) / 1000;
  await api.close();
  const botRejected = api.stats.rejected;

  // The same updates, chat by chat in the same pattern, through a bare echo bot on a fresh fake.
  const echoApi = await startFake();
  const echo = echoBot(echoApi.url);
  const lat: number[] = [];
  const start = performance.now();
  await pool(users, concurrency, async (u) => {
    for (const update of recorded.get(u) ?? []) {
      echoApi.wrote(u);
      const s = performance.now();
      await echo.handleUpdate(update);
      lat.push(performance.now() - s);
    }
  });
  const echoRate = lat.length / ((performance.now() - start) / 1000);
  await echoApi.close();
  const updates = latencies.length;
  const botRate = updates / botSeconds;
  return {
    label,
    concurrency,
    officers: users.length,
    updates,
    unexpectedReplies: unexpected.count,
    unexpectedSamples: unexpected.samples,
    bot: {
      updatesPerSecond: round(botRate, 1),
      latency: roundStats(stats(latencies)),
      rejected429: botRejected,
    },
    echo: {
      updatesPerSecond: round(echoRate, 1),
      latency: roundStats(stats(lat)),
      rejected429: echoApi.stats.rejected,
    },
    ratio: round(botRate / echoRate, 4),
  };
}

export function roundStats(s: Stats): Stats {
  return {
    n: s.n,
    mean: round(s.mean, 3),
    p50: round(s.p50, 3),
    p90: round(s.p90, 3),
    p95: round(s.p95, 3),
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

/**
 * The walk-through on the province fixture (BENCH_PROVINCE_DB, seeded here when not given): fresh
 * officers of new communes on thanh-hoa-xa-2022 added to it, each walking a whole report at machine
 * speed, many chats at once, through the production sender to the fake Bot API on loopback.
 */
export async function benchWalkthrough() {
  const officers = envInt('BENCH_WALK_OFFICERS', 200, 40);
  const dir = tempDir('cds-bench-walk-');
  try {
    let dbPath = process.env.BENCH_PROVINCE_DB;
    if (!dbPath) {
      dbPath = join(dir.path, 'province.sqlite');
      await seedProvince(dbPath, {
        units: envInt('BENCH_UNITS', 3321, 300),
        officers: envInt('BENCH_OFFICERS', 10_000, 1000),
      });
    }
    const app = await openApp(dbPath);
    const fw = app.frameworks.get(WALK_FRAMEWORK_ID);
    if (!fw) throw new Error(`framework ${WALK_FRAMEWORK_ID} missing`);
    const questions = new Map(listQuestions(fw).map((q) => [q.key, q]));
    const users = await seedWalkers(app, 10 + officers, 500_000);
    const setup = { app, questions };
    // Warm-up (not reported): JIT, statement caches, SQLite page cache.
    await pass('warm-up', users.slice(0, 10), 10, setup);
    const flags = v8Flags();
    const passes: Pass[] = [
      await pass(
        `${officers} chats at once, fake Bot API on loopback (1 message/s per chat)${flags}`,
        users.slice(10),
        officers,
        setup,
      ),
    ];
    await app.close();
    return { passes, target: 'bot ≥ 0.5 × bare echo bot, through the same fake API' };
  } finally {
    dir.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchWalkthrough();
  for (const p of result.passes) {
    console.log(
      `${p.label}: ${p.updates} updates (${p.unexpectedReplies} unexpected replies), bot ${p.bot.updatesPerSecond}/s (p50 ${p.bot.latency.p50} ms, p99 ${p.bot.latency.p99} ms, 429s ${p.bot.rejected429}), echo ${p.echo.updatesPerSecond}/s (p50 ${p.echo.latency.p50} ms, p99 ${p.echo.latency.p99} ms, 429s ${p.echo.rejected429}), ratio ${p.ratio}`,
    );
  }
  emit({ walkthrough: result });
}
