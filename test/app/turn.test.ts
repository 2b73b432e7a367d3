import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app/turn.js';
import { renderPlain } from '../../src/domain/dialog/render.js';
import { loadAnswers, loadEvidence } from '../../src/storage/answers.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

describe('evidence (minh chứng) sent as a photo or document', async () => {
  const app = await testApp();
  const { unit, who } = await withOfficer(app);
  const scope = { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' };

  it('is kept for the criterion being answered, and the question keeps waiting', async () => {
    await say(app, who, 'báo cáo');
    const replies = await app.engine.handle(who, {
      type: 'attachment',
      kind: 'photo',
      ref: 'file-1',
      caption: 'Ảnh hộp thư',
    });
    const out = replies.map(renderPlain).join('\n');
    expect(out).toContain('Đã lưu minh chứng cho tiêu chí 1.1.');
    expect(out).toContain('Đang chờ trả lời tiêu chí 1.1');
    const second = await app.engine.handle(who, {
      type: 'attachment',
      kind: 'document',
      ref: 'file-2',
      fileName: 'ds.pdf',
    });
    expect(second[0]?.text).toContain('(2 minh chứng)');
    expect(
      (await loadEvidence(app.db, scope, '2026-Q4')).map((e) => [e.questionKey, e.ref, e.caption]),
    ).toEqual([
      ['1.1', 'file-1', 'Ảnh hộp thư'],
      ['1.1', 'file-2', null],
    ]);
  });

  it('goes to the criterion named in the caption', async () => {
    const out = (
      await app.engine.handle(who, {
        type: 'attachment',
        kind: 'photo',
        ref: 'file-3',
        caption: '1.4 sổ một cửa',
      })
    )
      .map(renderPlain)
      .join('\n');
    expect(out).toContain('Đã lưu minh chứng cho tiêu chí 1.4.');
  });

  it('shows in the gap report which criteria have evidence', async () => {
    await say(app, who, '1.4 70');
    const gaps = await say(app, who, 'tiêu chí nào chưa đạt');
    expect(gaps).toMatch(/- 1\.4 [^\n]*\n[^\n]*chưa đạt[^\n]*\n\s+Đã có 1 minh chứng/);
  });

  it('asks what it is for when no criterion is open, and says what to send for stickers or voice', async () => {
    await say(app, who, 'dừng');
    expect(
      (await app.engine.handle(who, { type: 'attachment', kind: 'photo', ref: 'f' }))[0]?.text,
    ).toContain('chưa rõ là minh chứng cho tiêu chí nào');
    expect((await app.engine.handle(who, { type: 'attachment', kind: 'sticker' }))[0]?.text).toContain(
      'Bot chỉ đọc tin nhắn chữ',
    );
    expect((await app.engine.handle(who, { type: 'attachment', kind: 'unsupported' }))[0]?.text).toContain(
      'Zalo không cho bot đọc tệp hay vị trí',
    );
  });
});

describe('the same update delivered twice', async () => {
  const app = await testApp();
  const { unit, who } = await withOfficer(app);

  it('is processed once, also by an engine started after a restart', async () => {
    await say(app, who, 'báo cáo');
    const first = await app.engine.handle(who, '80', { dedupKey: 'u-1' });
    expect(first.map((r) => r.text).join()).toContain('Ghi nhận 1.1: 80%');
    expect(await app.engine.handle(who, '80', { dedupKey: 'u-1' })).toEqual([]);
    const restarted = createEngine({
      db: app.db,
      frameworks: app.frameworks,
      clock: app.clock,
      calendar: app.calendar,
    });
    expect(await restarted.handle(who, '80', { dedupKey: 'u-1' })).toEqual([]);
    const answers = (
      await loadAnswers(app.db, { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' }, ['2026-Q4'])
    ).get('2026-Q4');
    expect(answers?.size).toBe(1);
    expect((await app.engine.handle(who, 'bỏ qua', { dedupKey: 'u-2' })).length).toBeGreaterThan(0);
  });

  it('is processed once even when two deliveries race', async () => {
    const results = await Promise.all([
      app.engine.handle(who, 'tiến độ', { dedupKey: 'u-3' }),
      app.engine.handle(who, 'tiến độ', { dedupKey: 'u-3' }),
    ]);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
  });
});

describe('linking a second messenger account', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const { who } = await withOfficer(app, { channel: 'telegram', externalId: '555' });
  const zalo = { channel: 'zalo', externalId: '6ede9afa66b88fe6d6a9' };

  it('shows a one-time code on one account that the other account types, then continues the same report', async () => {
    await say(app, who, 'báo cáo');
    await say(app, who, '100');
    const out = await say(app, who, 'liên kết');
    const code = /Mã liên kết: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(out)?.[1];
    expect(code).toBeDefined();
    expect(out).toContain('Đang chờ trả lời tiêu chí 1.2');
    expect(await say(app, zalo, code ?? '')).toContain(
      'Đã liên kết tài khoản này với cán bộ báo cáo của Xã Ái Thượng',
    );
    const resumed = await say(app, zalo, 'báo cáo');
    expect(resumed).toContain('đã trả lời 1/33');
    expect(resumed).toContain('Tiêu chí 1.2 (2/33)');
    expect(await say(app, { channel: 'zalo', externalId: 'other' }, code ?? '')).toContain(
      'Mã mời không đúng',
    );
  });

  it('expires after 30 minutes', async () => {
    const out = await say(app, who, '/lienket');
    const code = /Mã liên kết: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(out)?.[1] ?? '';
    clock.set(new Date(clock.now().getTime() + 31 * 60_000));
    expect(await say(app, { channel: 'zalo', externalId: 'late' }, code)).toContain('Mã mời không đúng');
  });
});
