import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { parseConfig } from '../src/config.js';
import { startService } from '../src/main.js';
import { createInvite, registerPerson } from '../src/storage/officers.js';
import { addUnit } from '../src/storage/units.js';
import { startFakeZalo, textUpdate } from './fakes/zalo-server.js';
import { fixedClock } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cds-svc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start with ZALO_BOT_TOKEN: the service', () => {
  it('serves Zalo by polling, tells the supervisor of a submission, and offers the appendix as a download link', async () => {
    const fake = await startFakeZalo();
    const clock = fixedClock(new Date('2026-12-05T02:00:00Z'));
    const app = await createApp(
      parseConfig({
        CDS_DB: join(dir, 'svc.sqlite'),
        ZALO_BOT_TOKEN: fake.token,
        ZALO_API_BASE: fake.baseUrl,
        PUBLIC_URL: 'http://127.0.0.1:0',
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
      }),
      { clock: clock.now, logger: pino({ level: 'silent' }) },
    );
    const unit = await addUnit(
      app.db,
      { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
      clock.now(),
    );
    await createInvite(
      app.db,
      unit.id,
      'KMNPQRST',
      clock.now(),
      new Date(clock.now().getTime() + 86_400_000),
    );
    await registerPerson(
      app.db,
      { role: 'supervisor', province: 'Thanh Hóa' },
      { channel: 'zalo', externalId: 'sup' },
      clock.now(),
    );
    // The pace of a chat is limits.test.ts's and polling.test.ts's; here it would only be waited.
    const service = await startService(app, { limits: { zalo: { perChatMs: 5 } } });
    try {
      const officer = 'a1b2c3d4e5f6a7b8c9d0';
      const say = async (text: string, count = 1) => {
        const before = fake.textsTo(officer).length;
        fake.enqueue(textUpdate(officer, text));
        return (await fake.waitForTexts(officer, before + count, 10_000)).slice(before).join('\n\n');
      };
      expect(await say('Xin chào')).toContain('vui lòng gửi mã mời');
      expect(await say('kmnp-qrst')).toContain('Đã đăng ký anh/chị là cán bộ báo cáo của Xã Ái Thượng');
      expect(await say('2.5 2/4; 3.3 60%; 3.6 12%; 3.12 khoảng 20%')).toContain('Đã ghi 4 câu trả lời');
      const summary = await say('nộp báo cáo');
      expect(summary).toContain('Đề xuất, kiến nghị chung với cấp trên: chưa có');
      expect(summary).toContain('1. Có, nộp  2. Không');
      const done = await say('1');
      expect(done).toContain('Đã nộp báo cáo quý IV/2026');
      expect(done).toContain('Cán bộ giám sát đã được thông báo.');
      await fake.waitFor(() => fake.textsTo('sup').length > 0, 10_000, 'the supervisor notice');
      expect(fake.textsTo('sup')[0]).toContain('Xã Ái Thượng (AT) đã nộp báo cáo quý IV/2026');

      const link = await say('xuất báo cáo');
      expect(link).toContain('Phụ lục kết quả quý IV/2026 (Word).');
      const url = /Tải tệp tại: (\S+)/.exec(link)?.[1] ?? '';
      const path = new URL(url).pathname;
      const res = await fetch(`http://127.0.0.1:${service.port}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('phu-luc-AT-2026-Q4.docx');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await fetch(`http://127.0.0.1:${service.port}/files/not-a-token`)).status).toBe(404);

      // The province's web view on the same HTTP server: the supervisor types "web" on Zalo.
      const before = fake.textsTo('sup').length;
      fake.enqueue(textUpdate('sup', 'web'));
      const reply = (await fake.waitForTexts('sup', before + 1, 10_000)).slice(before).join('\n');
      const login = new URL(/https?:\/\/\S+/.exec(reply)?.[0] ?? '');
      const opened = await fetch(`http://127.0.0.1:${service.port}/web/dang-nhap`, {
        method: 'POST',
        body: new URLSearchParams({ t: login.searchParams.get('t') ?? '' }),
        redirect: 'manual',
      });
      expect(opened.status).toBe(303);
      const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await (
        await fetch(`http://127.0.0.1:${service.port}/web/`, { headers: { cookie } })
      ).text();
      expect(page).toMatch(/Xã Ái Thượng<\/a><\/td><td><span class="st on_time">nộp đúng hạn/);
    } finally {
      await service.stop();
      await app.close();
      await fake.close();
    }
  });
});

