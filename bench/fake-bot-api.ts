/**
 * A fake Telegram Bot API on loopback that enforces Telegram's documented rules the way Telegram
 * answers them: at most one message a second in one chat, and bulk notifications (messages to chats
 * that have not written to the bot in the last minute) at most `bulkLimit` in any second; beyond
 * either, 429 with parameters.retry_after (whole seconds). Replies to people who write are limited
 * per chat only. Arrival jitter gets a 20 % tolerance on the per-chat window ("about" one a second). It also answers the
 * other calls the bot makes (edits, callback answers, getMe, setMyCommands, deleteWebhook…).
 * Time comes from `now`, so a benchmark may run it on a time-scaled clock.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBotApiStats {
  accepted: number;
  /** 429 answers, all rules together. */
  rejected: number;
  rejectedPerChat: number;
  rejectedBulk: number;
  /** Accepted messages to chats that had written recently (replies) and to others (bulk). */
  replies: number;
  bulk: number;
  /** Other calls answered (edits, callback answers, getMe…). */
  otherCalls: number;
  /** Accepted sends per chat id. */
  perChat: Map<string, number>;
  firstAt?: number;
  lastAt?: number;
}

/** Counters at zero. */
function emptyStats(): FakeBotApiStats {
  return {
    accepted: 0,
    rejected: 0,
    rejectedPerChat: 0,
    rejectedBulk: 0,
    replies: 0,
    bulk: 0,
    otherCalls: 0,
    perChat: new Map(),
  };
}

