/**
 * What the browser tests and the screenshot script share: Debian's Chromium driven by
 * playwright-core (no browser download), and the web view served on 127.0.0.1 by the bot's own
 * HTTP server, on a database the caller filled.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import type { App } from '../../src/app/create-app.js';
import type { AppDeps } from '../../src/app/types.js';
import { createHttpServer } from '../../src/bot/http.js';
import type { Identity } from '../../src/domain/access.js';
import { mountWeb } from '../../src/web/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Chromium headless and offline; playwright gives each launch a fresh profile of its own. */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}

/** The web view of `deps` on a free port of 127.0.0.1. */
export async function serveWeb(deps: AppDeps): Promise<{ base: string; close(): Promise<void> }> {
  const http = createHttpServer();
  mountWeb(http, { ...deps, webUrl: 'http://127.0.0.1' });
  const port = await http.listen(0, '127.0.0.1');
  return { base: `http://127.0.0.1:${port}`, close: () => http.close() };
}

/** The login link the chat gives `who` for "web", pointed at `base` (the link's path and token as given). */
export async function chatLink(app: App, who: Identity, base: string): Promise<string> {
  const replies = await app.engine.handle(who, 'web');
  const url = replies
    .map((r) => r.text)
    .join('\n')
    .match(/https?:\/\/\S+/)?.[0];
  if (!url) throw new Error('the chat gave no link');
  const u = new URL(url);
  return `${base}${u.pathname}${u.search}`;
}
