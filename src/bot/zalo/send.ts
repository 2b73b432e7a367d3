import Bottleneck from 'bottleneck';
import type { Logger } from 'pino';
import type { OutFile, Outgoing, Sender } from '../../app/types.js';
import { mergeReplies, renderPlain } from '../../domain/dialog/render.js';
import { msg } from '../../domain/messages/index.js';
import { splitMessage } from '../../domain/messages/split.js';
import {
  createZaloClient,
  type FetchLike,
  ZaloApiError,
  type ZaloClient,
  ZaloNetworkError,
} from './client.js';
import { ZALO_MAX_TEXT } from './types.js';

/**
 * Zalo publishes no quotas; it answers 429 "Quota exceeded" when a bot sends too much. The same
 * shape as Telegram's limits, with Zalo's own numbers: a queue per chat, a bot-wide pace for
 * messages the bot sends on its own initiative, and one bounded retry policy.
 */
export interface ZaloLimits {
  /** The least time between two messages in one chat, in ms. Default 200. */
  perChatMs: number;
  /** Pace of bot-initiated messages (reminders, notices) for the whole bot (ZALO_RATE_PER_SECOND). Default 5. */
  bulkPerSecond: number;
  /** Tries of one message before it is given up as undelivered (429, 5xx, no answer). Default 4. */
  maxAttempts: number;
  /** First wait after a 429, a 5xx or a network failure; doubles on each retry. Default 1 s. */
  backoffMs: number;
  /** Longest wait between two retries (and between two failed polls). Default 60 s. */
  maxBackoffMs: number;
}

export const DEFAULT_ZALO_LIMITS: ZaloLimits = {
  perChatMs: 200,
  bulkPerSecond: 5,
  maxAttempts: 4,
  backoffMs: 1000,
  maxBackoffMs: 60_000,
};

/** The wait before retry number `attempt` (1-based): exponential, capped. */
export function backoffDelay(
  limits: Pick<ZaloLimits, 'backoffMs' | 'maxBackoffMs'>,
  attempt: number,
): number {
  return Math.min(limits.maxBackoffMs, limits.backoffMs * 2 ** Math.min(attempt - 1, 30));
}

/** Worth sending again later: quota (429), a server error, or no answer at all. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ZaloApiError) return err.error_code === 429 || err.error_code >= 500;
  return err instanceof ZaloNetworkError;
}

const REPLY_PRIORITY = 1;
const BULK_PRIORITY = 7;

export interface ZaloSendQueue {
  /**
   * Sends one text (≤ 2000 units) in its chat's queue, bulk ones also through the bot-wide queue;
   * retries 429s, 5xx and network failures a bounded number of times, then throws.
   */
  sendText(chatId: string, text: string, opts?: { bulk?: boolean }): Promise<void>;
  /** Sends a photo by its public URL (a chart), in the chat's queue like a text. */
  sendPhoto(chatId: string, url: string, opts?: { bulk?: boolean }): Promise<void>;
  /** Shows "typing…"; best effort: one try, failures only logged. */
  typing(chatId: string): Promise<void>;
}

/**
 * The Zalo channel's sends, on Bottleneck: each chat has its own queue (one message at a time,
 * `perChatMs` apart, replies before bot-initiated messages), so a chat whose sends keep failing
 * only ever delays itself; bot-initiated messages also pass one bot-wide queue at `bulkPerSecond`,
 * held after a 429 (the quota is per bot) for the time Zalo asks or the back-off.
 */
export function createZaloSendQueue(
  client: ZaloClient,
  limits: ZaloLimits,
  logger: Logger,
  signal: AbortSignal,
): ZaloSendQueue {
  const chats = new Bottleneck.Group({
    maxConcurrent: 1,
    minTime: limits.perChatMs,
    timeout: 30_000,
  });
  const bulk = new Bottleneck({ minTime: Math.ceil(1000 / limits.bulkPerSecond) });
  let held: NodeJS.Timeout | undefined;

  function hold(ms: number): void {
    bulk.updateSettings({ reservoir: 0 });
    clearTimeout(held);
    held = setTimeout(() => bulk.updateSettings({ reservoir: null }), ms);
    held.unref();
  }

  chats.on('created', (limiter, chatId) => {
    limiter.on('failed', (err, info) => {
      const attempt = info.retryCount + 1;
      if (signal.aborted || !isRetryable(err) || attempt >= limits.maxAttempts) return undefined;
      const retryAfter = err instanceof ZaloApiError ? err.retryAfterMs : undefined;
      const delay = Math.max(retryAfter ?? 0, backoffDelay(limits, attempt));
      const quota = err instanceof ZaloApiError && err.error_code === 429;
      if (quota) hold(delay);
      logger.warn(
        { chatId, attempt, retryInMs: delay, err: (err as Error).message },
        quota
          ? 'zalo quota exceeded (429), will send the same message again'
          : 'zalo send failed, will send the same message again',
      );
      return delay;
    });
  });

  return {
    async sendText(chatId, text, opts = {}) {
      const send = () =>
        chats
          .key(chatId)
          .schedule({ priority: opts.bulk ? BULK_PRIORITY : REPLY_PRIORITY }, () =>
            client.sendMessage({ chat_id: chatId, text }, { signal }),
          );
      await (opts.bulk ? bulk.schedule(send) : send());
    },
    async sendPhoto(chatId, url, opts = {}) {
      const send = () =>
        chats
          .key(chatId)
          .schedule({ priority: opts.bulk ? BULK_PRIORITY : REPLY_PRIORITY }, () =>
            client.sendPhoto({ chat_id: chatId, photo: url }, { signal }),
          );
      await (opts.bulk ? bulk.schedule(send) : send());
    },
    async typing(chatId) {
      await client.sendChatAction({ chat_id: chatId, action: 'typing' }, { signal }).catch((err) => {
        logger.debug({ chatId, err: (err as Error).message }, 'zalo typing action failed');
      });
    },
  };
}

