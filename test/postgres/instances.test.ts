import { pino } from 'pino';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.js';
import { type ReminderDeps, runRemindersAt } from '../../src/app/reminders.js';
import type { Sender } from '../../src/bot/channel.js';
import { parseConfig } from '../../src/config.js';
import type { Reply } from '../../src/domain/dialog/protocol.js';
import { loadAnswers, loadHistory } from '../../src/storage/answers.js';
import { loadDialog } from '../../src/storage/dialog.js';
import { createInvite, findOfficerByIdentity, registerOfficer } from '../../src/storage/officers.js';
import { listReminderLog } from '../../src/storage/reminders.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock } from '../helpers.js';
import { freshPostgresSchema, TEST_DATABASE_URL } from '../storage/backends.js';

/**
 * Several bot processes on one PostgreSQL database (e.g. a webhook behind a load balancer, or a
 * rolling restart): each instance has its own pool and engine. Needs a real server, since PGlite
 * has a single connection and cannot race.
 */
const SKIP_REASON = 'needs a PostgreSQL server: set TEST_DATABASE_URL=postgres://user@host:5432/db';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * Two app instances (separate pools and engines) on one fresh schema, started as a deployment
 * starts (DATABASE_URL); `start` adds another (a restart). All closed and dropped after the test.
 */
async function twoInstances(ctx: TestContext, now = vn('2026-11-22T09:00')) {
  ctx.skip(!TEST_DATABASE_URL, SKIP_REASON);
  const schema = await freshPostgresSchema(TEST_DATABASE_URL as string);
  cleanups.push(schema.drop);
  const start = async (clock = fixedClock(now)) => {
    const app = await createApp(parseConfig({ DATABASE_URL: schema.url }), {
      clock: clock.now,
      logger: pino({ level: 'silent' }),
    });
    cleanups.push(() => app.close());
    return app;
  };
  const [a, b] = await Promise.all([start(), start()]);
  return { a, b, start };
}

function recordingSender(channel: string) {
  const sent: string[] = [];
  const sender: Sender = {
    channel,
    async send(to: string, _replies: Reply[]) {
      sent.push(to);
    },
  };
  return { sender, sent };
}

const reminderDeps = (app: App, sender: Sender): ReminderDeps => ({
  db: app.db,
  frameworks: app.frameworks,
  calendar: app.calendar,
  senders: new Map([[sender.channel, sender]]),
});

