import type { Logger } from 'pino';
import type { RunningChannel } from './channel.js';

/** How a channel stands, for the log and /healthz. */
export interface ChannelHealth {
  state: 'starting' | 'up' | 'retrying' | 'down';
  /** ISO time the channel entered this state. */
  since: string;
  /** Why it is retrying or down, and what to change. */
  reason?: string;
}

/** A start-up failure that will not go away by itself: the channel stays down, `hint` says what to change. */
export class PermanentChannelError extends Error {
  override readonly name = 'PermanentChannelError';
  constructor(readonly hint: string) {
    super(hint);
  }
}

export interface SupervisedChannel {
  health(): ChannelHealth;
  /** The channel once it started. */
  readonly channel: RunningChannel | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a channel in the background and keeps trying with a bounded back-off (1 s doubling up to
 * `maxBackoffMs`) until it starts, logging each failure once with the next try's time; never waits
 * for nor delays another channel. A PermanentChannelError is logged once at error level with what to
 * change, and the channel stays down.
 */
export function superviseChannel(
  name: string,
  start: () => Promise<RunningChannel & { health?: () => ChannelHealth }>,
  opts: {
    logger: Logger;
    onUp: (channel: RunningChannel) => void;
    firstBackoffMs?: number;
    maxBackoffMs?: number;
  },
): SupervisedChannel {
  const log = opts.logger.child({ channel: name });
  let health: ChannelHealth = { state: 'starting', since: new Date().toISOString() };
  let channel: (RunningChannel & { health?: () => ChannelHealth }) | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const first = opts.firstBackoffMs ?? 1000;
  const max = opts.maxBackoffMs ?? 5 * 60_000;

  const set = (state: ChannelHealth['state'], reason?: string) => {
    if (health.state === state && health.reason === reason) return;
    health = {
      state,
      since: health.state === state ? health.since : new Date().toISOString(),
      ...(reason ? { reason } : {}),
    };
  };

  const running = (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const started = await start();
        if (stopped) {
          await started.stop();
          return;
        }
        channel = started;
        set('up');
        opts.onUp(started);
        return;
      } catch (err) {
        if (err instanceof PermanentChannelError) {
          log.error(`${name} channel down: ${err.hint}`);
          set('down', err.hint);
          return;
        }
        const delay = Math.min(max, first * 2 ** Math.min(attempt - 1, 20));
        const reason = err instanceof Error ? err.message : String(err);
        log.warn(
          { attempt, retryInMs: delay, err: reason },
          `${name} could not start; retrying in the background`,
        );
        set('retrying', reason);
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
      }
    }
  })();

  return {
    health: () => channel?.health?.() ?? health,
    get channel() {
      return channel;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await running;
      await channel?.stop();
    },
  };
}
