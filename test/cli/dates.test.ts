/** Dates given to the CLI: as Vietnamese write them (day first) or ISO; anything ambiguous or impossible is refused. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantOf, parseDay, readDate } from '../../src/domain/periods/dates.js';
import { addUnit, cli, tempDir } from './helpers.js';

describe('readDate', () => {
  it.each([
    ['04/12/2026 08:00', '2026-12-04T01:00:00.000Z'],
    ['4/12/2026 8:00', '2026-12-04T01:00:00.000Z'],
    ['4/12/2026 8h', '2026-12-04T01:00:00.000Z'],
    ['4/12/2026 8h30', '2026-12-04T01:30:00.000Z'],
    ['04/12/2026 08:00:30', '2026-12-04T01:00:30.000Z'],
    ['  04/12/2026   08:00 ', '2026-12-04T01:00:00.000Z'],
    ['04/12/2026', '2026-12-03T17:00:00.000Z'],
    ['4/12/2026', '2026-12-03T17:00:00.000Z'],
    ['1/1/2027', '2026-12-31T17:00:00.000Z'],
    ['29/02/2028', '2028-02-28T17:00:00.000Z'],
    ['2026-12-04', '2026-12-03T17:00:00.000Z'],
    ['2026-12-04T08:00', '2026-12-04T01:00:00.000Z'],
    ['2026-12-04 08:00', '2026-12-04T01:00:00.000Z'],
    ['2026-12-04T08:00:00+07:00', '2026-12-04T01:00:00.000Z'],
    ['2026-12-04T08:00:00.000+0700', '2026-12-04T01:00:00.000Z'],
    ['2026-12-04T01:00:00Z', '2026-12-04T01:00:00.000Z'],
    ['2026-12-04T03:00:00+02:00', '2026-12-04T01:00:00.000Z'],
  ])('%j is %s (Vietnam time unless an offset is given)', (text, iso) => {
    const r = readDate(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(instantOf(r).toISOString()).toBe(iso);
  });

  it.each([
    ['12/04', 'ambiguous'],
    ['12/4', 'ambiguous'],
    ['2026/04/12', 'ambiguous'],
    ['2026/04/12 08:00', 'ambiguous'],
    ['04-12-2026', 'ambiguous'],
    ['04.12.2026', 'ambiguous'],
    ['4/12/26', 'ambiguous'],
    ['31/02/2026', 'impossible'],
    ['29/02/2027', 'impossible'],
    ['13/13/2026', 'impossible'],
    ['0/12/2026', 'impossible'],
    ['2026-02-30', 'impossible'],
    ['2026-13-01', 'impossible'],
    ['04/12/2026 24:00', 'impossible'],
    ['04/12/2026 08:60', 'impossible'],
    ['2026-12-04T08:00:00+25:00', 'impossible'],
    ['tomorrow', 'unreadable'],
    ['', 'unreadable'],
    ['ngày mai', 'unreadable'],
    ['04/12/2026 sáng', 'unreadable'],
    ['2026-12-04T08', 'unreadable'],
  ])('%j is refused as %s', (text, reason) => {
    expect(readDate(text)).toEqual({ ok: false, reason });
  });

  it('parseDay reads a day and nothing more', () => {
    expect(parseDay('2026-09-20')).toEqual({ year: 2026, month: 9, day: 20 });
    expect(parseDay('20/9/2026')).toEqual({ year: 2026, month: 9, day: 20 });
    expect(parseDay('20/09/2026 08:00')).toBeUndefined();
    expect(parseDay('09/20/2026')).toBeUndefined();
  });
});

describe('dates given to the CLI', () => {
  const db = join(tempDir('cds-cli-dates-'), 'dates.sqlite');

  it('takes --due and --date as Vietnamese write them, and refuses a time or a US-style date', async () => {
    await addUnit(db, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    const args = ['deadlines', 'add', '--name', 'Báo cáo 9 tháng', '--period', '2026-Q3', '--force'];
    expect((await cli([...args, '--due', '20/9/2026'], db)).out).toContain('hạn cuối 20/09/2026');
    const list = await cli(['deadlines', 'list', '--at', '01/09/2026 09:00'], db);
    expect(list.out).toContain('20/09/2026\tadhoc:1\tBáo cáo 9 tháng');
    const timed = await cli([...args, '--due', '20/09/2026 08:00'], db);
    expect(timed.code).toBe(1);
    expect(timed.err).toContain(
      'cds-bot: --due: cần một ngày, không kèm giờ. Cách viết: 20/09/2026, 2026-09-20.',
    );
    const us = await cli([...args, '--due', '09/20/2026'], db);
    expect(us.err).toContain(
      'cds-bot: --due: không có ngày "09/20/2026". Cách viết: 20/09/2026, 2026-09-20.',
    );
  });

  it('reads --at 04/12/2026 08:00 as the same instant as its ISO form', async () => {
    await cli(['chat', '--unit', 'AT'], db, { input: '2.5 0/4\n' });
    const vn = await cli(['reminders', 'plan', '--at', '04/12/2026 08:00'], db);
    const iso = await cli(['reminders', 'plan', '--at', '2026-12-04T08:00:00+07:00'], db);
    expect(vn.code).toBe(0);
    expect(vn.out).toContain('Nhắc hạn: Báo cáo quý IV/2026');
    expect(vn.out).toBe(iso.out);
  });

  it('refuses an ambiguous --at, showing the accepted forms', async () => {
    const r = await cli(['reminders', 'plan', '--at', '12/04'], db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'cds-bot: --at: "12/04" có thể hiểu theo hai cách. Cách viết: 04/12/2026 08:00 (giờ Việt Nam), 4/12/2026, 2026-12-04T08:00:00+07:00.',
    );
  });
});
