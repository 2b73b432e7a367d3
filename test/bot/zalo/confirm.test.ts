import { afterAll, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../../src/storage/answers.js';
import { zaloId } from '../../fakes/zalo-server.js';
import { fixedClock, testApp, withOfficer } from '../../helpers.js';
import { startHarness } from './harness.js';

// Zalo has no buttons: a reading to confirm comes with numbered choices, answered with the digit
// or the words, and nothing is stored before the officer chooses.
describe('confirming a reading on Zalo', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const user = zaloId();
  const fw = 'quang-ngai-nam-du-lieu-so-2023';
  const { unit } = await withOfficer(
    app,
    { channel: 'zalo', externalId: user },
    { code: 'BS', name: 'Xã Bình Sơn', province: 'Quảng Ngãi', frameworkId: fw },
  );
  const h = await startHarness({ app });
  afterAll(() => h.close());
  const answers = async () =>
    (await loadAnswers(app.db, { unitId: unit.id, frameworkId: fw }, ['2026-Q4'])).get('2026-Q4')!;

  it('shows the verdict to choose as numbered lines', async () => {
    await h.say(user, 'bao cao');
    const out = await h.say(user, 'so hoa thanh phan ho so dat 66,95%');
    expect(out).toContain('Tiêu chí 1.1: 66,95%');
    expect(out).toContain('1. Đạt  2. Chưa đạt  3. Nhập lại');
    expect((await answers()).has('1.1')).toBe(false);
  });

  it('takes the digit of a choice', async () => {
    expect(await h.say(user, '1')).toContain('Ghi nhận 1.1: 66,95% — tự đánh giá: đạt.');
    expect((await answers()).get('1.1')?.value).toMatchObject({ value: 66.95, declared: 'met' });
  });

  it('takes the verdict typed without diacritics, and a count of something else is refused', async () => {
    await h.say(user, '12.801/35.887 ho so');
    expect(await h.say(user, 'chua dat')).toContain('tự đánh giá: chưa đạt');
    await h.say(user, 'bo qua'); // khó khăn
    await h.say(user, '100%');
    await h.say(user, '1');
    const out = await h.say(user, 'tạo lập được 10.135 tài khoản');
    expect(out).toContain('"10.135 tài khoản" không phải số người');
    expect((await answers()).has('3.1')).toBe(false);
  });
});
