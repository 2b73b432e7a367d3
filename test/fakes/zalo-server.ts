import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZaloUpdate } from '../../src/bot/zalo/types.js';

/**
 * A local stand-in for the Zalo Bot API (bot-api.zaloplatforms.com), built from
 * /work/shared/notes/zalo-bot-api.md: POST JSON to /bot<token>/<method>, the reply envelope
 * `{ ok, result?, error_code?, description? }`, one update per getUpdates call and 408 when idle.
 */
export interface FakeZaloOptions {
  token?: string;
  botId?: string;
  /** HTTP status of an `ok: false` answer: the error code (default) or always 200. */
  errorStatus?: 'code' | 200;
}

export interface SentRecord {
  method: 'sendMessage' | 'sendPhoto' | 'sendChatAction';
  chat_id: string;
  text?: string;
  photo?: string;
  caption?: string;
  action?: string;
  at: number;
}

export interface CallRecord {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** False when the token in the path was wrong. */
  authorized: boolean;
}

interface Failure {
  code: number;
  description: string;
  retryAfter?: number;
  times: number;
}

interface Waiter {
  /** False when the poll's connection is already gone (the update then stays queued). */
  deliver: (u: ZaloUpdate) => boolean;
}

export interface FakeZalo {
  readonly baseUrl: string;
  readonly token: string;
  readonly botId: string;
  /** Messages and photos the bot sent, accepted ones only, in order. */
  readonly sent: SentRecord[];
  /** Typing actions the bot showed. */
  readonly actions: SentRecord[];
  readonly calls: CallRecord[];
  readonly webhook: { url: string; secret_token: string } | undefined;
  /** Queues an update for getUpdates (one per call, in order). */
  enqueue(...updates: ZaloUpdate[]): void;
  /** Makes the next `times` calls of `method` ('*' for any) answer `ok: false` with `code`. */
  fail(
    method: string,
    code: number,
    opts?: { times?: number; description?: string; retryAfter?: number },
  ): void;
  /** Makes every sendMessage to `chatId` answer `code` (a poisoned chat) until `healChat`; counts the tries. */
  failChat(chatId: string, code: number): void;
  healChat(chatId: string): void;
  /** sendMessage calls to a chat that were refused by failChat. */
  refusedTo(chatId: string): number;
  /** Posts an update to the registered webhook as Zalo would (flat unless `wrapped`). */
  deliver(
    update: ZaloUpdate | string,
    opts?: { wrapped?: boolean; secret?: string | null },
  ): Promise<{ status: number; body: string }>;
  /** Serves bytes at GET /media/<name> (for image downloads); returns the URL. */
  serveImage(name: string, bytes: Buffer, contentType?: string): string;
  /** Resolves when `predicate` holds (checked every 5 ms), rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Resolves with the texts sent to `chatId` once there are at least `count`. */
  waitForTexts(chatId: string, count: number, timeoutMs?: number): Promise<string[]>;
  textsTo(chatId: string): string[];
  /** Polls waiting for an update right now. */
  readonly waitingPolls: number;
  /** Updates queued and not yet fetched by a poll. */
  readonly queued: number;
  close(): Promise<void>;
}

const ERRORS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request timeout',
  429: 'Quota exceeded',
  500: 'Internal Server Error',
};

/** A Zalo-style id: 20 hex characters. */
export function zaloId(): string {
  return randomBytes(10).toString('hex');
}

/** What an officer typing in a private chat looks like to the bot. */
export function textUpdate(
  from: string,
  text: string,
  opts: { messageId?: string; name?: string; chatId?: string; chatType?: string; isBot?: boolean } = {},
): ZaloUpdate {
  return {
    event_name: 'message.text.received',
    message: {
      message_id: opts.messageId ?? zaloId(),
      date: 1795831200000,
      text,
      from: { id: from, display_name: opts.name ?? 'Cán bộ', is_bot: opts.isBot ?? false },
      chat: { id: opts.chatId ?? from, chat_type: opts.chatType ?? 'PRIVATE' },
    },
  };
}

