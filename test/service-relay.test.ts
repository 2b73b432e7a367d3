import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { parseConfig } from '../src/config.js';
import { startService } from '../src/main.js';
import { registerOfficer } from '../src/storage/officers.js';
import { addUnit } from '../src/storage/units.js';
import { FakeTelegramApi, TOKEN, unescapeHtml } from './bot/telegram/fake-telegram.js';
import { serveTelegramRelay, startCountingProxy } from './fakes/relay.js';
import { startFakeZalo, textUpdate } from './fakes/zalo-server.js';
import { fixedClock } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cds-relay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TG_OFFICER = 4242;
const ZALO_OFFICER = 'aa11bb22cc33dd44ee55';
/** Seven days before quý IV/2026's deadline, 08:00 in Vietnam: every officer with gaps is due a reminder. */
const REMINDER_AT = '2026-12-04T08:00:00+07:00';

/** A database with one commune and its officers on Telegram and Zalo. */
async function seed(name: string): Promise<string> {
  const db = join(dir, `${name}.sqlite`);
  const app = await createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
  const unit = await addUnit(
    app.db,
    { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
    new Date(),
  );
  await registerOfficer(app.db, unit.id, { channel: 'telegram', externalId: String(TG_OFFICER) }, new Date());
  await registerOfficer(app.db, unit.id, { channel: 'zalo', externalId: ZALO_OFFICER }, new Date());
  await app.close();
  return db;
}

let updateId = 1;
function tgMessage(text: string) {
  updateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: TG_OFFICER, type: 'private', first_name: 'An' },
      from: { id: TG_OFFICER, is_bot: false, first_name: 'An' },
      text,
    },
  } as never;
}

async function until(predicate: () => boolean, what: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function cli(args: string[], env: Record<string, string>) {
  const { main } = await import('../src/cli.js');
  let out = '';
  const sink = new Writable({
    write(chunk, _e, done) {
      out += String(chunk);
      done();
    },
  });
  const code = await main(args, { LOG_LEVEL: 'silent', ...env }, sink, sink);
  return { code, out };
}

describe('Telegram through a relay (TELEGRAM_API_ROOT)', () => {
  it('serves and sends reminders through the configured Bot API root only, in the service and the CLI', async () => {
    const api = new FakeTelegramApi();
    const relay = await serveTelegramRelay(api, TOKEN);
    const db = await seed('root');
    const env = { CDS_DB: db, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: relay.root };
    const app = await createApp(parseConfig(env), {
      clock: fixedClock().now,
      logger: pino({ level: 'silent' }),
    });
    // No fetch is injected: the bot finds the emulator through TELEGRAM_API_ROOT or not at all.
    const service = await startService(app);
    try {
      const before = api.shown.length;
      api.pending.push(tgMessage('hướng dẫn'));
      await until(
        () => api.shown.slice(before).some((m) => m.chatId === String(TG_OFFICER)),
        'the reply through the relay',
      );
      expect(unescapeHtml(api.shown.at(-1)?.html ?? '')).toContain('báo cáo');
      expect(relay.calls).toEqual(expect.arrayContaining(['getMe', 'getUpdates', 'sendMessage']));
    } finally {
      await service.stop();
      await app.close();
    }
    const sentBefore = api.callsTo('sendMessage').length;
    const run = await cli(['reminders', 'run', '--at', REMINDER_AT], env);
    expect(run.code).toBe(0);
    const reminders = api.callsTo('sendMessage').slice(sentBefore);
    expect(reminders.map((c) => String(c.payload.chat_id))).toEqual([String(TG_OFFICER)]);
    expect(String(reminders[0]?.payload.text)).toContain('Nhắc hạn');
    expect(relay.refused).toBe(0);
    await relay.close();
  });
});

describe('both channels through an HTTP proxy (HTTPS_PROXY / HTTP_PROXY)', () => {
  it('sends every call of both clients through the proxy, in the service and the CLI', async () => {
    const proxy = await startCountingProxy();
    const api = new FakeTelegramApi();
    const relay = await serveTelegramRelay(api, TOKEN);
    const zalo = await startFakeZalo();
    const db = await seed('proxy');
    const env = {
      CDS_DB: db,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: relay.root,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_BASE: zalo.baseUrl,
      // Lower case, as many servers set it; the targets are http:// here.
      http_proxy: proxy.url,
    };
    const app = await createApp(parseConfig(env), {
      clock: fixedClock().now,
      logger: pino({ level: 'silent' }),
    });
    const service = await startService(app);
    try {
      zalo.enqueue(textUpdate(ZALO_OFFICER, 'hướng dẫn'));
      await zalo.waitForTexts(ZALO_OFFICER, 1, 10_000);
      const before = api.shown.length;
      api.pending.push(tgMessage('hướng dẫn'));
      await until(() => api.shown.length > before, 'the Telegram reply through the proxy');
    } finally {
      await service.stop();
      await app.close();
    }
    const zaloHost = new URL(zalo.baseUrl).host;
    const relayHost = new URL(relay.root).host;
    expect(proxy.forwarded).toEqual(expect.arrayContaining([zaloHost, relayHost]));
    // Every call either API saw came through the proxy.
    const served = () => relay.calls.length + zalo.calls.length;
    expect(proxy.requests).toBe(served());

    const run = await cli(['reminders', 'run', '--at', REMINDER_AT], env);
    expect(run.code).toBe(0);
    expect(zalo.textsTo(ZALO_OFFICER).some((t) => t.includes('Nhắc hạn'))).toBe(true);
    expect(api.callsTo('sendMessage').some((c) => String(c.payload.text).includes('Nhắc hạn'))).toBe(true);
    expect(proxy.requests).toBe(served());
    await Promise.all([proxy.close(), relay.close(), zalo.close()]);
  });

  it('reads the proxy settings, upper case first, and NO_PROXY', () => {
    const c = parseConfig({
      HTTPS_PROXY: 'http://proxy.example.vn:3128',
      http_proxy: 'http://other:8080',
      no_proxy: 'localhost,.noi-bo.vn',
      TELEGRAM_API_ROOT: 'https://tg-relay.example.com/',
    });
    expect(c.proxy).toEqual({
      httpsProxy: 'http://proxy.example.vn:3128',
      httpProxy: 'http://other:8080',
      noProxy: 'localhost,.noi-bo.vn',
    });
    expect(c.telegramApiRoot).toBe('https://tg-relay.example.com');
    expect(parseConfig({}).proxy).toBeUndefined();
  });
});
