import type { Bot } from 'grammy';
import type { InlineKeyboardMarkup, Message, MessageEntity, Update, UserFromGetMe } from 'grammy/types';

/** Shaped like a real token, so a leak into the logs would be found by a search for it. */
export const TOKEN = '7012345678:AAFakeTokenForTestsOnly_abcdefghijklm';

export const BOT_INFO: UserFromGetMe = {
  id: 7012345678,
  is_bot: true,
  first_name: 'Trợ lý CĐS',
  username: 'cds_xa_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface Button {
  text: string;
  data: string;
}

/** A bot message as the officer's phone shows it now: the text, and the buttons still under it. */
export interface Shown {
  id: number;
  chatId: string;
  text: string;
  html: string;
  parseMode: unknown;
  buttons: Button[][];
}

export function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function buttonsOf(markup: unknown): Button[][] {
  const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
  return rows.map((row) =>
    row.map((b) => ({ text: b.text, data: 'callback_data' in b ? (b.callback_data ?? '') : '' })),
  );
}

/**
 * Plays Telegram's side of the Bot API: every call is recorded, sent messages get ids and keep
 * their buttons until an edit removes them, and `fail` can make a call fail like Telegram would.
 */
export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  readonly shown: Shown[] = [];
  private nextMessageId = 500;
  fail?: (
    call: ApiCall,
  ) => { error_code: number; description: string; parameters?: { retry_after?: number } } | undefined;
  /** Updates waiting for the bot's next getUpdates (long polling). */
  readonly pending: Update[] = [];

  answer(method: string, payload: Record<string, unknown>): unknown {
    const call = { method, payload };
    this.calls.push(call);
    const failure = this.fail?.(call);
    if (failure) return { ok: false, ...failure };
    if (method === 'sendMessage') {
      const id = this.nextMessageId++;
      const html = String(payload.text);
      this.shown.push({
        id,
        chatId: String(payload.chat_id),
        text: unescapeHtml(html),
        html,
        parseMode: payload.parse_mode,
        buttons: buttonsOf(payload.reply_markup),
      });
      return {
        ok: true,
        result: {
          message_id: id,
          date: 0,
          chat: { id: Number(payload.chat_id), type: 'private' },
          text: html,
        },
      };
    }
    if (method === 'getUpdates') return { ok: true, result: this.pending.splice(0) };
    if (method === 'editMessageReplyMarkup') {
      const m = this.shown.find((s) => s.id === payload.message_id && s.chatId === String(payload.chat_id));
      if (!m) return { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' };
      m.buttons = buttonsOf(payload.reply_markup);
      return { ok: true, result: true };
    }
    return { ok: true, result: true };
  }

  /** Installs this fake as the bot's outermost API transformer: no call leaves the process. */
  attach(bot: Bot): this {
    bot.api.config.use(async (_prev, method, payload) => this.answer(method, payload ?? {}) as never);
    return this;
  }

  /** A `fetch` for `botConfig.client.fetch`: the innermost layer, below auto-retry and the throttler. */
  fetch = async (url: unknown, init?: { body?: unknown }): Promise<Response> => {
    const method = String(url).split('/').pop() ?? '';
    const payload = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    // An empty long poll waits a little, like Telegram's, instead of spinning.
    if (method === 'getUpdates' && this.pending.length === 0) await new Promise((r) => setTimeout(r, 20));
    return new Response(JSON.stringify(this.answer(method, payload)), {
      headers: { 'content-type': 'application/json' },
    });
  };

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}

let updateIds = 10_000;
/** A fresh update id, unique across a test file. */
export function nextUpdateId(): number {
  updateIds += 1;
  return updateIds;
}

/** An officer on a phone: sends messages and taps buttons, and reads what the bot showed. */
export class Phone {
  readonly chat: { id: number; type: 'private'; first_name: string };

  constructor(
    readonly bot: Bot,
    readonly api: FakeTelegramApi,
    readonly user: { id: number; first_name: string; last_name?: string; is_bot?: false },
  ) {
    this.chat = { id: user.id, type: 'private', first_name: user.first_name };
  }

  get from() {
    return { is_bot: false as const, ...this.user };
  }

  /** Delivers one update; returns the bot messages it caused in this chat. */
  async deliver(update: Update): Promise<Shown[]> {
    const before = this.api.shown.length;
    await this.bot.handleUpdate(update);
    return this.api.shown.slice(before).filter((m) => m.chatId === String(this.chat.id));
  }

  messageUpdate(text: string, extra: Partial<Message> = {}): Update {
    const entities: MessageEntity[] = [];
    const cmd = /^\/\S+/.exec(text);
    if (cmd) entities.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
    return {
      update_id: nextUpdateId(),
      message: {
        message_id: nextUpdateId(),
        date: 1_795_000_000,
        chat: this.chat,
        from: this.from,
        text,
        ...(entities.length > 0 ? { entities } : {}),
        ...extra,
      } as Message,
    } as Update;
  }

  /** Types a message (a leading "/command" gets its bot_command entity, as Telegram sends it). */
  async type(text: string): Promise<string> {
    return join(await this.deliver(this.messageUpdate(text)));
  }

  /** Sends something other than text (a photo, a sticker…). */
  async sendContent(content: Partial<Message>): Promise<string> {
    const update = {
      update_id: nextUpdateId(),
      message: {
        message_id: nextUpdateId(),
        date: 1_795_000_000,
        chat: this.chat,
        from: this.from,
        ...content,
      },
    } as Update;
    return join(await this.deliver(update));
  }

  tapUpdate(message: Shown, label: string): Update {
    const button = message.buttons.flat().find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" under message ${message.id}`);
    return this.rawTapUpdate(message, button.data);
  }

  rawTapUpdate(message: Shown, data: string): Update {
    return {
      update_id: nextUpdateId(),
      callback_query: {
        id: `cb${nextUpdateId()}`,
        from: this.from,
        chat_instance: `ci${this.chat.id}`,
        data,
        message: {
          message_id: message.id,
          date: 1_795_000_000,
          chat: this.chat,
          from: { id: 1, is_bot: true, first_name: 'bot' },
          text: message.text,
        },
      },
    } as Update;
  }

  /** Taps a button on the newest message that shows it. */
  async tap(label: string): Promise<string> {
    const message = this.lastWithButton(label);
    if (!message)
      throw new Error(`no button "${label}" on screen; buttons: ${JSON.stringify(this.buttons())}`);
    return join(await this.deliver(this.tapUpdate(message, label)));
  }

  lastWithButton(label: string): Shown | undefined {
    return this.screen()
      .filter((m) => m.buttons.flat().some((b) => b.text === label))
      .pop();
  }

  /** Every bot message in this chat, oldest first. */
  screen(): Shown[] {
    return this.api.shown.filter((m) => m.chatId === String(this.chat.id));
  }

  /** The labels of every button still on screen in this chat, message by message. */
  buttons(): string[][] {
    return this.screen()
      .filter((m) => m.buttons.length > 0)
      .map((m) => m.buttons.flat().map((b) => b.text));
  }

  /** The answers to this officer's button taps (answerCallbackQuery), with their text if any. */
  tapAnswers(): Array<string | undefined> {
    return this.api
      .callsTo('answerCallbackQuery')
      .map((c) => (c.payload.text === undefined ? undefined : String(c.payload.text)));
  }
}

export function join(messages: Shown[]): string {
  return messages.map((m) => m.text).join('\n\n');
}
