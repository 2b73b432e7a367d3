/** `units set` and `provinces set`: what a unit's and a province's documents take from settings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { addUnit, cli, register, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-settings-');
const db = join(dir, 'cli.sqlite');

/** The text of a DOCX's body and headers, a paragraph a line. */
async function docxText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const parts = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /^word\/(document|header\d*)\.xml$/.test(f))
      .map((f) => zip.file(f)!.async('string')),
  );
  return parts
    .join('\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

describe('document settings at the command line', () => {
  it('sets, shows and clears the signer, place and district of a unit', async () => {
    await addUnit(db, '14950', 'Xã Điền Lư', 'Thanh Hóa', 'thanh-hoa-xa-2023');
    const set = await cli(
      [
        'units',
        'set',
        '--unit',
        '14950',
        '--signer-mode',
        'kt',
        '--signer-title',
        'PHÓ CHỦ TỊCH',
        '--signer-name',
        'Lê Văn Bình',
        '--place',
        'Điền Lư',
        '--district',
        'Bá Thước',
      ],
      db,
    );
    expect(set.code).toBe(0);
    expect(set.out).toBe(
      [
        'Văn bản của Xã Điền Lư (14950):',
        '  Thẩm quyền ký: KT. CHỦ TỊCH',
        '  Chức vụ: PHÓ CHỦ TỊCH',
        '  Họ tên: Lê Văn Bình',
        '  Địa danh: Điền Lư',
        '  Huyện cũ: Bá Thước',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'phu-luc.docx');
    expect((await cli(['export', '--unit', '14950', '--period', '2026-Q4', '--out', out], db)).code).toBe(0);
    const t = await docxText(out);
    expect(t).toContain('KT. CHỦ TỊCH');
    expect(t).toContain('Lê Văn Bình');
    expect(t).toMatch(/Điền Lư, ngày/);

    // An empty value clears that field alone; no option shows the settings as they are.
    expect((await cli(['units', 'set', '--unit', '14950', '--signer-name', '', '--place='], db)).code).toBe(
      0,
    );
    const shown = await cli(['units', 'set', '--unit', '14950'], db);
    expect(shown.out).toContain('  Họ tên: (chưa đặt: để trống cho người ký tự ghi)');
    expect(shown.out).toContain('  Địa danh: (chưa đặt: theo tên xã)');
    expect(shown.out).toContain('  Huyện cũ: Bá Thước');
  });

  it('refuses a signer mode other than TM or KT, an unknown unit, and --as', async () => {
    const bad = await cli(['units', 'set', '--unit', '14950', '--signer-mode', 'TL'], db);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      'cds-bot: --signer-mode chỉ nhận TM (Chủ tịch ký thay mặt Ủy ban) hoặc KT (Phó Chủ tịch ký thay Chủ tịch).\n',
    );
    const unknown = await cli(['units', 'set', '--unit', 'NOPE', '--place', 'X'], db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có đơn vị "NOPE"');
    const app = await register(db, ['--unit', '14950'], { channel: 'zalo', externalId: 'officer-1' });
    await app.close();
    for (const args of [
      ['units', 'set', '--unit', '14950', '--place', 'X'],
      ['provinces', 'set', '--province', 'Thanh Hóa', '--basis', 'X'],
    ]) {
      const r = await cli([...args, '--as', 'zalo:officer-1'], db);
      expect(r.code).toBe(1);
      expect(r.err).toContain('chạy với quyền của người vận hành, không làm thay người khác: bỏ --as.');
    }
  });

  it("sets a province's recipients and căn cứ from items separated by ; or new lines", async () => {
    const set = await cli(
      [
        'provinces',
        'set',
        '--province',
        'Thanh Hóa',
        '--recipients',
        'Sở Khoa học và Công nghệ tỉnh Thanh Hóa; Ủy ban nhân dân tỉnh Thanh Hóa',
        '--basis',
        'Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh\nCông văn số 34/SKHCN ngày 02/02/2026',
      ],
      db,
    );
    expect(set.code).toBe(0);
    expect(set.out).toBe(
      [
        'Văn bản của các đơn vị Thanh Hóa:',
        '  Kính gửi: Sở Khoa học và Công nghệ tỉnh Thanh Hóa; Ủy ban nhân dân tỉnh Thanh Hóa',
        '  Căn cứ: Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh; Công văn số 34/SKHCN ngày 02/02/2026',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'kho-khan.docx');
    const exported = await cli(
      ['export', '--unit', '14950', '--period', '2026-Q4', '--kind', 'difficulties', '--out', out],
      db,
    );
    expect(exported.code).toBe(0);
    const t = await docxText(out);
    expect(t).toContain('- Ủy ban nhân dân tỉnh Thanh Hóa.');
    expect(t).toContain('Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh');

    // "" clears the recipients: the report goes to the Sở again.
    await cli(['provinces', 'set', '--province', 'Thanh Hóa', '--recipients', ''], db);
    const shown = await cli(['provinces', 'set', '--province', 'Thanh Hóa'], db);
    expect(shown.out).toContain('  Kính gửi: (chưa đặt: theo bộ tiêu chí, hoặc Sở Khoa học và Công nghệ)');
    expect(shown.out).toContain('  Căn cứ: Kế hoạch số 12/KH-UBND');
  });
});
