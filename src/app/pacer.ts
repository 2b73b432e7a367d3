/** How fast one channel may send: overall, and to one chat. */
export interface PacerOptions {
  perSecond: number;
  perChatMs: number;
  /** How many times one send is retried after a rate-limit answer (429). */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface Pacer {
  /** Runs one send when the pace allows; on a 429 waits as told, slows down, and tries the same send again. */
  run<T>(chatId: string, send: () => Promise<T>): Promise<T>;
  /** The current gap between two sends, in ms (it grows after 429s). */
  readonly intervalMs: number;
}

/** Seconds to wait when an error is a rate-limit answer (grammY's retry_after, Zalo's 429), else undefined. */
export function retryAfterSeconds(err: unknown): number | undefined {
  const e = err as {
    retryAfter?: number;
    parameters?: { retry_after?: number };
    error_code?: number;
    errorCode?: number;
    status?: number;
  };
  if (typeof e?.retryAfter === 'number') return e.retryAfter;
  if (typeof e?.parameters?.retry_after === 'number') return e.parameters.retry_after;
  if (e?.error_code === 429 || e?.errorCode === 429 || e?.status === 429) return 1;
  return undefined;
}

/** Each successful send after a 429 shrinks the gap by this factor, back to the configured pace. */
const RECOVERY = 0.9;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A send queue for one channel that keeps under the messenger's limits and never drops a message. */
export function createPacer(opts: PacerOptions): Pacer {
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const maxRetries = opts.maxRetries ?? 8;
  const baseInterval = 1000 / opts.perSecond;
  let interval = baseInterval;
  let nextAt = 0;
  const lastByChat = new Map<string, number>();
  let queue: Promise<unknown> = Promise.resolve();

  async function once<T>(chatId: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const t = now();
      const earliest = Math.max(
        nextAt,
        (lastByChat.get(chatId) ?? Number.NEGATIVE_INFINITY) + opts.perChatMs,
      );
      // Schedule from the ideal moment, not from when the timer woke up: late wake-ups are not carried forward.
      const start = Math.max(t, earliest);
      if (start > t) await sleep(start - t);
      nextAt = start + interval;
      lastByChat.set(chatId, start);
      try {
        const result = await send();
        // After a slow-down, come back to the configured pace little by little.
        interval = Math.max(baseInterval, interval * RECOVERY);
        return result;
      } catch (err) {
        const wait = retryAfterSeconds(err);
        if (wait === undefined || attempt >= maxRetries) throw err;
        interval = Math.min(interval * 2, 10_000);
        nextAt = now() + wait * 1000;
      }
    }
  }

  return {
    run(chatId, send) {
      const result = queue.then(() => once(chatId, send));
      queue = result.catch(() => undefined);
      return result;
    },
    get intervalMs() {
      return interval;
    },
  };
}
