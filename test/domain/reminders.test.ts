import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/domain/periods/dates.js';
import { deadlinesAround } from '../../src/domain/reminders/calendar.js';
import {
  DEFAULT_REMINDERS,
  nextReminder,
  type OfficerForPlan,
  type PeriodProgress,
  type PlannedReminder,
  planReminders,
  reminderKey,
  reminderKeys,
  reminderText,
  snoozeUntil,
} from '../../src/domain/reminders/plan.js';

/** What the officer reads: the reminder as it is sent. */
const textOf = (r: PlannedReminder | undefined) => (r ? reminderText(r) : '');

/** Vietnam wall-clock time as an instant. */
const vn = (iso: string) => new Date(`${iso}+07:00`);

const incomplete: PeriodProgress = {
  total: 33,
  answered: 25,
  unanswered: ['1.12', '1.13', '2.1', '3.3', '3.4', '3.5', '4.1', '4.7'],
  unmet: ['1.2', '1.4', '2.2'],
};
const complete: PeriodProgress = { total: 33, answered: 33, unanswered: [], unmet: ['1.2'] };

function officer(
  now: Date,
  over: Partial<OfficerForPlan> = {},
  progress: PeriodProgress = incomplete,
): OfficerForPlan {
  const deadlines = deadlinesAround(now, 'Thanh Hóa', { pastDays: 8, futureDays: 8 });
  return {
    officerId: 7,
    unitCode: 'AT',
    unitName: 'Xã Ái Thượng',
    deadlines,
    progress: new Map(deadlines.map((d) => [d.period, progress])),
    remindersEnabled: true,
    inDialog: false,
    ...over,
  };
}

const plan = (
  now: Date,
  over: Partial<OfficerForPlan> = {},
  log = new Set<string>(),
  progress = incomplete,
) => planReminders(now, [officer(now, over, progress)], log);
const leads = (now: Date, over: Partial<OfficerForPlan> = {}, log = new Set<string>()) =>
  plan(now, over, log).reminders.map((r) => `${r.deadline.key} ${r.lead}`);