describe('two bot instances on one PostgreSQL database', () => {
  it('never both process the same update: one replies, one answer is stored', async (ctx) => {
    const { a, b } = await twoInstances(ctx);
    const unit = await addUnit(
      a.db,
      { code: 'X1', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      a.clock(),
    );
    const who = { channel: 'telegram', externalId: '42' };
    await registerOfficer(a.db, unit.id, who, a.clock());
    const scope = { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' };

    const rounds = 15;
    for (let i = 0; i < rounds; i++) {
      const text = `1.1 ${60 + i}`;
      const results = await Promise.all([
        a.engine.handle(who, text, { dedupKey: `update-${i}` }),
        b.engine.handle(who, text, { dedupKey: `update-${i}` }),
      ]);
      expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    }
    const history = await loadHistory(a.db, scope);
    expect(history.map((h) => h.raw)).toEqual(Array.from({ length: rounds }, (_, i) => `${60 + i}`));
    expect((await loadAnswers(b.db, scope, ['2026-Q4'])).get('2026-Q4')?.get('1.1')?.raw).toBe(
      `${60 + rounds - 1}`,
    );
  });

  it('keeps both of two different messages of one officer handled at once by the two instances', async (ctx) => {
    const { a, b } = await twoInstances(ctx);
    const unit = await addUnit(
      a.db,
      { code: 'X1', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      a.clock(),
    );
    const telegram = { channel: 'telegram', externalId: '42' };
    const officer = await registerOfficer(a.db, unit.id, telegram, a.clock());
    const scope = { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' };

    const rounds = 10;
    for (let i = 0; i < rounds; i++) {
      const [ra, rb] = await Promise.all([
        a.engine.handle(telegram, `1.1 ${50 + i}`, { dedupKey: `a-${i}` }),
        b.engine.handle(telegram, `1.2 ${50 + i}`, { dedupKey: `b-${i}` }),
      ]);
      expect(ra.map((r) => r.text).join()).toContain(`1.1: ${50 + i}%`);
      expect(rb.map((r) => r.text).join()).toContain(`1.2: ${50 + i}%`);
    }
    const answers = (await loadAnswers(a.db, scope, ['2026-Q4'])).get('2026-Q4');
    expect(answers?.get('1.1')?.raw).toBe(`${50 + rounds - 1}`);
    expect(answers?.get('1.2')?.raw).toBe(`${50 + rounds - 1}`);
    expect(await loadHistory(a.db, scope)).toHaveLength(2 * rounds);
    expect((await loadDialog(a.db, `officer:${officer.officerId}`))?.revision).toBe(2 * rounds);
  });

  it('registers only one of two people typing the same invite code at once on the two instances', async (ctx) => {
    const { a, b } = await twoInstances(ctx);
    const unit = await addUnit(
      a.db,
      { code: 'BA', name: 'Xã Bình An', province: 'Quảng Ngãi', frameworkId: 'ntm-tieu-chi-8' },
      a.clock(),
    );
    await createInvite(a.db, unit.id, 'KMNPQRST', a.clock(), new Date(a.clock().getTime() + 86_400_000));
    const first = { channel: 'telegram', externalId: '1001' };
    const second = { channel: 'zalo', externalId: '2002' };
    const [ra, rb] = await Promise.all([
      a.engine.handle(first, 'KMNP-QRST', { dedupKey: 'x' }),
      b.engine.handle(second, 'KMNP-QRST', { dedupKey: 'y' }),
    ]);
    const texts = [ra, rb].map((r) => r.map((x) => x.text).join());
    expect(
      texts.filter((t) => t.includes('Đã đăng ký anh/chị là cán bộ báo cáo của Xã Bình An')),
    ).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Mã mời không đúng'))).toHaveLength(1);
    const registered = [await findOfficerByIdentity(a.db, first), await findOfficerByIdentity(a.db, second)];
    expect(registered.filter(Boolean)).toHaveLength(1);
  });

  it('never both send the same reminder: each officer gets it exactly once, also after a restart', async (ctx) => {
    const at = vn('2026-12-04T08:00');
    const { a, b, start } = await twoInstances(ctx, at);
    const officers = 30;
    for (let i = 0; i < officers; i++) {
      const unit = await addUnit(
        a.db,
        { code: `U${i}`, name: `Xã ${i}`, province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
        at,
      );
      await registerOfficer(a.db, unit.id, { channel: 'zalo', externalId: `z${i}` }, at);
    }
    const za = recordingSender('zalo');
    const zb = recordingSender('zalo');
    const [ra, rb] = await Promise.all([
      runRemindersAt(reminderDeps(a, za.sender), at),
      runRemindersAt(reminderDeps(b, zb.sender), at),
    ]);
    const everyone = Array.from({ length: officers }, (_, i) => `z${i}`).sort();
    expect([...za.sent, ...zb.sent].sort()).toEqual(everyone);
    expect(ra.sent + rb.sent).toBe(officers);
    // A runner that planned after the other had claimed some leaves those out instead of skipping them.
    for (const r of [ra, rb]) expect(r).toMatchObject({ failed: 0, planned: r.sent + r.skipped });
    expect((await listReminderLog(a.db)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);

    const later = vn('2026-12-04T08:15');
    const restarted = await start(fixedClock(later));
    const zc = recordingSender('zalo');
    expect((await runRemindersAt(reminderDeps(restarted, zc.sender), later)).sent).toBe(0);
    expect(zc.sent).toEqual([]);
  });
});
