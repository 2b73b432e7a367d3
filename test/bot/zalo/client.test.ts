import { afterAll, describe, expect, it } from 'vitest';
import { createZaloClient, ZaloApiError, ZaloNetworkError } from '../../../src/bot/zalo/index.js';
import { startFakeZalo, textUpdate } from '../../fakes/zalo-server.js';
import { captureLogs } from './harness.js';

describe('the Zalo API client', async () => {
  const fake = await startFakeZalo();
  const logs = captureLogs();
  const client = createZaloClient({ token: fake.token, baseUrl: fake.baseUrl, logger: logs.logger });
  afterAll(() => fake.close());

  it('calls POST /bot<token>/<method> with a JSON body and returns the result', async () => {
    expect((await client.getMe()).id).toBe(fake.botId);
    await client.sendMessage({ chat_id: 'c1', text: 'Xin chào' });
    expect(fake.sent.at(-1)).toMatchObject({ chat_id: 'c1', text: 'Xin chào' });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'sendMessage', authorized: true });
    expect(
      await client.setWebhook({ url: 'https://bot.example.vn/zalo', secret_token: 'abcdefgh' }),
    ).toMatchObject({
      url: 'https://bot.example.vn/zalo',
    });
    expect((await client.getWebhookInfo()).url).toBe('https://bot.example.vn/zalo');
    expect((await client.deleteWebhook()).url).toBe('');
  });

  it('turns ok:false into a ZaloApiError with the code and description', async () => {
    const err = await client.sendMessage({ chat_id: 'c1', text: '' }).catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ error_code: 400, description: 'text must be 1-2000 characters' });
  });

  it('reads ok, not only the HTTP status (an error answered with HTTP 200)', async () => {
    const lenient = await startFakeZalo({ token: fake.token, errorStatus: 200 });
    const c = createZaloClient({ token: fake.token, baseUrl: lenient.baseUrl });
    lenient.fail('sendMessage', 429);
    await expect(c.sendMessage({ chat_id: 'c1', text: 'a' })).rejects.toMatchObject({ error_code: 429 });
    await lenient.close();
  });

  it('returns the single update of a poll as a list, and an empty list when idle (408)', async () => {
    const update = textUpdate('u1', 'báo cáo');
    fake.enqueue(update);
    expect(await client.getUpdates({ timeout: 1 })).toEqual([update]);
    const started = Date.now();
    expect(await client.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('waits longer than the poll timeout even when other calls time out quickly', async () => {
    const quick = createZaloClient({ token: fake.token, baseUrl: fake.baseUrl, timeoutMs: 200 });
    setTimeout(() => fake.enqueue(textUpdate('u1', 'muộn')), 600);
    const [got] = await quick.getUpdates({ timeout: 2 });
    expect(got?.message?.text).toBe('muộn');
  });

  it('never puts the token in an error or a log line', async () => {
    const wrong = createZaloClient({ token: `${fake.token}x`, baseUrl: fake.baseUrl });
    const unauthorized = await wrong.getMe().catch((e) => e);
    expect(unauthorized).toMatchObject({ error_code: 401 });

    const unreachable = await startFakeZalo();
    const deadBase = unreachable.baseUrl;
    await unreachable.close();
    const offline = createZaloClient({ token: fake.token, baseUrl: deadBase, logger: logs.logger });
    const refused = await offline.getMe().catch((e) => e);
    expect(refused).toBeInstanceOf(ZaloNetworkError);

    const leaky = createZaloClient({
      token: fake.token,
      baseUrl: fake.baseUrl,
      fetch: async (url) => {
        throw new TypeError(`Failed to parse URL from ${url}`);
      },
    });
    const parseError = await leaky.getMe().catch((e) => e);
    expect(parseError.message).toContain('/bot<token>/getMe');

    for (const e of [unauthorized, refused, parseError]) {
      expect(`${e.message} ${e.stack} ${JSON.stringify(e)}`).not.toContain(fake.token);
      expect(e.cause).toBeUndefined();
    }
    expect(logs.raw.length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain(fake.token);
  });
});