/** Any other event of a private chat (image, sticker, voice, unsupported, or an unknown name). */
export function eventUpdate(
  from: string,
  eventName: string,
  fields: Record<string, unknown> = {},
  messageId = zaloId(),
): ZaloUpdate {
  return {
    event_name: eventName,
    message: {
      message_id: messageId,
      date: 1795831200000,
      from: { id: from, display_name: 'Cán bộ', is_bot: false },
      chat: { id: from, chat_type: 'PRIVATE' },
      ...fields,
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed = JSON.parse(text) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

export async function startFakeZalo(opts: FakeZaloOptions = {}): Promise<FakeZalo> {
  const token = opts.token ?? `${zaloId().slice(0, 18)}:${randomBytes(24).toString('hex')}`;
  const botId = opts.botId ?? zaloId();
  const queue: ZaloUpdate[] = [];
  const waiters: Waiter[] = [];
  const failures = new Map<string, Failure[]>();
  const poisoned = new Map<string, { code: number; refused: number }>();
  const healed = new Map<string, number>();
  const images = new Map<string, { bytes: Buffer; type: string }>();
  const sent: SentRecord[] = [];
  const actions: SentRecord[] = [];
  const calls: CallRecord[] = [];
  let webhook: { url: string; secret_token: string } | undefined;
  let updatedAt = 1795831200000;

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, result: unknown) => reply(res, 200, { ok: true, result });
  const error = (
    res: ServerResponse,
    code: number,
    description = ERRORS[code] ?? 'Error',
    retryAfter?: number,
  ) => {
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
    reply(res, opts.errorStatus === 200 ? 200 : code, { ok: false, error_code: code, description });
  };
  const takeFailure = (method: string): Failure | undefined => {
    for (const key of [method, '*']) {
      const list = failures.get(key);
      const f = list?.[0];
      if (f && list) {
        f.times -= 1;
        if (f.times <= 0) list.shift();
        return f;
      }
    }
    return undefined;
  };
  const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path.startsWith('/media/')) {
      const img = images.get(decodeURIComponent(path.slice('/media/'.length)));
      if (!img) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': img.type, 'content-length': img.bytes.length }).end(img.bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!m) return error(res, 404);
    const [, given, method = ''] = m;
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch {
      return error(res, 400, 'Body is not JSON');
    }
    const authorized = decodeURIComponent(given ?? '') === token;
    calls.push({ method, body, at: Date.now(), authorized });
    if (req.method !== 'POST') return error(res, 404);
    if (!authorized) return error(res, 401);
    const failure = takeFailure(method);
    if (failure) return error(res, failure.code, failure.description, failure.retryAfter);

    switch (method) {
      case 'getMe':
        return ok(res, {
          id: botId,
          account_name: 'bot.cdsxa',
          account_type: 'BASIC',
          can_join_groups: false,
        });
      case 'getUpdates': {
        // Assumption: while a webhook is set Zalo refuses polling (the two modes are exclusive).
        if (webhook) return error(res, 400, 'Webhook is active, delete it before getUpdates');
        const next = queue.shift();
        if (next) return ok(res, next);
        const seconds = Number(body.timeout ?? 30);
        await new Promise<void>((resolve) => {
          const waiter: Waiter = {
            deliver: (u) => {
              if (res.destroyed || res.writableEnded || req.socket.destroyed) return false;
              clearTimeout(timer);
              ok(res, u);
              resolve();
              return true;
            },
          };
          const drop = () => {
            const i = waiters.indexOf(waiter);
            if (i >= 0) waiters.splice(i, 1);
          };
          const timer = setTimeout(() => {
            drop();
            error(res, 408);
            resolve();
          }, Math.max(0, seconds) * 1000);
          res.on('close', () => {
            clearTimeout(timer);
            drop();
            resolve();
          });
          waiters.push(waiter);
        });
        return;
      }
      case 'setWebhook': {
        const secret = body.secret_token;
        if (!str(body.url)) return error(res, 400, 'url is required');
        if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) {
          return error(res, 400, 'secret_token must be 8-256 characters');
        }
        webhook = { url: body.url, secret_token: secret };
        updatedAt += 1000;
        return ok(res, { url: body.url, updated_at: updatedAt });
      }
      case 'deleteWebhook':
        webhook = undefined;
        updatedAt += 1000;
        return ok(res, { url: '', updated_at: updatedAt });
      case 'getWebhookInfo':
        return ok(res, { url: webhook?.url ?? '', updated_at: updatedAt });
      case 'sendMessage': {
        const text = body.text;
        if (!str(body.chat_id)) return error(res, 400, 'chat_id is required');
        const poison = poisoned.get(body.chat_id);
        if (poison) {
          poison.refused++;
          return error(res, poison.code);
        }
        if (typeof text !== 'string' || text.length < 1 || text.length > 2000) {
          return error(res, 400, 'text must be 1-2000 characters');
        }
        sent.push({ method, chat_id: body.chat_id, text, at: Date.now() });
        return ok(res, { message_id: zaloId(), date: Date.now() });
      }
      case 'sendPhoto': {
        if (!str(body.chat_id) || !str(body.photo)) return error(res, 400, 'chat_id and photo are required');
        const caption = typeof body.caption === 'string' ? body.caption : undefined;
        if (caption !== undefined && caption.length > 2000) return error(res, 400, 'caption is too long');
        sent.push({ method, chat_id: body.chat_id, photo: body.photo, caption, at: Date.now() });
        return ok(res, { message_id: zaloId(), date: Date.now() });
      }
      case 'sendChatAction':
        if (!str(body.chat_id) || body.action !== 'typing') return error(res, 400, 'action must be typing');
        actions.push({ method, chat_id: body.chat_id, action: 'typing', at: Date.now() });
        return ok(res, { ok: true });
      default:
        return error(res, 404, `Method ${method} not found`);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  const fake: FakeZalo = {
    baseUrl,
    token,
    botId,
    sent,
    actions,
    calls,
    get webhook() {
      return webhook;
    },
    get waitingPolls() {
      return waiters.length;
    },
    get queued() {
      return queue.length;
    },
    enqueue(...updates) {
      for (const u of updates) {
        let delivered = false;
        for (let w = waiters.shift(); w && !delivered; w = delivered ? undefined : waiters.shift()) {
          delivered = w.deliver(u);
        }
        if (!delivered) queue.push(u);
      }
    },
    fail(method, code, o = {}) {
      const list = failures.get(method) ?? [];
      list.push({
        code,
        description: o.description ?? ERRORS[code] ?? 'Error',
        times: o.times ?? 1,
        ...(o.retryAfter !== undefined ? { retryAfter: o.retryAfter } : {}),
      });
      failures.set(method, list);
    },
    failChat(chatId, code) {
      poisoned.set(chatId, { code, refused: poisoned.get(chatId)?.refused ?? 0 });
    },
    healChat(chatId) {
      const refused = poisoned.get(chatId)?.refused ?? 0;
      poisoned.delete(chatId);
      healed.set(chatId, refused);
    },
    refusedTo(chatId) {
      return poisoned.get(chatId)?.refused ?? healed.get(chatId) ?? 0;
    },
    async deliver(update, o = {}) {
      if (!webhook) throw new Error('no webhook set');
      const secret = o.secret === undefined ? webhook.secret_token : o.secret;
      const payload =
        typeof update === 'string'
          ? update
          : JSON.stringify(o.wrapped ? { ok: true, result: update } : update);
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret === null ? {} : { 'X-Bot-Api-Secret-Token': secret }),
        },
        body: payload,
      });
      return { status: res.status, body: await res.text() };
    },
    serveImage(name, bytes, contentType = 'image/jpeg') {
      images.set(name, { bytes, type: contentType });
      return `${baseUrl}/media/${encodeURIComponent(name)}`;
    },
    async waitFor(predicate, timeoutMs = 5000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`fake Zalo: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    textsTo(chatId) {
      return sent.filter((s) => s.chat_id === chatId && s.method === 'sendMessage').map((s) => s.text ?? '');
    },
    async waitForTexts(chatId, count, timeoutMs = 5000) {
      await fake.waitFor(
        () => fake.textsTo(chatId).length >= count,
        timeoutMs,
        `${count} messages to ${chatId} (have ${fake.textsTo(chatId).length})`,
      );
      return fake.textsTo(chatId);
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return fake;
}
