/** Which framework a unit reports on for a period, after moves from a period on. */
import { describe, expect, it } from 'vitest';
import { DIALOG_VERSION, restoreState } from '../../src/domain/dialog/state.js';
import { DEFAULT_CALENDAR } from '../../src/domain/periods/deadlines.js';
import { deadlinesAround, unitDeadlines } from '../../src/domain/reminders/calendar.js';
import {
  frameworkIdAt,
  frameworkIdsAt,
  frameworkIdsOf,
  openFrameworkIdsAt,
  openPeriodOf,
  opensPeriod,
} from '../../src/domain/units/frameworks.js';

const unit = {
  frameworkId: 'a',
  frameworkChanges: [
    { from: '2027-Q1', frameworkId: 'b' },
    { from: '2027-Q1', frameworkId: 'a', remove: true },
    { from: '2028', frameworkId: 'c' },
    { from: '2028', frameworkId: 'b', remove: true },
  ],
};

describe('frameworkIdAt', () => {
  it.each([
    ['2026-Q4', 'a'],
    ['2026', 'a'],
    ['2027-Q1', 'b'],
    ['2027', 'b'],
    ['2027-Q4', 'b'],
    ['2028-Q1', 'c'],
    ['2028', 'c'],
  ])('%s → %s', (period, id) => {
    expect(frameworkIdAt(unit, period)).toBe(id);
  });

  it('a yearly report is on the framework of its first quarter', () => {
    expect(
      frameworkIdAt(
        {
          frameworkId: 'a',
          frameworkChanges: [
            { from: '2027-Q2', frameworkId: 'b' },
            { from: '2027-Q2', frameworkId: 'a', remove: true },
          ],
        },
        '2027',
      ),
    ).toBe('a');
  });

  it('a unit that never moved stays on its own', () => {
    expect(frameworkIdAt({ frameworkId: 'a' }, '2030-Q1')).toBe('a');
    expect(frameworkIdsOf(unit)).toEqual(['a', 'b', 'c']);
  });
});

describe('several frameworks at once', () => {
  const both = {
    frameworkId: 'cds',
    frameworkChanges: [
      { from: '2027-Q1', frameworkId: 'ntm' },
      { from: '2028-Q3', frameworkId: 'cds', remove: true },
    ],
  };
  it.each([
    ['2026-Q4', ['cds']],
    ['2027-Q1', ['cds', 'ntm']],
    ['2027', ['cds', 'ntm']],
    ['2028-Q2', ['cds', 'ntm']],
    ['2028-Q3', ['ntm']],
    ['2028', ['cds', 'ntm']],
  ])('%s → %j', (period, ids) => {
    expect(frameworkIdsAt(both, period)).toEqual(ids);
  });

  it('a yearly framework takes only yearly reports; one without a calendar takes both', () => {
    const calendars: Record<string, { calendar?: 'year' | 'quarter' }> = {
      cds: {},
      ntm: { calendar: 'year' },
    };
    const get = (id: string) => calendars[id];
    expect(openFrameworkIdsAt(both, '2027-Q2', get)).toEqual(['cds']);
    expect(openFrameworkIdsAt(both, '2027', get)).toEqual(['cds', 'ntm']);
    const now = new Date('2027-05-01T03:00:00Z');
    expect(openPeriodOf({ calendar: 'year' }, now)).toBe('2027');
    expect(openPeriodOf({ calendar: 'quarter' }, now)).toBe('2027-Q2');
    expect(openPeriodOf({}, now)).toBe('2027-Q2');
  });

  it('a half-yearly framework (NTM) takes the 6-month report (quý II) and the year, and opens the one due next', () => {
    const half = { calendar: 'half-year' as const };
    expect(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2027'].filter((p) => opensPeriod(half, p))).toEqual([
      '2027-Q2',
      '2027',
    ]);
    expect(openPeriodOf(half, new Date('2027-02-10T03:00:00Z'))).toBe('2027-Q2');
    expect(openPeriodOf(half, new Date('2027-06-30T03:00:00Z'))).toBe('2027-Q2');
    expect(openPeriodOf(half, new Date('2027-07-01T03:00:00Z'))).toBe('2027');
    // Its deadlines: the second quarter's (the 6-month report) and the year's, none of the others.
    const province = deadlinesAround(new Date('2027-06-01T03:00:00Z'), 'Thanh Hóa', {
      base: DEFAULT_CALENDAR,
      overrides: [],
      adHoc: [],
      pastDays: 400,
      futureDays: 400,
    });
    const own = unitDeadlines(province, { frameworkId: 'ntm' }, { get: () => ({ name: 'NTM', ...half }) });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((d) => d.period.endsWith('-Q2') || /^\d{4}$/.test(d.period))).toBe(true);
    expect(own.map((d) => d.period)).toContain('2027-Q2');
    expect(province.some((d) => d.period === '2027-Q1')).toBe(true);
  });
});

describe('the dialog state of version 1 (one framework a unit)', () => {
  it('restores as version 2, as it was, with no framework', () => {
    const v1 = {
      v: 1,
      mode: { type: 'asking', purpose: 'walk', period: '2026-Q4', key: '2.5' },
      walk: { period: '2026-Q4', key: '2.5', active: true },
    };
    expect(restoreState(v1)).toEqual({ state: { ...v1, v: DIALOG_VERSION }, reset: false });
    expect(DIALOG_VERSION).toBe(2);
  });

  it('a version 2 state keeps the framework and the choice of report; a malformed one resets', () => {
    const v2 = {
      v: 2,
      framework: 'ntm',
      mode: {
        type: 'pick_report',
        action: 'report',
        options: [
          { framework: 'cds', period: '2026-Q4' },
          { framework: 'ntm', period: '2026' },
        ],
      },
    };
    expect(restoreState(v2)).toEqual({ state: v2, reset: false });
    expect(restoreState({ ...v2, mode: { ...v2.mode, options: [] } }).reset).toBe(true);
    expect(restoreState({ v: 3, mode: { type: 'idle' } }).reset).toBe(true);
  });
});
