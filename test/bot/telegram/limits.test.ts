import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTelegramBot } from '../../../src/bot/telegram/index.js';
import { testApp, withOfficer } from '../../helpers.js';
import { BOT_INFO, FakeTelegramApi, Phone, TOKEN } from './fake-telegram.js';

/**
 * The production send path (limiter inside auto-retry) against the fake Bot API at the innermost
 * layer (client.fetch). Only orders are asserted, never durations.
 */
describe('one limiter for replies and bot-initiated messages', async () => {
  const app = await testApp();
  await withOfficer(app, { channel: 'telegram', externalId: '9301' });
  const api = new FakeTelegramApi();
  const tg = buildTelegramBot(
    TOKEN,
    { engine: app.engine, logger: pino({ level: 'silent' }), limits: { perChatMs: 30, bulkPerSecond: 20 } },
    { botInfo: BOT_INFO, client: { fetch: api.fetch as never } },
  );
  const phone = new Phone(tg.bot, api, { id: 9301, first_name: 'Lan' });
  afterAll(() => app.close());
  const order = () => api.callsTo('sendMessage').map((c) => String(c.payload.text).slice(0, 12));

  it('sends a reply before the reminders already queued, in the same chat and in others', async () => {
    const reminders = Array.from({ length: 6 }, (_, i) =>
      tg.sender.send(i % 2 === 0 ? '9301' : `93${10 + i}`, [{ text: `Nhắc ${i}` }]),
    );
    // The bot-wide queue holds the reminders; the officer writes meanwhile.
    const reply = await phone.type('tiến độ');
    await Promise.all(reminders);
    expect(reply).toContain('Tiến độ');
    const sent = order();
    expect(sent).toHaveLength(7);
    // At most the reminder already on its way goes before the reply.
    expect(sent.findIndex((t) => t.startsWith('Tiến độ'))).toBeLessThanOrEqual(1);
  });

  it('waits out a 429 on a reminder and sends it again once (auto-retry), holding no reply', async () => {
    const before = api.callsTo('sendMessage').length;
    let refused = false;
    api.fail = (call) => {
      if (call.method !== 'sendMessage' || refused || call.payload.chat_id !== '9399') return undefined;
      refused = true;
      return {
        error_code: 429,
        description: 'Too Many Requests: retry after 0',
        parameters: { retry_after: 0 },
      };
    };
    await tg.sender.send('9399', [{ text: 'Nhắc lại' }]);
    api.fail = undefined;
    const calls = api.callsTo('sendMessage').slice(before);
    expect(calls.map((c) => c.payload.chat_id)).toEqual(['9399', '9399']);
    expect(api.shown.filter((m) => m.chatId === '9399').map((m) => m.text)).toEqual(['Nhắc lại']);
  });
});
