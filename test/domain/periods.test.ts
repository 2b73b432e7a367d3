import { describe, expect, it } from 'vitest';
import { periodLabel } from '../../src/domain/messages/format.js';
import {
  DEFAULT_CALENDAR,
  daysLeft,
  deadlineFor,
  upcomingDeadlines,
} from '../../src/domain/periods/deadlines.js';
import { currentQuarter, parsePeriod, periodKey, previousPeriod } from '../../src/domain/periods/periods.js';

const now = new Date('2026-11-22T02:00:00Z');

describe('period keys and the ways officers write them', () => {
  it.each([
    ['2026-Q4', '2026-Q4'],
    ['Q4/2026', '2026-Q4'],
    ['q3 2022', '2022-Q3'],
    ['quý 4/2026', '2026-Q4'],
    ['Quý IV/2026', '2026-Q4'],
    ['quy iv nam 2026', '2026-Q4'],
    ['Quý I/2024', '2024-Q1'],
    ['năm 2026', '2026'],
    ['2025', '2025'],
    ['quý này', '2026-Q4'],
    ['quý trước', '2026-Q3'],
    ['năm ngoái', '2025'],
    // A quarter without its year is this year's ("báo cáo q4", "bao cao quy 4", "qIV").
    ['Q4', '2026-Q4'],
    ['quý 2', '2026-Q2'],
    ['qIV', '2026-Q4'],
    ['quy iii', '2026-Q3'],
  ])('%j is %s', (text, key) => {
    const p = parsePeriod(text, now);
    expect(p && periodKey(p)).toBe(key);
  });

  it.each(['quý 5/2026', 'Q5', 'abc', '13/2026'])('%j is not a period', (text) => {
    expect(parsePeriod(text, now)).toBeUndefined();
  });

  it('writes periods the way the seeds do', () => {
    expect(periodLabel('2026-Q4')).toBe('quý IV/2026');
    expect(periodLabel('2026')).toBe('năm 2026');
  });

  it('computes the current quarter in Vietnam time: 23:30 UTC on 31/12 is already next year', () => {
    expect(periodKey(currentQuarter(new Date('2026-12-31T16:59:59Z')))).toBe('2026-Q4');
    expect(periodKey(currentQuarter(new Date('2026-12-31T17:00:00Z')))).toBe('2027-Q1');
    expect(periodKey(currentQuarter(new Date('2026-03-31T23:30:00Z')))).toBe('2026-Q2');
  });

  it('steps back across the year boundary', () => {
    expect(periodKey(previousPeriod({ type: 'quarter', year: 2027, quarter: 1 }))).toBe('2026-Q4');
    expect(periodKey(previousPeriod({ type: 'year', year: 2027 }))).toBe('2026');
  });
});

describe("deadlines (seed 003: before the 12th of the quarter's last month; 15/11 for the year)", () => {
  it('puts quarterly deadlines at the end of the 11th of March, June, September and December, Vietnam time', () => {
    const due = [1, 2, 3, 4].map((q) =>
      deadlineFor({ type: 'quarter', year: 2026, quarter: q as 1 }).due.toISOString(),
    );
    expect(due).toEqual([
      '2026-03-11T16:59:59.000Z',
      '2026-06-11T16:59:59.000Z',
      '2026-09-11T16:59:59.000Z',
      '2026-12-11T16:59:59.000Z',
    ]);
  });

  it('lets a province count the 12th itself', () => {
    const due = deadlineFor(
      { type: 'quarter', year: 2026, quarter: 4 },
      { ...DEFAULT_CALENDAR, quarterDueDay: 12 },
    ).due;
    expect(due.toISOString()).toBe('2026-12-12T16:59:59.000Z');
  });

  it('puts the yearly deadline at the end of 15/11', () => {
    expect(deadlineFor({ type: 'year', year: 2026 }).due.toISOString()).toBe('2026-11-15T16:59:59.000Z');
  });

  it('lists the next quarterly and yearly deadlines with the days left', () => {
    const next = upcomingDeadlines(now);
    expect(next.map((d) => d.periodKey)).toEqual(['2026-Q4', '2027']);
    expect(daysLeft(now, next[0]!.due)).toBe(19);
  });

  it('counts the due day itself as day 0 and rolls to the next quarter after it', () => {
    const dueDay = new Date('2026-12-11T15:00:00Z'); // 22:00 on 11/12 in Vietnam
    expect(daysLeft(dueDay, upcomingDeadlines(dueDay)[0]!.due)).toBe(0);
    const after = new Date('2026-12-11T17:00:00Z'); // 00:00 on 12/12
    expect(upcomingDeadlines(after)[0]!.periodKey).toBe('2027-Q1');
  });
});
