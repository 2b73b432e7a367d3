/**
 * A province brings its own framework in, as its operator would: the template, an import with
 * every assumption listed, the preview in the chat, publishing, a changed table as a new version,
 * and the export that imports back to the same framework.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_DIR } from '../../src/catalogs.js';
import { parseFrameworkFile } from '../../src/domain/catalog/load.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cds-cli-frameworks-');
const catalogs = join(dir, 'catalogs');
mkdirSync(catalogs);
for (const f of readdirSync(BUNDLED_CATALOG_DIR))
  copyFileSync(join(BUNDLED_CATALOG_DIR, f), join(catalogs, f));
const db = join(dir, 'cli.sqlite');
const env = { CDS_CATALOG_DIR: catalogs };
const run = (args: string[], input?: string) => cli(args, db, { env, ...(input ? { input } : {}) });

const TABLE = [
  'TT,Tên chỉ tiêu,Đơn vị tính,Chỉ tiêu giao',
  'I,Hạ tầng số,,',
  '1,Tốc độ truy cập Internet băng rộng cố định trung bình,Mb/s,tối thiểu 36 Mb/s',
  '2,Tỷ lệ hộ gia đình chưa có điện thoại thông minh,%,dưới 5%',
  '3,Xã có mạng wifi công cộng,,Có',
].join('\n');

describe('frameworks import → chat --framework → publish', () => {
  const csv = join(dir, 'bang.csv');
  writeFileSync(csv, `${TABLE}\n`);

  it('writes a draft into the catalog folder and lists what it assumed', async () => {
    const r = await run([
      'frameworks',
      'import',
      csv,
      '--id',
      'gia-phong-2026',
      '--name',
      'Chỉ tiêu CĐS xã Gia Phong 2026',
      '--province',
      'Ninh Bình',
      '--calendar',
      'year',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã đọc 3 tiêu chí trong 1 nhóm (3 câu hỏi cho xã).');
    expect(r.out).toContain('- Dòng 3, cột A (TT): mã "1" ghi thành 1.1');
    expect(r.out).toContain(`Đã ghi bản nháp ${join(catalogs, 'gia-phong-2026.yaml')}.`);
    const fw = parseFrameworkFile(
      'gia-phong-2026.yaml',
      readFileSync(join(catalogs, 'gia-phong-2026.yaml'), 'utf8'),
    );
    expect(fw).toMatchObject({ status: 'draft', calendar: 'year', province: 'Ninh Bình', version: '1' });
  });

  it('refuses to give a draft to a unit', async () => {
    const r = await run([
      'units',
      'add',
      '--code',
      'GP',
      '--name',
      'Xã Gia Phong',
      '--province',
      'Ninh Bình',
      '--framework',
      'gia-phong-2026',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Bộ tiêu chí gia-phong-2026 còn là bản nháp: chưa giao cho đơn vị được.');
  });

  it('walks the draft in the chat without a unit, judging Mb/s and an upper bound', async () => {
    const r = await run(['chat', '--framework', 'gia-phong-2026'], 'báo cáo\n30,5 Mb/s\nbỏ qua\n7%\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Xem thử bộ tiêu chí "Chỉ tiêu CĐS xã Gia Phong 2026"');
    expect(r.out).toContain('Chỉ tiêu: tối thiểu 36 Mb/s');
    expect(r.out).toContain(
      'Ghi nhận 1.1: 30,5 Mb/s — chưa đạt (chỉ tiêu tối thiểu 36 Mb/s); cần thêm 5,5 Mb/s',
    );
    expect(r.out).toContain('Ghi nhận 1.2: 7% — chưa đạt (chỉ tiêu dưới 5%); cần giảm thêm 2 điểm %');
    // Nothing reached the real database.
    expect((await run(['units', 'list'])).out).not.toContain('Thử Nghiệm');
  });

  it('publishes; the same table again changes nothing, a changed one becomes a new version', async () => {
    const p = await run(['frameworks', 'publish', 'gia-phong-2026']);
    expect(p.out).toContain('Đã ban hành gia-phong-2026');
    expect(
      (
        await run([
          'units',
          'add',
          '--code',
          'GP',
          '--name',
          'Xã Gia Phong',
          '--province',
          'Ninh Bình',
          '--framework',
          'gia-phong-2026',
        ])
      ).code,
    ).toBe(0);
    const before = readFileSync(join(catalogs, 'gia-phong-2026.yaml'), 'utf8');
    const same = await run([
      'frameworks',
      'import',
      csv,
      '--id',
      'gia-phong-2026',
      '--name',
      'Chỉ tiêu CĐS xã Gia Phong 2026',
      '--province',
      'Ninh Bình',
      '--calendar',
      'year',
    ]);
    expect(same.out).toContain('Bộ gia-phong-2026 đã ban hành và bảng không có gì khác: không ghi gì.');
    writeFileSync(csv, `${TABLE.replace('dưới 5%', 'dưới 3%')}\n`);
    const changed = await run([
      'frameworks',
      'import',
      csv,
      '--id',
      'gia-phong-2026',
      '--name',
      'Chỉ tiêu CĐS xã Gia Phong 2026',
      '--province',
      'Ninh Bình',
      '--calendar',
      'year',
    ]);
    expect(changed.code).toBe(0);
    expect(changed.out).toContain(
      'Bộ gia-phong-2026 đã ban hành nên không sửa được; bảng này được ghi thành phiên bản mới gia-phong-2026-v2 (phiên bản 2).',
    );
    expect(readFileSync(join(catalogs, 'gia-phong-2026.yaml'), 'utf8')).toBe(before);
    const v2 = parseFrameworkFile(
      'gia-phong-2026-v2.yaml',
      readFileSync(join(catalogs, 'gia-phong-2026-v2.yaml'), 'utf8'),
    );
    expect(v2).toMatchObject({ version: '2', status: 'draft' });
    expect(v2.groups[0]?.criteria[1]?.target).toMatchObject({ op: '<', value: 3 });
  });

  it('refuses a broken table and writes nothing', async () => {
    const bad = join(dir, 'sai.csv');
    writeFileSync(bad, 'STT,Tiêu chí,Chỉ tiêu giao\nI,Nhóm,\n1.1,Tỷ lệ A,120%\n');
    const r = await run(['frameworks', 'import', bad, '--id', 'sai', '--name', 'Sai']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không ghi bộ tiêu chí: bảng có 1 chỗ cần sửa trước khi nhập.');
    expect(r.err).toContain('- Dòng 3, cột C (Chỉ tiêu giao) "120%": tỷ lệ vượt quá 100%.');
    expect(existsSync(join(catalogs, 'sai.yaml'))).toBe(false);
    const noId = await run(['frameworks', 'import', bad, '--name', 'Sai']);
    expect(noId.err).toContain('Thiếu --id');
  });
});

describe('frameworks export and template', () => {
  it('exports a bundled framework; importing the file (its info sheet gives id and name) changes nothing', async () => {
    const out = join(dir, 'ntm.xlsx');
    const e = await run(['frameworks', 'export', 'ntm-nang-cao-tttt', '--out', out]);
    expect(e.out).toContain(`Đã ghi ${out}: bộ ntm-nang-cao-tttt dạng bảng.`);
    const back = await run(['frameworks', 'import', out]);
    expect(back.out).toBe('Bộ ntm-nang-cao-tttt đã ban hành và bảng không có gì khác: không ghi gì.\n');
  });

  it('writes the template, which imports as a draft with an example of every kind', async () => {
    const out = join(dir, 'mau.xlsx');
    expect((await run(['frameworks', 'template', '--out', out])).code).toBe(0);
    const r = await run(['frameworks', 'import', out, '--id', 'mau', '--name', 'Mẫu']);
    expect(r.code).toBe(0);
    // Only the example left blank on purpose is an assumption; a composite's blank row is not one.
    expect(r.out).toContain(
      'Cần kiểm tra 1 ô đã đọc theo giả định:\n- Dòng 9, cột C (Chỉ tiêu giao): chỉ tiêu để trống',
    );
    const fw = parseFrameworkFile('mau.yaml', readFileSync(join(catalogs, 'mau.yaml'), 'utf8'));
    const kinds = fw.groups.flatMap((g) =>
      g.criteria.flatMap((c) => [c.kind, ...(c.parts ?? []).map((p) => p.kind)]),
    );
    expect(new Set(kinds)).toEqual(new Set(['percent', 'yesno', 'count', 'text', 'composite']));
  });
});

describe('a scored index brought in from its table', () => {
  it('reads points, tỷ lệ and tiers, and gaps --json gives score, group and gap points', async () => {
    const csv = join(dir, 'chi-so.csv');
    writeFileSync(
      csv,
      [
        'Mã chỉ số;Chỉ số;Chỉ tiêu giao;ĐVT;Điểm tối đa;Cách chấm điểm',
        'I;Nhận thức số;;;;',
        '1.1;Có kế hoạch chuyển đổi số năm;Có;;20;',
        '1.2;Tỷ lệ cán bộ được bồi dưỡng kỹ năng số;80%;%;30;tỷ lệ',
        'II;Hạ tầng số;;;;',
        '2.1;Tỷ lệ hộ có cáp quang;90%;%;40;"từ 50: 10; từ 70: 25; từ 90: 40"',
        '2.2;Tỷ lệ hộ chưa có điện thoại thông minh;dưới 5%;%;10;',
      ].join('\n'),
    );
    const imp = await run([
      'frameworks',
      'import',
      csv,
      '--id',
      'chi-so-2026',
      '--name',
      'Chỉ số CĐS xã 2026',
      '--levels',
      'Mức 1: 0; Mức 2: 50; Mức 3: 80',
    ]);
    expect(imp.err).toBe('');
    expect((await run(['frameworks', 'publish', 'chi-so-2026'])).code).toBe(0);
    expect(
      (
        await run([
          'units',
          'add',
          '--code',
          'CS',
          '--name',
          'Xã Chỉ Số',
          '--province',
          'Ninh Bình',
          '--framework',
          'chi-so-2026',
        ])
      ).code,
    ).toBe(0);
    await run(['chat', '--unit', 'CS'], 'báo cáo\nkhông\nbỏ qua\n60%\nbỏ qua\n75%\nbỏ qua\n6%\nbỏ qua\n');
    const json = JSON.parse((await run(['gaps', '--unit', 'CS', '--json'])).out);
    expect(json.score).toEqual({ points: 47.5, max: 100, level: 'Mức 1' });
    expect(
      json.groups.map((g: { code: string; points: number; max: number }) => [g.code, g.points, g.max]),
    ).toEqual([
      ['I', 22.5, 50],
      ['II', 25, 50],
    ]);
    expect(
      json.gaps.map((g: { code: string; points: number; max: number }) => [g.code, g.points, g.max]),
    ).toEqual([
      ['1.1', 0, 20],
      ['2.1', 25, 40],
      ['2.2', 0, 10],
      ['1.2', 22.5, 30],
    ]);
    const text = (await run(['gaps', '--unit', 'CS'])).out;
    expect(text).toContain('Điểm: 47,5/100 · Mức 1');
    const progress = await run(['chat', '--unit', 'CS'], 'tiến độ\n');
    expect(progress.out).toContain('• Điểm: 47,5/100 · Mức 1');
  });

  it('leaves the score fields out for a pass/fail framework', async () => {
    const json = JSON.parse((await run(['gaps', '--unit', 'GP', '--json'])).out);
    expect(json.score).toBeUndefined();
    expect(json.groups[0].points).toBeUndefined();
    expect(json.gaps[0].points).toBeUndefined();
  });
});

describe('a unit’s NTM commune group picks its targets', () => {
  it('units add/set --group; a unit without a group is told to the administrator, not judged', async () => {
    const csv = join(dir, 'ntm.csv');
    writeFileSync(
      csv,
      [
        'TT,Chỉ tiêu,ĐVT,Xã nhóm 1,Xã nhóm 2,Xã nhóm 3',
        '7,Khoa học công nghệ và chuyển đổi số,,,,',
        '7.1,Tỷ lệ hồ sơ trực tuyến,%,≥ 80%,≥ 70%,≥ 50%',
      ].join('\n'),
    );
    expect(
      (await run(['frameworks', 'import', csv, '--id', 'ntm-2026', '--name', 'NTM 2026–2030, tiêu chí 7']))
        .code,
    ).toBe(0);
    await run(['frameworks', 'publish', 'ntm-2026']);
    const add = await run([
      'units',
      'add',
      '--code',
      'N3',
      '--name',
      'Xã Miền Núi',
      '--province',
      'Ninh Bình',
      '--framework',
      'ntm-2026',
    ]);
    expect(add.out).toContain(
      'Lưu ý: bộ ntm-2026 có chỉ tiêu khác nhau theo nhóm xã (7.1) mà đơn vị N3 chưa được xếp nhóm',
    );
    expect((await run(['units', 'list'])).out).toMatch(/N3\tXã Miền Núi\t.*\tchưa xếp nhóm xã/);
    // Without a group the threshold is not known: the officer's own verdict is all there is.
    await run(['chat', '--unit', 'N3'], 'báo cáo\n60% chưa đạt\nbỏ qua\n');
    const ungrouped = await run(['gaps', '--unit', 'N3']);
    expect(ungrouped.err).toContain('đơn vị N3 chưa được xếp nhóm');
    expect(ungrouped.out).toContain('Chỉ tiêu theo nhóm xã · Kết quả 60% (tự đánh giá: chưa đạt) · chưa đạt');
    expect((await run(['units', 'set', '--unit', 'N3', '--group', '3'])).out).toContain(
      'Đơn vị N3: xã nhóm 3.',
    );
    const group3 = await run(['gaps', '--unit', 'N3']);
    expect(group3.err).toBe('');
    expect(group3.out).toContain('Đạt 1/1');
    await run(['units', 'set', '--unit', 'N3', '--group', '1']);
    expect((await run(['gaps', '--unit', 'N3'])).out).toContain(
      'Chỉ tiêu ≥ 80% · Kết quả 60% (tự đánh giá: chưa đạt) · chưa đạt · còn thiếu 20 điểm %',
    );
    expect((await run(['units', 'set', '--unit', 'N3', '--group', '4'])).err).toContain(
      '--group: nhóm xã là 1, 2 hoặc 3',
    );
    // The preview can be a commune of a group.
    const preview = await run(['chat', '--framework', 'ntm-2026', '--group', '3'], 'báo cáo\n60%\n');
    expect(preview.out).toContain('Ghi nhận 7.1: 60% — đạt (chỉ tiêu ≥ 50%)');
    expect((await run(['chat', '--group', '3'])).err).toContain('--group chỉ dùng với --framework');
  });
});

describe('targets assigned per year (frameworks targets)', () => {
  it('adds a year to a published framework once; that year’s periods are judged on it', async () => {
    const table = join(dir, 'chi-tieu-2026.csv');
    writeFileSync(
      table,
      'STT,Chỉ tiêu,Chỉ tiêu năm 2026\n1.2,Tỷ lệ hộ gia đình chưa có điện thoại thông minh,dưới 3%\n',
    );
    const set = await run(['frameworks', 'targets', '--id', 'gia-phong-2026', '--year', '2026', table]);
    expect(set.err).toBe('');
    expect(set.out).toContain('Đã ghi chỉ tiêu năm 2026 của 1 tiêu chí vào gia-phong-2026');
    const again = await run(['frameworks', 'targets', '--id', 'gia-phong-2026', '--year', '2026', table]);
    expect(again.err).toContain(
      'Bộ gia-phong-2026 đã ban hành và đã có chỉ tiêu năm 2026: không thay đổi được.',
    );
    // A yearly framework: "báo cáo" opens this year's report.
    const chat = await run(['chat', '--unit', 'GP'], 'báo cáo\n40 Mb/s\n4%\nbỏ qua\n');
    expect(chat.out).toContain('Báo cáo năm 2026 của Xã Gia Phong: 3 câu hỏi.');
    const gaps = await run(['gaps', '--unit', 'GP', '--period', '2026']);
    expect(gaps.out).toContain(
      'Chỉ tiêu dưới 3% · Kết quả 4% · chưa đạt · cần giảm thêm 1 điểm % nữa để xuống dưới 3%',
    );
    // Another year keeps the framework's own target.
    expect((await run(['gaps', '--unit', 'GP', '--period', '2025', '--json'])).out).not.toContain('dưới 3%');
    const bad = join(dir, 'sai-2027.csv');
    writeFileSync(bad, 'STT,Chỉ tiêu,Chỉ tiêu năm 2027\n9.9,Không có,50%\n1.3,Wifi,70%\n');
    const refused = await run(['frameworks', 'targets', '--id', 'gia-phong-2026', '--year', '2027', bad]);
    expect(refused.err).toContain('- Dòng 2, cột A (STT) "9.9": bộ tiêu chí không có mã này');
    expect(refused.err).toContain(
      '- Dòng 3, cột C (Chỉ tiêu năm 2027) "70%": không đọc được chỉ tiêu, hoặc chỉ tiêu không cùng loại với tiêu chí (có/không).',
    );
  });
});

describe('files it cannot read', () => {
  it('a missing file, a file that is not a workbook, a file of another kind', async () => {
    expect(
      (await run(['frameworks', 'import', join(dir, 'khong-co.xlsx'), '--id', 'a', '--name', 'A'])).err,
    ).toContain('Không mở được tệp');
    const fake = join(dir, 'gia.xlsx');
    writeFileSync(fake, 'không phải bảng tính');
    expect((await run(['frameworks', 'import', fake, '--id', 'a', '--name', 'A'])).err).toContain(
      'tệp không phải bảng tính .xlsx đọc được',
    );
    expect(
      (await run(['frameworks', 'import', join(dir, 'bang.pdf'), '--id', 'a', '--name', 'A'])).err,
    ).toContain('Chỉ nhập được tệp .xlsx hoặc .csv');
    expect(
      (await run(['frameworks', 'import', join(dir, 'bang.csv'), '--id', 'Sai Ma', '--name', 'A'])).err,
    ).toContain('Mã bộ tiêu chí "Sai Ma" không hợp lệ');
  });
});

describe('a unit moves to a new version from a period on (units frameworks)', () => {
  it('older periods stay judged by the framework they were answered under; answers are never hidden', async () => {
    // gia-phong-2026 (yearly) is published, GP answered 2026 under it; v2 (dưới 3%) was imported as a draft.
    expect(
      (await run(['units', 'frameworks', '--code', 'GP', '--add', 'gia-phong-2026-v2', '--from', '2027-Q1']))
        .err,
    ).toContain('còn là bản nháp');
    await run(['frameworks', 'publish', 'gia-phong-2026-v2']);
    // A move is an add and a remove from the same period. Stopping the old one from 2026 on
    // would leave the answers of 2026 under no framework: refused.
    const hides = await run([
      'units',
      'frameworks',
      '--code',
      'GP',
      '--remove',
      'gia-phong-2026',
      '--from',
      '2026',
    ]);
    expect(hides.err).toContain('đã có câu trả lời của 2026 (gia-phong-2026)');
    // Stopping the only framework before another is added: refused.
    expect(
      (await run(['units', 'frameworks', '--code', 'GP', '--remove', 'gia-phong-2026', '--from', '2027-Q1']))
        .err,
    ).toContain('không còn bộ tiêu chí nào');
    const added = await run([
      'units',
      'frameworks',
      '--code',
      'GP',
      '--add',
      'gia-phong-2026-v2',
      '--from',
      'quý I/2027',
    ]);
    expect(added.out).toBe(
      'Bộ tiêu chí của đơn vị GP:\n- trước các kỳ dưới đây: gia-phong-2026\n- từ quý I/2027: gia-phong-2026, gia-phong-2026-v2\n',
    );
    expect(
      (await run(['units', 'frameworks', '--code', 'GP', '--add', 'gia-phong-2026-v2', '--from', '2027-Q2']))
        .err,
    ).toContain('đã được giao bộ gia-phong-2026-v2');
    const moved = await run([
      'units',
      'frameworks',
      '--code',
      'GP',
      '--remove',
      'gia-phong-2026',
      '--from',
      '2027-Q1',
    ]);
    expect(moved.out).toBe(
      'Bộ tiêu chí của đơn vị GP:\n- trước các kỳ dưới đây: gia-phong-2026\n- từ quý I/2027: gia-phong-2026-v2\n',
    );
    const before = await run(['gaps', '--unit', 'GP', '--period', '2026']);
    expect(before.out).toContain('Bộ tiêu chí: Chỉ tiêu CĐS xã Gia Phong 2026');
    expect(before.out).toContain('Kết quả 4%');
    const after = JSON.parse((await run(['gaps', '--unit', 'GP', '--period', '2027', '--json'])).out);
    expect(after.framework.id).toBe('gia-phong-2026-v2');
    expect(after.totals.unanswered).toBe(3);
    // Undoing the move: both changes are dropped (without --from, every change about a framework).
    expect(
      (await run(['units', 'frameworks', '--code', 'GP', '--remove', 'gia-phong-2026-v2'])).err,
    ).toContain('không còn bộ tiêu chí nào');
    expect((await run(['units', 'frameworks', '--code', 'GP', '--remove', 'gia-phong-2026'])).out).toBe(
      'Bộ tiêu chí của đơn vị GP:\n- trước các kỳ dưới đây: gia-phong-2026\n- từ quý I/2027: gia-phong-2026, gia-phong-2026-v2\n',
    );
    expect((await run(['units', 'frameworks', '--code', 'GP', '--remove', 'gia-phong-2026'])).err).toContain(
      'là bộ ban đầu của đơn vị GP',
    );
    expect((await run(['units', 'frameworks', '--code', 'GP', '--remove', 'gia-phong-2026-v2'])).out).toBe(
      'Bộ tiêu chí của đơn vị GP:\n- mọi kỳ: gia-phong-2026\n',
    );
  });
});

describe('a unit on two frameworks at once (units frameworks --add, --remove --from)', () => {
  it('adds one from a period on, lists both, asks which for a document, and stops it later', async () => {
    const added = await run([
      'units',
      'frameworks',
      '--code',
      'GP',
      '--add',
      'ntm-tieu-chi-8',
      '--from',
      '2026-Q4',
    ]);
    expect(added.out).toBe(
      'Bộ tiêu chí của đơn vị GP:\n- trước các kỳ dưới đây: gia-phong-2026\n- từ quý IV/2026: gia-phong-2026, ntm-tieu-chi-8\n',
    );
    expect((await run(['units', 'list'])).out).toMatch(
      /GP\tXã Gia Phong\t[^\t]+\tgia-phong-2026, ntm-tieu-chi-8\t/,
    );
    // Two frameworks for the period: the command asks which.
    expect((await run(['gaps', '--unit', 'GP', '--period', '2026-Q4'])).err).toContain(
      'Đơn vị GP báo cáo quý IV/2026 theo nhiều bộ tiêu chí (gia-phong-2026, ntm-tieu-chi-8): chọn một bằng --framework <id>.',
    );
    const ntm = JSON.parse(
      (await run(['gaps', '--unit', 'GP', '--period', '2026-Q4', '--framework', 'ntm-tieu-chi-8', '--json']))
        .out,
    );
    expect(ntm.framework.id).toBe('ntm-tieu-chi-8');
    expect(
      (await run(['gaps', '--unit', 'GP', '--period', '2026-Q3', '--framework', 'ntm-tieu-chi-8'])).err,
    ).toContain('không báo cáo quý III/2026 theo bộ ntm-tieu-chi-8');
    // The periods before stay on the unit's own alone.
    expect((await run(['gaps', '--unit', 'GP', '--period', '2026-Q3', '--json'])).err).toBe('');
    const stopped = await run([
      'units',
      'frameworks',
      '--code',
      'GP',
      '--remove',
      'ntm-tieu-chi-8',
      '--from',
      '2027-Q2',
    ]);
    expect(stopped.out).toBe(
      'Bộ tiêu chí của đơn vị GP:\n- trước các kỳ dưới đây: gia-phong-2026\n- từ quý IV/2026: gia-phong-2026, ntm-tieu-chi-8\n- từ quý II/2027: gia-phong-2026\n',
    );
    expect(
      (await run(['units', 'frameworks', '--code', 'GP', '--remove', 'ntm-tieu-chi-8', '--from', '2027-Q3']))
        .err,
    ).toContain('Từ quý III/2027 đơn vị GP không báo cáo theo bộ ntm-tieu-chi-8');
  });
});