export interface FakeBotApi {
  /** The apiRoot for grammY (`client.apiRoot`) and for plain fetch: `${url}/bot<token>/<method>`. */
  url: string;
  stats: FakeBotApiStats;
  /** Tells the fake that this chat just wrote to the bot (the bench hands the update over itself). */
  wrote(chatId: string | number): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const BOT_ME = {
  id: 7012345678,
  is_bot: true,
  first_name: 'Trợ lý CĐS',
  username: 'cds_xa_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/** A window counter: times of accepted events still inside the window (a queue: times[head..]). */
function windowCounter() {
  const times: number[] = [];
  let head = 0;
  return {
    count(t: number, windowMs: number): number {
      while (head < times.length && (times[head] ?? 0) <= t - windowMs) head++;
      if (head > 10_000) {
        times.splice(0, head);
        head = 0;
      }
      return times.length - head;
    },
    oldest: () => times[head],
    add: (t: number) => times.push(t),
  };
}

export async function startFakeBotApi(
  opts: {
    /** Bulk notifications allowed in any one-second window (Telegram: about 30). */
    bulkLimit?: number;
    /** @deprecated old name of bulkLimit */
    limit?: number;
    /** The least time between two messages in one chat, in ms (Telegram: about one a second); 0: none. */
    perChatMs?: number;
    /** How long after a chat wrote a message to it counts as a reply. */
    replyWindowMs?: number;
    /** Count every message as a reply (no bulk rule): for runs whose bot processes cannot mark the chats that wrote. */
    everyChatWrote?: boolean;
    now?: () => number;
  } = {},
): Promise<FakeBotApi> {
  const bulkLimit = opts.bulkLimit ?? opts.limit ?? 30;
  const perChatMs = opts.perChatMs ?? 1000;
  const perChatWindow = perChatMs * 0.8;
  const replyWindowMs = opts.replyWindowMs ?? 60_000;
  const now = opts.now ?? (() => performance.now());
  const stats = emptyStats();
  const bulkWindow = windowCounter();
  const lastInChat = new Map<string, number>();
  const wroteAt = new Map<string, number>();
  let messageId = 1;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  const tooMany = (res: ServerResponse, seconds: number) =>
    send(res, 429, {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${seconds}`,
      parameters: { retry_after: seconds },
    });

  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').split('/').pop() ?? '';
    const payload = await readJson(req);
    if (!method.startsWith('send') || method === 'sendChatAction') {
      stats.otherCalls++;
      if (method === 'getMe') send(res, 200, { ok: true, result: BOT_ME });
      else if (method === 'getUpdates') setTimeout(() => send(res, 200, { ok: true, result: [] }), 200);
      else send(res, 200, { ok: true, result: true });
      return;
    }
    const t = now();
    const chat = String(payload.chat_id);
    const last = lastInChat.get(chat);
    if (perChatMs > 0 && last !== undefined && t - last < perChatWindow) {
      stats.rejected++;
      stats.rejectedPerChat++;
      tooMany(res, Math.max(1, Math.ceil((last + perChatMs - t) / 1000)));
      return;
    }
    const wrote = wroteAt.get(chat);
    const isReply = opts.everyChatWrote === true || (wrote !== undefined && t - wrote <= replyWindowMs);
    if (!isReply) {
      if (bulkWindow.count(t, 1000) >= bulkLimit) {
        stats.rejected++;
        stats.rejectedBulk++;
        tooMany(res, Math.max(1, Math.ceil(((bulkWindow.oldest() ?? t) + 1000 - t) / 1000)));
        return;
      }
      bulkWindow.add(t);
      stats.bulk++;
    } else stats.replies++;
    lastInChat.set(chat, t);
    stats.accepted++;
    stats.firstAt ??= t;
    stats.lastAt = t;
    stats.perChat.set(chat, (stats.perChat.get(chat) ?? 0) + 1);
    send(res, 200, {
      ok: true,
      result: { message_id: messageId++, date: 0, chat: { id: Number(chat), type: 'private' }, text: '' },
    });
  });
  // Keep-alive connections from many concurrent sends.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    wrote: (chatId) => {
      wroteAt.set(String(chatId), now());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The options of startFakeBotApi that can cross to a child process. */
export type FakeBotApiOptions = Omit<NonNullable<Parameters<typeof startFakeBotApi>[0]>, 'now'>;

/** The same fake as a process of its own, with `stats` refreshed by `refresh()`. */
export interface FakeBotApiProcess extends FakeBotApi {
  /** Reads the fake's counters into `stats` (call before reading them). */
  refresh(): Promise<FakeBotApiStats>;
}

interface StatsMessage {
  type: 'stats';
  stats: Omit<FakeBotApiStats, 'perChat'> & { perChat: Array<[string, number]> };
}

/**
 * Starts the fake Bot API in a child process, so that Telegram's side of the benchmark does not take
 * the bot's CPU (on a 2-core machine: the bot on one core, "Telegram" on the other, as in production
 * where Telegram's servers are elsewhere). "This chat just wrote" travels by IPC, ahead of the reply
 * that follows it over HTTP.
 */
export async function startFakeBotApiProcess(opts: FakeBotApiOptions = {}): Promise<FakeBotApiProcess> {
  const { fork } = await import('node:child_process');
  const child = fork(new URL(import.meta.url).pathname, ['--serve', JSON.stringify(opts)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`fake Bot API exited with ${code}`)));
  });
  const stats = emptyStats();
  const refresh = () =>
    new Promise<FakeBotApiStats>((resolve) => {
      const on = (m: unknown) => {
        if ((m as StatsMessage).type !== 'stats') return;
        child.off('message', on);
        const s = (m as StatsMessage).stats;
        Object.assign(stats, { ...s, perChat: new Map(s.perChat) });
        resolve(stats);
      };
      child.on('message', on);
      child.send({ type: 'stats' });
    });
  return {
    url,
    stats,
    refresh,
    wrote: (chatId) => {
      child.send({ type: 'wrote', chatId: String(chatId) });
    },
    async close() {
      await refresh();
      child.kill();
    },
  };
}

if (process.argv[2] === '--serve' && process.send) {
  const api = await startFakeBotApi(JSON.parse(process.argv[3] ?? '{}') as FakeBotApiOptions);
  process.on('message', (m: { type: string; chatId?: string }) => {
    if (m.type === 'wrote' && m.chatId !== undefined) api.wrote(m.chatId);
    else if (m.type === 'stats')
      process.send?.({ type: 'stats', stats: { ...api.stats, perChat: [...api.stats.perChat] } });
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: api.url });
}

/**
 * The fake the benchmarks of the send path use: a process of its own, or (BENCH_FAKE_IN_PROCESS=1)
 * in the bot's process as before, to compare.
 */
export async function startFake(opts: FakeBotApiOptions = {}): Promise<FakeBotApiProcess> {
  const shared = process.env.BENCH_FAKE_URL;
  if (shared) {
    // One of several bot processes sharing a fake started by their parent (which reads its stats).
    const stats: FakeBotApiStats = {
      accepted: 0,
      rejected: 0,
      rejectedPerChat: 0,
      rejectedBulk: 0,
      replies: 0,
      bulk: 0,
      otherCalls: 0,
      perChat: new Map(),
    };
    return { url: shared, stats, refresh: async () => stats, wrote: () => undefined, close: async () => {} };
  }
  if (process.env.BENCH_FAKE_IN_PROCESS === '1') {
    const api = await startFakeBotApi(opts);
    return { ...api, refresh: async () => api.stats };
  }
  return startFakeBotApiProcess(opts);
}
