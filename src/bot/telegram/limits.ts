import { AsyncLocalStorage } from 'node:async_hooks';
import Bottleneck from 'bottleneck';
import { HttpError, type Transformer } from 'grammy';

/**
 * Telegram's documented rules (core.telegram.org/bots/faq): no more than about one message a second
 * in one chat, and bulk notifications to many users under about 30 messages a second. Replies to
 * people who write are not bulk notifications: they are limited per chat only.
 */
export interface TelegramLimits {
  /** The least time between two messages in one chat, in ms. Default 1000. */
  perChatMs: number;
  /** Pace of messages the bot sends on its own initiative (reminders, notices), for the whole bot. Default 25. */
  bulkPerSecond: number;
}

export const DEFAULT_TELEGRAM_LIMITS: TelegramLimits = { perChatMs: 1000, bulkPerSecond: 25 };

/** Priorities inside one chat's queue (Bottleneck: lower goes first): a reply never waits behind a reminder. */
const REPLY_PRIORITY = 1;
const BULK_PRIORITY = 7;
/** Sends that got no answer (a network failure) are tried again this many times, 1 s then 2 s later. */
const NETWORK_RETRIES = 2;

/** How a message is being sent: as a reply to someone who wrote, or on the bot's own initiative. */
const sendKind = new AsyncLocalStorage<'bulk'>();

/** Runs `work` with every message it sends counted as bot-initiated (the bot-wide bulk queue). */
export function asBulk<T>(work: () => Promise<T>): Promise<T> {
  return sendKind.run('bulk', work);
}

/** API methods that put a message in a chat (sendChatAction and edits do not). */
function isMessage(method: string): boolean {
  return method.startsWith('send') && method !== 'sendChatAction';
}

export interface SendLimiter {
  /** The API transformer: install it inside auto-retry, so that a retried call queues again. */
  transformer: Transformer;
  /** Messages waiting or in flight, by kind (for tests and the health view). */
  counts(): { replies: number; bulk: number };
}

/**
 * One limiter for all of a bot's messages, built on Bottleneck: a queue per chat (one message at a
 * time, `perChatMs` apart, replies before bot-initiated messages) and one bot-wide queue for
 * bot-initiated messages at `bulkPerSecond`. A 429 on a bulk message holds the bulk queue for its
 * `retry_after`; auto-retry (outside this transformer) waits it out and sends the same call again.
 * A chat's queue (~6 KB) is dropped 30 s after its last message (longer than an officer's pause, so
 * a conversation keeps one queue), so a fan-out to 10,000 chats at 25/s keeps only ~750 in memory.
 */
export function createSendLimiter(limits: Partial<TelegramLimits> = {}): SendLimiter {
  const { perChatMs, bulkPerSecond } = { ...DEFAULT_TELEGRAM_LIMITS, ...limits };
  const chats = new Bottleneck.Group({
    maxConcurrent: 1,
    minTime: perChatMs,
    timeout: 30_000,
  });
  // A message that got no answer at all (network) is sent again twice, in its own chat's queue;
  // Telegram's own answers (429, 5xx) are auto-retry's to handle.
  chats.on('created', (limiter) => {
    limiter.on('failed', (err, info) =>
      err instanceof HttpError && info.retryCount < NETWORK_RETRIES ? 1000 * 2 ** info.retryCount : undefined,
    );
  });
  const bulk = new Bottleneck({ minTime: Math.ceil(1000 / bulkPerSecond) });
  let held: NodeJS.Timeout | undefined;
  let replies = 0;
  let bulkCount = 0;

  /** Stops starting bulk messages for `seconds` (Telegram said the bot sent too many). */
  function hold(seconds: number): void {
    bulk.updateSettings({ reservoir: 0 });
    clearTimeout(held);
    held = setTimeout(() => bulk.updateSettings({ reservoir: null }), seconds * 1000);
    held.unref();
  }

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if (!isMessage(method) || chatId === undefined) return prev(method, payload, signal);
    const chat = chats.key(String(chatId));
    if (sendKind.getStore() !== 'bulk') {
      replies++;
      try {
        return await chat.schedule({ priority: REPLY_PRIORITY }, () => prev(method, payload, signal));
      } finally {
        replies--;
      }
    }
    bulkCount++;
    try {
      const result = await bulk.schedule(() =>
        chat.schedule({ priority: BULK_PRIORITY }, () => prev(method, payload, signal)),
      );
      const retryAfter = (result as { parameters?: { retry_after?: number } }).parameters?.retry_after;
      if (!result.ok && typeof retryAfter === 'number') hold(retryAfter);
      return result;
    } finally {
      bulkCount--;
    }
  };

  return {
    transformer,
    counts: () => ({ replies, bulk: bulkCount }),
  };
}
