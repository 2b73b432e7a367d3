import { request } from 'node:http';
import type { Update } from 'grammy/types';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/app/turn.js';
import { createHttpServer } from '../../../src/bot/http.js';
import { startTelegram, WEBHOOK_BODY_LIMIT } from '../../../src/bot/telegram/index.js';
import { COMMAND_MENU } from '../../../src/domain/messages/index.js';
import { testApp, withOfficer } from '../../helpers.js';
import { BOT_INFO, FakeTelegramApi, Phone, TOKEN, unescapeHtml } from './fake-telegram.js';

const silent = pino({ level: 'silent' });
const SECRET = 'S3cret_value-for-tests';

/** The engine, except that chosen texts take longer (to show that a chat's updates keep their order). */
function slowFor(engine: Engine, slow: Map<string, number>): Engine {
  return {
    ...engine,
    handleTurn: async (who, input, opts) => {
      const ms = typeof input === 'string' ? slow.get(input) : input.type === 'text' && slow.get(input.text);
      if (ms) await new Promise((r) => setTimeout(r, ms));
      return engine.handleTurn(who, input, opts);
    },
  };
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw HTTP POST (fetch would not let a test send a wrong Content-Length or read a 413 mid-upload). */
function post(port: number, path: string, body: Buffer | string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('serving by webhook', async () => {
  const app = await testApp();
  await withOfficer(app, { channel: 'telegram', externalId: '8001' });
  const api = new FakeTelegramApi();
  const slow = new Map<string, number>();
  const http = createHttpServer(silent);
  const channel = await startTelegram({
    token: TOKEN,
    engine: slowFor(app.engine, slow),
    logger: silent,
    http,
    webhook: { url: 'https://cds.example.vn/telegram/hook', secret: SECRET },
    botConfig: { botInfo: BOT_INFO, client: { fetch: api.fetch as never } },
    // One message a second in a chat is test/bot/telegram/limits.test.ts's subject, not this file's.
    limits: { perChatMs: 20 },
  });
  const port = await http.listen(0, '127.0.0.1');
  const phone = new Phone(undefined as never, api, { id: 8001, first_name: 'An' });
  const send = (
    update: Update,
    headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET },
  ) => post(port, '/telegram/hook', JSON.stringify(update), headers);
  const texts = () => phone.screen().map((m) => m.text);
  afterAll(async () => {
    await channel.stop();
    await http.close();
    await app.close();
  });

  it('sets the Vietnamese command menu and the webhook with its secret at start', () => {
    expect(api.callsTo('setMyCommands').map((c) => c.payload.commands)).toEqual([COMMAND_MENU]);
    expect(api.callsTo('setWebhook').map((c) => c.payload)).toEqual([
      {
        url: 'https://cds.example.vn/telegram/hook',
        secret_token: SECRET,
        allowed_updates: ['message', 'edited_message', 'callback_query'],
      },
    ]);
    expect(api.callsTo('getUpdates')).toEqual([]);
  });

  it('refuses calls without the right secret with 403 and processes nothing', async () => {
    const update = phone.messageUpdate('/baocao');
    expect(await send(update, {})).toBe(403);
    expect(await send(update, { 'x-telegram-bot-api-secret-token': 'wrong' })).toBe(403);
    expect(await send(update, { 'x-telegram-bot-api-secret-token': `${SECRET}x` })).toBe(403);
    expect(await post(port, '/telegram/hook', JSON.stringify(update))).toBe(403);
    await new Promise((r) => setTimeout(r, 50));
    expect(api.callsTo('sendMessage')).toEqual([]);
    expect(await app.engine.waitingFor({ channel: 'telegram', externalId: '8001' })).toBeUndefined();
  });

  it('refuses an over-size body with 413 and processes nothing', async () => {
    const big = Buffer.alloc(WEBHOOK_BODY_LIMIT + 1, 0x20);
    expect(await post(port, '/telegram/hook', big, { 'x-telegram-bot-api-secret-token': SECRET })).toBe(413);
    expect(await send({ update_id: 'x' } as never)).toBe(400);
    expect(api.callsTo('sendMessage')).toEqual([]);
  });

  it('answers 200 to the right secret and processes the update', async () => {
    expect(await send(phone.messageUpdate('/baocao'))).toBe(200);
    await until(() => texts().some((t) => t.includes('Tiêu chí 1.1 (1/33)')), 'the first question');
    expect(
      phone
        .screen()
        .at(-1)
        ?.buttons.flat()
        .map((b) => b.text),
    ).toContain('Bỏ qua');
  });

  it('processes an update Telegram delivers again (same update_id) once', async () => {
    const update = phone.messageUpdate('bỏ qua');
    expect(await send(update)).toBe(200);
    expect(await send(update)).toBe(200);
    expect(await send(phone.messageUpdate('tiến độ'))).toBe(200);
    await until(() => texts().some((t) => t.includes('Tiến độ')), 'the progress');
    expect(texts().filter((t) => t.includes('Đã bỏ qua tiêu chí'))).toEqual([
      expect.stringContaining('Đã bỏ qua tiêu chí 1.1.'),
    ]);
  });

  it("handles one chat's updates in the order they came, even when the first takes longer", async () => {
    slow.set('100', 150);
    const before = texts().length;
    expect(await send(phone.messageUpdate('100'))).toBe(200);
    expect(await send(phone.messageUpdate('bỏ qua'))).toBe(200);
    await until(() => texts().some((t) => t.includes('Tiêu chí 1.4 (4/33)')), 'the question after the skip');
    const after = texts().slice(before).join('\n');
    expect(after.indexOf('Ghi nhận 1.2')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('Ghi nhận 1.2')).toBeLessThan(after.indexOf('Đã bỏ qua tiêu chí 1.3.'));
  });

  it('sends messages of its own (reminders) through the same rendering', async () => {
    await channel.sender.send('8001', [
      { text: 'Nhắc hạn: <quý IV> & hạn 11/12', choices: [{ label: 'Báo cáo', input: 'báo cáo' }] },
    ]);
    const sent = api.callsTo('sendMessage').at(-1)?.payload;
    expect(sent).toMatchObject({ chat_id: '8001', parse_mode: 'HTML' });
    expect(sent?.text).toBe('Nhắc hạn: &lt;quý IV&gt; &amp; hạn 11/12');
    expect(unescapeHtml(String(sent?.text))).toBe('Nhắc hạn: <quý IV> & hạn 11/12');
    expect(
      phone
        .screen()
        .at(-1)
        ?.buttons.flat()
        .map((b) => b.text),
    ).toEqual(['Báo cáo']);
  });

  it('after stop, answers 503 so that Telegram delivers the update again later', async () => {
    await channel.stop();
    const count = api.callsTo('sendMessage').length;
    expect(await send(phone.messageUpdate('tiến độ'))).toBe(503);
    expect(api.callsTo('sendMessage')).toHaveLength(count);
    expect(api.callsTo('deleteWebhook')).toEqual([]);
  });
});

describe('serving by long polling', async () => {
  const app = await testApp();
  await withOfficer(app, { channel: 'telegram', externalId: '8101' });
  const api = new FakeTelegramApi();
  const slow = new Map([['100', 150]]);
  const phone = new Phone(undefined as never, api, { id: 8101, first_name: 'Bình' });
  const other = new Phone(undefined as never, api, { id: 8102, first_name: 'Chi' });
  api.pending.push(phone.messageUpdate('/baocao'));
  const channel = await startTelegram({
    token: TOKEN,
    engine: slowFor(app.engine, slow),
    logger: silent,
    botConfig: { botInfo: BOT_INFO, client: { fetch: api.fetch as never } },
    limits: { perChatMs: 20 },
  });
  afterAll(async () => {
    await channel.stop();
    await app.close();
  });

  it('removes any webhook, sets the command menu, and answers what getUpdates brings', async () => {
    await until(() => phone.screen().length >= 1, 'the first question');
    expect(api.callsTo('deleteWebhook')).toHaveLength(1);
    expect(api.callsTo('setMyCommands')).toHaveLength(1);
    expect(phone.screen().at(-1)?.text).toContain('Tiêu chí 1.1 (1/33)');
  });

  it("keeps one chat's order while another chat is answered meanwhile", async () => {
    api.pending.push(
      phone.messageUpdate('100'),
      phone.messageUpdate('bỏ qua'),
      other.messageUpdate('xin chào'),
    );
    await until(() => phone.screen().some((m) => m.text.includes('Đã bỏ qua tiêu chí 1.2.')), 'the skip');
    const mine = phone.screen().map((m) => m.text);
    const recorded = mine.findIndex((t) => t.includes('Ghi nhận 1.1'));
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(mine.findIndex((t) => t.includes('Đã bỏ qua tiêu chí 1.2.')));
    const greeted = api.shown.findIndex((m) => m.chatId === '8102');
    const firstOfMine = api.shown.findIndex((m) => m.chatId === '8101' && m.text.includes('Ghi nhận 1.1'));
    expect(greeted).toBeGreaterThanOrEqual(0);
    expect(greeted).toBeLessThan(firstOfMine);
  });

  it('stops cleanly', async () => {
    await channel.stop();
    const polls = api.callsTo('getUpdates').length;
    await new Promise((r) => setTimeout(r, 80));
    expect(api.callsTo('getUpdates')).toHaveLength(polls);
  });
});
