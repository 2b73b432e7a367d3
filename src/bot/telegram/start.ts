import type { IncomingMessage, ServerResponse } from 'node:http';
import { run } from '@grammyjs/runner';
import { type BotConfig, type Context, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { Engine } from '../../app/turn.js';
import { COMMAND_MENU } from '../../domain/messages/index.js';
import type { RunningChannel } from '../channel.js';
import { BodyTooLargeError, type HttpServer, readBody, safeEqual } from '../http.js';
import { type ChannelHealth, PermanentChannelError } from '../supervise.js';
import { ALLOWED_UPDATES, buildTelegramBot, type TelegramBot } from './bot.js';
import { describeError } from './errors.js';
import type { TelegramLimits } from './limits.js';

/** Largest webhook body accepted; a real update is a few kilobytes. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** How long `stop()` waits for updates being handled. */
const STOP_TIMEOUT_MS = 10_000;

export interface StartTelegramOptions {
  token: string;
  engine: Engine;
  logger: Logger;
  /** The bot's own HTTP server; needed for a webhook (the caller makes it listen). */
  http?: HttpServer;
  /** Serve by webhook instead of long polling. */
  webhook?: { url: string; secret: string };
  botConfig?: BotConfig<Context>;
  limits?: Partial<TelegramLimits>;
}

/**
 * Starts the Telegram channel: long polling through @grammyjs/runner (updates of one chat in
 * order), or a webhook route on the shared HTTP server when a webhook is configured. Registers
 * the command menu. Rejects when the token is refused.
 */
export async function startTelegram(
  opts: StartTelegramOptions,
): Promise<RunningChannel & { health: () => ChannelHealth }> {
  const log = opts.logger.child({ channel: 'telegram' });
  const tg = buildTelegramBot(
    opts.token,
    { engine: opts.engine, logger: opts.logger, ...(opts.limits ? { limits: opts.limits } : {}) },
    opts.botConfig,
  );
  const { bot } = tg;
  try {
    // getMe once (bot.init() would retry network failures forever, holding the start-up): the
    // supervisor tries again in the background with its own bounded back-off.
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
      throw new PermanentChannelError(
        `Telegram refused the bot token (${err.error_code}): check TELEGRAM_BOT_TOKEN (@BotFather) and restart.`,
      );
    }
    throw new Error(`Telegram could not be reached: ${JSON.stringify(describeError(err, tg.redact))}`);
  }
  try {
    await bot.api.setMyCommands(COMMAND_MENU);
  } catch (err) {
    log.warn({ error: describeError(err, tg.redact) }, 'command menu not set');
  }

  let health: ChannelHealth = { state: 'up', since: new Date().toISOString() };
  const stopReceiving = opts.webhook
    ? await serveWebhook(tg, opts.webhook, opts.http, log)
    : await servePolling(tg, log, (reason) => {
        health = { state: 'down', since: new Date().toISOString(), reason };
      });
  log.info({ bot: bot.botInfo.username, mode: opts.webhook ? 'webhook' : 'polling' }, 'telegram started');

  return {
    sender: tg.sender,
    health: () => health,
    async stop() {
      await stopReceiving();
      if (!(await tg.idle(STOP_TIMEOUT_MS))) log.warn('telegram stopped with updates still being handled');
      log.info('telegram stopped');
    },
  };
}

async function servePolling(
  tg: TelegramBot,
  log: Logger,
  onStopped: (reason: string) => void,
): Promise<() => Promise<void>> {
  // Telegram refuses getUpdates while a webhook is set (e.g. after switching from webhook mode).
  await tg.bot.api.deleteWebhook();
  const runner = run(tg.bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  runner.task()?.catch((err) => {
    log.error({ error: describeError(err, tg.redact) }, 'telegram polling stopped');
    onStopped('polling stopped: see the log');
  });
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
}

async function serveWebhook(
  tg: TelegramBot,
  webhook: { url: string; secret: string },
  http: HttpServer | undefined,
  log: Logger,
): Promise<() => Promise<void>> {
  if (!http) throw new Error('a Telegram webhook needs the HTTP server');
  const path = new URL(webhook.url).pathname;
  let accepting = true;
  const handling = new Set<Promise<void>>();

  http.route('POST', path, async (req: IncomingMessage, res: ServerResponse) => {
    if (!accepting) {
      res.writeHead(503).end();
      return;
    }
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !safeEqual(given, webhook.secret)) {
      log.warn({ remote: req.socket.remoteAddress }, 'webhook call without the right secret refused');
      res.writeHead(403, { connection: 'close' }).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, WEBHOOK_BODY_LIMIT);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      log.warn({ remote: req.socket.remoteAddress }, 'webhook body too large refused');
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const update = parseUpdate(body);
    if (!update) {
      log.warn('webhook body is not an update');
      res.writeHead(400).end();
      return;
    }
    // Answer at once: Telegram waits for the answer before it sends more, and retries a slow one.
    res.writeHead(200).end();
    const task = tg.bot.handleUpdate(update).catch((err) => {
      log.error(
        { updateId: update.update_id, error: describeError(err, tg.redact) },
        'webhook update failed',
      );
    });
    handling.add(task);
    void task.finally(() => handling.delete(task));
  });

  try {
    await tg.bot.api.setWebhook(webhook.url, {
      secret_token: webhook.secret,
      allowed_updates: ALLOWED_UPDATES,
    });
  } catch (err) {
    accepting = false;
    if (err instanceof GrammyError && err.error_code === 400) {
      throw new PermanentChannelError(
        `Telegram refused the webhook URL (${tg.redact(err.description)}): TELEGRAM_WEBHOOK_URL must be a public HTTPS address on port 443, 80, 88 or 8443.`,
      );
    }
    throw err;
  }
  return async () => {
    // The webhook stays set: Telegram keeps updates while the bot restarts, and re-delivers them.
    accepting = false;
    await Promise.allSettled([...handling]);
  };
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value === 'object' && value !== null && Number.isInteger((value as Update).update_id)) {
      return value as Update;
    }
  } catch {
    // Not JSON: refused below like any other malformed body.
  }
  return undefined;
}
