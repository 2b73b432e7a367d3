import type { Writable } from 'node:stream';
import type { App } from './app.js';
import type { Sender } from './bot/channel.js';
import { renderPlain } from './domain/dialog/render.js';

/** Prints bot-initiated messages for console users (the console has no push channel). */
export function consoleSender(out: Writable): Sender {
  return {
    channel: 'console',
    async send(externalId, replies) {
      for (const r of replies) out.write(`[gửi ${externalId}]\n${renderPlain(r)}\n\n`);
    },
  };
}

/** One sender per channel that can be reached from this process. */
export async function buildSenders(_app: App, out: Writable): Promise<Map<string, Sender>> {
  const senders = new Map<string, Sender>();
  senders.set('console', consoleSender(out));
  return senders;
}
