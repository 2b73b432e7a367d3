import { afterAll, describe, expect, it } from 'vitest';
import { msg } from '../../../src/domain/messages/index.js';
import { textUpdate } from '../../fakes/zalo-server.js';
import { startHarness } from './harness.js';

/**
 * One chat whose sends keep failing (Zalo answers 502 to every message for it) must not hold up the
 * others: they are answered while that chat is still being retried; it is retried a bounded number
 * of times, logged as undelivered, and what it was owed goes out before the next reply to it.
 */
describe('a poisoned Zalo chat', async () => {
  const MAX_ATTEMPTS = 4;
  const h = await startHarness({
    // The retries of the poisoned chat take 0.2 + 0.4 + 0.8 s: long beside the others' replies.
    extra: {
      limits: {
        perChatMs: 5,
        bulkPerSecond: 1000,
        maxAttempts: MAX_ATTEMPTS,
        backoffMs: 200,
        maxBackoffMs: 1000,
      },
    },
  });
  afterAll(() => h.close());
  const poisoned = 'badbadbadbadbadbad01';
  const others = Array.from({ length: 8 }, (_, i) => `0000000000000000000${i}`);

  it('answers every other chat while the poisoned one is still being retried', async () => {
    h.fake.failChat(poisoned, 502);
    h.fake.enqueue(textUpdate(poisoned, 'Xin chào'));
    for (const id of others) h.fake.enqueue(textUpdate(id, 'Xin chào'));
    await h.fake.waitFor(() => others.every((id) => h.fake.textsTo(id).length === 1), 10_000, 'the others');
    // The poisoned chat has not been given up yet: nobody waited for it.
    expect(h.fake.refusedTo(poisoned)).toBeLessThan(MAX_ATTEMPTS);
    expect(h.logs.lines.some((l) => l.msg === 'zalo reply not sent')).toBe(false);
    for (const id of others) expect(h.fake.textsTo(id)[0]).toContain('mã mời');
  });

  it('gives the poisoned chat up after a bounded number of tries, logged with its chat id only', async () => {
    await h.fake.waitFor(
      () => h.logs.lines.some((l) => l.msg?.startsWith('zalo replies kept')),
      10_000,
      'the undelivered log line',
    );
    expect(h.fake.refusedTo(poisoned)).toBe(MAX_ATTEMPTS);
    const line = h.logs.lines.find((l) => l.msg === 'zalo reply not sent');
    expect(line?.chatId).toBe(poisoned);
    expect(h.logs.text()).not.toContain('Xin chào');
    expect(h.fake.textsTo(poisoned)).toEqual([]);
  });

  it('sends what it was owed before the reply to the next thing that person writes', async () => {
    h.fake.healChat(poisoned);
    const got = await h.say(poisoned, 'ABCD-EFGH');
    const owed = got.indexOf(msg.welcomeUnknown().split('\n')[0] ?? '');
    const now = got.indexOf(msg.inviteInvalid());
    expect(owed).toBeGreaterThanOrEqual(0);
    expect(now).toBeGreaterThan(owed);
  });
});
