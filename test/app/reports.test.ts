import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import type { Sender } from '../../src/bot/channel.js';
import type { Reply } from '../../src/domain/dialog/protocol.js';
import { loadAnswers } from '../../src/storage/answers.js';
import { registerPerson, setArea } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, say, testApp, withOfficer } from '../helpers.js';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const TH = (code: string, name: string) => ({
  code,
  name,
  province: 'Thanh Hóa',
  frameworkId: 'thanh-hoa-xa-2023',
});

/** Records what the bot sends on its own initiative, per channel. */
function recorder(app: App, channel: string) {
  const sent: Array<{ to: string; text: string }> = [];
  const sender: Sender = {
    channel,
    send: async (to: string, replies: Reply[]) => {
      for (const r of replies) sent.push({ to, text: r.text });
    },
  };
  app.senders.set(channel, sender);
  return sent;
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

async function province() {
  const clock = fixedClock(vn('2026-12-05T09:00'));
  const app = await testApp(clock);
  const a = await withOfficer(app, { channel: 'zalo', externalId: 'officer-a' }, TH('AT', 'Xã Ái Thượng'));
  const b = await withOfficer(app, { channel: 'zalo', externalId: 'officer-b' }, TH('YN', 'Xã Yên Nhân'));
  const qn = await withOfficer(
    app,
    { channel: 'zalo', externalId: 'officer-q' },
    {
      code: 'BA',
      name: 'Xã Bình An',
      province: 'Quảng Ngãi',
      frameworkId: 'ntm-tieu-chi-8',
    },
  );
  const supervisor = { channel: 'telegram', externalId: 'sup-th' };
  await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, supervisor, clock.now());
  const qnSupervisor = { channel: 'telegram', externalId: 'sup-qn' };
  await registerPerson(app.db, { role: 'supervisor', province: 'Quảng Ngãi' }, qnSupervisor, clock.now());
  return { app, clock, a, b, qn, supervisor, qnSupervisor };
}