describe('when reminders are due', () => {
  it.each([
    ['2026-03-04T08:00', 'quy:2026-Q1 d7'],
    ['2026-06-08T08:00', 'quy:2026-Q2 d3'],
    ['2026-09-10T08:00', 'quy:2026-Q3 d1'],
    ['2026-12-11T08:00', 'quy:2026-Q4 d0'],
    ['2026-11-08T08:00', 'nam:2026 d7'],
    ['2026-11-15T08:00', 'nam:2026 d0'],
    ['2027-03-04T08:00', 'quy:2027-Q1 d7'],
  ])('at %s Vietnam time: %s', (at, expected) => {
    expect(leads(vn(at))).toEqual([expected]);
  });

  it('sends nothing before the first lead time, and nothing once the report is complete', () => {
    expect(leads(vn('2026-12-04T07:59'))).toEqual([]);
    expect(plan(vn('2026-12-04T08:00'), {}, new Set(), complete).reminders).toEqual([]);
  });

  it('keeps quiet from 21:00 to 07:00 in Vietnam, whatever the UTC date says', () => {
    expect(plan(new Date('2026-12-03T23:30:00Z')).quiet).toBe(true); // 06:30 on 4/12 in Vietnam
    expect(leads(new Date('2026-12-03T23:30:00Z'))).toEqual([]);
    expect(leads(vn('2026-12-04T21:00'))).toEqual([]);
    expect(leads(new Date('2026-12-04T01:00:00Z'))).toEqual(['quy:2026-Q4 d7']); // 08:00 on 4/12
    expect(leads(new Date('2026-12-10T23:30:00Z'))).toEqual([]); // 06:30 on the due day itself
  });

  it('catches up a missed reminder while it is still useful, and drops it once a later one is due', () => {
    expect(leads(vn('2026-12-06T10:00'))).toEqual(['quy:2026-Q4 d7']);
    expect(leads(vn('2026-12-09T10:00'))).toEqual(['quy:2026-Q4 d3']);
  });

  it('sends each (officer, deadline, lead) once: the log holds it', () => {
    const now = vn('2026-12-04T09:00');
    const log = new Set([reminderKey('officer:7', 'quy:2026-Q4', 'd7')]);
    expect(leads(now, {}, log)).toEqual([]);
  });

  it('gives one overdue notice after the deadline, lists the late units once, and stops after a week', () => {
    const after = plan(vn('2026-12-12T09:00'));
    expect(after.reminders.map((r) => [r.deadline.key, r.lead, r.overdue])).toEqual([
      ['quy:2026-Q4', 'overdue', true],
    ]);
    expect(textOf(after.reminders[0])).toContain(
      'Quá hạn: Báo cáo quý IV/2026 của Xã Ái Thượng đã quá hạn nộp (11/12/2026).',
    );
    expect(after.lateUnits.map((n) => [n.deadline.key, n.units.map((u) => u.code)])).toEqual([
      ['quy:2026-Q4', ['AT']],
    ]);
    const logged = new Set([reminderKey('supervisors', 'quy:2026-Q4', 'late-units')]);
    expect(plan(vn('2026-12-13T09:00'), {}, logged).lateUnits).toEqual([]);
    expect(plan(vn('2026-12-20T09:00')).reminders).toEqual([]);
  });

  it('waits while the officer is in the middle of a walk-through, then sends', () => {
    const now = vn('2026-12-04T09:00');
    const busy = plan(now, { inDialog: true, lastActivityAt: new Date(now.getTime() - 5 * 60_000) });
    expect(busy.reminders).toEqual([]);
    expect(busy.deferred).toBe(1);
    expect(leads(now, { inDialog: true, lastActivityAt: new Date(now.getTime() - 40 * 60_000) })).toEqual([
      'quy:2026-Q4 d7',
    ]);
  });

  it('honours "tắt nhắc nhở" and "nhắc lại sau"', () => {
    const now = vn('2026-12-04T09:00');
    expect(leads(now, { remindersEnabled: false })).toEqual([]);
    const until = snoozeUntil(now);
    expect(until.toISOString()).toBe(vn('2026-12-05T08:00').toISOString());
    expect(leads(now, { snoozedUntil: until })).toEqual([]);
    const next = vn('2026-12-05T08:15');
    expect(leads(next, { snoozedUntil: until })).toEqual([`quy:2026-Q4 snooze:${until.toISOString()}`]);
  });

  it('says the deadline, the days left, how many are unanswered and unmet, and the first few of them', () => {
    const text = textOf(plan(vn('2026-12-08T08:00')).reminders[0]);
    expect(text).toContain('Nhắc hạn: Báo cáo quý IV/2026 của Xã Ái Thượng.');
    expect(text).toContain('Hạn nộp: 11/12/2026 (còn 3 ngày).');
    expect(text).toContain('Còn 8 câu chưa trả lời, 3 tiêu chí chưa đạt.');
    expect(text).toContain('Chưa trả lời: 1.12, 1.13, 2.1, 3.3, 3.4, …');
    expect(text).toContain('Chưa đạt: 1.2, 1.4, 2.2');
    expect(text).toContain('Gõ "báo cáo" để tiếp tục.');
  });
});

describe('the calendar', () => {
  it('adds ad-hoc deadlines for one province or for all', () => {
    const now = vn('2026-09-15T09:00');
    const adHoc = [
      {
        id: 1,
        name: 'Báo cáo 9 tháng 2026',
        period: '2026-Q3',
        dueDate: '2026-09-20',
        province: 'Thanh Hóa',
      },
      { id: 2, name: 'Báo cáo nhanh', period: '2026-Q3', dueDate: '2026-09-18' },
    ];
    const th = deadlinesAround(now, 'Thanh Hóa', { adHoc, pastDays: 0, futureDays: 10 });
    expect(th.map((d) => d.key)).toEqual(['adhoc:2', 'adhoc:1']);
    const qn = deadlinesAround(now, 'Quảng Ngãi', { adHoc, pastDays: 0, futureDays: 10 });
    expect(qn.map((d) => d.key)).toEqual(['adhoc:2']);
  });

  it('lets a province count the 12th itself', () => {
    const now = vn('2026-12-01T09:00');
    const d = deadlinesAround(now, 'Quảng Ngãi', {
      overrides: [{ province: 'Quảng Ngãi', quarterDueDay: 12 }],
      pastDays: 0,
      futureDays: 15,
    });
    expect(d[0]?.due.toISOString()).toBe(vn('2026-12-12T23:59:59').toISOString());
  });

  it('reads due dates and refuses impossible ones', () => {
    expect(parseDay('2026-09-20')).toEqual({ year: 2026, month: 9, day: 20 });
    expect(parseDay('20/9/2026')).toEqual({ year: 2026, month: 9, day: 20 });
    expect(parseDay('2026-02-30')).toBeUndefined();
  });

  it('tells the next planned reminder', () => {
    const now = vn('2026-11-22T09:00');
    const o = officer(now);
    const wide = { ...o, deadlines: deadlinesAround(now, 'Thanh Hóa', { pastDays: 0, futureDays: 30 }) };
    wide.progress = new Map(wide.deadlines.map((d) => [d.period, incomplete]));
    expect(nextReminder(now, wide, DEFAULT_REMINDERS)?.at.toISOString()).toBe(
      vn('2026-12-04T08:00').toISOString(),
    );
    expect(nextReminder(now, { ...wide, remindersEnabled: false })).toBeUndefined();
  });
});

