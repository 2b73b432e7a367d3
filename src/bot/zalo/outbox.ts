import type { Logger } from 'pino';
import { ZaloApiError, type ZaloClient, ZaloNetworkError } from './client.js';

/** How fast the bot sends, and how it waits after a refusal or a failure. */
export interface ZaloRateOptions {
  /** Minimum pause between two calls that send something (sendMessage, sendChatAction). Default 100 ms. */
  minIntervalMs?: number;
  /** First wait after a 429, a 5xx or a network failure; doubles on each retry. Default 1 s. */
  backoffMs?: number;
  /** Longest wait between two retries (and between two failed polls). Default 60 s. */
  maxBackoffMs?: number;
}

export const DEFAULT_RATE: Required<ZaloRateOptions> = {
  minIntervalMs: 100,
  backoffMs: 1000,
  maxBackoffMs: 60_000,
};

/** The wait before retry number `attempt` (1-based): exponential, capped. */
export function backoffDelay(rate: Required<ZaloRateOptions>, attempt: number): number {
  return Math.min(rate.maxBackoffMs, rate.backoffMs * 2 ** Math.min(attempt - 1, 30));
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
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

/** Worth sending again later: quota (429), a server error, or no answer at all. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ZaloApiError) return err.error_code === 429 || err.error_code >= 500;
  return err instanceof ZaloNetworkError;
}

export interface Outbox {
  /** Sends one text (≤ 2000 units), paced, retrying 429s and failures until it is sent or the outbox stops. */
  sendText(chatId: string, text: string): Promise<void>;
  /** Shows "typing…"; best effort: one try, failures only logged. */
  typing(chatId: string): Promise<void>;
}

/**
 * One queue for all of the bot's sends: calls start at least `minIntervalMs` apart, and a 429
 * holds the queue (the quota is per bot) until the same message goes through.
 */
export function createOutbox(
  client: ZaloClient,
  rate: Required<ZaloRateOptions>,
  logger: Logger,
  signal: AbortSignal,
): Outbox {
  let tail: Promise<unknown> = Promise.resolve();
  let lastCallAt = 0;

  function paced<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(async () => {
      const wait = lastCallAt + rate.minIntervalMs - Date.now();
      if (wait > 0) await sleep(wait, signal);
      return fn();
    });
    tail = run.catch(() => undefined);
    return run;
  }

  async function once<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      lastCallAt = Date.now();
    }
  }

  return {
    sendText(chatId, text) {
      return paced(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            await once(() => client.sendMessage({ chat_id: chatId, text }, { signal }));
            return;
          } catch (err) {
            if (signal.aborted || !isRetryable(err)) throw err;
            const retryAfter = err instanceof ZaloApiError ? err.retryAfterMs : undefined;
            const delay = Math.max(retryAfter ?? 0, backoffDelay(rate, attempt));
            logger.warn(
              { chatId, attempt, retryInMs: delay, err: (err as Error).message },
              err instanceof ZaloApiError && err.error_code === 429
                ? 'zalo quota exceeded (429), will send the same message again'
                : 'zalo send failed, will send the same message again',
            );
            await sleep(delay, signal);
          }
        }
      });
    },
    typing(chatId) {
      return paced(() => once(() => client.sendChatAction({ chat_id: chatId, action: 'typing' }, { signal })))
        .then(() => undefined)
        .catch((err) => {
          logger.debug({ chatId, err: (err as Error).message }, 'zalo typing action failed');
        });
    },
  };
}