describe('submitting a report', async () => {
  const { app, clock, a, supervisor } = await province();
  const toSupervisors = recorder(app, 'telegram');
  const toOfficers = recorder(app, 'zalo');

  it('refuses while questions are unanswered, naming them', async () => {
    await say(app, a.who, '2.5 0/4; 3.3 60%');
    const out = await say(app, a.who, 'nộp báo cáo');
    expect(out).toContain('còn 2 câu chưa trả lời (3.6, 3.12)');
  });

  it('shows a summary, asks to confirm, and records the time; the supervisors are told', async () => {
    await say(app, a.who, '3.6 chưa rõ; 3.12 khoảng 20%');
    // The general proposals may be typed under the summary ("III. ĐỀ XUẤT, KIẾN NGHỊ", seed 002).
    expect(await say(app, a.who, 'nop bao cao')).toContain('Đề xuất, kiến nghị chung với cấp trên: chưa có');
    const ask = await say(app, a.who, 'Đề nghị hỗ trợ kinh phí lắp camera an ninh');
    expect(ask).toContain('Nộp báo cáo quý IV/2026 của Xã Ái Thượng:');
    expect(ask).toContain('Đạt 1/4 tiêu chí; chưa đạt 2; đang thực hiện 0; chưa rõ 1.');
    expect(ask).toContain('• Đề xuất, kiến nghị chung: Đề nghị hỗ trợ kinh phí lắp camera an ninh');
    expect(ask).toContain('1. Có, nộp  2. Không');
    const done = await say(app, a.who, '1');
    expect(done).toContain('Đã nộp báo cáo quý IV/2026 lúc 09:00 05/12/2026');
    expect(done).toContain('Cán bộ giám sát đã được thông báo.');
    const scope = { unitId: a.unit.id, frameworkId: 'thanh-hoa-xa-2023' };
    const { loadSubmissions } = await import('../../src/storage/submissions.js');
    expect((await loadSubmissions(app.db, scope, ['2026-Q4'])).get('2026-Q4')?.proposals).toBe(
      'Đề nghị hỗ trợ kinh phí lắp camera an ninh',
    );
    expect(toSupervisors).toEqual([
      {
        to: 'sup-th',
        text: 'Xã Ái Thượng (AT) đã nộp báo cáo quý IV/2026 lúc 09:00 05/12/2026: đạt 1/4 tiêu chí. Gõ "/tonghop AT" để xem chi tiết.',
      },
    ]);
    expect(await say(app, a.who, 'nộp báo cáo')).toContain('đã nộp lúc 09:00 05/12/2026 (đúng hạn)');
  });

  it('refuses every change to a submitted period, and writes nothing', async () => {
    const before = (
      await loadAnswers(app.db, { unitId: a.unit.id, frameworkId: 'thanh-hoa-xa-2023' }, ['2026-Q4'])
    ).get('2026-Q4');
    expect(await say(app, a.who, '2.5 3/4')).toContain('đã nộp nên không sửa được');
    expect(await say(app, a.who, 'sửa 2.5 3/4')).toContain('đã nộp nên không sửa được');
    expect(await say(app, a.who, 'báo cáo')).toContain('đã nộp nên không sửa được');
    const after = (
      await loadAnswers(app.db, { unitId: a.unit.id, frameworkId: 'thanh-hoa-xa-2023' }, ['2026-Q4'])
    ).get('2026-Q4');
    expect(after?.get('2.5')?.value).toEqual(before?.get('2.5')?.value);
  });

  it('lets the supervisor unlock it; the officer is told, edits and submits again, late this time', async () => {
    expect(await say(app, supervisor, 'mở khóa AT')).toContain(
      'Đã mở khóa báo cáo quý IV/2026 của Xã Ái Thượng',
    );
    expect(toOfficers.at(-1)).toEqual({
      to: 'officer-a',
      text: 'Báo cáo quý IV/2026 đã được mở khóa: anh/chị có thể sửa và nộp lại.',
    });
    expect(await say(app, a.who, '2.5 3/4')).toContain('2.5: 75% (3/4 doanh nghiệp) — đạt');
    clock.set(vn('2026-12-14T10:00'));
    await say(app, a.who, 'nộp báo cáo');
    await say(app, a.who, 'bỏ qua');
    expect(await say(app, a.who, 'có')).toContain('Đã nộp báo cáo quý IV/2026 lúc 10:00 14/12/2026');
    expect(toSupervisors.at(-1)?.text).toContain('(trễ hạn): đạt 2/4 tiêu chí');
  });
});

describe('the supervisor view in chat', async () => {
  const { app, a, b, supervisor, qnSupervisor } = await province();
  await say(app, a.who, '2.5 0/4; 3.3 60%; 3.6 ?; 3.12 20%');
  await say(app, a.who, 'nộp báo cáo');
  await say(app, a.who, 'bỏ qua');
  await say(app, a.who, 'có');
  await say(app, b.who, '2.5 1/4');

  it('counts submitted, in progress and not started units, the on-time rate and the most unmet criteria', async () => {
    const out = await say(app, supervisor, '/tonghop');
    expect(out).toContain('Tổng hợp quý IV/2026 · tỉnh Thanh Hóa · 2 đơn vị');
    expect(out).toContain('• Đã nộp: 1 (đúng hạn 1/1, 100%)');
    expect(out).toContain('• Đang làm: 1');
    expect(out).toContain('• Chưa bắt đầu: 0');
    expect(out).toContain('• 2.5: 2 đơn vị · Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử');
    expect(out).toContain('• YN Xã Yên Nhân: đã trả lời 1/4');
    expect(out).not.toContain('Bình An');
  });

  it('drills down into one unit of its province, and nowhere else', async () => {
    const out = await say(app, supervisor, '/tonghop AT');
    expect(out).toContain('Báo cáo quý IV/2026 đã nộp lúc');
    expect(out).toContain('Tiêu chí chưa đạt · Xã Ái Thượng · quý IV/2026');
    expect(await say(app, supervisor, '/tonghop BA')).toContain(
      'Không có đơn vị "BA" trong phạm vi giám sát',
    );
    expect(await say(app, qnSupervisor, '/tonghop AT')).toContain(
      'Không có đơn vị "AT" trong phạm vi giám sát',
    );
    expect(await say(app, qnSupervisor, 'mở khóa AT')).toContain('Không có đơn vị "AT"');
    expect(await say(app, qnSupervisor, '/xuat AT')).toContain('Không có đơn vị "AT"');
    expect(await say(app, qnSupervisor, '/tonghop')).toContain('tỉnh Quảng Ngãi · 1 đơn vị');
  });

  it('gives an area supervisor only the units of the area', async () => {
    await setArea(app.db, 'Cụm Bá Thước', ['YN']);
    const areaSup = { channel: 'zalo', externalId: 'sup-area' };
    await registerPerson(app.db, { role: 'supervisor', area: 'Cụm Bá Thước' }, areaSup, app.clock());
    const out = await say(app, areaSup, 'tong hop');
    expect(out).toContain('khu vực Cụm Bá Thước · 1 đơn vị');
    expect(await say(app, areaSup, 'xem AT')).toContain('Không có đơn vị "AT"');
  });

  it('tells an officer that the overview is for supervisors, and a supervisor what it can do', async () => {
    expect(await say(app, a.who, '/tonghop')).toContain('dành cho cán bộ giám sát');
    expect(await say(app, supervisor, 'báo cáo')).toContain('Tài khoản giám sát (tỉnh Thanh Hóa)');
  });
});

