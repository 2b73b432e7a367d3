import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FetchLike } from './client.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/jpg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/heic': '.heic',
};

/** Largest image kept (bytes); Zalo photos are far smaller. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

function extensionOf(contentType: string | null, url: URL): string {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const fromType = EXTENSIONS[type];
  if (fromType) return fromType;
  const fromPath = /\.(jpe?g|png|webp|gif|heic)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  return fromPath ? `.${fromPath === 'jpeg' ? 'jpg' : fromPath}` : '.jpg';
}

async function readLimited(res: Response, limit: number): Promise<Buffer> {
  if (Number(res.headers.get('content-length') ?? 0) > limit) throw new Error('image too large');
  const chunks: Buffer[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new Error('image too large');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads the image of a Zalo message at once (its URL may expire) into `dir`, named after
 * the message id, and returns the file's absolute path.
 */
export async function downloadImage(
  doFetch: FetchLike,
  imageUrl: string,
  dir: string,
  messageId: string | undefined,
  signal?: AbortSignal,
): Promise<string> {
  const url = new URL(imageUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`not a web address: ${url.protocol}`);
  const timeout = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
  const res = await doFetch(url.href, {
    method: 'GET',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!res.ok) throw new Error(`image download failed: HTTP ${res.status}`);
  const bytes = await readLimited(res, MAX_IMAGE_BYTES);
  if (bytes.length === 0) throw new Error('image download failed: empty body');
  const base = (messageId ?? randomUUID()).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  await mkdir(dir, { recursive: true });
  const path = resolve(join(dir, `zalo-${base}${extensionOf(res.headers.get('content-type'), url)}`));
  const partial = `${path}.${randomUUID()}.part`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return path;
}
