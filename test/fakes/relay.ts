import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { FakeTelegramApi } from '../bot/telegram/fake-telegram.js';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * A Bot API emulator on loopback, reachable only under `/<prefix>/bot<token>/<method>` (a relay or a
 * self-hosted Bot API server as TELEGRAM_API_ROOT names it): any other path answers 404, so a bot
 * that ignored the configured root could not reach it.
 */
export async function serveTelegramRelay(api: FakeTelegramApi, token: string, prefix = 'tg-relay') {
  const calls: string[] = [];
  let refused = 0;
  const server = createServer(async (req, res) => {
    const match = new RegExp(`^/${prefix}/bot([^/]+)/(\\w+)$`).exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!match || match[1] !== token) {
      refused++;
      res.writeHead(404).end();
      return;
    }
    const method = match[2] ?? '';
    calls.push(method);
    const text = Buffer.concat(chunks).toString('utf8');
    const payload = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
    // An empty long poll waits a little, like Telegram's, instead of spinning.
    if (method === 'getUpdates' && api.pending.length === 0) await new Promise((r) => setTimeout(r, 20));
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(api.answer(method, payload)));
  });
  const port = await listen(server);
  return {
    root: `http://127.0.0.1:${port}/${prefix}`,
    calls,
    get refused() {
      return refused;
    },
    close: () => close(server),
  };
}

/**
 * A forwarding HTTP proxy on loopback that counts what it forwards: CONNECT tunnels (what clients
 * use for https://, and undici for any URL) and absolute-form requests (plain http://), by target.
 */
export async function startCountingProxy() {
  const forwarded: string[] = [];
  let requests = 0;
  /** Counts the request lines of plain HTTP going through a tunnel (the targets here are http://). */
  const countRequests = (chunk: Buffer) => {
    requests += chunk.toString('latin1').match(/^[A-Z]+ \S+ HTTP\/1\.1\r$/gm)?.length ?? 0;
  };
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '');
    forwarded.push(target.host);
    requests++;
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    forwarded.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      countRequests(head);
      upstream.write(head);
      socket.on('data', countRequests);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    /** The target (host:port) of every request or tunnel forwarded, in order. */
    forwarded,
    /** HTTP requests forwarded (plain, or seen inside a tunnel). */
    get requests() {
      return requests;
    },
    close: () => close(server),
  };
}
