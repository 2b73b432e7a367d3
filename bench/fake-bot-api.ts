/**
 * A fake Telegram Bot API on loopback that enforces a global send rate the way Telegram does: more
 * than `limit` messages in any `windowMs` window is answered 429 with parameters.retry_after (whole
 * seconds). Time comes from `now`, so a benchmark may run it on a time-scaled clock.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBotApiStats {
  accepted: number;
  rejected: number;
  /** Accepted sends per chat id. */
  perChat: Map<string, number>;
  firstAt?: number;
  lastAt?: number;
}

export interface FakeBotApi {
  /** The apiRoot for grammY (`client.apiRoot`) and for plain fetch: `${url}/bot<token>/<method>`. */
  url: string;
  stats: FakeBotApiStats;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function startFakeBotApi(opts: {
  limit: number;
  windowMs?: number;
  now?: () => number;
}): Promise<FakeBotApi> {
  const windowMs = opts.windowMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const stats: FakeBotApiStats = { accepted: 0, rejected: 0, perChat: new Map() };
  /** Times of the accepted sends still inside the window (a queue: times[head..]). */
  const times: number[] = [];
  let head = 0;
  let messageId = 1;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };

  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').split('/').pop() ?? '';
    const payload = await readJson(req);
    if (method !== 'sendMessage') {
      send(res, 200, { ok: true, result: true });
      return;
    }
    const t = now();
    while (head < times.length && (times[head] ?? 0) <= t - windowMs) head++;
    if (head > 10_000) {
      times.splice(0, head);
      head = 0;
    }
    if (times.length - head >= opts.limit) {
      stats.rejected++;
      const retryAfter = Math.max(1, Math.ceil(((times[head] ?? t) + windowMs - t) / 1000));
      send(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
      return;
    }
    times.push(t);
    stats.accepted++;
    stats.firstAt ??= t;
    stats.lastAt = t;
    const chat = String(payload.chat_id);
    stats.perChat.set(chat, (stats.perChat.get(chat) ?? 0) + 1);
    send(res, 200, {
      ok: true,
      result: { message_id: messageId++, date: 0, chat: { id: Number(chat), type: 'private' }, text: '' },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
