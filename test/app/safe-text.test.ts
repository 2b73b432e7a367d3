import { describe, expect, it } from 'vitest';
import { safeStrings, safeText } from '../../src/domain/safe-text.js';
import { applyEffects } from '../../src/storage/effects.js';
import { createInvite } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, say, testApp } from '../helpers.js';

/** A lone high and a lone low surrogate (half an emoji), NUL, BEL, ESC, DEL and a C1 control. */
const DIRT = '\uD83D\u0000\u0007\u001B\u007F\u0085\uDE00';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\uD800-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

describe('safeText', () => {
  it('removes lone surrogates and control characters, keeps emoji, tabs and line breaks', () => {
    expect(safeText(`a${DIRT}b`)).toBe('ab');
    expect(safeText('Xã 👍\tđạt\nxong')).toBe('Xã 👍\tđạt\nxong');
    expect(safeStrings({ a: [`x${DIRT}`], d: new Date(0) })).toEqual({ a: ['x'], d: new Date(0) });
  });
});

describe('nothing stored carries lone surrogates or control characters', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const unit = await addUnit(
    app.db,
    { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
    clock.now(),
  );
  await createInvite(app.db, unit.id, 'KMNPQRST', clock.now(), new Date(clock.now().getTime() + 86_400_000));
  const who = { channel: 'telegram', externalId: '7001', displayName: `Chị${DIRT} Hoa` };

  it('from chat: the display name, answers, khó khăn and evidence captions', async () => {
    expect(await say(app, who, `KMNP${DIRT}-QRST`)).toContain('Đã đăng ký');
    await say(app, who, 'báo cáo');
    expect(await say(app, who, `19/2${DIRT}0`)).toContain('Ghi nhận 1.1');
    await say(app, who, `thiếu${DIRT} máy tính`);
    await app.engine.handle(who, {
      type: 'attachment',
      kind: 'photo',
      ref: `file${DIRT}-1`,
      caption: `1.2 sổ${DIRT} sách`,
      fileName: `a${DIRT}.jpg`,
    });
    const rows = [
      ...(await app.db.selectFrom('identities').selectAll().execute()),
      ...(await app.db.selectFrom('officers').selectAll().execute()),
      ...(await app.db.selectFrom('answers').selectAll().execute()),
      ...(await app.db.selectFrom('answer_history').selectAll().execute()),
      ...(await app.db.selectFrom('evidence').selectAll().execute()),
      ...(await app.db.selectFrom('dialog_states').selectAll().execute()),
    ];
    const texts = rows.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'));
    expect(texts.filter((t) => UNSAFE.test(t))).toEqual([]);
    expect(texts).toContain('Chị Hoa');
    expect(texts).toContain('19/20');
    expect(texts).toContain('thiếu máy tính');
  });

  it('from an imported sheet (effects written by the operator)', async () => {
    await app.db.transaction().execute((trx) =>
      applyEffects(
        trx,
        { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' },
        { officerId: null, channel: 'import' },
        [
          { type: 'save_difficulty', period: '2026-Q4', key: '1.1', text: `khó${DIRT}` },
          { type: 'save_proposal', period: '2026-Q4', key: '1.1', text: `đề xuất${DIRT}` },
        ],
        clock.now(),
      ),
    );
    const row = await app.db
      .selectFrom('answers')
      .select(['difficulty', 'proposal'])
      .where('question_key', '=', '1.1')
      .executeTakeFirst();
    expect(row).toEqual({ difficulty: 'khó', proposal: 'đề xuất' });
  });
});
