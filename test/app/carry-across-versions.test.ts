/**
 * Issue 19 with issue 13's versions: a commune moved to a new version of its framework from a
 * quarter on (`units frameworks --add v2 --remove v1 --from 2027-Q1`) starts that quarter from the
 * last one answered under the old version, for the criteria whose codes map (same key, same kind of
 * answer); a criterion the new version asks differently is asked, not carried.
 */
import { describe, expect, it } from 'vitest';
import type { Framework } from '../../src/domain/catalog/types.js';
import { loadAnswers } from '../../src/storage/answers.js';
import { setFrameworkChanges } from '../../src/storage/units.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const V1 = 'ntm-tieu-chi-8';
const V2 = 'ntm-tieu-chi-8-v2';

describe('a quarter after a move to a new version of the framework', async () => {
  const clock = fixedClock(vn('2026-12-01T09:00'));
  const app = await testApp(clock);
  const v1 = app.frameworks.get(V1) as Framework;
  // Version 2 keeps 8.1–8.3 and asks 8.4 as a percentage instead of Có/Không.
  const v2: Framework = {
    ...v1,
    id: V2,
    version: '2',
    groups: v1.groups.map((g) => ({
      ...g,
      criteria: g.criteria.map((c) =>
        c.code === '8.4'
          ? {
              ...c,
              kind: 'percent' as const,
              text: 'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng',
              target: { op: '>=' as const, value: 90, text: '90%' },
            }
          : c,
      ),
    })),
  } as Framework;
  (app.frameworks as Map<string, Framework>).set(V2, v2);
  const { unit, who } = await withOfficer(
    app,
    { channel: 'zalo', externalId: 'an' },
    { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: V1 },
  );
  const send = (text: string) => say(app, who, text);

  it('carries the Có results of quý IV/2026 under version 1 into quý I/2027 under version 2', async () => {
    await send('8.1 có; 8.2 có; 8.3 không áp dụng; 8.4 có');
    await setFrameworkChanges(app.db, unit.id, [
      { from: '2027-Q1', frameworkId: V2 },
      { from: '2027-Q1', frameworkId: V1, remove: true },
    ]);
    clock.set(vn('2027-02-10T09:00'));
    const offer = await send('báo cáo');
    // 8.4 changed its kind of answer: not offered, asked.
    expect(offer).toContain(
      'Quý IV/2026 xã đã báo cáo Có/Đạt hoặc không áp dụng ở 3 tiêu chí: 8.1, 8.2, 8.3',
    );
    expect(offer).toContain('1. Giữ tất cả');
    const next = await send('1');
    expect(next).toContain('Đã giữ kết quả quý IV/2026 cho 3 tiêu chí');
    expect(next).toContain('Tiêu chí 8.4');
    expect(next).toContain('Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng');
    const q1 = (await loadAnswers(app.db, { unitId: unit.id, frameworkId: V2 }, ['2027-Q1'])).get('2027-Q1');
    expect([...(q1?.keys() ?? [])].sort()).toEqual(['8.1', '8.2', '8.3']);
    expect(q1?.get('8.1')?.carriedFrom).toBe('2026-Q4');
    // Nothing was written under version 1 for the new quarter, and its quý IV/2026 stays as it was.
    const old = await loadAnswers(app.db, { unitId: unit.id, frameworkId: V1 }, ['2026-Q4', '2027-Q1']);
    expect(old.get('2027-Q1')?.size).toBe(0);
    expect(old.get('2026-Q4')?.size).toBe(4);
  });
});
