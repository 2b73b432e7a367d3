import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type BotConfig, type BotError, type Context, GrammyError, InputFile } from 'grammy';
import type { Logger } from 'pino';
import type { Engine } from '../../app/turn.js';
import type { Outgoing, Sender } from '../../app/types.js';
import type { Identity } from '../../domain/access.js';
import type { Waiting } from '../../domain/dialog/protocol.js';
import { mergeReplies } from '../../domain/dialog/render.js';
import { msg } from '../../domain/messages/index.js';
import { createRedactor, describeError } from './errors.js';
import { AlbumCaptions, addressesBot, identityOf, inboundOf } from './inbound.js';
import { asBulk, createSendLimiter, type SendLimiter, type TelegramLimits } from './limits.js';
import { decodeChoice, escapeHtml, MAX_MESSAGE_LENGTH, questionTag, renderReply } from './render.js';

export interface TelegramDeps {
  engine: Engine;
  logger: Logger;
  /** Per-chat and bulk limits (defaults: Telegram's documented ones, bulk at 25/s). */
  limits?: Partial<TelegramLimits>;
}

/** How often auto-retry sends a call again after a 429 or a 5xx, and the longest retry_after it waits. */
export const RETRY_POLICY = { maxRetryAttempts: 3, maxDelaySeconds: 60 } as const;

/** The bot and what the channel needs besides it: sending replies the same way, and draining. */
export interface TelegramBot {
  bot: Bot;
  /**
   * Sends replies to a chat: escaped, split, with buttons; retires the chat's previous keyboard.
   * `waiting` is what the dialog waits on now when the caller knows it (else it is read).
   */
  deliver(chatId: string, who: Identity, replies: Outgoing[], waiting?: Waiting | null): Promise<void>;
  /** Resolves once no update is being handled (or after `timeoutMs`); false on timeout. */
  idle(timeoutMs: number): Promise<boolean>;
  /** Redacts the token from a text (for logs outside the bot). */
  redact(text: string): string;
  /** Messages on the bot's own initiative (reminders, notices): the bot-wide bulk queue, same rendering. */
  sender: Sender;
  limiter: SendLimiter;
}

/**
 * What a log line says about an update: its id, kind, chat and message ids, never its content (a
 * message's text may hold an invite code or a person's answers).
 */
export function updateRef(ctx: Context): Record<string, unknown> {
  const { update } = ctx;
  const kind = Object.keys(update).find((k) => k !== 'update_id');
  return {
    updateId: update.update_id,
    ...(kind ? { kind } : {}),
    ...(ctx.chat ? { chatId: ctx.chat.id } : {}),
    ...(ctx.msgId !== undefined ? { messageId: ctx.msgId } : {}),
  };
}

/** The updates the bot acts on; everything else is not even fetched. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/**
 * Builds the bot with all its wiring; `createTelegramBot` is the public face, the running channel
 * also needs `deliver` (reminders go out through the same rendering) and `idle` (clean stop).
 */
