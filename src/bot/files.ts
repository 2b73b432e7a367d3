import { randomBytes } from 'node:crypto';
import type { OutFile } from '../app/types.js';
import type { HttpServer } from './http.js';

export interface FileLinks {
  /** Keeps a file for `minutes` and returns its unguessable download address. */
  publish(file: OutFile): { url: string; minutes: number };
}

const PREFIX = '/files/';

/**
 * Short-lived download links on the bot's own HTTP server, for channels that cannot send files
 * (Zalo). Files live in memory only and expire; the token is 128 random bits.
 */
export function createFileLinks(
  http: HttpServer,
  publicUrl: string,
  opts: { minutes?: number; now?: () => number } = {},
): FileLinks {
  const minutes = opts.minutes ?? 30;
  const now = opts.now ?? Date.now;
  const files = new Map<string, { file: OutFile; expires: number }>();
  const base = publicUrl.replace(/\/+$/, '');
  http.routePrefix('GET', PREFIX, (req, res) => {
    for (const [token, entry] of files) if (entry.expires < now()) files.delete(token);
    const token = (req.url ?? '').split('?')[0]?.slice(PREFIX.length) ?? '';
    const entry = files.get(token);
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Đường dẫn đã hết hạn.');
      return;
    }
    res
      .writeHead(200, {
        'content-type': entry.file.mime,
        'content-disposition': `attachment; filename="${entry.file.fileName}"`,
        'cache-control': 'no-store',
      })
      .end(Buffer.from(entry.file.bytes));
  });
  return {
    publish(file) {
      const token = randomBytes(16).toString('hex');
      files.set(token, { file, expires: now() + minutes * 60_000 });
      return { url: `${base}${PREFIX}${token}`, minutes };
    },
  };
}
