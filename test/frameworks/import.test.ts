/**
 * `frameworks import` on tables written the way provinces write them: the Ninh Bình style of
 * frameworks-2026.md §2 (Roman group rows with "(02 chỉ tiêu)", a definition column, ĐVT, bare
 * numbers under "%"), the seeds' style (groups as "Nhóm 2: Kinh tế số" merged across the row,
 * sub-points a), b), "Yêu cầu" targets), merged target cells, blank targets, and refusals.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inferTarget } from '../../src/domain/catalog/infer.js';
import { listQuestions } from '../../src/domain/catalog/load.js';
import { frameworkSchema } from '../../src/domain/catalog/schema.js';
import {
  type Finding,
  readFrameworkTable,
  readScoring,
  type TableMeta,
} from '../../src/domain/catalog/table.js';
import { msg } from '../../src/domain/messages/index.js';
import { readTableFile } from '../../src/reports/framework-table.js';

const META: TableMeta = {
  id: 'thu-nghiem',
  name: 'Bộ thử nghiệm',
  level: 'xa',
  version: '1',
  source: 'bảng thử',
};

async function xlsx(
  rows: (string | number | null)[][],
  build?: (ws: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục 1');
  ws.addRows(rows);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(bytes: Buffer, format: 'xlsx' | 'csv' = 'xlsx') {
  const file = await readTableFile(bytes, format);
  return readFrameworkTable(file.grid, META);
}

const lines = (findings: Finding[]) => findings.map((f) => msg.fwFinding(f));

describe('target cells', () => {
  it.each([
    ['100%', '', { kind: 'percent', op: '>=', value: 100 }],
    ['Có', '', { kind: 'yesno', op: 'yes' }],
    ['Đạt', '', { kind: 'yesno', op: 'yes' }],
    ['tối thiểu 30%', '', { kind: 'percent', op: '>=', value: 30 }],
    ['từ 30% trở lên', '', { kind: 'percent', op: '>=', value: 30 }],
    ['trên 90%', '', { kind: 'percent', op: '>', value: 90 }],
    ['dưới 5%', '', { kind: 'percent', op: '<', value: 5 }],
    ['giảm xuống dưới 3%', '', { kind: 'percent', op: '<', value: 3 }],
    ['không quá 10%', '', { kind: 'percent', op: '<=', value: 10 }],
    ['tối đa 2', 'vụ', { kind: 'count', op: '<=', value: 2, unit: 'vụ' }],
    ['≥ 1', 'điểm', { kind: 'count', op: '>=', value: 1, unit: 'điểm' }],
    ['36 Mb/s', '', { kind: 'count', op: '>=', value: 36, unit: 'Mb/s' }],
    ['01', 'điểm', { kind: 'count', op: '>=', value: 1, unit: 'điểm' }],
    ['22/100 dân', 'thuê bao', { kind: 'count', op: '>=', value: 22, unit: 'thuê bao/100 dân' }],
    ['100', '%', { kind: 'percent', op: '>=', value: 100 }],
    ['', '', { kind: 'text', op: 'self', doubt: 'blank' }],
    ['', '%', { kind: 'percent', op: 'self', doubt: 'blank' }],
    ['khoảng 30%', '', { kind: 'percent', op: '>=', value: 30, doubt: 'approximate' }],
    ['01', '', { kind: 'count', op: '>=', value: 1, doubt: 'count_without_unit' }],
    ['đạt theo các chỉ tiêu giao hằng năm', '%', { kind: 'percent', op: 'self', doubt: 'unreadable' }],
    ['từ 30% đến 50%', '', { kind: 'text', op: 'self', doubt: 'several_numbers' }],
    ['120%', '', { kind: 'percent', op: '>=', value: 120, doubt: 'over_100' }],
  ])('"%s" (ĐVT "%s")', (cell, unit, expected) => {
    expect(inferTarget(cell, unit)).toEqual(expected);
  });
});

describe('a table in the Ninh Bình style (frameworks-2026.md §2)', async () => {
  const bytes = await xlsx([
    ['PHỤ LỤC 1', null, null, null, null],
    ['CHỈ TIÊU CHUYỂN ĐỔI SỐ XÃ GIA PHONG NĂM 2026', null, null, null, null],
    ['TT', 'Tên chỉ tiêu', 'Giải thích chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu giao'],
    ['(1)', '(2)', '(3)', '(4)', '(5)'],
    ['I', 'Đào tạo, chuyển đổi nhận thức (02 chỉ tiêu)', null, null, null],
    [
      1,
      'Tỷ lệ cán bộ, công chức được đào tạo, tập huấn, bồi dưỡng nâng cao nhận thức, kỹ năng số',
      'Số cán bộ, công chức tại xã được bồi dưỡng / tổng số cán bộ, công chức hiện có của xã',
      '%',
      100,
    ],
    [2, 'Tỷ lệ người dân được phổ biến kỹ năng số cơ bản', null, '%', 'tối thiểu 30%'],
    ['II', 'Hạ tầng số (05 chỉ tiêu)', null, null, null],
    [3, 'Tốc độ truy cập Internet băng rộng cố định trung bình', null, 'Mb/s', '36 Mb/s'],
    [4, 'Số thuê bao băng rộng di động trên 100 dân', null, 'thuê bao/100 dân', '22/100 dân'],
    [5, 'Tỷ lệ hộ gia đình chưa có điện thoại thông minh', null, '%', 'dưới 5%'],
    [6, 'Điểm phục vụ bưu chính cung cấp dịch vụ công trực tuyến', null, 'điểm', '01'],
    [7, 'Ứng dụng công nghệ số trong quản lý tại xã', null, null, null],
  ]);
  const { framework, findings } = await read(bytes);

  it('reads the groups, criteria, units and comparators', () => {
    expect(findings.filter((f) => f.stop)).toEqual([]);
    const fw = frameworkSchema.parse(framework);
    expect(fw.status).toBe('draft');
    expect(fw.groups.map((g) => [g.code, g.name, g.criteria.length])).toEqual([
      ['I', 'Đào tạo, chuyển đổi nhận thức', 2],
      ['II', 'Hạ tầng số', 5],
    ]);
    const byCode = new Map(listQuestions(fw).map((q) => [q.key, q]));
    expect(byCode.get('1.1')).toMatchObject({ kind: 'percent', target: { op: '>=', value: 100 } });
    expect(byCode.get('1.1')?.note).toContain('tổng số cán bộ');
    expect(byCode.get('2.3')).toMatchObject({ kind: 'count', unit: 'Mb/s', target: { op: '>=', value: 36 } });
    expect(byCode.get('2.4')).toMatchObject({
      kind: 'count',
      unit: 'thuê bao/100 dân',
      target: { value: 22 },
    });
    expect(byCode.get('2.5')).toMatchObject({
      kind: 'percent',
      target: { op: '<', value: 5, text: 'dưới 5%' },
    });
    expect(byCode.get('2.6')).toMatchObject({ kind: 'count', unit: 'điểm', target: { op: '>=', value: 1 } });
    expect(byCode.get('2.7')).toMatchObject({ kind: 'text', target: { op: 'self' } });
  });

  it('lists every cell it read with an assumption, by row and column', () => {
    const said = lines(findings);
    expect(said).toContain('- Dòng 4: dòng đánh số cột (1), (2), …: bỏ qua.');
    expect(said).toContain(
      '- Dòng 9, cột A (TT): mã "3" ghi thành 2.3 (mã tiêu chí trong cds-bot có dạng nhóm.số, ví dụ 1.4).',
    );
    expect(said).toContain(
      '- Dòng 13, cột E (Chỉ tiêu giao): chỉ tiêu để trống: hiểu là xã tự đánh giá đạt hoặc chưa đạt.',
    );
    // "(05 chỉ tiêu)" and five criteria under it: nothing to say.
    expect(said.some((l) => l.includes('dòng nhóm ghi'))).toBe(false);
  });
});

describe("a table in the seeds' style", async () => {
  const bytes = await xlsx(
    [
      ['STT', 'Tiêu chí', 'Yêu cầu', 'Ghi chú'],
      ['NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ', null, null, null],
      ['2.5', 'Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử', '50%', null],
      ['2.6', 'Tỷ lệ hộ kinh doanh dùng thanh toán không dùng tiền mặt', 'trên 90%', null],
      ['2.7', 'Tỷ lệ sản phẩm OCOP được bán trên sàn thương mại điện tử', '70%', null],
      ['2.8', 'Tỷ lệ hợp tác xã có tài khoản thanh toán', null, null],
      [null, 'Nhóm chỉ tiêu số 3: Xã hội số (03 chỉ tiêu)', null, null],
      ['3.1', 'Xã có các nền tảng số phục vụ người dân, gồm:', 'Đạt', null],
      [null, 'a) Trang thông tin điện tử của xã', 'Có', null],
      [null, 'b) Tỷ lệ thôn có nhóm Zalo cộng đồng', 'tối thiểu 80%', 'Tính trên tổng số thôn'],
      ['3.2', 'Số lớp phổ cập kỹ năng số được tổ chức', '≥ 1', null],
    ],
    (ws) => {
      ws.mergeCells('A2:D2');
      ws.mergeCells('C4:C5');
    },
  );
  const { framework, findings } = await read(bytes);

  it('reads "Nhóm 2: …" rows, sub-points as a composite, and a merged target cell', () => {
    expect(findings.filter((f) => f.stop)).toEqual([]);
    const fw = frameworkSchema.parse(framework);
    expect(fw.groups.map((g) => [g.code, g.name])).toEqual([
      ['2', 'KINH TẾ SỐ'],
      ['3', 'Xã hội số'],
    ]);
    const c31 = fw.groups[1]?.criteria[0];
    expect(c31).toMatchObject({ code: '3.1', kind: 'composite', target: { op: 'all' } });
    expect(c31?.parts?.map((p) => [p.code, p.kind, p.target.op, p.target.value])).toEqual([
      ['a', 'yesno', 'yes', undefined],
      ['b', 'percent', '>=', 80],
    ]);
    expect(c31?.parts?.[1]?.note).toBe('Tính trên tổng số thôn');
    const keys = listQuestions(fw).map((q) => q.key);
    expect(keys).toEqual(['2.5', '2.6', '2.7', '2.8', '3.1a', '3.1b', '3.2']);
    // The merged "trên 90%" covers 2.6 and 2.7's rows; 2.7's own "70%" sits in the merge's hidden cell.
    expect(fw.groups[0]?.criteria[2]?.target).toMatchObject({ op: '>', value: 90 });
  });

  it('says what it assumed', () => {
    const said = lines(findings).join('\n');
    expect(said).toContain(
      'Dòng 5, cột C (Yêu cầu) "trên 90%": ô gộp: dòng này dùng chung chỉ tiêu của ô gộp.',
    );
    expect(said).toContain('Dòng 6, cột C (Yêu cầu): chỉ tiêu để trống');
    expect(said).toContain('tiêu chí 3.1 có các ý a), b)…: chỉ tiêu "Đạt" của dòng tiêu chí không dùng');
    expect(said).toContain('Dòng 7: dòng nhóm ghi 3 chỉ tiêu nhưng bảng có 2 chỉ tiêu thuộc nhóm này.');
    expect(said).toContain(
      'Dòng 11, cột C (Yêu cầu) "≥ 1": không có đơn vị tính: hiểu là số lượng, tối thiểu 1.',
    );
  });
});

describe('a CSV with per-row codes "Mã chỉ số" and no group rows', () => {
  it('puts the criteria in one group and says so', async () => {
    const csv =
      'Mã chỉ số;Chỉ số;Chỉ tiêu giao;ĐVT\n1.1;Tỷ lệ hồ sơ trực tuyến toàn trình;tối thiểu 80%;%\n1.2;Có bộ phận một cửa số;Có;\n';
    const { framework, findings } = await read(Buffer.from(csv, 'utf8'), 'csv');
    expect(frameworkSchema.parse(framework).groups[0]?.criteria.map((c) => c.code)).toEqual(['1.1', '1.2']);
    expect(lines(findings)).toEqual([
      '- Dòng 2: chưa có dòng nhóm trước tiêu chí này: các tiêu chí chưa có nhóm được xếp vào nhóm 1.',
    ]);
  });
});

describe('an NTM table saved as CSV from Excel: "Chỉ tiêu chung" beside "Xã nhóm 1", "Nhóm xã 2"', () => {
  it('reads the general target and the targets per group, with the BOM and Windows line ends', async () => {
    const csv = [
      'BẢNG CHỈ TIÊU NÔNG THÔN MỚI CẤP XÃ NĂM 2026,,,,',
      'TT,Tên tiêu chí,Chỉ tiêu chung,Xã nhóm 1,Nhóm xã 2',
      '1,Chuyển đổi số,,,',
      '1.1,Tỷ lệ hồ sơ giải quyết TTHC trực tuyến toàn trình,,"≥ 70%","≥ 50%"',
      '1.2,Có điểm wifi công cộng,Đạt,,',
      '1.3,Tỷ lệ hộ nghèo đa chiều,giảm xuống dưới 3%,,',
    ].join('\r\n');
    const { framework, findings } = await read(Buffer.from(`\ufeff${csv}\r\n`, 'utf8'), 'csv');
    const criteria = frameworkSchema.parse(framework).groups[0]?.criteria ?? [];
    expect(criteria.map((c) => [c.code, c.kind, c.target.op, c.target.value])).toEqual([
      ['1.1', 'percent', 'self', undefined],
      ['1.2', 'yesno', 'yes', undefined],
      ['1.3', 'percent', '<', 3],
    ]);
    expect(criteria[0]?.byGroup?.['1']).toMatchObject({ op: '>=', value: 70 });
    expect(criteria[0]?.byGroup?.['2']).toMatchObject({ op: '>=', value: 50 });
    // No column is left unread: the general target and both group columns are recognised.
    expect(lines(findings).some((l) => l.includes('cột không nhận ra'))).toBe(false);
  });
});

describe('an NTM appendix: "Tên tiêu chí" beside "Nội dung tiêu chí", codes inside the content', async () => {
  const r = await read(
    await xlsx(
      [
        ['TT', 'Tên tiêu chí', 'Nội dung tiêu chí', 'Chỉ tiêu chung'],
        ['VII', 'VĂN HÓA - XÃ HỘI - MÔI TRƯỜNG', null, null],
        [8, 'Thông tin và Truyền thông', '8.1. Xã có điểm phục vụ bưu chính', 'Đạt'],
        [null, null, '8.2. Xã có dịch vụ viễn thông, internet', 'Đạt'],
        [null, null, 'Xã có đài truyền thanh và hệ thống loa đến các thôn', 'Đạt'],
        [null, null, '8.4. Tỷ lệ hồ sơ giải quyết trực tuyến', 'tối thiểu 30%'],
        [9, 'Nhà ở dân cư', 'Tỷ lệ hộ có nhà ở kiên cố hoặc bán kiên cố', '≥ 80%'],
      ],
      (ws) => {
        ws.mergeCells('A3:A6');
        ws.mergeCells('B3:B6');
      },
    ),
  );

  it('makes each named criterion a group and its contents the criteria, as the bundled NTM catalog has them', () => {
    const fw = frameworkSchema.parse(r.framework);
    expect(fw.groups.map((g) => [g.code, g.name])).toEqual([
      ['8', 'Thông tin và Truyền thông'],
      ['9', 'Nhà ở dân cư'],
    ]);
    expect(fw.groups[0]?.criteria.map((c) => [c.code, c.text, c.target.op])).toEqual([
      ['8.1', 'Xã có điểm phục vụ bưu chính', 'yes'],
      ['8.2', 'Xã có dịch vụ viễn thông, internet', 'yes'],
      ['8.3', 'Xã có đài truyền thanh và hệ thống loa đến các thôn', 'yes'],
      ['8.4', 'Tỷ lệ hồ sơ giải quyết trực tuyến', '>='],
    ]);
    expect(fw.groups[1]?.criteria.map((c) => [c.code, c.target.value])).toEqual([['9.1', 80]]);
  });

  it('says what it left out and which codes it gave, by row', () => {
    const said = lines(r.findings);
    expect(said).toContain(
      '- Dòng 2, cột B (Tên tiêu chí): dòng nhóm lớn "VII. VĂN HÓA - XÃ HỘI - MÔI TRƯỜNG" bỏ qua: mỗi tiêu chí có tên (cột bên cạnh) là một nhóm trong cds-bot, các chỉ tiêu của nó là các tiêu chí.',
    );
    expect(said.some((l) => l.startsWith('- Dòng 5') && l.includes('8.3'))).toBe(true);
    expect(said.some((l) => l.startsWith('- Dòng 7') && l.includes('9.1'))).toBe(true);
    expect(said.some((l) => l.includes('cột không nhận ra'))).toBe(false);
  });
});

describe('scoring rules as the decisions write them', () => {
  it.each([
    ['tỷ lệ', 'proportional'],
    ['Đạt mới có điểm', 'all'],
    [
      'từ 50: 2; từ 80: 4',
      {
        tiers: [
          { from: 50, points: 2 },
          { from: 80, points: 4 },
        ],
      },
    ],
    [
      'Từ 90% trở lên: 3 điểm; Từ 70% đến dưới 90%: 2 điểm; Dưới 70%: 0 điểm',
      {
        tiers: [
          { from: 70, points: 2 },
          { from: 90, points: 3 },
        ],
      },
    ],
    [
      'Đạt 100%: 2 điểm; ≥ 80%: 1 điểm',
      {
        tiers: [
          { from: 80, points: 1 },
          { from: 100, points: 2 },
        ],
      },
    ],
    [
      'Dưới 50%: 0,5 điểm; từ 50%: 1 điểm',
      {
        tiers: [
          { from: 0, points: 0.5 },
          { from: 50, points: 1 },
        ],
      },
    ],
  ])('reads "%s"', (cell, rule) => {
    expect(readScoring(cell)).toEqual(rule);
  });

  it('reads nothing it cannot be sure of', () => {
    expect(readScoring('theo mức độ hoàn thành')).toBeUndefined();
    expect(readScoring('Từ 90%: 3 điểm; còn lại tùy mức')).toBeUndefined();
  });
});

describe('tables it refuses, with nothing written', () => {
  it('a table without a recognisable header', async () => {
    const r = await read(
      await xlsx([
        ['a', 'b'],
        ['1', '2'],
      ]),
    );
    expect(r.framework).toBeUndefined();
    expect(
      msg.fwStopped(
        r.findings.filter((f) => f.stop),
        [],
      ),
    ).toContain('không tìm thấy dòng tiêu đề');
  });

  it('a code used twice, a percentage over 100, a lone sub-point', async () => {
    const r = await read(
      await xlsx([
        ['STT', 'Tiêu chí', 'Chỉ tiêu giao'],
        ['I', 'Chính quyền số', null],
        ['1.1', 'Tỷ lệ A', '120%'],
        ['1.1', 'Tỷ lệ B', '50%'],
        ['1.2', 'Tiêu chí có một ý', null],
        ['a)', 'Ý duy nhất', 'Có'],
      ]),
    );
    expect(r.framework).toBeUndefined();
    const text = msg.fwStopped(
      r.findings.filter((f) => f.stop),
      r.findings.filter((f) => !f.stop),
    );
    expect(text).toContain('Không ghi bộ tiêu chí: bảng có 3 chỗ cần sửa');
    expect(text).toContain('- Dòng 3, cột C (Chỉ tiêu giao) "120%": tỷ lệ vượt quá 100%.');
    expect(text).toContain('- Dòng 4, cột A (STT) "1.1": mã 1.1 trùng với dòng 3.');
    expect(text).toContain('- Dòng 5: tiêu chí 1.2 chỉ có một ý');
  });
});

describe('targets per commune group (NTM 2026–2030 style, a two-row header)', async () => {
  const bytes = await xlsx(
    [
      ['TT', 'Chỉ tiêu', 'ĐVT', 'Chỉ tiêu theo nhóm xã', null, null],
      [null, null, null, 'Xã nhóm 1', 'Xã nhóm 2', 'Xã nhóm 3'],
      ['7', 'Khoa học công nghệ và chuyển đổi số', null, null, null, null],
      ['7.1', 'Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến', '%', '≥ 80%', '≥ 70%', '≥ 50%'],
      ['7.2', 'Tốc độ Internet băng rộng cố định trung bình', 'Mb/s', '100 Mb/s', '60 Mb/s', '36 Mb/s'],
      ['7.3', 'Có điểm truy cập wifi công cộng', null, 'Có', 'Có', null],
    ],
    (ws) => {
      ws.mergeCells('D1:F1');
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:B2');
      ws.mergeCells('C1:C2');
    },
  );
  const { framework, findings } = await read(bytes);

  it('reads a target per group; a blank group cell keeps the criterion judged by the commune itself', async () => {
    expect(findings.filter((f) => f.stop)).toEqual([]);
    const fw = frameworkSchema.parse(framework);
    const [c1, c2, c3] = fw.groups[0]?.criteria ?? [];
    expect(c1?.byGroup).toEqual({
      '1': { op: '>=', value: 80, text: '≥ 80%' },
      '2': { op: '>=', value: 70, text: '≥ 70%' },
      '3': { op: '>=', value: 50, text: '≥ 50%' },
    });
    expect(c1?.target.op).toBe('self');
    expect(c2).toMatchObject({ kind: 'count', unit: 'Mb/s', byGroup: { '3': { value: 36 } } });
    expect(c3?.byGroup?.['3']).toBeUndefined();
    const { forGroup } = await import('../../src/domain/catalog/groups.js');
    expect(forGroup(fw, 3).groups[0]?.criteria[1]?.target).toMatchObject({ op: '>=', value: 36 });
    expect(forGroup(fw, 1).groups[0]?.criteria[0]?.target).toMatchObject({ value: 80 });
    // No group: not judged on a guess.
    expect(forGroup(fw, undefined).groups[0]?.criteria[0]?.target).toMatchObject({
      op: 'self',
      text: 'theo nhóm xã',
    });
  });
});

describe('a "Chỉ tiêu năm 2026" column', () => {
  it('is the target, and the operator is told how the next years are set', async () => {
    const csv = 'STT,Chỉ tiêu,Chỉ tiêu năm 2026\nI,Nhóm,\n1.1,Tỷ lệ A,60%\n';
    const { framework, findings } = await read(Buffer.from(csv), 'csv');
    expect(framework?.groups[0]?.criteria[0]?.target).toMatchObject({ op: '>=', value: 60 });
    expect(lines(findings)[0]).toContain(
      'Dòng 1, cột C (Chỉ tiêu năm 2026): chỉ tiêu năm 2026 được dùng làm chỉ tiêu của bộ',
    );
  });
});
