/**
 * Issue 13, point 5: a commune on two frameworks at once, a quarterly one (its province's CĐS set)
 * and a yearly one (an NTM criterion reported once a year, due with the province's yearly report
 * on 15/11), through a whole quarter and a year in the chat, with reminders for both. SQLite
 * :memory: with the real migrations, a fixed clock, no network.
 */
import { describe, expect, it } from 'vitest';
import { type ReminderDeps, runRemindersAt } from '../../src/app/reminders.js';
import { provinceView, unitView } from '../../src/app/web.js';
import type { Sender } from '../../src/bot/channel.js';
import { keyboardFor } from '../../src/bot/telegram/render.js';
import type { Reply } from '../../src/domain/dialog/protocol.js';
import { loadAnswers } from '../../src/storage/answers.js';
import { registerPerson } from '../../src/storage/officers.js';
import { listReminderLog } from '../../src/storage/reminders.js';
import { loadSubmissions } from '../../src/storage/submissions.js';
import { setFrameworkChanges } from '../../src/storage/units.js';
import { provincePage, unitPage } from '../../src/web/pages.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const CDS = 'thanh-hoa-xa-2023';
const CDS_NAME = 'Tiêu chí chuyển đổi số cấp xã đến năm 2025 (Thanh Hóa, QĐ 1829/QĐ-UBND)';
const NTM = 'ntm-8-nam';
const NTM_NAME = 'NTM tiêu chí 8, giao từ năm 2025 (hằng năm)';

function recordingSender(channel: string) {
  const sent: Array<{ to: string; text: string }> = [];
  const sender: Sender = {
    channel,
    async send(to: string, replies: Reply[]) {
      for (const r of replies) sent.push({ to, text: r.text });
    },
  };
  return { sender, sent };
}

