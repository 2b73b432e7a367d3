import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { parseConfig } from '../src/config.js';
import { startService, webhookUrlProblem } from '../src/main.js';
import { BOT_INFO, TOKEN } from './bot/telegram/fake-telegram.js';
import { captureLogs } from './bot/zalo/harness.js';
import { startFakeZalo, textUpdate } from './fakes/zalo-server.js';

const dir = mkdtempSync(join(tmpdir(), 'cds-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function service(name: string, telegramFetch: (url: unknown) => Promise<Response>, env = {}) {
  const fake = await startFakeZalo();
  const logs = captureLogs();
  const app = await createApp(
    parseConfig({
      CDS_DB: join(dir, `${name}.sqlite`),
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_BASE: fake.baseUrl,
      TELEGRAM_BOT_TOKEN: TOKEN,
      PUBLIC_URL: 'https://bot.example.vn',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      ...env,
    }),
    { logger: logs.logger },
  );
  const svc = await startService(app, { telegramBotConfig: { client: { fetch: telegramFetch as never } } });
  const healthz = async () => {
    const res = await fetch(`http://127.0.0.1:${svc.port}/healthz`);
    return {
      status: res.status,
      body: (await res.json()) as { channels: Record<string, { state: string }> },
    };
  };
  return {
    fake,
    logs,
    healthz,
    async close() {
      await svc.stop();
      await app.close();
      await fake.close();
    },
  };
}

describe('each channel lives and fails alone', () => {
  it('serves Zalo while Telegram cannot be reached, and says so in /healthz', async () => {
    let calls = 0;
    const s = await service('unreachable', async () => {
      calls++;
      throw Object.assign(new Error('connect ETIMEDOUT 149.154.167.220:443'), { code: 'ETIMEDOUT' });
    });
    try {
      s.fake.enqueue(textUpdate('z-stranger', 'Xin chào'));
      const [reply] = await s.fake.waitForTexts('z-stranger', 1, 10_000);
      expect(reply).toContain('mã mời');
      await s.fake.waitFor(() => calls > 0, 5000, 'a try to reach Telegram');
      const h = await s.healthz();
      expect(h.status).toBe(200);
      expect(h.body.channels.zalo?.state).toBe('up');
      expect(h.body.channels.telegram?.state).toBe('retrying');
      expect(s.logs.lines.some((l) => l.msg === 'telegram could not start; retrying in the background')).toBe(
        true,
      );
    } finally {
      await s.close();
    }
  });

  it('reports a refused token once at error level, stays down, and /healthz answers 503', async () => {
    const s = await service(
      'refused',
      async () =>
        new Response(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    try {
      await s.fake.waitFor(() => s.logs.lines.some((l) => l.level >= 50), 5000, 'the error line');
      const h = await s.healthz();
      expect(h.status).toBe(503);
      expect(h.body.channels.telegram?.state).toBe('down');
      const errors = s.logs.lines.filter((l) => l.level >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.msg).toContain('TELEGRAM_BOT_TOKEN');
      expect(s.logs.text()).not.toContain(TOKEN);
    } finally {
      await s.close();
    }
  });

  it('warns its operator at start when Zalo runs without PUBLIC_URL (documents cannot reach Zalo users)', async () => {
    const s = await service('no-public-url', async () => new Response('{}', { status: 502 }), {
      PUBLIC_URL: '',
      HTTP_PORT: '',
    });
    try {
      const warning = s.logs.lines.find(
        (l) => l.level === 40 && String(l.msg).startsWith('PUBLIC_URL is not set'),
      );
      expect(warning?.msg).toContain('documents cannot reach Zalo users');
    } finally {
      await s.close();
    }
  });

  it('refuses a webhook URL that is not public HTTPS at start, with what to change', async () => {
    expect(webhookUrlProblem('http://bot.example.vn/hook')).toBe('it is not HTTPS');
    expect(webhookUrlProblem('https://192.168.1.5/hook')).toBe('it is not a public address');
    expect(webhookUrlProblem('https://bot.example.vn/telegram/x')).toBeUndefined();
    const s = await service(
      'webhook',
      async () => new Response(JSON.stringify({ ok: true, result: BOT_INFO })),
      { TELEGRAM_WEBHOOK_URL: 'http://bot.example.vn/telegram/hook', TELEGRAM_WEBHOOK_SECRET: 'abcdefgh' },
    );
    try {
      await s.fake.waitFor(() => s.logs.lines.some((l) => l.level >= 50), 5000, 'the error line');
      expect(s.logs.lines.find((l) => l.level >= 50)?.msg).toContain('TELEGRAM_WEBHOOK_URL');
      expect((await s.healthz()).status).toBe(503);
    } finally {
      await s.close();
    }
  });
});
