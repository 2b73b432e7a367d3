import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/app/turn.js';
import { createHttpServer } from '../../../src/bot/http.js';
import { startZalo, WEBHOOK_BODY_LIMIT } from '../../../src/bot/zalo/index.js';
import { msg as messages } from '../../../src/domain/messages/index.js';
import { startFakeZalo, textUpdate, zaloId } from '../../fakes/zalo-server.js';
import { testApp, withOfficer } from '../../helpers.js';
import { captureLogs, startHarness, WEBHOOK_SECRET } from './harness.js';

describe('Zalo by webhook', async () => {
  const h = await startHarness({ mode: 'webhook' });
  afterAll(() => h.close());
  const officer = zaloId();
  await withOfficer(h.app, { channel: 'zalo', externalId: officer });

  it('registers its public URL and secret with Zalo, and does not poll', () => {
    expect(h.channel.mode).toBe('webhook');
    expect(h.fake.webhook).toEqual({
      url: expect.stringMatching(/\/zalo\/webhook$/),
      secret_token: WEBHOOK_SECRET,
    });
    expect(h.fake.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('answers a flat update (as real traffic comes)', async () => {
    expect(await h.say(officer, 'báo cáo')).toContain('Tiêu chí 1.1 (1/33)');
  });

  it('answers an update wrapped in { ok, result } (as the docs show it)', async () => {
    const before = h.fake.textsTo(officer).length;
    await h.send(textUpdate(officer, '100'), { wrapped: true });
    expect(h.fake.textsTo(officer).slice(before).join('\n')).toContain('Ghi nhận 1.1: 100%');
  });

  it('refuses a wrong or missing secret with 403 and handles nothing', async () => {
    const before = h.fake.sent.length;
    expect((await h.fake.deliver(textUpdate(officer, 'dừng'), { secret: 'hook-secret-2025' })).status).toBe(
      403,
    );
    expect((await h.fake.deliver(textUpdate(officer, 'dừng'), { secret: `${WEBHOOK_SECRET}x` })).status).toBe(
      403,
    );
    expect((await h.fake.deliver(textUpdate(officer, 'dừng'), { secret: null })).status).toBe(403);
    await h.channel.idle();
    expect(h.fake.sent.length).toBe(before);
    expect(await h.say(officer, 'tiến độ')).toContain('Đã trả lời: 1/33 câu');
  });

  it('answers an empty probe (and a body that is not an update) with 200 and nothing sent', async () => {
    const before = h.fake.sent.length;
    expect((await h.fake.deliver('')).status).toBe(200);
    expect((await h.fake.deliver('{}')).status).toBe(200);
    expect((await h.fake.deliver('{"ok":true,"result":{}}')).status).toBe(200);
    await h.channel.idle();
    expect(h.fake.sent.length).toBe(before);
  });

  it('refuses a body that is not JSON (400) or too large (413)', async () => {
    expect((await h.fake.deliver('{"event_name":')).status).toBe(400);
    const huge = JSON.stringify(textUpdate(officer, 'x'.repeat(WEBHOOK_BODY_LIMIT)));
    expect((await h.fake.deliver(huge)).status).toBe(413);
    await h.channel.idle();
    expect(h.fake.textsTo(officer).some((t) => t.includes('xxxx'))).toBe(false);
  });

  it('handles a message delivered twice once', async () => {
    const update = textUpdate(officer, '95');
    await h.send(update);
    const answered = h.fake.textsTo(officer).length;
    expect(h.fake.textsTo(officer).join('\n')).toContain('Ghi nhận 1.2: 95%');
    await h.send(update, { wrapped: true });
    expect(h.fake.textsTo(officer)).toHaveLength(answered);
  });
});

describe('a webhook with a slow engine', async () => {
  const app = await testApp();
  const officer = zaloId();
  await withOfficer(app, { channel: 'zalo', externalId: officer });
  const gates: Array<() => void> = [];
  let slowFirst = true;
  const slow: Pick<Engine, 'handle'> = {
    async handle(who, input, opts) {
      if (slowFirst) {
        slowFirst = false;
        await new Promise<void>((resolve) => gates.push(resolve));
      }
      return app.engine.handle(who, input, opts);
    },
  };
  const h = await startHarness({ mode: 'webhook', app, engine: slow });
  afterAll(() => h.close());

  it('answers Zalo with 200 at once, then handles the messages of a chat in the order they came', async () => {
    const first = await h.fake.deliver(textUpdate(officer, 'báo cáo'));
    expect(first.status).toBe(200);
    expect(h.fake.textsTo(officer)).toEqual([]);
    expect((await h.fake.deliver(textUpdate(officer, '100'))).status).toBe(200);
    expect((await h.fake.deliver(textUpdate(officer, '90'))).status).toBe(200);
    expect(h.fake.textsTo(officer)).toEqual([]);
    gates.shift()?.();
    await h.channel.idle();
    const texts = h.fake.textsTo(officer);
    expect(texts[0]).toContain('Báo cáo quý IV/2026');
    const recorded = texts.filter((t) => t.startsWith('Ghi nhận'));
    expect(recorded.map((t) => t.slice(0, 20))).toEqual(['Ghi nhận 1.1: 100% —', 'Ghi nhận 1.2: 90% — ']);
  });
});

describe('webhook settings', () => {
  it('refuses a secret shorter than 8 characters before touching Zalo', async () => {
    const fake = await startFakeZalo();
    const app = await testApp();
    await expect(
      startZalo({
        token: fake.token,
        baseUrl: fake.baseUrl,
        engine: app.engine,
        logger: captureLogs().logger,
        http: createHttpServer(),
        webhook: { url: 'https://bot.example.vn/zalo', secret: 'short' },
      }),
    ).rejects.toThrow('8–256');
    expect(fake.calls).toEqual([]);
    await fake.close();
    await app.close();
  });

  it('goes on answering users when Zalo briefly fails setWebhook', async () => {
    const fake = await startFakeZalo();
    fake.fail('setWebhook', 500, { times: 2 });
    const h = await startHarness({ mode: 'webhook', fake });
    await fake.waitFor(() => fake.webhook !== undefined, 3000, 'setWebhook to succeed');
    expect(fake.calls.filter((c) => c.method === 'setWebhook')).toHaveLength(3);
    expect(await h.say(zaloId(), 'chào')).toBe(messages.welcomeUnknown());
    await h.close();
    await fake.close();
  });
});
