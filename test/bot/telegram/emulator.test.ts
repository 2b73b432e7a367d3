import { pino } from 'pino';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../../src/bot/telegram/index.js';
import { createInvite } from '../../../src/storage/officers.js';
import { addUnit } from '../../../src/storage/units.js';
import { fixedClock, testApp } from '../../helpers.js';
import { TOKEN, unescapeHtml } from './fake-telegram.js';

/** The emulator cannot listen on port 0: this file owns this port. */
const PORT = 9071;

interface BotMessage {
  messageId: number;
  message: {
    text: string;
    reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> };
  };
}

describe('end to end against the telegram-test-api emulator, over HTTP', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const unit = await addUnit(
    app.db,
    { code: 'DT', name: 'Xã Định Tân', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
    clock.now(),
  );
  await createInvite(app.db, unit.id, 'HJKMNPQR', clock.now(), new Date(clock.now().getTime() + 86_400_000));

  const server = new TelegramServer({ port: PORT, host: '127.0.0.1' });
  await server.start();
  const client = server.getClient(TOKEN, { userId: 9101, chatId: 9101, firstName: 'Hoa', timeout: 3000 });
  const bot = createTelegramBot(
    TOKEN,
    // The per-chat pace (one message a second) is test/bot/telegram/limits.test.ts's subject.
    { engine: app.engine, logger: pino({ level: 'silent' }), limits: { perChatMs: 20 } },
    { client: { apiRoot: server.config.apiURL } },
  );
  await bot.init();
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  /** The emulator's getUpdates returns at once: hand what it has to the bot, as the runner would. */
  const pump = async () => {
    for (const update of await bot.api.getUpdates()) await bot.handleUpdate(update);
  };
  const received = async (): Promise<BotMessage[]> => (await client.getUpdates()).result as never;
  const text = (messages: BotMessage[]) => messages.map((m) => unescapeHtml(m.message.text)).join('\n');

  it('registers the officer from the deep-link /start and walks a question with a real tap', async () => {
    await client.sendCommand(client.makeCommand('/start HJKMNPQR'));
    await pump();
    expect(text(await received())).toContain('Đã đăng ký anh/chị là cán bộ báo cáo của Xã Định Tân');

    await client.sendCommand(client.makeCommand('/baocao'));
    await pump();
    const question = (await received()).at(-1)!;
    expect(unescapeHtml(question.message.text)).toContain('Tiêu chí 1.1 (1/33)');
    const button = question.message.reply_markup?.inline_keyboard?.flat().find((b) => b.text === 'Chưa rõ');
    expect(button).toBeDefined();

    await client.sendCallback(
      client.makeCallbackQuery(button!.callback_data, { message: { message_id: question.messageId } }),
    );
    await pump();
    const afterTap = text(await received());
    expect(afterTap).toContain('Ghi nhận 1.1: chưa rõ');
    expect(afterTap).toContain('Khó khăn, đề xuất đối với tiêu chí 1.1?');

    const history = (await client.getUpdatesHistory()) as unknown as BotMessage[];
    const answered = history.find((h) => h.messageId === question.messageId);
    expect(answered?.message.reply_markup?.inline_keyboard).toEqual([]);
  });

  it('takes a typed answer the same way', async () => {
    await client.sendMessage(client.makeMessage('bỏ qua'));
    await pump();
    expect(text(await received())).toContain('Tiêu chí 1.2 (2/33)');
    await client.sendMessage(client.makeMessage('bỏ qua'));
    await pump();
    const out = text(await received());
    expect(out).toContain('Đã bỏ qua tiêu chí 1.2.');
    expect(out).toContain('Tiêu chí 1.3 (3/33)');
  });
});
