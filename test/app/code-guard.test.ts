import { describe, expect, it } from 'vitest';
import { createCodeGuard } from '../../src/app/code-guard.js';
import { createEngine } from '../../src/app/turn.js';
import { renderPlain } from '../../src/domain/dialog/render.js';
import { msg } from '../../src/domain/messages/index.js';
import { createInvite } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { captureLogs } from '../bot/zalo/harness.js';
import { fixedClock, testApp } from '../helpers.js';

const WRONG = ['AAAA-BBBB', 'CCCC-DDDD', 'EEEE-FFFF', 'GGGG-HHHH', 'JJJJ-KKKK'];

async function setup(limits?: Parameters<typeof createCodeGuard>[0]) {
  const clock = fixedClock();
  const app = await testApp(clock);
  const logs = captureLogs();
  const unit = await addUnit(
    app.db,
    { code: 'BA', name: 'Xã Bình An', province: 'Quảng Ngãi', frameworkId: 'ntm-tieu-chi-8' },
    clock.now(),
  );
  await createInvite(app.db, unit.id, 'KMNPQRST', clock.now(), new Date(clock.now().getTime() + 86_400_000));
  const engine = createEngine({
    db: app.db,
    frameworks: app.frameworks,
    clock: clock.now,
    calendar: app.calendar,
    logger: logs.logger,
    ...(limits ? { codeGuard: createCodeGuard(limits) } : {}),
  });
  const say = async (who: { channel: string; externalId: string }, text: string) =>
    (await engine.handle(who, text)).map(renderPlain).join('\n\n');
  return { app, clock, logs, say };
}

describe('guessing invite and link codes is slow and seen', () => {
  it('refuses an account a sixth code in 10 minutes (even a right one), politely, then lets it try again', async () => {
    const { app, clock, logs, say } = await setup();
    const guesser = { channel: 'zalo', externalId: 'guesser' };
    for (const code of WRONG) expect(await say(guesser, code)).toBe(msg.inviteInvalid());
    const refused = await say(guesser, 'KMNP-QRST');
    expect(refused).toBe(msg.codeTriesAccount(10));
    expect(refused).toContain('đợi khoảng 10 phút');
    // Another account is not held up by this one.
    expect(await say({ channel: 'zalo', externalId: 'other' }, 'ABAB-CDCD')).toBe(msg.inviteInvalid());
    clock.set(new Date(clock.now().getTime() + 10 * 60_000));
    expect(await say(guesser, 'KMNP-QRST')).toContain('Đã đăng ký');
    const wrong = logs.lines.filter((l) => l.msg === 'wrong invite or link code');
    expect(wrong.map((l) => l.wrongInWindow)).toEqual([1, 2, 3, 4, 5, 1]);
    expect(wrong[0]).toMatchObject({ channel: 'zalo', externalId: 'guesser' });
    expect(logs.lines.some((l) => l.msg === 'code refused unread: too many wrong codes')).toBe(true);
    // Logged without the code itself.
    for (const code of [...WRONG, 'KMNP-QRST']) {
      expect(logs.text()).not.toContain(code);
      expect(logs.text()).not.toContain(code.replace('-', ''));
    }
    await app.close();
  });

  it('holds every account once the whole bot has seen too many wrong codes', async () => {
    const { app, say } = await setup({ bot: 6 });
    for (let i = 0; i < 3; i++) {
      await say({ channel: 'telegram', externalId: `a${i}` }, WRONG[0] ?? '');
      await say({ channel: 'telegram', externalId: `a${i}` }, WRONG[1] ?? '');
    }
    expect(await say({ channel: 'telegram', externalId: 'newcomer' }, 'KMNP-QRST')).toBe(
      msg.codeTriesBot(10),
    );
    await app.close();
  });

  it('never counts a message without a code', async () => {
    const { app, say } = await setup({ perAccount: 1 });
    const who = { channel: 'zalo', externalId: 'polite' };
    for (let i = 0; i < 3; i++) expect(await say(who, 'xin chào')).toBe(msg.welcomeUnknown());
    expect(await say(who, 'KMNP-QRST')).toContain('Đã đăng ký');
    await app.close();
  });
});
