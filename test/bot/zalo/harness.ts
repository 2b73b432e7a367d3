import { pino } from 'pino';
import type { App } from '../../../src/app/create-app.js';
import type { Engine } from '../../../src/app/turn.js';
import { createHttpServer, type HttpServer } from '../../../src/bot/http.js';
import { type StartZaloOptions, startZalo, type ZaloChannel } from '../../../src/bot/zalo/index.js';
import type { ZaloUpdate } from '../../../src/bot/zalo/types.js';
import { type FakeZalo, startFakeZalo, textUpdate } from '../../fakes/zalo-server.js';
import { testApp } from '../../helpers.js';

export const WEBHOOK_SECRET = 'hook-secret-2026';

/** Log lines (parsed JSON) written by the channel. */
export function captureLogs() {
  const lines: Array<Record<string, unknown> & { msg?: string; level: number }> = [];
  const raw: string[] = [];
  const logger = pino(
    { level: 'trace' },
    {
      write(s: string) {
        raw.push(s);
        lines.push(JSON.parse(s));
      },
    },
  );
  return { logger, lines, raw, text: () => raw.join('') };
}

export interface Harness {
  app: App;
  fake: FakeZalo;
  channel: ZaloChannel;
  logs: ReturnType<typeof captureLogs>;
  http?: HttpServer;
  /** Hands an update to the bot (poll or webhook) and waits until it is handled and answered. */
  send(update: ZaloUpdate, opts?: { wrapped?: boolean }): Promise<void>;
  /** An officer typing `text`; returns what the bot answered, messages joined by a blank line. */
  say(userId: string, text: string): Promise<string>;
  /** Starts the channel again on the same database and fake server (a restart of the process). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode?: 'polling' | 'webhook';
  app?: App;
  fake?: FakeZalo;
  engine?: Pick<Engine, 'handle'>;
  extra?: Partial<StartZaloOptions>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const app = opts.app ?? (await testApp());
  const fake = opts.fake ?? (await startFakeZalo());
  const logs = captureLogs();
  let http: HttpServer | undefined;
  let webhook: { url: string; secret: string } | undefined;
  if (opts.mode === 'webhook') {
    http = createHttpServer(logs.logger);
    const port = await http.listen(0, '127.0.0.1');
    webhook = { url: `http://127.0.0.1:${port}/zalo/webhook`, secret: WEBHOOK_SECRET };
  }
  const start = () =>
    startZalo({
      token: fake.token,
      baseUrl: fake.baseUrl,
      engine: opts.engine ?? app.engine,
      logger: logs.logger,
      pollTimeoutSeconds: 1,
      limits: { perChatMs: 5, bulkPerSecond: 1000, backoffMs: 20, maxBackoffMs: 200 },
      ...(http && webhook ? { http, webhook } : {}),
      ...opts.extra,
    });
  let channel = await start();

  const h: Harness = {
    app,
    fake,
    logs,
    ...(http ? { http } : {}),
    get channel() {
      return channel;
    },
    async send(update, o = {}) {
      if (opts.mode === 'webhook') {
        const res = await fake.deliver(update, o);
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      } else {
        fake.enqueue(update);
        // A new poll waiting means the bot took the update and queued it for its chat.
        await fake.waitFor(
          () => fake.queued === 0 && fake.waitingPolls > 0,
          5000,
          'the bot to fetch the update',
        );
      }
      await channel.idle();
    },
    async say(userId, text) {
      const before = fake.textsTo(userId).length;
      await h.send(textUpdate(userId, text));
      return fake.textsTo(userId).slice(before).join('\n\n');
    },
    async restart() {
      await channel.stop();
      channel = await start();
    },
    async close() {
      await channel.stop();
      await http?.close();
      if (!opts.fake) await fake.close();
      if (!opts.app) await app.close();
    },
  };
  return h;
}
