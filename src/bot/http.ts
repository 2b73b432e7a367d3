import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** The bot's own HTTP server: webhooks of the messengers (and later, download links). */
export interface HttpServer {
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  /** A handler for every path under `prefix` (e.g. "/files/"). */
  routePrefix(method: 'GET' | 'POST', prefix: string, handler: RouteHandler): void;
  /** Starts listening; resolves with the actual port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

export class BodyTooLargeError extends Error {}

/** Compares two secrets in constant time (also when their lengths differ). */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Reads a request body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function createHttpServer(logger?: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const prefixes: Array<{ method: string; prefix: string; handler: RouteHandler }> = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler =
      routes.get(`${req.method} ${path}`) ??
      prefixes.find((p) => p.method === req.method && path.startsWith(p.prefix))?.handler;
    if (!handler) {
      res.writeHead(req.method === 'GET' && path === '/healthz' ? 200 : 404).end();
      return;
    }
    Promise.resolve(handler(req, res)).catch((err) => {
      // The path may hold a secret (Telegram webhook path): log the route name only.
      logger?.error(
        { err: err instanceof Error ? err.message : String(err), method: req.method },
        'http handler failed',
      );
      if (!res.headersSent) res.writeHead(err instanceof BodyTooLargeError ? 413 : 500);
      res.end();
    });
  });
  return {
    server,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    routePrefix(method, prefix, handler) {
      prefixes.push({ method, prefix, handler });
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
