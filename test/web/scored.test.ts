/**
 * The web view on a 2026-style framework: a scored index with targets per NTM commune group. Each
 * unit is judged on its own group's target, and the list and the unit's page show the points.
 */
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/types.js';
import { frameworkSchema } from '../../src/domain/catalog/schema.js';
import type { Framework } from '../../src/domain/catalog/types.js';
import { registerPerson } from '../../src/storage/officers.js';
import { createWebApp } from '../../src/web/server.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';
import { vn } from './fixture.js';

const index = frameworkSchema.parse({
  id: 'chi-so-cds-xa-2026',
  name: 'Bộ chỉ số chuyển đổi số cấp xã năm 2026',
  level: 'xa',
  version: '1',
  source: 'thử',
  complete: true,
  levels: [
    { name: 'Mức 1', from: 0 },
    { name: 'Mức 2', from: 50 },
  ],
  groups: [
    {
      code: 'I',
      name: 'Hạ tầng số',
      criteria: [
        {
          code: '1.1',
          text: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
          kind: 'percent',
          target: { op: 'self', text: '', assumed: 'theo nhóm' },
          byGroup: {
            '1': { op: '>=', value: 80, text: '≥ 80%' },
            '3': { op: '>=', value: 50, text: '≥ 50%' },
          },
          points: 60,
        },
        {
          code: '1.2',
          text: 'Có điểm wifi công cộng',
          kind: 'yesno',
          target: { op: 'yes', text: 'Có' },
          points: 40,
        },
      ],
    },
  ],
}) as Framework;

describe('the web view of a scored framework with targets per commune group', () => {
  it('judges each commune on its group and shows points and level in the list and on its page', async () => {
    const clock = fixedClock(vn('2026-12-05T09:00'));
    const app = await testApp(clock);
    (app.frameworks as Map<string, Framework>).set(index.id, index);
    const th = (code: string, name: string, group: 1 | 3) => ({
      code,
      name,
      province: 'Thanh Hóa',
      frameworkId: index.id,
      group,
    });
    const a = await withOfficer(app, { channel: 'zalo', externalId: 'a' }, th('G1', 'Xã Nhóm Một', 1));
    const b = await withOfficer(app, { channel: 'zalo', externalId: 'b' }, th('G3', 'Xã Nhóm Ba', 3));
    // A commune of the same province on the province's quarterly set.
    await withOfficer(
      app,
      { channel: 'zalo', externalId: 'c' },
      { code: 'TH', name: 'Xã Bộ Cũ', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
    );
    // The same 60 % is short of group 1's 80 % and meets group 3's 50 %.
    await say(app, a.who, '1.1 60%; 1.2 có');
    await say(app, b.who, '1.1 60%; 1.2 có');
    const sup = { channel: 'zalo', externalId: 'sup' };
    await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, sup, clock.now());
    const deps: AppDeps = {
      db: app.db,
      frameworks: app.frameworks,
      clock: clock.now,
      calendar: app.calendar,
    };
    const web = createWebApp(deps);
    const link = (await say(app, sup, 'web')).match(/https?:\/\/\S+/)?.[0] ?? '';
    const token = new URL(link).searchParams.get('t') ?? '';
    const login = await web.request('/web/dang-nhap', {
      method: 'POST',
      body: new URLSearchParams({ t: token }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = async (path: string) =>
      (await (await web.request(path, { headers: { cookie } })).text())
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');

    // Every framework of the province together: no points column (the quarterly set gives none).
    const list = await page('/web/?ky=2026-Q4');
    expect(list).toContain('3 đơn vị · Hạn nộp');
    expect(list).not.toContain('Điểm');
    // Filtered on the index: its units only, in the count and the status chips, with their points.
    const onIndex = await page('/web/?ky=2026-Q4&bo=chi-so-cds-xa-2026');
    expect(onIndex).toContain('2 đơn vị · Hạn nộp');
    expect(onIndex).toContain('đang báo cáo 2 chưa bắt đầu 0');
    expect(onIndex).not.toContain('Xã Bộ Cũ');
    expect(onIndex).toContain('Điểm');
    // Group 1: 1.1 not met (all-or-nothing) → 40/100, Mức 1; group 3: both met → 100/100, Mức 2.
    expect(onIndex).toMatch(/Xã Nhóm Một .*? 1\/2 40\/100 Mức 1/);
    expect(onIndex).toMatch(/Xã Nhóm Ba .*? 2\/2 100\/100 Mức 2/);
    const unit = await page('/web/don-vi/G1?ky=2026-Q4');
    expect(unit).toContain('Điểm: 40/100 · Mức 1');
    expect(unit).toContain('≥ 80%');
    await app.close();
  });
});
