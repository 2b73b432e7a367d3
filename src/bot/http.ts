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

/** How long a client may take, and how many may be connected at once. */
export interface HttpLimits {
  /** Time to send the request's headers (a slow-headers client is cut off with 408). Default 10 s. */
  headersTimeoutMs: number;
  /** Time to send the whole request, body included. Default 30 s (a webhook body is a few KB). */
  requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open. Default 5 s. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. Default 256. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
};

export function createHttpServer(logger?: Logger, limits: Partial<HttpLimits> = {}): HttpServer {
  const l = { ...DEFAULT_HTTP_LIMITS, ...limits };
  const routes = new Map<string, RouteHandler>();
  const prefixes: Array<{ method: string; prefix: string; handler: RouteHandler }> = [];
  // Node 20 waits 300 s for a request's body and checks the timeouts every 30 s: a slow client could
  // hold a connection for minutes. The check runs at a tenth of the shortest timeout here.
  const server = createServer(
    {
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(l.headersTimeoutMs / 10))),
    },
    (req, res) => {
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
    },
  );
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  server.maxConnections = l.maxConnections;
  let refused = 0;
  server.on('drop', () => {
    // One line per 100 refused connections: a flood must not flood the log too.
    if (refused++ % 100 === 0)
      logger?.warn({ maxConnections: l.maxConnections, refused }, 'http connection refused: too many open');
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