describe('several deadlines on one morning, and merged units', () => {
  /** The quarterly deadline of 2026-Q4 (11/12) and an ad hoc one on the same day, both 3 days ahead at 08:00. */
  const now = vn('2026-12-08T08:00');
  const both = () => {
    const deadlines = deadlinesAround(now, 'Thanh Hóa', {
      adHoc: [
        {
          id: 1,
          name: 'Báo cáo chuyên đề chuyển đổi số',
          period: '2026',
          dueDate: '2026-12-11',
          province: 'Thanh Hóa',
        },
      ],
      pastDays: 8,
      futureDays: 8,
    });
    return officer(now, { deadlines, progress: new Map(deadlines.map((d) => [d.period, incomplete])) });
  };

  it('sends one reminder that lists them, and claims the log keys of both', () => {
    const p = planReminders(now, [both()], new Set());
    expect(p.reminders).toHaveLength(1);
    const [r] = p.reminders;
    expect(reminderKeys(r!)).toEqual([
      { deadlineKey: 'adhoc:1', lead: 'd3' },
      { deadlineKey: 'quy:2026-Q4', lead: 'd3' },
    ]);
    expect(textOf(r)).toBe(
      [
        'Nhắc hạn: 2 báo cáo của Xã Ái Thượng.',
        '1. Báo cáo chuyên đề chuyển đổi số: hạn nộp 11/12/2026 (còn 3 ngày).',
        '   Còn 8 câu chưa trả lời, 3 tiêu chí chưa đạt.',
        '   Chưa trả lời: 1.12, 1.13, 2.1, 3.3, 3.4, …',
        '2. Báo cáo quý IV/2026: hạn nộp 11/12/2026 (còn 3 ngày).',
        '   Còn 8 câu chưa trả lời, 3 tiêu chí chưa đạt.',
        '   Chưa trả lời: 1.12, 1.13, 2.1, 3.3, 3.4, …',
        'Gõ "báo cáo" để tiếp tục. Gõ "nhắc lại sau" để được nhắc lại sáng mai, "tắt nhắc nhở" để tắt.',
      ].join('\n'),
    );
  });

  it('sends the one not yet in the log alone, as before', () => {
    const log = new Set([reminderKey('officer:7', 'adhoc:1', 'd3')]);
    const p = planReminders(now, [both()], log);
    expect(p.reminders.map((r) => [r.deadline.key, r.lead, r.also])).toEqual([
      ['quy:2026-Q4', 'd3', undefined],
    ]);
    expect(textOf(p.reminders[0])).toContain('Nhắc hạn: Báo cáo quý IV/2026 của Xã Ái Thượng.');
  });

  it('plans nothing for the officer of a merged unit, nor counts it late', () => {
    expect(planReminders(now, [{ ...both(), unitClosed: true }], new Set()).reminders).toEqual([]);
    const overdue = vn('2026-12-12T08:00');
    expect(planReminders(overdue, [officer(overdue, { unitClosed: true })], new Set()).lateUnits).toEqual([]);
    expect(planReminders(overdue, [officer(overdue)], new Set()).lateUnits).toHaveLength(1);
  });
});
