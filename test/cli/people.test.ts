/**
 * People and invites at scale: one code per unit of a province in an XLSX sheet read back (codes
 * that register, QR codes that decode to the Telegram link), invites listed and revoked, people
 * listed and removed, each respecting `--as`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/domain/dialog/render.js';
import { loadAnswers } from '../../src/storage/answers.js';
import { findUnitByCode } from '../../src/storage/units.js';
import { cli, openApp, register, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-people-');
const db = join(dir, 'people.sqlite');
/** Three communes of Thanh Hóa and one of Quảng Ngãi, from the official list. */
const TH = ['14950', '14797', '16522'];

/** jsqr is CommonJS: its function is the module itself (its types describe it as the default export). */
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** The text of a QR code image (PNG). */
function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

const say = async (
  app: Awaited<ReturnType<typeof openApp>>,
  who: { channel: string; externalId: string },
  text: string,
) => (await app.engine.handle(who, text)).map(renderPlain).join('\n');

describe('invites for a whole province', () => {
  it('writes one code per unit in a sheet with the link, the Zalo text and a QR code that decodes to the link', async () => {
    await cli(
      [
        'units',
        'import',
        '--province',
        'Thanh Hóa',
        '--framework',
        'thanh-hoa-xa-2023',
        '--only',
        TH.join(','),
      ],
      db,
    );
    const out = join(dir, 'invites.xlsx');
    const r = await cli(['invite', '--province', 'thanh hoa', '--out', out, '--days', '14'], db, {
      env: { TELEGRAM_BOT_USERNAME: 'cds_thanhhoa_bot', ZALO_BOT_NAME: 'CĐS Thanh Hóa' },
    });
    expect(r.err).toBe('');
    expect(r.out).toMatch(
      new RegExp(
        `^Đã ghi ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 3 mã mời, dùng một lần, hết hạn ngày \\d\\d/\\d\\d/\\d{4}\\.\\n$`,
      ),
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Mã mời')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      'Mã đơn vị',
      'Tên đơn vị',
      'Mã mời',
      'Hết hạn',
      'Telegram: bấm đường dẫn',
      'Zalo: làm theo',
      'Mã QR (Telegram)',
    ]);
    const rows = [4, 5, 6].map((n) => ws.getRow(n));
    expect(rows.map((row) => row.getCell(1).value)).toEqual(['14797', '14950', '16522']);
    expect(rows.map((row) => row.getCell(2).value)).toEqual([
      'Phường Hạc Thành',
      'Xã Điền Lư',
      'Phường Quảng Phú',
    ]);
    const images = ws.getImages();
    expect(images).toHaveLength(3);
    const app = await openApp(db);
    for (const [i, row] of rows.entries()) {
      const code = String(row.getCell(3).value);
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const link = `https://t.me/cds_thanhhoa_bot?start=${code.replace('-', '')}`;
      expect((row.getCell(5).value as { hyperlink: string }).hyperlink).toBe(link);
      expect(row.getCell(6).value).toBe(`Mở Zalo, tìm "CĐS Thanh Hóa", nhắn: ${code}`);
      expect(row.height).toBeGreaterThanOrEqual(90);
      // The image anchored in this row's QR column decodes to this row's link.
      const image = images.find((im) => Math.floor(im.range.tl.nativeRow) === row.number - 1);
      expect(image?.range.tl.nativeCol).toBe(6);
      const png = wb.getImage(Number(image?.imageId)).buffer as unknown as Buffer;
      expect(decodeQr(png)).toBe(link);
      // The code registers its unit's officer, once.
      const who = { channel: 'zalo', externalId: `officer-${i}` };
      expect(await say(app, who, code)).toContain(`cán bộ báo cáo của ${row.getCell(2).value}`);
      expect(await say(app, { channel: 'zalo', externalId: `late-${i}` }, code)).toContain(
        'Mã mời không đúng, đã dùng',
      );
    }
    await app.close();
    // Every unit now has an officer: --missing leaves nothing to invite.
    const again = await cli(['invite', '--province', 'Thanh Hóa', '--missing'], db);
    expect(again.out).toBe('Không có đơn vị nào cần cấp mã mời.\n');
    expect(again.err).toContain('Bỏ qua 3 đơn vị đã có cán bộ báo cáo đăng ký (--missing).');
  });

  it("puts the code itself in the QR code when the bot's Telegram name is not known, and prints codes without --out", async () => {
    const r = await cli(['invite', '--unit', '14950,14797', '--count', '2'], db);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Chưa biết tên Telegram của bot');
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^14797\tPhường Hạc Thành\t[A-Z2-9]{4}-[A-Z2-9]{4}\t\d\d\/\d\d\/\d{4}$/);
    const out = join(dir, 'sup.xlsx');
    await cli(['invite', '--role', 'supervisor', '--province', 'Thanh Hóa', '--out', out], db);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Mã mời')!;
    expect(ws.getCell(4, 2).value).toBe('Cán bộ giám sát tỉnh Thanh Hóa');
    const code = String(ws.getCell(4, 3).value).replace('-', '');
    const [image] = ws.getImages();
    expect(decodeQr(wb.getImage(Number(image?.imageId)).buffer as unknown as Buffer)).toBe(code);
  });

  it('lists the open invites and revokes them, by code or by unit', async () => {
    const list = await cli(['invites', 'list', '--unit', '14950'], db);
    const open = list.out.trim().split('\n');
    expect(open).toHaveLength(2);
    expect(open[0]).toMatch(
      /^[A-Z2-9]{4}-[A-Z2-9]{4}\tcán bộ báo cáo · 14950 Xã Điền Lư\thết hạn \S+\tcòn dùng được$/,
    );
    const all = await cli(['invites', 'list', '--unit', '14950', '--all'], db);
    expect(all.out).toMatch(/đã dùng \d\d\/\d\d\/\d{4}/);
    const one = open[0]?.split('\t')[0] ?? '';
    expect((await cli(['invites', 'revoke', '--code', one], db)).out).toBe(`Đã thu hồi 1 mã mời: ${one}.\n`);
    const rest = await cli(['invites', 'revoke', '--unit', '14950'], db);
    expect(rest.out).toMatch(/^Đã thu hồi 1 mã mời: [A-Z2-9]{4}-[A-Z2-9]{4}\.\n$/);
    expect((await cli(['invites', 'list', '--unit', '14950'], db)).out).toBe(
      'Không có mã mời nào còn dùng được.\n',
    );
    // A revoked code registers nobody.
    const app = await openApp(db);
    expect(await say(app, { channel: 'zalo', externalId: 'too-late' }, one)).toContain(
      'Mã mời không đúng, đã dùng hoặc đã hết hạn',
    );
    await app.close();
  });
});

