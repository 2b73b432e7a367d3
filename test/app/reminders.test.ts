import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import { type ReminderDeps, runRemindersAt } from '../../src/app/reminders.js';
import type { Sender } from '../../src/bot/channel.js';
import type { Reply } from '../../src/domain/dialog/protocol.js';
import { registerOfficer, registerPerson } from '../../src/storage/officers.js';
import { listReminderLog } from '../../src/storage/reminders.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const dir = mkdtempSync(join(tmpdir(), 'cds-rem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sender that records what it sends; optionally fails the first `failures` sends. */
function recordingSender(channel: string, opts: { failures?: number; error?: unknown } = {}) {
  const sent: Array<{ to: string; text: string }> = [];
  let failures = opts.failures ?? 0;
  const sender: Sender = {
    channel,
    async send(to: string, replies: Reply[]) {
      if (failures > 0) {
        failures--;
        throw opts.error ?? new Error('network down');
      }
      for (const r of replies) sent.push({ to, text: r.text });
    },
  };
  return { sender, sent };
}

const deps = (app: App, senders: Sender[]): ReminderDeps => ({
  db: app.db,
  frameworks: app.frameworks,
  calendar: app.calendar,
  senders: new Map(senders.map((s) => [s.channel, s])),
});

async function seedOfficers(app: App, count: number) {
  for (let i = 0; i < count; i++) {
    const unit = await addUnit(
      app.db,
      { code: `U${i}`, name: `Xã ${i}`, province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
      app.clock(),
    );
    await registerOfficer(app.db, unit.id, { channel: 'zalo', externalId: `z${i}` }, app.clock());
  }
}

describe('reminders are sent exactly once', () => {
  it('across a restart and two runners racing on one database file', async () => {
    const file = join(dir, 'race.sqlite');
    const a = await testApp(fixedClock(), file);
    await seedOfficers(a, 12);
    const b = await testApp(fixedClock(), file);
    const za = recordingSender('zalo');
    const zb = recordingSender('zalo');
    const at = vn('2026-12-04T08:00');
    const [ra, rb] = await Promise.all([
      runRemindersAt(deps(a, [za.sender]), at),
      runRemindersAt(deps(b, [zb.sender]), at),
    ]);
    expect(ra.sent + rb.sent).toBe(12);
    expect(ra.skipped + rb.skipped).toBe(12);
    const everyone = [...za.sent, ...zb.sent].map((m) => m.to).sort();
    expect(everyone).toEqual(Array.from({ length: 12 }, (_, i) => `z${i}`).sort());
    await a.close();
    const restarted = await testApp(fixedClock(), file);
    const zc = recordingSender('zalo');
    const again = await runRemindersAt(deps(restarted, [zc.sender]), vn('2026-12-04T08:15'));
    expect(again.sent).toBe(0);
    expect(zc.sent).toEqual([]);
    await b.close();
    await restarted.close();
  });

  it('after a crash in the middle of a fan-out, sends the rest on restart, and the one in doubt once its lease ran out', async () => {
    const file = join(dir, 'crash.sqlite');
    const crashed = await testApp(fixedClock(), file);
    await seedOfficers(crashed, 6);
    // The process dies while the third reminder is on its way: that send never returns.
    const sent: string[] = [];
    const dying: Sender = {
      channel: 'zalo',
      send: (to) => {
        if (sent.length === 2) return new Promise(() => undefined);
        sent.push(to);
        return Promise.resolve();
      },
    };
    void runRemindersAt({ ...deps(crashed, [dying]), inFlight: 1 }, vn('2026-12-04T08:00'));
    const until = Date.now() + 3000;
    while ((await listReminderLog(crashed.db)).length < 3) {
      if (Date.now() > until) throw new Error('the third reminder was never claimed');
      await new Promise((r) => setTimeout(r, 5));
    }
    // Only what was sent, and the one on its way, were claimed: the others wait for the next run.
    expect((await listReminderLog(crashed.db)).map((r) => r.status).sort()).toEqual([
      'pending',
      'sent',
      'sent',
    ]);
    const restarted = await testApp(fixedClock(), file);
    const z = recordingSender('zalo');
    // Five minutes later the claim still holds (its runner may be alive and sending): the rest only.
    const soon = await runRemindersAt(deps(restarted, [z.sender]), vn('2026-12-04T08:05'));
    expect(soon.sent).toBe(3);
    expect(new Set([...sent, ...z.sent.map((m) => m.to)]).size).toBe(5);
    // Past the lease (10 minutes), the one left pending by the dead runner is taken again and sent.
    const later = await runRemindersAt(deps(restarted, [z.sender]), vn('2026-12-04T08:15'));
    expect(later.sent).toBe(1);
    const everyone = [...sent, ...z.sent.map((m) => m.to)];
    expect(new Set(everyone).size).toBe(6);
    expect(everyone).toHaveLength(6);
    expect((await runRemindersAt(deps(restarted, [z.sender]), vn('2026-12-04T08:30'))).sent).toBe(0);
    await restarted.close();
    await crashed.close();
  });

  it('retries a failed send on a later run, and then never again', async () => {
    const app = await testApp();
    await seedOfficers(app, 1);
    const z = recordingSender('zalo', { failures: 1 });
    expect((await runRemindersAt(deps(app, [z.sender]), vn('2026-12-04T08:00'))).failed).toBe(1);
    expect((await listReminderLog(app.db))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await runRemindersAt(deps(app, [z.sender]), vn('2026-12-04T08:15'))).sent).toBe(1);
    expect((await runRemindersAt(deps(app, [z.sender]), vn('2026-12-04T08:30'))).sent).toBe(0);
    expect(z.sent).toHaveLength(1);
    expect((await listReminderLog(app.db))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('records a send its channel gave up on as failed, and sends it on a later run', async () => {
    const app = await testApp();
    await seedOfficers(app, 3);
    // The channel's sender has its own pace and bounded retries; what it finally refuses is failed.
    const z = recordingSender('zalo', { failures: 1, error: { error_code: 429, description: 'quota' } });
    const first = await runRemindersAt(deps(app, [z.sender]), vn('2026-12-04T08:00'));
    expect(first).toMatchObject({ sent: 2, failed: 1 });
    const second = await runRemindersAt(deps(app, [z.sender]), vn('2026-12-04T08:15'));
    expect(second).toMatchObject({ sent: 1, failed: 0 });
    expect(z.sent.map((m) => m.to).sort()).toEqual(['z0', 'z1', 'z2']);
  });
});

describe('who gets a reminder and what it says', () => {
  it('skips a unit whose report is complete, and lists the gaps of the others', async () => {
    const clock = fixedClock(vn('2026-12-01T09:00'));
    const app = await testApp(clock);
    const done = await withOfficer(
      app,
      { channel: 'zalo', externalId: 'done' },
      {
        code: 'A',
        name: 'Xã Xong',
        province: 'Thanh Hóa',
        frameworkId: 'thanh-hoa-xa-2023',
      },
    );
    await say(app, done.who, '2.5 2/4; 3.3 60%; 3.6 12%; 3.12 70%');
    const late = await withOfficer(
      app,
      { channel: 'zalo', externalId: 'late' },
      {
        code: 'B',
        name: 'Xã Chưa Xong',
        province: 'Thanh Hóa',
        frameworkId: 'thanh-hoa-xa-2023',
      },
    );
    await say(app, late.who, '2.5 0/4');
    const z = recordingSender('zalo');
    await runRemindersAt(deps(app, [z.sender]), vn('2026-12-08T08:00'));
    expect(z.sent.map((m) => m.to)).toEqual(['late']);
    expect(z.sent[0]?.text).toContain('Còn 3 câu chưa trả lời, 1 tiêu chí chưa đạt.');
    expect(z.sent[0]?.text).toContain('Chưa trả lời: 3.3, 3.6, 3.12');
    expect(z.sent[0]?.text).toContain('Chưa đạt: 2.5');
  });

  it('goes to the Zalo account of an officer who linked Telegram too, and leaves out opted-out officers', async () => {
    const app = await testApp(fixedClock(vn('2026-12-01T09:00')));
    const { who } = await withOfficer(app, { channel: 'telegram', externalId: 't1' });
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await say(app, who, 'liên kết'))?.[1] ?? '';
    await say(app, { channel: 'zalo', externalId: 'z1' }, code);
    const other = await withOfficer(
      app,
      { channel: 'zalo', externalId: 'z2' },
      {
        code: 'Q',
        name: 'Xã Tắt',
        province: 'Thanh Hóa',
        frameworkId: 'thanh-hoa-xa-2022',
      },
    );
    await say(app, other.who, 'tắt nhắc nhở');
    const z = recordingSender('zalo');
    const t = recordingSender('telegram');
    await runRemindersAt(deps(app, [z.sender, t.sender]), vn('2026-12-04T08:00'));
    expect(z.sent.map((m) => m.to)).toEqual(['z1']);
    expect(t.sent).toEqual([]);
  });

  it("sends the late units once after the deadline to the province's supervisors", async () => {
    const app = await testApp();
    await seedOfficers(app, 2);
    await registerPerson(
      app.db,
      { role: 'supervisor', province: 'Thanh Hóa' },
      { channel: 'zalo', externalId: 'sup' },
      app.clock(),
    );
    await registerPerson(
      app.db,
      { role: 'supervisor', province: 'Quảng Ngãi' },
      { channel: 'zalo', externalId: 'qn' },
      app.clock(),
    );
    const z = recordingSender('zalo');
    const first = await runRemindersAt(deps(app, [z.sender]), vn('2026-12-12T08:00'));
    expect(first).toMatchObject({ sent: 2, lateUnits: 1 });
    expect(z.sent.filter((m) => m.to.startsWith('z')).every((m) => m.text.includes('Quá hạn'))).toBe(true);
    const toSup = z.sent.filter((m) => m.to === 'sup');
    expect(toSup).toHaveLength(1);
    expect(toSup[0]?.text).toContain(
      'Báo cáo quý IV/2026: 2 đơn vị chưa hoàn thành khi hết hạn (11/12/2026):',
    );
    expect(toSup[0]?.text).toContain('• U0 Xã 0: đã trả lời 0/4');
    expect(z.sent.some((m) => m.to === 'qn')).toBe(false);
    const second = await runRemindersAt(deps(app, [z.sender]), vn('2026-12-13T08:00'));
    expect(second).toMatchObject({ sent: 0, lateUnits: 0 });
    expect(z.sent.filter((m) => m.to === 'sup')).toHaveLength(1);
  });
});

describe('a fan-out planned a page of officers at a time', () => {
  it('reaches every officer with the same text and tells the supervisor of each late unit once', async () => {
    const app = await testApp();
    await seedOfficers(app, 5);
    // A second officer of U4 and one of a Quảng Ngãi unit: the pages split U4's officers.
    const u4 = await addUnit(
      app.db,
      { code: 'QN1', name: 'Xã Quảng', province: 'Quảng Ngãi', frameworkId: 'thanh-hoa-xa-2023' },
      app.clock(),
    );
    await registerOfficer(app.db, u4.id, { channel: 'zalo', externalId: 'qn-officer' }, app.clock());
    const { findUnitByCode } = await import('../../src/storage/units.js');
    const unit4 = await findUnitByCode(app.db, 'U4');
    if (!unit4) throw new Error('U4 missing');
    await registerOfficer(app.db, unit4.id, { channel: 'zalo', externalId: 'z4-second' }, app.clock());
    await registerPerson(
      app.db,
      { role: 'supervisor', province: 'Thanh Hóa' },
      { channel: 'zalo', externalId: 'sup' },
      app.clock(),
    );
    const at = vn('2026-12-12T08:00');
    const { planAt } = await import('../../src/app/reminders.js');
    const { reminderText } = await import('../../src/domain/reminders/plan.js');
    const whole = await planAt({ ...deps(app, []), planPage: 1000 }, at);
    const paged = await planAt({ ...deps(app, []), planPage: 2 }, at);
    const shown = (p: typeof whole) => p.deliveries.map((d) => [d.officerId, d.unitCode, reminderText(d)]);
    expect(shown(paged)).toEqual(shown(whole));
    expect(paged.deliveries).toHaveLength(7);
    expect(paged.plan.lateUnits.map((n) => n.units.map((u) => u.code).sort())).toEqual(
      whole.plan.lateUnits.map((n) => n.units.map((u) => u.code).sort()),
    );

    const z = recordingSender('zalo');
    const report = await runRemindersAt({ ...deps(app, [z.sender]), planPage: 2 }, at);
    expect(report.sent).toBe(7);
    const toSup = z.sent.filter((m) => m.to === 'sup');
    expect(toSup).toHaveLength(1);
    // U4 counted once although its two officers were planned in different pages.
    expect(toSup[0]?.text.match(/• U4 /g)).toHaveLength(1);
    expect(toSup[0]?.text).toContain('5 đơn vị chưa hoàn thành');
    expect((await runRemindersAt({ ...deps(app, [z.sender]), planPage: 2 }, at)).sent).toBe(0);
  });
});

describe('reminders of merged units, removed people, and a morning with two deadlines', () => {
  it('sends one message for two deadlines, records both, and nothing to a merged unit or a removed person', async () => {
    const app = await testApp(fixedClock(vn('2026-12-08T08:00')));
    await seedOfficers(app, 3);
    const { addAdHocDeadline } = await import('../../src/storage/reminders.js');
    await addAdHocDeadline(
      app.db,
      { name: 'Báo cáo chuyên đề', period: '2026', dueDate: '2026-12-11', province: 'Thanh Hóa' },
      app.clock(),
    );
    // U1 was merged into U0; the officer of U2 was removed.
    const { recordMerger } = await import('../../src/storage/units.js');
    await recordMerger(app.db, 'U0', ['U1'], '2025-07-01');
    const { removePerson, findActorByIdentity } = await import('../../src/storage/officers.js');
    const gone = await findActorByIdentity(app.db, { channel: 'zalo', externalId: 'z2' });
    await removePerson(app.db, gone!.personId, null, app.clock());

    const zalo = recordingSender('zalo');
    const report = await runRemindersAt(deps(app, [zalo.sender]), vn('2026-12-08T08:00'));
    expect(zalo.sent.map((m) => m.to)).toEqual(['z0']);
    expect(zalo.sent[0]?.text).toContain('Nhắc hạn: 2 báo cáo của Xã 0.');
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const log = (await listReminderLog(app.db)).map((r) => [r.recipient, r.deadlineKey, r.lead, r.status]);
    expect(log).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^officer:\d+$/), 'adhoc:1', 'd3', 'sent'],
        [expect.stringMatching(/^officer:\d+$/), 'quy:2026-Q4', 'd3', 'sent'],
      ]),
    );
    expect(log).toHaveLength(2);
    // Nothing more on the next tick: both deadlines are in the log.
    expect((await runRemindersAt(deps(app, [zalo.sender]), vn('2026-12-08T08:15'))).sent).toBe(0);
    // The merged unit's officer is told why when they write.
    expect(await say(app, { channel: 'zalo', externalId: 'z1' }, 'báo cáo')).toContain(
      'Xã 1 đã sáp nhập vào Xã 0 (U0) từ ngày 01/07/2025',
    );
    await app.close();
  });
});
