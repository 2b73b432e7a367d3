import { afterAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../../src/domain/dialog/render.js';
import { loadAnswers } from '../../../src/storage/answers.js';
import { listIdentities } from '../../../src/storage/officers.js';
import { zaloId } from '../../fakes/zalo-server.js';
import { fixedClock, testApp, withOfficer } from '../../helpers.js';
import { startHarness } from './harness.js';

describe('continuing on Zalo a report begun on Telegram', async () => {
  const clock = fixedClock();
  const app = await testApp(clock);
  const { unit, who: telegram } = await withOfficer(app, { channel: 'telegram', externalId: '1' });
  const h = await startHarness({ app });
  afterAll(() => h.close());
  const zaloUser = zaloId();
  const telegramSays = async (text: string) =>
    (await app.engine.handle(telegram, text)).map(renderPlain).join('\n\n');
  let code = '';

  it('shows a link code on Telegram in the middle of a report', async () => {
    await telegramSays('báo cáo');
    await telegramSays('100');
    const out = await telegramSays('liên kết');
    code = /Mã liên kết: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(out)?.[1] ?? '';
    expect(code).not.toBe('');
  });

  it('binds the Zalo account when the code is typed there', async () => {
    expect(await h.say(zaloUser, `mã ${code.toLowerCase()}`)).toContain(
      'Đã liên kết tài khoản này với cán bộ báo cáo của Xã Ái Thượng',
    );
    const officerId = (await app.db.selectFrom('officers').select('id').executeTakeFirstOrThrow()).id;
    expect(await listIdentities(app.db, officerId)).toContainEqual({
      channel: 'zalo',
      externalId: zaloUser,
      displayName: 'Cán bộ',
    });
    expect((await listIdentities(app.db, officerId)).map((i) => i.channel).sort()).toEqual([
      'telegram',
      'zalo',
    ]);
  });

  it('continues the same report on Zalo where Telegram left it', async () => {
    const out = await h.say(zaloUser, 'bao cao');
    expect(out).toContain('đã trả lời 1/33');
    expect(out).toContain('Tiêu chí 1.2 (2/33)');
    expect(await h.say(zaloUser, '90')).toContain('Ghi nhận 1.2: 90%');
    const answers = (
      await loadAnswers(app.db, { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' }, ['2026-Q4'])
    ).get('2026-Q4');
    expect([...(answers?.keys() ?? [])].sort()).toEqual(['1.1', '1.2']);
    expect(await telegramSays('tiến độ')).toContain('Đã trả lời: 2/33 câu');
  });

  it('refuses the used code to another Zalo account', async () => {
    expect(await h.say(zaloId(), code)).toContain('Mã mời không đúng');
  });
});
