import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { BotConfig, Context } from 'grammy';
import type { App } from './app/create-app.js';
import { startScheduler } from './app/scheduler.js';
import type { AppDeps, OutFile, Sender } from './app/types.js';
import type { RunningChannel } from './bot/channel.js';
import { createFileLinks, type FileLinks } from './bot/files.js';
import { createHttpServer, type HttpServer } from './bot/http.js';
import { type ChannelClients, channelClients } from './bot/net.js';
import {
  type ChannelHealth,
  PermanentChannelError,
  type SupervisedChannel,
  superviseChannel,
} from './bot/supervise.js';
import type { TelegramLimits } from './bot/telegram/index.js';
import { createZaloSender, startZalo, type ZaloLimits } from './bot/zalo/index.js';
import type { Config } from './config.js';
import { renderPlain } from './domain/dialog/render.js';

/** Prints bot-initiated messages for console users (the console has no push channel). */
export function consoleSender(out: Writable): Sender {
  return {
    channel: 'console',
    async send(externalId, replies) {
      for (const r of replies) out.write(`[gửi ${externalId}]\n${renderPlain(r)}\n\n`);
    },
  };
}

/** Writes a document next to the database (data/exports/…) and returns its path. */
export function fileSaver(app: App): (file: OutFile) => Promise<string> {
  const dir =
    app.config.databasePath === ':memory:'
      ? resolve('exports')
      : join(dirname(resolve(app.config.databasePath)), 'exports');
  return async (file) => {
    await mkdir(dir, { recursive: true });
    const path = join(dir, file.fileName);
    await writeFile(path, file.bytes);
    return path;
  };
}

/** The limits of each channel's sender, from the configuration: the same in the service and the CLI. */
export function channelLimits(config: Config): {
  telegram: Partial<TelegramLimits>;
  zalo: Partial<ZaloLimits>;
} {
  return {
    telegram: { bulkPerSecond: config.telegramRatePerSecond },
    zalo: { bulkPerSecond: config.zaloRatePerSecond },
  };
}

/** Each channel's client options from the configuration (relay, proxy): the same in the service and the CLI. */
export function clientsOf(config: Config): Promise<ChannelClients> {
  return channelClients({
    ...(config.telegramApiRoot ? { telegramApiRoot: config.telegramApiRoot } : {}),
    ...(config.proxy ? { proxy: config.proxy } : {}),
  });
}

/** The Telegram bot's options: the configured client (relay, proxy) under whatever the caller gives. */
function telegramConfigOf(clients: ChannelClients, given?: BotConfig<Context>): BotConfig<Context> {
  return { ...given, client: { ...clients.telegram, ...given?.client } };
}

/**
 * One sender per channel that can be reached from this process: the running channels' own, or for
 * CLI commands (reminders run) the very same senders built without receiving updates (same
 * limits, retry policy and rendering; the service may be polling meanwhile: sending does not
 * disturb it).
 */
export async function buildSenders(
  app: App,
  out: Writable,
  opts: { fetch?: typeof fetch; telegramBotConfig?: BotConfig<Context> } = {},
): Promise<Map<string, Sender>> {
  const senders = new Map<string, Sender>(app.senders);
  if (!senders.has('console')) senders.set('console', consoleSender(out));
  const { telegramToken, zaloToken } = app.config;
  const limits = channelLimits(app.config);
  const clients = await clientsOf(app.config);
  const zaloFetch = opts.fetch ?? clients.zaloFetch;
  if (telegramToken && !senders.has('telegram')) {
    // grammY loads only where Telegram is used: the console chat and most commands never need it.
    const { buildTelegramBot } = await import('./bot/telegram/index.js');
    const tg = buildTelegramBot(
      telegramToken,
      { engine: app.engine, logger: app.logger, limits: limits.telegram },
      telegramConfigOf(clients, opts.telegramBotConfig),
    );
    senders.set('telegram', tg.sender);
  }
  if (zaloToken && !senders.has('zalo')) {
    senders.set(
      'zalo',
      createZaloSender({
        token: zaloToken,
        baseUrl: app.config.zaloApiBase,
        logger: app.logger,
        limits: limits.zalo,
        ...(zaloFetch ? { fetch: zaloFetch } : {}),
      }),
    );
  }
  return senders;
}

