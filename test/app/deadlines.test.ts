import { describe, expect, it } from 'vitest';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

describe('"hạn nộp": the deadlines an officer asks for', () => {
  it('lists the coming deadlines with the days left', async () => {
    const app = await testApp(fixedClock(new Date('2026-11-02T02:00:00Z')));
    const { who } = await withOfficer(app);
    expect(await say(app, who, 'han nop')).toBe(
      [
        'Hạn nộp báo cáo:',
        '• Báo cáo năm 2026: chậm nhất ngày 15/11/2026 (còn 13 ngày)',
        '• Báo cáo quý IV/2026: chậm nhất ngày 11/12/2026 (còn 39 ngày)',
      ].join('\n'),
    );
  });

  it('puts first a yearly report left unfinished after its deadline (15/11), and resumes it', async () => {
    const clock = fixedClock(new Date('2026-11-10T02:00:00Z'));
    const app = await testApp(clock);
    const { who } = await withOfficer(app);
    await say(app, who, 'báo cáo năm 2026');
    await say(app, who, '100');
    await say(app, who, '95%');
    await say(app, who, 'dừng');
    clock.set(new Date('2026-11-20T02:00:00Z'));
    const out = await say(app, who, 'hạn nộp');
    const lines = out.split('\n');
    expect(lines[1]).toBe(
      '• Báo cáo năm 2026: đã quá hạn (15/11/2026), còn 31/33 câu chưa trả lời. Gõ "báo cáo năm 2026" để trả lời tiếp.',
    );
    expect(out).toContain('• Báo cáo năm 2027: chậm nhất ngày 15/11/2027');
    // quý III/2026 (due 11/09) is long past and was never started here: not listed.
    expect(out).not.toContain('quý III/2026');
    expect(await say(app, who, 'báo cáo năm 2026')).toContain('Tiêu chí 1.3 (3/33)');
  });

  it('shows this quarter overdue after the 11th of its last month, and stops a month later', async () => {
    const clock = fixedClock(new Date('2026-12-20T02:00:00Z'));
    const app = await testApp(clock);
    const { who } = await withOfficer(app);
    expect(await say(app, who, 'hạn nộp')).toContain(
      '• Báo cáo quý IV/2026: đã quá hạn (11/12/2026), chưa trả lời câu nào (33 câu). Gõ "báo cáo quý IV/2026" để bắt đầu.',
    );
    clock.set(new Date('2027-01-10T16:59:59Z'));
    expect(await say(app, who, 'hạn nộp')).toContain('quý IV/2026: đã quá hạn');
    clock.set(new Date('2027-01-10T17:00:01Z'));
    expect(await say(app, who, 'hạn nộp')).not.toContain('quá hạn');
  });

  it('no longer lists a report once every question has an answer', async () => {
    const clock = fixedClock(new Date('2026-11-10T02:00:00Z'));
    const app = await testApp(clock);
    const { who } = await withOfficer(app);
    await say(app, who, 'báo cáo năm 2026');
    for (let i = 0; i < 33; i++) {
      await say(app, who, 'chưa rõ');
      await say(app, who, 'bỏ qua'); // the khó khăn asked after a "chưa rõ"
    }
    clock.set(new Date('2026-11-20T02:00:00Z'));
    expect(await say(app, who, 'hạn nộp')).not.toContain('quá hạn');
  });
});

describe('a province with its own quarterly due day (the 15th)', () => {
  it('gives the same deadline in "hạn nộp", "nhắc nhở" and the reminders actually planned', async () => {
    const { setCalendarOverride } = await import('../../src/storage/reminders.js');
    const { planAt } = await import('../../src/app/reminders.js');
    const clock = fixedClock(new Date('2026-11-30T03:00:00Z'));
    const app = await testApp(clock);
    const { who } = await withOfficer(app);
    await setCalendarOverride(app.db, { province: 'Thanh Hóa', quarterDueDay: 15 });
    expect(await say(app, who, 'hạn nộp')).toContain(
      '• Báo cáo quý IV/2026: chậm nhất ngày 15/12/2026 (còn 15 ngày)',
    );
    // The first reminder is 7 days before the province's own due day, not before the 11th.
    expect(await say(app, who, 'nhắc nhở')).toContain(
      'Lần nhắc tới: 8 giờ ngày 08/12/2026 (Báo cáo quý IV/2026).',
    );
    const deps = { db: app.db, frameworks: app.frameworks, calendar: app.calendar, senders: new Map() };
    const planned = await planAt(deps, new Date('2026-12-08T01:00:00Z'));
    expect(planned.deliveries.map((d) => [d.deadline.name, d.lead, d.deadline.due.toISOString()])).toEqual([
      ['Báo cáo quý IV/2026', 'd7', '2026-12-15T16:59:59.000Z'],
    ]);
    expect((await planAt(deps, new Date('2026-12-04T01:00:00Z'))).deliveries).toEqual([]);
  });
});
