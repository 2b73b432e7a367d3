/**
 * Issue 13, point 5: "a yearly index with its own due date". A framework declares the day its
 * yearly report is due (`yearDue: "15/12"`, `frameworks import --year-due 15/12`); its communes are
 * reminded, told "hạn nộp" and marked on time by that day, not the province's 15/11.
 */
import { describe, expect, it } from 'vitest';
import { type ReminderDeps, runRemindersAt } from '../../src/app/reminders.js';
import type { Sender } from '../../src/bot/channel.js';
import type { Framework } from '../../src/domain/catalog/types.js';
import type { Reply } from '../../src/domain/dialog/protocol.js';
import { loadSubmissions } from '../../src/storage/submissions.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const INDEX = 'chi-so-cds-nam';

describe('a yearly index due on 15/12', async () => {
  const clock = fixedClock(vn('2026-11-05T09:00'));
  const app = await testApp(clock);
  const ntm = app.frameworks.get('ntm-tieu-chi-8') as Framework;
  (app.frameworks as Map<string, Framework>).set(INDEX, {
    ...ntm,
    id: INDEX,
    name: 'Chỉ số chuyển đổi số cấp xã (hằng năm)',
    calendar: 'year',
    yearDue: '15/12',
  });
  const { unit, who } = await withOfficer(
    app,
    { channel: 'zalo', externalId: 'an' },
    { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: INDEX },
  );
  const sent: Array<{ to: string; text: string }> = [];
  const sender: Sender = {
    channel: 'zalo',
    send: async (to: string, replies: Reply[]) => {
      for (const r of replies) sent.push({ to, text: r.text });
    },
  };
  const deps = (): ReminderDeps => ({
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: new Map([['zalo', sender]]),
  });

  it('"hạn nộp" gives the framework’s day, not the province’s 15/11', async () => {
    const reply = await say(app, who, 'hạn nộp');
    expect(reply).toContain('15/12/2026');
    expect(reply).not.toContain('15/11/2026');
  });

  it('reminds a week before 15/12, and not a week before 15/11', async () => {
    await runRemindersAt(deps(), vn('2026-11-08T08:00'));
    expect(sent).toEqual([]);
    await runRemindersAt(deps(), vn('2026-12-08T08:00'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('15/12/2026');
  });

  it('a report submitted on 10/12 is on time', async () => {
    clock.set(vn('2026-12-10T09:00'));
    await say(app, who, '8.1 có; 8.2 có; 8.3 có; 8.4 có');
    await say(app, who, 'nộp báo cáo');
    await say(app, who, 'bỏ qua');
    expect(await say(app, who, 'có')).toContain('Đã nộp báo cáo năm 2026');
    const subs = await loadSubmissions(app.db, { unitId: unit.id, frameworkId: INDEX }, ['2026']);
    expect(subs.get('2026')?.onTime).toBe(true);
  });
});
