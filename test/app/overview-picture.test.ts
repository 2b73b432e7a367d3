/**
 * "/tonghop" and "tiến độ" for a supervisor come with the share of units meeting each criterion as a
 * picture, drawn in Node (Chart.js on a Skia canvas, no browser): a PNG in the app's replies, a photo
 * on Telegram, a photo by its PUBLIC_URL link on Zalo (left out without one), a file on the console.
 */
import { pino } from 'pino';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../src/bot/telegram/index.js';
import { BOT_INFO, FakeTelegramApi, Phone, TOKEN } from '../bot/telegram/fake-telegram.js';
import { startHarness } from '../bot/zalo/harness.js';
import { PEOPLE, webProvince } from '../web/fixture.js';

/** How many pixels of the bars' blue a PNG has. */
function bluePixels(bytes: Uint8Array): { width: number; height: number; blue: number } {
  const png = PNG.sync.read(Buffer.from(bytes));
  let blue = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] === 0x0b && png.data[i + 1] === 0x57 && png.data[i + 2] === 0xd0) blue++;
  return { width: png.width, height: png.height, blue };
}

describe('the overview as a picture', () => {
  it('comes with /tonghop and "tiến độ", bars drawn for the criteria units answered', async () => {
    const { app } = await webProvince();
    for (const text of ['/tonghop', 'tiến độ']) {
      const replies = await app.engine.handle(PEOPLE.provinceSupervisor, text);
      expect(replies[0]?.text, text).toContain('quý IV/2026');
      const picture = replies.find((r) => r.file?.mime === 'image/png');
      expect(picture?.text).toContain('Biểu đồ tỷ lệ đơn vị đạt từng tiêu chí, quý IV/2026');
      expect(picture?.file?.fileName).toBe('bieu-do-2026-Q4.png');
      const drawn = bluePixels(picture?.file?.bytes ?? new Uint8Array());
      expect(drawn).toMatchObject({ width: 1000, height: 560 });
      // 1.1 is met by two of three units that answered: a bar of some height.
      expect(drawn.blue).toBeGreaterThan(1000);
    }
    // Nobody in Quảng Ngãi has answered: no picture, only the overview.
    const none = await app.engine.handle(PEOPLE.otherSupervisor, '/tonghop');
    expect(none.some((r) => r.file)).toBe(false);
    await app.close();
  });

  it('goes as a photo on Telegram', async () => {
    const { app } = await webProvince();
    const bot = createTelegramBot(
      TOKEN,
      { engine: app.engine, logger: pino({ level: 'silent' }) },
      { botInfo: BOT_INFO },
    );
    const api = new FakeTelegramApi().attach(bot);
    const { registerPerson } = await import('../../src/storage/officers.js');
    const who = { channel: 'telegram', externalId: '7700' };
    await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, who, app.clock());
    const phone = new Phone(bot, api, { id: 7700, first_name: 'Sở' });
    expect(await phone.type('/tonghop')).toContain('Biểu đồ tỷ lệ đơn vị đạt từng tiêu chí');
    const [photo] = api.callsTo('sendPhoto');
    expect(String(photo?.payload.chat_id)).toBe('7700');
    expect(api.callsTo('sendDocument')).toHaveLength(0);
    await app.close();
  });

  it('goes as a photo by its link on Zalo, and is left out without PUBLIC_URL', async () => {
    const { app } = await webProvince();
    const linked = await startHarness({
      app,
      extra: { fileLink: () => ({ url: 'https://cds.example.vn/files/abc', minutes: 30 }) },
    });
    await linked.say('sup-area', '/tonghop');
    const photos = linked.fake.sent.filter((s) => s.method === 'sendPhoto');
    expect(photos).toMatchObject([{ chat_id: 'sup-area', photo: 'https://cds.example.vn/files/abc' }]);
    expect(linked.fake.textsTo('sup-area').join('\n')).toContain('Biểu đồ tỷ lệ đơn vị đạt từng tiêu chí');
    await linked.close();
    const { app: again } = await webProvince();
    const plain = await startHarness({ app: again });
    const text = await plain.say('sup-area', '/tonghop');
    expect(text).not.toContain('Biểu đồ');
    expect(text).not.toContain('Tỉnh chưa bật đường dẫn');
    expect(plain.fake.sent.filter((s) => s.method === 'sendPhoto')).toHaveLength(0);
    await plain.close();
  });
});