export function buildTelegramBot(
  token: string,
  deps: TelegramDeps,
  botConfig?: BotConfig<Context>,
): TelegramBot {
  // No call waits longer than a minute (grammY's default is 500 s): a blocked network is found out
  // and retried in the background instead of holding the start-up.
  const bot = new Bot(token, {
    ...botConfig,
    client: { timeoutSeconds: 60, ...botConfig?.client },
  });
  const log = deps.logger.child({ channel: 'telegram' });
  const redact = createRedactor(token);
  // One limiter and one retry layer. The limiter queues each chat's messages (replies first) and the
  // bot-initiated ones in one bot-wide queue; auto-retry, installed last so it is outermost, sends a
  // call again after a 429 (waiting its retry_after) or a 5xx, a bounded number of times, and the
  // retried call queues again. Network failures are not retried here (rethrowHttpErrors): start-up
  // retries in the background, and a send gets two more tries in its chat's queue.
  const limiter = createSendLimiter(deps.limits);
  bot.api.config.use(limiter.transformer);
  bot.api.config.use(autoRetry({ ...RETRY_POLICY, rethrowHttpErrors: true }));

  /** Replies that could not be delivered, per chat: sent again before the next reply to that chat. */
  const undelivered = new Map<string, Outgoing[]>();
  /** The last message with live buttons in each chat, and the question they answer. */
  const keyboards = new Map<string, { messageId: number; tag: string }>();
  const toldGroups = new Set<number>();
  const albums = new AlbumCaptions();
  const inflight = new Set<Promise<void>>();

  /** Keeps a call that nobody waits for in `inflight`, so that stopping still waits for it. */
  function inBackground(work: Promise<void>): void {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  }

  /**
   * Takes the buttons off a message, in the background: the officer is not kept waiting for it
   * (the next message of the chat goes out at once), and a tap on it is refused as stale anyway.
   */
  function removeKeyboard(chatId: string, messageId: number): void {
    if (keyboards.get(chatId)?.messageId === messageId) keyboards.delete(chatId);
    inBackground(
      bot.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }).then(
        () => undefined,
        (err) => {
          // Already gone, too old to edit, or not modified: nothing the officer would notice.
          const level = err instanceof GrammyError && err.error_code === 400 ? 'debug' : 'warn';
          log[level]({ chatId, messageId, error: describeError(err, redact) }, 'keyboard not removed');
        },
      ),
    );
  }

  async function deliver(
    chatId: string,
    who: Identity,
    replies: Outgoing[],
    known?: Waiting | null,
  ): Promise<void> {
    if (replies.length === 0) return;
    const waiting = async () => (known === undefined ? deps.engine.waitingFor(who) : (known ?? undefined));
    const withButtons = replies.some((r) => (r.choices?.length ?? 0) > 0);
    const tag = withButtons ? questionTag(await waiting()) : '-';
    let sent: { messageId: number; tag: string } | undefined;
    for (const reply of mergeReplies(replies, MAX_MESSAGE_LENGTH)) {
      const { messages, dropped } = renderReply(reply, tag);
      if (dropped.length > 0) log.warn({ dropped }, 'choices too long for a button left out');
      for (const m of messages) {
        const message = await bot.api.sendMessage(chatId, m.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
        });
        if (m.keyboard) {
          if (sent) removeKeyboard(chatId, sent.messageId);
          sent = { messageId: message.message_id, tag };
        }
      }
      // The appendix or the difficulties report goes as a document right after its caption text.
      // A chart goes as a photo.
      if (reply.file?.mime.startsWith('image/')) {
        await bot.api.sendPhoto(chatId, new InputFile(reply.file.bytes, reply.file.fileName));
      } else if (reply.file) {
        await bot.api.sendDocument(chatId, new InputFile(reply.file.bytes, reply.file.fileName));
      }
    }
    const previous = keyboards.get(chatId);
    if (sent) {
      keyboards.set(chatId, sent);
      if (previous && previous.messageId !== sent.messageId) removeKeyboard(chatId, previous.messageId);
    } else if (previous && questionTag(await waiting()) !== previous.tag) {
      removeKeyboard(chatId, previous.messageId);
    }
  }

  /**
   * Delivers the replies to a message the officer sent. When they cannot be delivered (Telegram kept
   * failing), they are logged and kept, and go out before the next reply to this chat: one chat's
   * failures never hold up the others, and the officer still gets what was said.
   */
  async function reply(chatId: string, who: Identity, replies: Outgoing[], known?: Waiting | null) {
    const owed = undelivered.get(chatId) ?? [];
    undelivered.delete(chatId);
    const all = [...owed, ...replies];
    try {
      await deliver(chatId, who, all, known);
    } catch (err) {
      if (all.length > 0) undelivered.set(chatId, all.slice(-20));
      log.error(
        { chatId, replies: all.length, error: describeError(err, redact) },
        'reply not delivered; it goes out again when this person next writes',
      );
    }
  }

  async function idle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (inflight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inflight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, left);
        }),
      ]);
      clearTimeout(timer);
    }
    return true;
  }

  async function onError(err: BotError<Context>): Promise<void> {
    const ctx = err.ctx;
    log.error({ ...updateRef(ctx), error: describeError(err.error, redact) }, 'telegram update failed');
    if (ctx.chat?.type !== 'private') return;
    try {
      await bot.api.sendMessage(ctx.chat.id, escapeHtml(msg.apology()), { parse_mode: 'HTML' });
    } catch (sendErr) {
      log.error({ chatId: ctx.chat.id, error: describeError(sendErr, redact) }, 'apology not sent');
    }
  }

  bot.use(async (_ctx, next) => {
    const running = next();
    inflight.add(running);
    try {
      await running;
    } finally {
      inflight.delete(running);
    }
  });
  // Updates of one chat are handled one after another, in the order they came (runner or webhook).
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : ctx.from && `u${ctx.from.id}`)));

  const safe = bot.errorBoundary(onError);
  const dm = safe.chatType('private');

  dm.on('callback_query:data', async (ctx) => {
    const who = identityOf(ctx.from);
    const chatId = String(ctx.chat.id);
    const tapped = ctx.callbackQuery.message?.message_id;
    const choice = decodeChoice(ctx.callbackQuery.data);
    // The engine checks, on the dialog it loads anyway, that the tapped question is still the live one.
    let turn: Awaited<ReturnType<Engine['handleTurn']>> | undefined;
    try {
      turn = choice
        ? await deps.engine.handleTurn(who, choice.input, {
            dedupKey: String(ctx.update.update_id),
            expect: (waiting) => questionTag(waiting) === choice.tag,
          })
        : undefined;
    } catch (err) {
      // Stop the tap's spinner; the error boundary then apologises.
      await ctx.answerCallbackQuery().catch(() => undefined);
      throw err;
    }
    if (!turn || turn.stale) {
      await ctx.answerCallbackQuery({ text: msg.staleButton() });
      if (tapped !== undefined) removeKeyboard(chatId, tapped);
      return;
    }
    // The tap's spinner is stopped in the background while the answer is sent: never in the way of a reply.
    inBackground(
      ctx.answerCallbackQuery().then(
        () => undefined,
        (err) => log.debug({ chatId, error: describeError(err, redact) }, 'callback query not answered'),
      ),
    );
    if (tapped !== undefined) removeKeyboard(chatId, tapped);
    await reply(chatId, who, turn.replies, turn.waiting ?? null);
  });

  dm.on('edited_message', async (ctx) => {
    await reply(String(ctx.chat.id), identityOf(ctx.from), [{ text: msg.editedIgnored() }]);
  });

  dm.on('message', async (ctx) => {
    if (ctx.from.is_bot) return;
    const who = identityOf(ctx.from);
    const chatId = String(ctx.chat.id);
    const input = inboundOf(ctx.message, albums);
    if (input === undefined) return;
    if (input === 'other') {
      await reply(chatId, who, [{ text: msg.textOnly() }]);
      return;
    }
    const turn = await deps.engine.handleTurn(who, input, { dedupKey: String(ctx.update.update_id) });
    await reply(chatId, who, turn.replies, turn.waiting ?? null);
  });

  // Groups: say once, and only when addressed, that the bot works in private messages.
  safe.chatType(['group', 'supergroup']).on('message', async (ctx) => {
    if (!addressesBot(ctx.message, ctx.me) || toldGroups.has(ctx.chat.id)) return;
    toldGroups.add(ctx.chat.id);
    await bot.api.sendMessage(ctx.chat.id, escapeHtml(msg.groupChat()), { parse_mode: 'HTML' });
  });
  safe.on('callback_query', (ctx) => ctx.answerCallbackQuery());

  bot.catch((err) => {
    log.error({ ...updateRef(err.ctx), error: describeError(err.error, redact) }, 'telegram update failed');
  });

  const sender: Sender = {
    channel: 'telegram',
    send: (externalId, replies) =>
      asBulk(() => deliver(externalId, { channel: 'telegram', externalId }, replies)),
  };
  return { bot, deliver, idle, redact, sender, limiter };
}

/**
 * The Telegram bot with all its wiring (per-chat order, buttons, stale taps, error boundary,
 * auto-retry and throttling). Tests pass `{ botInfo }` so that no getMe call is made.
 */
export function createTelegramBot(token: string, deps: TelegramDeps, botConfig?: BotConfig<Context>): Bot {
  return buildTelegramBot(token, deps, botConfig).bot;
}