/** The use cases' dependencies of an app (what the engine was built with), for the web view. */
export function appDeps(app: App): AppDeps {
  return {
    db: app.db,
    frameworks: app.frameworks,
    clock: app.clock,
    calendar: app.calendar,
    logger: app.logger,
    webUrl: app.config.publicUrl ?? `http://localhost:${app.config.http.port}`,
  };
}

/**
 * `cds-bot web`: the web view alone on HTTP_PORT (no messenger token needed), until SIGINT or
 * SIGTERM; resolves with the port and a stop for tests.
 */
export async function startWebOnly(app: App): Promise<{ port: number; stop(): Promise<void> }> {
  const http = createHttpServer(app.logger, { maxConnections: app.config.http.maxConnections });
  const { mountWeb } = await import('./web/server.js');
  mountWeb(http, appDeps(app));
  http.route('GET', '/healthz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"ok":true}');
  });
  const port = await http.listen(app.config.http.port, app.config.http.host);
  app.logger.info({ port }, 'web view listening');
  return { port, stop: () => http.close() };
}

export interface Service {
  /** The port of the bot's HTTP server, when one runs. */
  port?: number;
  /** Each configured channel's state (what /healthz answers). */
  health(): Record<string, ChannelHealth>;
  stop(): Promise<void>;
}