describe('reminders run from the command line with ZALO_BOT_TOKEN', () => {
  it('sends the due reminders through the Zalo API, once', async () => {
    const { main } = await import('../src/cli.js');
    const { Writable } = await import('node:stream');
    const fake = await startFakeZalo();
    const db = join(dir, 'rem.sqlite');
    const app = await createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
    const unit = await addUnit(
      app.db,
      { code: 'YN', name: 'Xã Yên Nhân', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
      new Date(),
    );
    const { registerOfficer } = await import('../src/storage/officers.js');
    await registerOfficer(app.db, unit.id, { channel: 'zalo', externalId: 'z-officer' }, new Date());
    await app.close();
    let out = '';
    const sink = new Writable({
      write(chunk, _e, done) {
        out += String(chunk);
        done();
      },
    });
    const env = { CDS_DB: db, ZALO_BOT_TOKEN: fake.token, ZALO_API_BASE: fake.baseUrl, LOG_LEVEL: 'silent' };
    try {
      expect(await main(['reminders', 'run', '--at', '2026-12-04T08:00:00+07:00'], env, sink, sink)).toBe(0);
      expect(out).toContain('Đã gửi 1,');
      expect(fake.textsTo('z-officer')[0]).toContain('Nhắc hạn: Báo cáo quý IV/2026 của Xã Yên Nhân.');
      await main(['reminders', 'run', '--at', '2026-12-04T08:10:00+07:00'], env, sink, sink);
      expect(fake.textsTo('z-officer')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

describe('both tokens set: Telegram and Zalo in one process on one database', () => {
  it('lets an officer start on Telegram, link Zalo with a code, and continue the same report on Zalo', async () => {
    const { FakeTelegramApi, BOT_INFO, TOKEN, unescapeHtml } = await import(
      './bot/telegram/fake-telegram.js'
    );
    const fake = await startFakeZalo();
    const telegram = new FakeTelegramApi();
    const app = await createApp(
      parseConfig({
        CDS_DB: join(dir, 'both.sqlite'),
        ZALO_BOT_TOKEN: fake.token,
        ZALO_API_BASE: fake.baseUrl,
        TELEGRAM_BOT_TOKEN: TOKEN,
      }),
      { clock: fixedClock().now, logger: pino({ level: 'silent' }) },
    );
    const unit = await addUnit(
      app.db,
      { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
      app.clock(),
    );
    const { registerOfficer } = await import('../src/storage/officers.js');
    await registerOfficer(app.db, unit.id, { channel: 'telegram', externalId: '4242' }, app.clock());
    const service = await startService(app, {
      telegramBotConfig: { botInfo: BOT_INFO, client: { fetch: telegram.fetch as never } },
      limits: { telegram: { perChatMs: 20 }, zalo: { perChatMs: 5 } },
    });
    let updateId = 1;
    const onTelegram = async (text: string, until: string) => {
      const before = telegram.shown.length;
      telegram.pending.push({
        update_id: updateId++,
        message: {
          message_id: updateId,
          date: 0,
          chat: { id: 4242, type: 'private', first_name: 'An' },
          from: { id: 4242, is_bot: false, first_name: 'An' },
          text,
        },
      } as never);
      // The reminders of the start-up tick may come in between: wait for the reply itself.
      const shown = () =>
        telegram.shown
          .slice(before)
          .map((m) => unescapeHtml(m.html))
          .join('\n');
      await fake.waitFor(() => shown().includes(until), 10_000, 'a Telegram reply');
      return telegram.shown
        .slice(before)
        .map((m) => unescapeHtml(m.html))
        .join('\n');
    };
    const zaloUser = 'aa11bb22cc33dd44ee55';
    const onZalo = async (text: string) => {
      const before = fake.textsTo(zaloUser).length;
      fake.enqueue(textUpdate(zaloUser, text));
      return (await fake.waitForTexts(zaloUser, before + 1, 10_000)).slice(before).join('\n');
    };
    try {
      expect(await onTelegram('báo cáo', 'Tiêu chí 2.5 (1/4)')).toContain('Tiêu chí 2.5 (1/4)');
      expect(await onTelegram('0/4', 'Ghi nhận 2.5')).toContain('Ghi nhận 2.5');
      const linkText = await onTelegram('liên kết', 'Mã liên kết');
      const code = /Mã liên kết: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(linkText)?.[1] ?? '';
      expect(code).not.toBe('');
      expect(await onZalo(code)).toContain('Đã liên kết tài khoản này');
      const resumed = await onZalo('bao cao');
      expect(resumed).toContain('đã trả lời 1/4');
    } finally {
      await service.stop();
      await app.close();
      await fake.close();
    }
  });
});