export interface ZaloDeliveryOptions {
  queue: ZaloSendQueue;
  logger: Logger;
  redact: (text: string) => string;
  /** Publishes a file for download (the bot's HTTP server and a public URL); undefined when not configured. */
  fileLink?: (file: OutFile) => { url: string; minutes: number } | undefined;
  /** Zalo refused the token (401). */
  onUnauthorized?: () => void;
}

/**
 * Renders replies for Zalo and sends them, in order: plain text, the replies of a turn packed into
 * one message when they fit, each message at most 2000 units; a document becomes a download link
 * (Zalo bots cannot send files). Throws when a part cannot be sent.
 */
export function createZaloDelivery(o: ZaloDeliveryOptions) {
  const errText = (err: unknown) => o.redact(err instanceof Error ? err.message : String(err));
  /**
   * A reply's messages: its text in parts of at most 2000 units, a document's link under it. A chart
   * goes as a photo by its link after its caption; without PUBLIC_URL it is left out, caption and all.
   */
  function partsOf(r: Outgoing): Array<{ text: string; photo?: string }> {
    const text = renderPlain(r);
    const split = (t: string) =>
      splitMessage(t, ZALO_MAX_TEXT)
        .filter((p) => p.trim() !== '')
        .map((p): { text: string; photo?: string } => ({ text: p }));
    if (!r.file) return split(text);
    const link = o.fileLink?.(r.file);
    if (!r.file.mime.startsWith('image/'))
      return split(`${text}\n${link ? msg.exportLink(link.url, link.minutes) : msg.exportUnavailable()}`);
    if (!link) return [];
    const parts = split(text);
    const last = parts[parts.length - 1];
    if (last) last.photo = link.url;
    return parts;
  }
  async function deliver(chatId: string, replies: Outgoing[], bulk = false): Promise<void> {
    const merged = mergeReplies(replies, ZALO_MAX_TEXT);
    const parts = merged.flatMap(partsOf);
    // A reply too long for one message (a gap report): show "typing…" while its parts go out.
    if (parts.length > merged.length && !bulk) await o.queue.typing(chatId);
    for (const [i, part] of parts.entries()) {
      try {
        await o.queue.sendText(chatId, part.text, { bulk });
        if (part.photo) await o.queue.sendPhoto(chatId, part.photo, { bulk });
      } catch (err) {
        if (err instanceof ZaloApiError && err.error_code === 401) o.onUnauthorized?.();
        o.logger.error({ chatId, unsent: parts.length - i, err: errText(err) }, 'zalo reply not sent');
        throw err;
      }
    }
  }
  const sender: Sender = { channel: 'zalo', send: (chatId, replies) => deliver(chatId, replies, true) };
  return { deliver, sender };
}

/**
 * The Zalo sender alone, for a process that does not receive updates (the CLI's `reminders run`):
 * the same client, queues, limits, retry policy and rendering as the running channel's.
 */
export function createZaloSender(opts: {
  token: string;
  baseUrl: string;
  logger: Logger;
  limits?: Partial<ZaloLimits>;
  fetch?: FetchLike;
  fileLink?: ZaloDeliveryOptions['fileLink'];
}): Sender {
  const logger = opts.logger.child({ channel: 'zalo' });
  const client = createZaloClient({
    token: opts.token,
    baseUrl: opts.baseUrl,
    logger,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const queue = createZaloSendQueue(
    client,
    { ...DEFAULT_ZALO_LIMITS, ...opts.limits },
    logger,
    new AbortController().signal,
  );
  return createZaloDelivery({
    queue,
    logger,
    redact: client.redact,
    ...(opts.fileLink ? { fileLink: opts.fileLink } : {}),
  }).sender;
}

/** Resolves after `ms`, or rejects at once when `signal` aborts (the poll loop's back-off). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
