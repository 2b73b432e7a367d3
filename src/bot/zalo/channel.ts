import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Engine } from '../../app/turn.js';
import type { OutFile, Outgoing, Sender } from '../../app/types.js';
import type { Inbound } from '../../domain/dialog/protocol.js';
import { msg } from '../../domain/messages/index.js';
import type { RunningChannel } from '../channel.js';
import { BodyTooLargeError, type HttpServer, readBody, safeEqual } from '../http.js';
import type { ChannelHealth } from '../supervise.js';
import { createZaloClient, type FetchLike, ZaloApiError, type ZaloClient } from './client.js';
import { downloadImage } from './media.js';
import {
  backoffDelay,
  createZaloDelivery,
  createZaloSendQueue,
  DEFAULT_ZALO_LIMITS,
  sleep,
  type ZaloLimits,
} from './send.js';
import type { ZaloUpdate } from './types.js';
import { type Incoming, readIncoming, unwrapUpdate } from './updates.js';

export interface StartZaloOptions {
  token: string;
  /** e.g. https://bot-api.zaloplatforms.com */
  baseUrl: string;
  /** Only handle() is used. */
  engine: Pick<Engine, 'handle'>;
  logger: Logger;
  /** The bot's own HTTP server; required in webhook mode (the lead process listens on it). */
  http?: HttpServer;
  /** Webhook mode when given (public HTTPS URL, secret of 8–256 characters); long polling otherwise. */
  webhook?: { url: string; secret: string };
  fetch?: FetchLike;
  limits?: Partial<ZaloLimits>;
  /** Seconds a getUpdates call waits for a message. Default 30. */
  pollTimeoutSeconds?: number;
  /** Where images are downloaded at once (their URLs expire); without it the URL itself is kept. */
  mediaDir?: string;
  /** Publishes a file for download (the bot's HTTP server and a public URL); undefined when not configured. */
  fileLink?: (file: OutFile) => { url: string; minutes: number } | undefined;
  /** How long stop() lets replies already being processed go out. Default 5 s. */
  stopGraceMs?: number;
}

export interface ZaloChannel extends RunningChannel {
  readonly mode: 'webhook' | 'polling';
  /** The bot's own Zalo id once getMe answered. */
  readonly botId: string | undefined;
  /** Resolves when every message received so far has been handled and its replies sent (or given up). */
  idle(): Promise<void>;
  health(): ChannelHealth;
}

/** Largest webhook body read; a text update is well under 2 KB. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;
const SECRET_HEADER = 'x-bot-api-secret-token';
const RECENT_IDS = 2000;

/**
 * Starts the Zalo channel: by webhook on the shared HTTP server when `webhook` is given
 * (setWebhook, then a POST route at the URL's path), by long polling otherwise (deleteWebhook
 * first). Messages of one chat are handled one after another, in the order they arrived.
 */