describe('a commune with a quarterly and a yearly framework', async () => {
  const clock = fixedClock(vn('2026-10-20T09:00'));
  const app = await testApp(clock);
  // A yearly framework: the bundled NTM criterion 8, declared with `calendar: year`.
  const ntm = app.frameworks.get('ntm-tieu-chi-8');
  if (!ntm) throw new Error('ntm-tieu-chi-8 is bundled');
  app.frameworks.set(NTM, { ...ntm, id: NTM, name: NTM_NAME, calendar: 'year' });
  const { unit, who } = await withOfficer(
    app,
    { channel: 'zalo', externalId: 'an' },
    { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: CDS },
  );
  // units frameworks --code AT --add ntm-8-nam --from 2026 (tested through the CLI in test/cli).
  await setFrameworkChanges(app.db, unit.id, [{ from: '2026', frameworkId: NTM }]);
  // A commune on the yearly framework alone.
  const yearly = await withOfficer(
    app,
    { channel: 'zalo', externalId: 'binh' },
    { code: 'NB', name: 'Xã Nga Bạch', province: 'Thanh Hóa', frameworkId: NTM },
  );
  const send = (text: string) => say(app, who, text);
  const choicesQ4 = `1. ${CDS_NAME} (quý IV/2026)  2. ${NTM_NAME} (năm 2026)`;
  const zalo = recordingSender('zalo');
  const reminders = (): ReminderDeps => ({
    db: app.db,
    frameworks: app.frameworks,
    calendar: app.calendar,
    senders: new Map([['zalo', zalo.sender]]),
  });

  it('"báo cáo" asks which report, naming each with its period', async () => {
    expect(await send('báo cáo')).toBe(
      `Đơn vị đang báo cáo theo nhiều bộ tiêu chí. Anh/chị làm báo cáo nào? Chọn số hoặc gõ tên bộ.\n${choicesQ4}`,
    );
    // Each choice fits a Telegram button (its input is the framework's id).
    const [asked] = await app.engine.handle(who, 'báo cáo');
    expect(asked?.choices?.map((c) => c.input)).toEqual([CDS, NTM]);
    expect(keyboardFor(asked?.choices ?? [], '-').dropped).toEqual([]);
    // Neither a digit in range nor a part of a name: asked again, nothing written.
    expect(await send('9')).toContain('Chưa rõ báo cáo nào');
    expect(await send('có')).toContain(choicesQ4);
  });

  it('the digit opens the quarterly walk; its answers and submission are written under that framework', async () => {
    expect(await send('1')).toContain('Báo cáo quý IV/2026 của Xã Ái Thượng: 4 câu hỏi.');
    const all = await send('2.5 2/4; 3.3 60%; 3.6 12%; 3.12 70%');
    expect(all).toContain('Đã trả lời đủ 4/4 câu quý IV/2026.');
    expect(await send('1')).toContain('Đã nộp báo cáo quý IV/2026');
    const answers = await loadAnswers(app.db, { unitId: unit.id, frameworkId: CDS }, ['2026-Q4']);
    expect(answers.get('2026-Q4')?.size).toBe(4);
    const submitted = await loadSubmissions(app.db, { unitId: unit.id, frameworkId: CDS }, ['2026-Q4']);
    expect(submitted.get('2026-Q4')?.locked).toBe(true);
    expect((await loadSubmissions(app.db, { unitId: unit.id, frameworkId: NTM }, ['2026'])).size).toBe(0);
  });

  it('progress and gaps show each framework, named, for its own period', async () => {
    const progress = await send('tiến độ');
    expect(progress).toContain(`Bộ tiêu chí: ${CDS_NAME}\n\nTiến độ quý IV/2026:\n• Đã trả lời: 4/4 câu`);
    expect(progress).toContain(`Bộ tiêu chí: ${NTM_NAME}\n\nTiến độ năm 2026:\n• Đã trả lời: 0/4 câu`);
    const gaps = await send('tiêu chí nào chưa đạt?');
    expect(gaps).toContain('Tiêu chí chưa đạt · Xã Ái Thượng · quý IV/2026');
    expect(gaps).toContain(`Tiêu chí chưa đạt · Xã Ái Thượng · năm 2026\nBộ tiêu chí: ${NTM_NAME}`);
    expect(gaps).toContain('- Chưa trả lời (4): 8.1, 8.2, 8.3, 8.4');
  });

  it('"hạn nộp" lists the yearly report of each framework, due 15/11, and the quarter', async () => {
    const due = await send('hạn nộp');
    expect(due).toContain(`• Báo cáo năm 2026 · ${CDS_NAME}: chậm nhất ngày 15/11/2026 (còn 26 ngày)`);
    expect(due).toContain(`• Báo cáo năm 2026 · ${NTM_NAME}: chậm nhất ngày 15/11/2026 (còn 26 ngày)`);
    expect(due).toContain('• Báo cáo quý IV/2026: chậm nhất ngày 11/12/2026');
    // The commune on the yearly framework alone has no quarterly report.
    const alone = await say(app, yearly.who, 'hạn nộp');
    expect(alone).toContain('• Báo cáo năm 2026: chậm nhất ngày 15/11/2026');
    expect(alone).not.toContain('quý');
  });

  it('reminds of each framework’s yearly report apart, and the yearly-only commune of its year only', async () => {
    clock.set(vn('2026-11-08T08:00'));
    await runRemindersAt(reminders(), vn('2026-11-08T08:00'));
    const keys = (await listReminderLog(app.db)).map((r) => `${r.recipient} ${r.deadlineKey}`).sort();
    expect(keys.some((k) => k.endsWith(`nam:2026:${CDS}`))).toBe(true);
    expect(keys.some((k) => k.endsWith(`nam:2026:${NTM}`))).toBe(true);
    expect(keys.some((k) => k.includes('quy:'))).toBe(false);
    // The yearly-only commune: its year, under the plain key.
    expect(keys.filter((k) => k.endsWith(' nam:2026'))).toHaveLength(1);
    const toAn = zalo.sent
      .filter((m) => m.to === 'an')
      .map((m) => m.text)
      .join('\n');
    expect(toAn).toContain(NTM_NAME);
    const toBinh = zalo.sent
      .filter((m) => m.to === 'binh')
      .map((m) => m.text)
      .join('\n');
    expect(toBinh).toContain('Báo cáo năm 2026');
  });

  it('a part of the name picks the yearly walk; it is answered and submitted under its framework', async () => {
    expect(await send('báo cáo')).toContain(`${NTM_NAME} (năm 2026)`);
    const start = await send('ntm');
    expect(start).toContain('Báo cáo năm 2026 của Xã Ái Thượng: 4 câu hỏi.');
    expect(start).toContain('Tiêu chí 8.1 (1/4)');
    await send('có');
    await send('có');
    await send('có');
    expect(await send('không')).toContain('Khó khăn, đề xuất đối với tiêu chí 8.4?');
    expect(await send('bỏ qua')).toContain('Nộp báo cáo năm 2026 của Xã Ái Thượng');
    expect(await send('1')).toContain('Đã nộp báo cáo năm 2026');
    const answers = await loadAnswers(app.db, { unitId: unit.id, frameworkId: NTM }, ['2026']);
    expect([...(answers.get('2026')?.keys() ?? [])].sort()).toEqual(['8.1', '8.2', '8.3', '8.4']);
    expect(
      (await loadAnswers(app.db, { unitId: unit.id, frameworkId: CDS }, ['2026'])).get('2026')?.size ?? 0,
    ).toBe(0);
    const submitted = await loadSubmissions(app.db, { unitId: unit.id, frameworkId: NTM }, ['2026']);
    expect(submitted.get('2026')?.locked).toBe(true);
  });

  it('three days before 15/11 only the report still open is reminded', async () => {
    const before = zalo.sent.length;
    await runRemindersAt(reminders(), vn('2026-11-12T08:00'));
    const toAn = zalo.sent
      .slice(before)
      .filter((m) => m.to === 'an')
      .map((m) => m.text)
      .join('\n');
    expect(toAn).toContain(CDS_NAME);
    expect(toAn).not.toContain(NTM_NAME);
  });

  it('a week before the quarter’s deadline: the quarter is submitted, and the yearly-only commune has none', async () => {
    await runRemindersAt(reminders(), vn('2026-12-04T08:00'));
    const keys = (await listReminderLog(app.db)).map((r) => r.deadlineKey);
    expect(keys.some((k) => k.startsWith('quy:'))).toBe(false);
    // After 15/11: the yearly report left unanswered is overdue, named with its framework.
    clock.set(vn('2026-11-22T09:00'));
    const due = await send('hạn nộp');
    expect(due).toContain(
      `• Báo cáo năm 2026 · ${CDS_NAME}: đã quá hạn (15/11/2026), chưa trả lời câu nào (4 câu).`,
    );
    expect(due).not.toContain(`năm 2026 · ${NTM_NAME}: đã quá hạn`);
  });

  it('the supervisor’s overview counts the commune once with a report per framework; unlock opens the submitted one', async () => {
    const sup = { channel: 'zalo', externalId: 'sup' };
    await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, sup, app.clock());
    const overview = (await app.engine.handle(sup, '/tonghop năm 2026'))[0]?.text ?? '';
    expect(overview).toContain('Tổng hợp năm 2026 · tỉnh Thanh Hóa · 2 đơn vị · 3 báo cáo');
    expect(overview).toContain('• Đã nộp: 1 (đúng hạn 1/1, 100%)');
    expect(overview).toContain('• 8.4 (ntm-8-nam): 1 đơn vị');
    expect(overview).toContain('• AT Xã Ái Thượng (thanh-hoa-xa-2023): đã trả lời 0/4');
    expect(overview).toContain('• NB Xã Nga Bạch: đã trả lời 0/4');
    // One commune, its report on each framework.
    const drilled = (await app.engine.handle(sup, '/tonghop AT năm 2026')).map((r) => r.text).join('\n\n');
    expect(drilled).toContain(
      `Chưa nộp báo cáo năm 2026.\n\nTiêu chí chưa đạt · Xã Ái Thượng · năm 2026\nBộ tiêu chí: ${CDS_NAME}`,
    );
    expect(drilled).toContain(
      `Báo cáo năm 2026 đã nộp lúc 08:00 08/11/2026 (đúng hạn).\n\nTiêu chí chưa đạt · Xã Ái Thượng · năm 2026\nBộ tiêu chí: ${NTM_NAME}`,
    );
    // The officers hear which report opened.
    const told: Array<{ to: string; text: string }> = [];
    app.senders.set('zalo', {
      channel: 'zalo',
      send: async (to: string, replies: Reply[]) => {
        for (const r of replies) told.push({ to, text: r.text });
      },
    });
    const unlock = (await app.engine.handle(sup, 'mở khóa AT năm 2026'))[0]?.text ?? '';
    expect(told).toContainEqual({
      to: 'an',
      text: `Báo cáo năm 2026 (${NTM_NAME}) đã được mở khóa: anh/chị có thể sửa và nộp lại.`,
    });
    app.senders.delete('zalo');
    expect(unlock).toBe(
      'Đã mở khóa báo cáo năm 2026 của Xã Ái Thượng; cán bộ của đơn vị đã được báo để sửa và nộp lại.',
    );
    const ntmSub = await loadSubmissions(app.db, { unitId: unit.id, frameworkId: NTM }, ['2026']);
    expect(ntmSub.get('2026')?.locked).toBe(false);
  });

  it('the web view: a row per framework, each linking to the unit on that framework', async () => {
    const deps = { db: app.db, frameworks: app.frameworks, clock: app.clock, calendar: app.calendar };
    const actor = { role: 'supervisor' as const, personId: 0, province: 'Thanh Hóa' };
    const view = await provinceView(deps, actor, '2026');
    const rows = view.rows.filter((r) => r.code === 'AT').map((r) => r.frameworkId);
    expect(rows.sort()).toEqual([NTM, CDS].sort());
    expect(provincePage(actor, view, { page: 1 }, ['2026'])).toContain(
      `/web/don-vi/AT?ky=2026&amp;bo=${NTM}`,
    );
    const page = await unitView(deps, actor, 'AT', '2026', NTM);
    expect(page?.framework.id).toBe(NTM);
    expect(page?.report.totals.notMet).toBe(1);
    expect(unitPage(actor, page as NonNullable<typeof page>, ['2026'])).toContain(`bo=${NTM}`);
    // Without ?bo=, the unit's first framework, as before.
    expect((await unitView(deps, actor, 'AT', '2026'))?.framework.id).toBe(CDS);
  });

  it('"xuất báo cáo" asks which framework, and makes the chosen one’s appendix', async () => {
    expect(await send('xuất báo cáo')).toContain('Xuất phụ lục của bộ nào?');
    const replies = await app.engine.handle(who, '2');
    expect(replies[0]?.text).toContain('Phụ lục kết quả năm 2026');
    expect(replies[0]?.file).toBeDefined();
    // The difficulties report too: the NTM report has 8.4 chưa đạt.
    expect(await send('khó khăn')).toContain('Lập báo cáo khó khăn của bộ nào?');
    const difficulties = await app.engine.handle(who, 'ntm');
    expect(difficulties[0]?.text).toContain('8.4');
    expect(difficulties[0]?.file).toBeDefined();
  });

  it('"nộp báo cáo" from an officer on no report yet asks which, and answers for the chosen one', async () => {
    const { registerOfficer } = await import('../../src/storage/officers.js');
    const chi = { channel: 'zalo', externalId: 'chi' };
    await registerOfficer(app.db, unit.id, chi, clock.now());
    const asked = await app.engine.handle(chi, 'nộp báo cáo');
    expect(asked[0]?.text).toContain('Nộp báo cáo của bộ nào?');
    expect(asked[0]?.choices?.map((c) => c.input)).toEqual([CDS, NTM]);
    // The yearly NTM report (unlocked by the supervisor above): its summary, to submit again.
    const summary = await say(app, chi, 'ntm');
    expect(summary).toContain('Nộp báo cáo năm 2026 của Xã Ái Thượng');
    expect(summary).toContain('/4 tiêu chí');
    // The officer walking a report submits that one without being asked.
    expect(await send('nộp báo cáo')).not.toContain('của bộ nào?');
  });

  it('next year: the quarter and the year open anew; "như cũ" keeps last year’s on the yearly framework', async () => {
    clock.set(vn('2027-01-10T09:00'));
    expect(await send('báo cáo')).toContain(`1. ${CDS_NAME} (quý I/2027)  2. ${NTM_NAME} (năm 2027)`);
    const offer = await send('2');
    expect(offer).toContain('năm 2026');
    await send('1');
    const kept = await loadAnswers(app.db, { unitId: unit.id, frameworkId: NTM }, ['2027']);
    expect(kept.get('2027')?.get('8.1')?.carriedFrom).toBe('2026');
    // A part of a name, without marks and in any case; a part both names share is asked again.
    await send('báo cáo');
    expect(await send('tiêu chí')).toContain('Chưa rõ báo cáo nào');
    expect(await send('TIEU CHI 8')).toContain('năm 2027');
    // The initials of a name pick it too ("cđs": chuyển đổi số).
    await send('báo cáo');
    expect(await send('CĐS')).toContain('quý I/2027');
    // A tap sends the framework's id; the whole name typed works too, and its "năm 2025" is not
    // taken for a period (the unit was not on the NTM framework in 2025).
    await send('báo cáo');
    expect(await send(NTM)).toContain('năm 2027');
    await send('báo cáo');
    const tapped = await send(NTM_NAME);
    expect(tapped).not.toContain('Chưa rõ báo cáo nào');
    expect(tapped).toContain('năm 2027');
    await send('báo cáo');
    expect(await send(CDS_NAME)).toContain('quý I/2027');
  });
});

describe('a move to another framework (an add and a remove from the same period) never asks which', async () => {
  const clock = fixedClock(vn('2027-05-10T09:00'));
  const app = await testApp(clock);
  const { unit, who } = await withOfficer(
    app,
    { channel: 'console', externalId: 'mv' },
    { code: 'MV', name: 'Xã Chuyển', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' },
  );
  await setFrameworkChanges(app.db, unit.id, [
    { from: '2027-Q2', frameworkId: 'thanh-hoa-xa-2022' },
    { from: '2027-Q2', frameworkId: 'thanh-hoa-xa-2023', remove: true },
  ]);

  it('this quarter is on the new framework; this year (begun in Q1) stays on the old one', async () => {
    const quarter = await say(app, who, 'báo cáo');
    expect(quarter).not.toContain('nhiều bộ tiêu chí');
    expect(quarter).toContain('Báo cáo quý II/2027 của Xã Chuyển: 33 câu hỏi.');
    await say(app, who, 'dừng');
    const year = await say(app, who, 'báo cáo năm 2027');
    expect(year).not.toContain('nhiều bộ tiêu chí');
    expect(year).toContain('Báo cáo năm 2027 của Xã Chuyển: 4 câu hỏi.');
  });
});