describe('documents in chat', async () => {
  const { app, a, supervisor } = await province();
  await say(app, a.who, '2.5 0/4; 3.3 60%; 3.6 ?; 3.12 khoảng 20%');
  await say(app, a.who, 'sửa 2.5 0/4');
  await say(app, a.who, 'Đề nghị BCĐ có phương án chỉ đạo');

  it('"xuất báo cáo" attaches the appendix with the computed tallies', async () => {
    const [reply] = await app.engine.handle(a.who, 'xuất báo cáo');
    expect(reply?.file?.fileName).toBe('phu-luc-AT-2026-Q4.docx');
    const text = await docxText(reply?.file?.bytes ?? new Uint8Array());
    expect(text).toContain('Ủy ban nhân dân xã Ái Thượng');
    expect(text).toContain('Tổng tiêu chí: 4; Tiêu chí đạt: 1/4; Còn lại: 3');
    // Every question answered: no draft line.
    expect(reply?.file?.draft).toBeUndefined();
    expect(text).toContain('Đề nghị BCĐ có phương án chỉ đạo');
    const [xlsx] = await app.engine.handle(a.who, '/xuat excel');
    expect(xlsx?.file?.fileName).toBe('phu-luc-AT-2026-Q4.xlsx');
  });

  it('"khó khăn" gives the difficulties report as text and as a document', async () => {
    const [reply] = await app.engine.handle(a.who, 'khó khăn');
    expect(reply?.text).toContain('1. Tiêu chí 2.5: Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử');
    expect(reply?.text).toContain('a) Yêu cầu: 50%');
    expect(reply?.text).toContain('c) Đề nghị: Đề nghị BCĐ có phương án chỉ đạo');
    const text = await docxText(reply?.file?.bytes ?? new Uint8Array());
    expect(text).toContain('Tiêu chí 2.5');
    expect(text).toContain('NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ');
  });

  it('lets a supervisor take the appendix of a unit in scope', async () => {
    const [reply] = await app.engine.handle(supervisor, '/xuat AT');
    expect(reply?.file?.fileName).toBe('phu-luc-AT-2026-Q4.docx');
  });
});

