import { describe, expect, it } from 'vitest';
import { findInviteCode } from '../../src/domain/dialog/invite.js';
import { createInvite } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

describe('invite codes', () => {
  it.each([
    ['ABCD-EFGH', 'ABCDEFGH'],
    ['abcd efgh', 'ABCDEFGH'],
    ['/start ABCDEFGH', 'ABCDEFGH'],
    ['Mã mời: abcd-efgh', 'ABCDEFGH'],
  ])('finds %j', (text, code) => {
    expect(findInviteCode(text)).toBe(code);
  });
  it.each(['xin chào', 'ABCD-EFG0', 'báo cáo'])('finds none in %j', (text) => {
    expect(findInviteCode(text)).toBeUndefined();
  });
});

describe('an unknown user', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const unit = await addUnit(
    app.db,
    { code: 'BA', name: 'Xã Bình An', province: 'Quảng Ngãi', frameworkId: 'ntm-tieu-chi-8' },
    clock.now(),
  );
  await createInvite(
    app.db,
    unit.id,
    'KMNPQRST',
    clock.now(),
    new Date(clock.now().getTime() + 7 * 86_400_000),
  );
  const stranger = { channel: 'telegram', externalId: '1001' };

  it('is asked for an invite code, whatever they write first', async () => {
    expect(await say(app, stranger, 'báo cáo')).toContain('vui lòng gửi mã mời');
    expect(await say(app, stranger, '/start')).toContain('vui lòng gửi mã mời');
  });

  it('is told plainly when a code is wrong', async () => {
    expect(await say(app, stranger, 'ABCD-EFGH')).toContain('Mã mời không đúng, đã dùng hoặc đã hết hạn');
  });

  it("becomes the officer of the invite's unit with a valid code, once", async () => {
    const out = await say(app, stranger, 'kmnp-qrst');
    expect(out).toContain('Đã đăng ký anh/chị là cán bộ báo cáo của Xã Bình An (Quảng Ngãi).');
    expect(out).toContain('báo cáo quý IV/2026');
    expect(await say(app, stranger, 'báo cáo')).toContain('Tiêu chí 8.1 (1/4)');
    expect(await say(app, { channel: 'telegram', externalId: '1002' }, 'KMNPQRST')).toContain(
      'Mã mời không đúng',
    );
  });
});

describe("one commune cannot see another's answers", async () => {
  const app = await testApp();
  const a = await withOfficer(app, { channel: 'console', externalId: 'a' });
  const b = await withOfficer(
    app,
    { channel: 'console', externalId: 'b' },
    {
      code: 'X2',
      name: 'Xã Yên Nhân',
      province: 'Thanh Hóa',
      frameworkId: 'thanh-hoa-xa-2022',
    },
  );

  it("answers of A never show in B's progress, gaps or edits", async () => {
    await say(app, a.who, '1.1 100; 1.2 95');
    expect(await say(app, b.who, 'tiến độ')).toContain('Đã trả lời: 0/33 câu');
    expect(await say(app, b.who, 'chưa đạt')).toContain('Xã Yên Nhân');
    expect(await say(app, b.who, 'chưa đạt')).not.toContain('95%');
    expect(await say(app, b.who, 'sửa 1.2')).not.toContain('Đã ghi');
    expect(await say(app, a.who, 'tiến độ')).toContain('Đã trả lời: 2/33 câu');
  });
});

describe('a stored dialog state from an older version', async () => {
  const app = await testApp();
  const { who } = await withOfficer(app);

  it('is reset instead of crashing the conversation', async () => {
    await say(app, who, 'báo cáo');
    await app.db.updateTable('dialog_states').set({ state_json: '{"v":0,"mode":"walking"}' }).execute();
    expect(await say(app, who, 'tiến độ')).toContain('Tiến độ quý IV/2026');
    await app.db.updateTable('dialog_states').set({ state_json: 'not json' }).execute();
    expect(await say(app, who, 'báo cáo')).toContain('Tiêu chí 1.1');
  });
});

describe('a registered person who sends an invite code', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const week = new Date(clock.now().getTime() + 7 * 86_400_000);
  const { unit, who } = await withOfficer(app, { channel: 'console', externalId: 'me' });

  it('takes a supervisor invite sent alone, instead of reading it as an answer', async () => {
    await createInvite(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, 'SUPVSRAB', clock.now(), week);
    expect(await say(app, who, 'báo cáo')).toContain('Tiêu chí 1.1');
    // Inside a sentence, the code is no invite: the open question reads it (and refuses it).
    expect(await say(app, who, 'mã của tôi là SUPV-SRAB')).not.toContain('Tài khoản giám sát');
    const out = await say(app, who, 'SUPV-SRAB');
    expect(out).toContain(
      `Tài khoản này trước đây là cán bộ báo cáo của ${unit.name}; từ nay dùng theo mã mời mới.`,
    );
    expect(out).toContain('Tài khoản giám sát (tỉnh Thanh Hóa)');
    expect(await say(app, who, '/tonghop')).toContain('· tỉnh Thanh Hóa ·');
    // Used: the same code again is read as a supervisor's message.
    expect(await say(app, who, 'SUPV-SRAB')).toContain('Tài khoản giám sát');
  });

  it('is told why an invite of a merged unit cannot be used', async () => {
    const old = await addUnit(
      app.db,
      { code: 'OLD', name: 'Xã Cũ', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      clock.now(),
    );
    await createInvite(app.db, old.id, 'CEEEEEEE', clock.now(), week);
    const { recordMerger } = await import('../../src/storage/units.js');
    await recordMerger(app.db, unit.code, ['OLD'], '2025-07-01');
    const stranger = { channel: 'zalo', externalId: 'new-one' };
    expect(await say(app, stranger, 'CEEE-EEEE')).toBe(
      `Mã mời này dành cho Xã Cũ, nhưng Xã Cũ đã sáp nhập vào ${unit.name} (${unit.code}) từ ngày 01/07/2025, nên mã không dùng được. Anh/chị đề nghị cán bộ quản trị cấp mã mời của đơn vị mới.`,
    );
  });
});