/** Runs the service until SIGINT or SIGTERM, then stops it cleanly. */
export async function runService(app: App): Promise<void> {
  const service = await startService(app);
  await new Promise<void>((done) => {
    const stop = async (signal: string) => {
      app.logger.info({ signal }, 'stopping');
      await service.stop();
      done();
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}

/** Why a webhook URL cannot work (not HTTPS, or not a public address), or undefined. */
export function webhookUrlProblem(url: string): string | undefined {
  const u = new URL(url);
  if (u.protocol !== 'https:') return 'it is not HTTPS';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    /^(127\.|10\.|192\.168\.|169\.254\.|0\.)/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === '::1' ||
    /^f[cd]/i.test(host)
  )
    return 'it is not a public address';
  return undefined;
}

/**
 * The bot as a service: Telegram and/or Zalo (whichever tokens are set) on one database, the bot's
 * HTTP server when a webhook or download links need it, and the reminder scheduler. Each part
 * starts on its own: a channel that cannot reach its platform keeps trying in the background (see
 * superviseChannel) and never delays the others; `/healthz` tells each channel's state.
 */
export async function startService(
  app: App,
  opts: {
    fetch?: typeof fetch;
    telegramBotConfig?: BotConfig<Context>;
    /** Over the configured limits: tests against a fake platform need not wait Telegram's second a chat. */
    limits?: { telegram?: Partial<TelegramLimits>; zalo?: Partial<ZaloLimits> };
  } = {},
): Promise<Service> {
  const { config, logger } = app;
  const configured = channelLimits(config);
  const limits = {
    telegram: { ...configured.telegram, ...opts.limits?.telegram },
    zalo: { ...configured.zalo, ...opts.limits?.zalo },
  };
  const clients = await clientsOf(config);
  const zaloFetch = opts.fetch ?? clients.zaloFetch;
  const telegramBotConfig = telegramConfigOf(clients, opts.telegramBotConfig);
  if (config.telegramApiRoot && config.telegramToken)
    logger.info(
      { apiRoot: new URL(config.telegramApiRoot).host },
      'telegram through the configured Bot API root',
    );
  if (config.proxy) {
    const via = config.proxy.httpsProxy ?? config.proxy.httpProxy ?? '';
    logger.info({ proxy: new URL(via).host }, 'channels reach their platforms through the proxy');
  }
  const needsHttp = Boolean(config.telegramWebhook || config.zaloWebhook || config.publicUrl);
  const http: HttpServer | undefined = needsHttp
    ? createHttpServer(logger, { maxConnections: config.http.maxConnections })
    : undefined;
  // The province's web view, whenever the HTTP server runs (issue 17).
  if (http) {
    const { mountWeb } = await import('./web/server.js');
    mountWeb(http, appDeps(app));
  }
  const links: FileLinks | undefined =
    http && config.publicUrl ? createFileLinks(http, config.publicUrl) : undefined;
  if (config.zaloToken && !config.publicUrl) {
    logger.warn(
      'PUBLIC_URL is not set: documents cannot reach Zalo users (Zalo bots cannot send files; set PUBLIC_URL to offer download links)',
    );
  }
  const supervised = new Map<string, SupervisedChannel>();
  let catchUp: () => void = () => undefined;
  const onUp = (name: string) => (channel: RunningChannel) => {
    app.senders.set(name, channel.sender);
    logger.info({ channel: name }, `${name} channel up`);
    // Reminders of this channel's people that came due while it was starting.
    catchUp();
  };
  const webhookCheck = (name: string, webhook?: { url: string }) => {
    const problem = webhook ? webhookUrlProblem(webhook.url) : undefined;
    if (problem)
      throw new PermanentChannelError(
        `the ${name} webhook URL cannot work (${problem}): set ${name.toUpperCase()}_WEBHOOK_URL to the public HTTPS address of your reverse proxy, or leave it unset to use long polling.`,
      );
  };
  if (config.telegramToken) {
    const token = config.telegramToken;
    supervised.set(
      'telegram',
      superviseChannel(
        'telegram',
        async () => {
          webhookCheck('telegram', config.telegramWebhook);
          const { startTelegram } = await import('./bot/telegram/index.js');
          return startTelegram({
            token,
            engine: app.engine,
            logger,
            ...(http ? { http } : {}),
            ...(config.telegramWebhook ? { webhook: config.telegramWebhook } : {}),
            botConfig: telegramBotConfig,
            limits: limits.telegram,
          });
        },
        { logger, onUp: onUp('telegram') },
      ),
    );
  }
  if (config.zaloToken) {
    const token = config.zaloToken;
    supervised.set(
      'zalo',
      superviseChannel(
        'zalo',
        async () => {
          webhookCheck('zalo', config.zaloWebhook);
          return startZalo({
            token,
            baseUrl: config.zaloApiBase,
            engine: app.engine,
            logger,
            ...(http ? { http } : {}),
            ...(config.zaloWebhook ? { webhook: config.zaloWebhook } : {}),
            mediaDir: config.zaloMediaDir ?? join(dirname(resolve(config.databasePath)), 'media'),
            limits: limits.zalo,
            ...(links ? { fileLink: (file: OutFile) => links.publish(file) } : {}),
            ...(zaloFetch ? { fetch: zaloFetch } : {}),
          });
        },
        { logger, onUp: onUp('zalo') },
      ),
    );
  }
  const healthOf = () => Object.fromEntries([...supervised].map(([name, s]) => [name, s.health()]));
  http?.route('GET', '/healthz', (_req, res) => {
    const channels = healthOf();
    const down = Object.values(channels).some((h) => h.state === 'down');
    res
      .writeHead(down ? 503 : 200, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ ok: !down, channels }));
  });
  const port = http ? await http.listen(config.http.port, config.http.host) : undefined;
  if (port !== undefined) logger.info({ port }, 'http server listening');
  const scheduler = startScheduler({
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: app.senders,
    clock: app.clock,
    logger,
  });
  // Catch up on reminders missed while the process was down, and again as each channel comes up.
  catchUp = () => void scheduler.tick();
  catchUp();
  logger.info({ channels: [...supervised.keys()] }, 'cds-bot running');
  return {
    ...(port !== undefined ? { port } : {}),
    health: healthOf,
    async stop() {
      scheduler.stop();
      await Promise.allSettled([...supervised.values()].map((c) => c.stop()));
      await http?.close();
      for (const c of ['telegram', 'zalo']) app.senders.delete(c);
    },
  };
}