describe('a merged commune', async () => {
  const app = await testApp(fixedClock(vn('2026-11-22T09:00')));
  const old = await withOfficer(app, { channel: 'zalo', externalId: 'old' }, TH('OLD1', 'Xã Cũ'));
  await say(app, old.who, 'báo cáo Q1/2025');
  await say(app, old.who, '2.5 1/2');
  await addUnit(app.db, TH('NEW', 'Xã Mới'), app.clock());
  const { recordMerger, findUnitByCode } = await import('../../src/storage/units.js');
  await recordMerger(app.db, 'NEW', ['OLD1'], '2025-07-01');

  it("shows its predecessors' history", async () => {
    const { unitHistory } = await import('../../src/app/history.js');
    const { msg } = await import('../../src/domain/messages/index.js');
    const unit = await findUnitByCode(app.db, 'NEW');
    const text = msg.history('Xã Mới', await unitHistory(app.db, app.frameworks, unit!));
    expect(text).toContain('Trước sáp nhập: Xã Cũ (OLD1), nhập toàn bộ, đến 01/07/2025');
    expect(text).toContain('• Quý I/2025: đạt 1/4 (đã trả lời 1/4)');
  });

  it('shows the history to the new unit\'s officer who asks "lịch sử"', async () => {
    const older = await withOfficer(app, { channel: 'zalo', externalId: 'old2' }, TH('OLD2', 'Xã Cũ Hai'));
    await say(app, older.who, 'báo cáo Q2/2025');
    await say(app, older.who, '2.5 2/2');
    const fresh = await withOfficer(
      app,
      { channel: 'zalo', externalId: 'new-officer' },
      TH('NEW2', 'Xã Mới Hai'),
    );
    await recordMerger(app.db, 'NEW2', ['OLD2'], '2025-07-01');
    const out = await say(app, fresh.who, 'lich su');
    expect(out).toContain('Lịch sử báo cáo · Xã Mới Hai');
    expect(out).toContain('Trước sáp nhập: Xã Cũ Hai (OLD2), nhập toàn bộ, đến 01/07/2025');
    expect(out).toContain('• Quý II/2025: đạt 1/4 (đã trả lời 1/4)');
  });

  it('shows the same history to the supervisor drilling into the new unit', async () => {
    const sup = { channel: 'zalo', externalId: 'sup-merge' };
    await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, sup, app.clock());
    const out = await say(app, sup, '/tonghop NEW');
    expect(out).toContain('Tiêu chí chưa đạt · Xã Mới · quý IV/2026');
    expect(out).toContain('Trước sáp nhập: Xã Cũ (OLD1), nhập toàn bộ, đến 01/07/2025');
  });
});

describe('a submission in a province with no supervisor on the bot yet', () => {
  it('does not say the supervisors were told', async () => {
    const app = await testApp(fixedClock(vn('2026-12-05T09:00')));
    const a = await withOfficer(app, { channel: 'zalo', externalId: 'lonely' }, TH('AT', 'Xã Ái Thượng'));
    await say(app, a.who, '2.5 0/4; 3.3 60%; 3.6 ?; 3.12 20%');
    await say(app, a.who, 'nộp báo cáo');
    await say(app, a.who, 'bỏ qua');
    const done = await say(app, a.who, 'có');
    expect(done).toContain('Đã nộp báo cáo quý IV/2026');
    expect(done).not.toContain('Cán bộ giám sát đã được thông báo');
    expect(done).toContain('chưa có cán bộ giám sát');
  });

  it('does not say so either when only an admin was told', async () => {
    const app = await testApp(fixedClock(vn('2026-12-05T09:00')));
    const a = await withOfficer(app, { channel: 'zalo', externalId: 'lonely-2' }, TH('AT', 'Xã Ái Thượng'));
    await registerPerson(
      app.db,
      { role: 'admin' },
      { channel: 'telegram', externalId: 'admin' },
      app.clock(),
    );
    const toAdmin = recorder(app, 'telegram');
    await say(app, a.who, '2.5 0/4; 3.3 60%; 3.6 ?; 3.12 20%');
    await say(app, a.who, 'nộp báo cáo');
    await say(app, a.who, 'bỏ qua');
    const done = await say(app, a.who, 'có');
    expect(toAdmin.map((m) => m.to)).toEqual(['admin']);
    expect(done).not.toContain('Cán bộ giám sát đã được thông báo');
  });
});