describe('people', () => {
  const sup = { channel: 'telegram', externalId: 'sup-th' };
  const asSup = ['--as', 'telegram:sup-th'];
  const asOfficer = ['--as', 'zalo:officer-0'];

  it('lists people, a supervisor only the officers of their scope, an officer nobody', async () => {
    await cli(
      ['units', 'import', '--province', 'Quảng Ngãi', '--framework', 'ntm-tieu-chi-8', '--only', '21211'],
      db,
    );
    const qn = await cli(['invite', '--unit', '21211'], db);
    const app = await openApp(db);
    await app.engine.handle({ channel: 'zalo', externalId: 'officer-qn' }, qn.out.trim());
    await app.close();
    (await register(db, ['--role', 'supervisor', '--province', 'Thanh Hóa'], sup)).close();

    const everyone = await cli(['people', 'list'], db);
    expect(everyone.out.trim().split('\n')).toHaveLength(5);
    expect(everyone.out).toMatch(
      /^#\d+\tcán bộ báo cáo · 14950 Xã Điền Lư\tzalo:officer-\d\t\tđăng ký \d\d\/\d\d\/\d{4}$/m,
    );
    expect(everyone.out).toMatch(/^#\d+\tcán bộ giám sát · Thanh Hóa\ttelegram:sup-th\t/m);
    const scoped = await cli(['people', 'list', ...asSup], db);
    expect(scoped.out.trim().split('\n')).toHaveLength(3);
    expect(scoped.out).not.toContain('officer-qn');
    expect(scoped.out).not.toContain('sup-th');
    expect((await cli(['people', 'list', '--role', 'supervisor'], db)).out.trim().split('\n')).toHaveLength(
      1,
    );
    expect((await cli(['people', 'list', '--province', 'Quảng Ngãi'], db)).out).toContain('officer-qn');
    const officer = await cli(['people', 'list', ...asOfficer], db);
    expect(officer.code).toBe(1);
    expect(officer.err).toBe('cds-bot: Cán bộ báo cáo không xem được danh sách người dùng và mã mời.\n');
    expect((await cli(['invites', 'list', ...asOfficer], db)).code).toBe(1);
    // A supervisor's invites list holds only the officers' invites of their province.
    expect((await cli(['invites', 'list', '--all', ...asSup], db)).out).not.toContain('giám sát');
  });

  it('removes a person at once and keeps their answers; a supervisor removes only officers in scope', async () => {
    const officer = { channel: 'zalo', externalId: 'officer-1' };
    const app = await openApp(db);
    expect(await say(app, officer, '2.5 3/4')).toContain('Đã ghi 1 câu trả lời');
    const unit = (await findUnitByCode(app.db, '14950'))!;

    expect((await cli(['people', 'remove', '--person', 'zalo:officer-qn', ...asSup], db)).err).toContain(
      'Không có người zalo:officer-qn trong phạm vi được xem',
    );
    const list = await cli(['people', 'list', '--role', 'supervisor'], db);
    const supId = /^#(\d+)/.exec(list.out)?.[1];
    expect((await cli(['people', 'remove', '--person', `#${supId}`, ...asSup], db)).code).toBe(1);
    expect((await cli(['people', 'remove', '--person', 'zalo:officer-1', ...asOfficer], db)).code).toBe(1);

    const removed = await cli(['people', 'remove', '--person', 'zalo:officer-1', ...asSup], db);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(
      /^Đã gỡ #\d+ \(cán bộ báo cáo · 14950 Xã Điền Lư\): tài khoản zalo:officer-1 không dùng được bot nữa; các câu trả lời đã ghi vẫn giữ nguyên\.\n$/,
    );
    // The next message is a stranger's; the answer stays, with its author.
    expect(await say(app, officer, 'tiến độ')).toContain('Anh/chị vui lòng gửi mã mời');
    const answers = await loadAnswers(app.db, { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2023' }, [
      (await app.db.selectFrom('answers').select('period').executeTakeFirstOrThrow()).period,
    ]);
    expect([...answers.values()][0]?.get('2.5')).toBeDefined();
    expect((await cli(['people', 'list'], db)).out).not.toContain('officer-1');
    expect((await cli(['people', 'remove', '--person', 'zalo:officer-1'], db)).code).toBe(1);
    await app.close();
  });
});