export async function startZalo(opts: StartZaloOptions): Promise<ZaloChannel> {
  const logger = opts.logger.child({ channel: 'zalo' });
  const rate: ZaloLimits = { ...DEFAULT_ZALO_LIMITS, ...opts.limits };
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const client: ZaloClient = createZaloClient({
    token: opts.token,
    baseUrl: opts.baseUrl,
    fetch: doFetch,
    logger,
  });
  const webhook = opts.webhook;
  if (webhook) {
    if (!opts.http) throw new Error('Zalo webhook mode needs the bot HTTP server');
    if (webhook.secret.length < 8 || webhook.secret.length > 256) {
      throw new Error('ZALO_WEBHOOK_SECRET must be 8–256 characters');
    }
  }
  const webhookPath = webhook ? new URL(webhook.url).pathname : undefined;

  const pollAbort = new AbortController();
  const sendAbort = new AbortController();
  const outbox = createZaloSendQueue(client, rate, logger, sendAbort.signal);
  const chains = new Map<string, Promise<void>>();
  /** Replies that could not be delivered, per chat: sent again before the next reply to that chat. */
  const undelivered = new Map<string, Outgoing[]>();
  const recent = new Set<string>();
  const groupsTold = new Set<string>();
  let botId: string | undefined;
  let stopped = false;
  let tokenRejected = false;
  let warnedUrlKept = false;
  let health: ChannelHealth = { state: 'starting', since: new Date().toISOString() };
  const setHealth = (state: ChannelHealth['state'], reason?: string) => {
    if (health.state === state) return;
    health = { state, since: new Date().toISOString(), ...(reason ? { reason } : {}) };
  };

  const errText = (err: unknown) => client.redact(err instanceof Error ? err.message : String(err));
  const isUnauthorized = (err: unknown) => err instanceof ZaloApiError && err.error_code === 401;

  function onTokenRejected(): void {
    if (!tokenRejected) {
      logger.error(
        'Zalo rejected the bot token (401): the Zalo channel stopped. Check ZALO_BOT_TOKEN in Zalo Bot Creator and restart.',
      );
    }
    tokenRejected = true;
    setHealth('down', 'Zalo rejected the bot token (401): check ZALO_BOT_TOKEN');
    pollAbort.abort();
  }

  /** Runs the tasks of one chat one after another; other chats go on in parallel. */
  function enqueue(chatId: string, task: () => Promise<void>): Promise<void> {
    const next = (chains.get(chatId) ?? Promise.resolve()).then(task).catch((err) => {
      logger.error({ chatId, err: errText(err) }, 'zalo chat task failed');
    });
    chains.set(chatId, next);
    void next.then(() => {
      if (chains.get(chatId) === next) chains.delete(chatId);
    });
    return next;
  }

  const { deliver } = createZaloDelivery({
    queue: outbox,
    logger,
    redact: client.redact,
    onUnauthorized: onTokenRejected,
    ...(opts.fileLink ? { fileLink: opts.fileLink } : {}),
  });

  async function resolveInbound(incoming: Extract<Incoming, { kind: 'message' }>): Promise<Inbound> {
    const { inbound, imageUrl } = incoming;
    if (inbound.type !== 'attachment' || !imageUrl) return inbound;
    if (opts.mediaDir) {
      try {
        const path = await downloadImage(
          doFetch,
          imageUrl,
          opts.mediaDir,
          incoming.messageId,
          sendAbort.signal,
        );
        logger.info({ messageId: incoming.messageId, path }, 'zalo image downloaded');
        return { ...inbound, ref: path };
      } catch (err) {
        logger.warn(
          { messageId: incoming.messageId, err: errText(err) },
          'zalo image download failed; keeping its URL, which may expire',
        );
        return { ...inbound, ref: imageUrl };
      }
    }
    if (!warnedUrlKept) {
      logger.warn(
        'zalo images are kept as URLs, which may expire: configure a media directory to keep copies',
      );
      warnedUrlKept = true;
    }
    logger.info({ messageId: incoming.messageId }, 'zalo image kept as its URL (may expire)');
    return { ...inbound, ref: imageUrl };
  }

  async function handleMessage(incoming: Extract<Incoming, { kind: 'message' }>): Promise<void> {
    if (incoming.group) {
      if (groupsTold.has(incoming.chatId)) return;
      groupsTold.add(incoming.chatId);
      await deliver(incoming.chatId, [{ text: msg.groupChat() }]).catch(() => undefined);
      return;
    }
    const { inbound: raw } = incoming;
    if (raw.type === 'attachment' && (raw.kind === 'sticker' || raw.kind === 'voice')) {
      // Nothing in it can be read, and Zalo passes no files: say what can be sent on Zalo.
      await reply(incoming.chatId, [{ text: msg.zaloTextOnly() }]);
      return;
    }
    let replies: Outgoing[];
    try {
      const inbound = await resolveInbound(incoming);
      replies = await opts.engine.handle(
        incoming.who,
        inbound,
        incoming.messageId ? { dedupKey: incoming.messageId } : {},
      );
    } catch (err) {
      logger.error(
        {
          messageId: incoming.messageId,
          chatId: incoming.chatId,
          input: incoming.inbound.type,
          err: errText(err),
        },
        'zalo update failed',
      );
      replies = [{ text: msg.apology() }];
    }
    await reply(incoming.chatId, replies);
  }

  /**
   * Delivers the replies to what a person wrote, after any owed to that chat. When they cannot be
   * delivered they are kept (and logged by deliver) and go out before the next reply to that chat.
   */
  async function reply(chatId: string, replies: Outgoing[]): Promise<void> {
    const all = [...(undelivered.get(chatId) ?? []), ...replies];
    undelivered.delete(chatId);
    try {
      await deliver(chatId, all);
    } catch {
      if (!stopped && !tokenRejected) {
        undelivered.set(chatId, all.slice(-20));
        logger.warn({ chatId }, 'zalo replies kept: they go out again when this person next writes');
      }
    }
  }

  /** Takes one update from the webhook or a poll: filters, de-duplicates, queues it for its chat. */
  function accept(update: ZaloUpdate): void {
    const incoming = readIncoming(update, botId);
    if (incoming.kind === 'ignore') {
      logger.debug({ event: update.event_name, reason: incoming.reason }, 'zalo update ignored');
      return;
    }
    if (incoming.messageId) {
      if (recent.has(incoming.messageId)) {
        logger.debug({ messageId: incoming.messageId }, 'zalo update delivered again, ignored');
        return;
      }
      recent.add(incoming.messageId);
      if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value as string);
    }
    void enqueue(incoming.chatId, () => handleMessage(incoming));
  }

  /** Retries `fn` with capped exponential backoff until it succeeds, the token is refused, or the channel stops. */
  async function persist(what: string, fn: () => Promise<void>, onFirstAttempt?: () => void): Promise<void> {
    for (let attempt = 1; !stopped && !tokenRejected; attempt++) {
      try {
        await fn();
        onFirstAttempt?.();
        return;
      } catch (err) {
        onFirstAttempt?.();
        if (stopped) return;
        if (isUnauthorized(err)) return onTokenRejected();
        if (what === 'setWebhook' && err instanceof ZaloApiError && err.error_code === 400) {
          const hint = `Zalo refused the webhook URL (${errText(err)}): ZALO_WEBHOOK_URL must be a public HTTPS address and ZALO_WEBHOOK_SECRET 8–256 characters.`;
          logger.error(`zalo channel down: ${hint}`);
          setHealth('down', hint);
          return;
        }
        setHealth('retrying', errText(err));
        const delay = backoffDelay(rate, attempt);
        logger.warn({ attempt, retryInMs: delay, err: errText(err) }, `zalo ${what} failed, retrying`);
        await sleep(delay, pollAbort.signal).catch(() => undefined);
      }
    }
  }

  async function learnBotId(): Promise<void> {
    const me = await client.getMe({ signal: pollAbort.signal });
    botId = String(me.id);
    logger.info({ botId, account: me.account_name }, 'zalo bot identified');
  }

  async function pollLoop(): Promise<void> {
    await persist('deleteWebhook', async () => {
      await client.deleteWebhook({ signal: pollAbort.signal });
    });
    let failures = 0;
    while (!stopped && !tokenRejected) {
      try {
        if (botId === undefined) {
          await learnBotId().catch((err) => {
            if (isUnauthorized(err)) throw err;
            logger.debug({ err: errText(err) }, 'zalo getMe failed, polling anyway');
          });
        }
        const updates = await client.getUpdates(
          { timeout: opts.pollTimeoutSeconds ?? 30 },
          { signal: pollAbort.signal },
        );
        failures = 0;
        setHealth('up');
        for (const update of updates) accept(update);
      } catch (err) {
        if (stopped || tokenRejected) break;
        if (isUnauthorized(err)) {
          onTokenRejected();
          break;
        }
        failures++;
        setHealth('retrying', errText(err));
        const delay = backoffDelay(rate, failures);
        logger.warn({ attempt: failures, retryInMs: delay, err: errText(err) }, 'zalo poll failed, retrying');
        await sleep(delay, pollAbort.signal).catch(() => undefined);
      }
    }
    logger.info('zalo polling stopped');
  }

  async function onWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const secret = webhook?.secret ?? '';
    const given = req.headers[SECRET_HEADER];
    if (stopped) {
      res.writeHead(503).end();
      req.resume();
      return;
    }
    if (typeof given !== 'string' || !safeEqual(given, secret)) {
      logger.warn({ remote: req.socket.remoteAddress }, 'zalo webhook refused: wrong secret token');
      res.writeHead(403).end();
      req.resume();
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, WEBHOOK_BODY_LIMIT);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      logger.warn({ limit: WEBHOOK_BODY_LIMIT }, 'zalo webhook body too large, refused');
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const text = raw.toString('utf8').trim();
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        logger.warn({ bytes: raw.length }, 'zalo webhook body is not JSON, refused');
        res.writeHead(400).end();
        return;
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    const update = unwrapUpdate(body);
    if (update) accept(update);
    else logger.debug('zalo webhook probe answered');
  }

  let pollDone: Promise<void> = Promise.resolve();
  if (webhook && opts.http && webhookPath) {
    opts.http.route('POST', webhookPath, onWebhook);
    if (new URL(webhook.url).protocol !== 'https:')
      logger.warn('zalo webhook URL is not HTTPS; Zalo requires HTTPS');
    await learnBotId().catch((err) => {
      if (isUnauthorized(err)) onTokenRejected();
      else
        logger.warn({ err: errText(err) }, 'zalo getMe failed; own messages are recognised by is_bot only');
    });
    let firstAttempt: () => void = () => undefined;
    const attempted = new Promise<void>((resolve) => {
      firstAttempt = resolve;
    });
    pollDone = persist(
      'setWebhook',
      async () => {
        await client.setWebhook(
          { url: webhook.url, secret_token: webhook.secret },
          { signal: pollAbort.signal },
        );
        logger.info({ path: webhookPath }, 'zalo webhook set');
        setHealth('up');
      },
      firstAttempt,
    );
    await Promise.race([attempted, pollDone]);
  } else {
    await learnBotId().catch((err) => {
      if (isUnauthorized(err)) onTokenRejected();
      else logger.warn({ err: errText(err) }, 'zalo getMe failed, will retry');
    });
    if (!tokenRejected) pollDone = pollLoop();
  }

  async function idle(): Promise<void> {
    while (chains.size > 0) await Promise.allSettled([...chains.values()]);
  }

  // Bot-initiated messages go straight to the send queues (bulk): they never wait for a chat's
  // message being handled, and a reply to that chat goes before them.
  const sender: Sender = {
    channel: 'zalo',
    send: (chatId, replies) => deliver(chatId, replies, true),
  };

  return {
    mode: webhook ? 'webhook' : 'polling',
    health: () => health,
    get botId() {
      return botId;
    },
    sender,
    idle,
    async stop() {
      if (stopped) return;
      stopped = true;
      pollAbort.abort();
      await pollDone;
      const pending = idle();
      const grace = new AbortController();
      const timedOut = await Promise.race([
        pending.then(() => false),
        sleep(opts.stopGraceMs ?? 5000, grace.signal).then(
          () => true,
          () => false,
        ),
      ]);
      grace.abort();
      sendAbort.abort();
      if (timedOut) {
        logger.warn({ chats: chains.size }, 'zalo stopped before every reply was sent');
        await pending;
      }
    },
  };
}
