import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildAppendixXlsx } from '../../src/reports/appendix.js';
import { readAnswerSheet, SheetFormatError } from '../../src/reports/sheet.js';
import { appendixData } from './fixtures.js';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

describe('readAnswerSheet (xlsx)', () => {
  it('reads back every criterion of the exported appendix, with its row number and the meta', async () => {
    const data = appendixData();
    const bytes = await buildAppendixXlsx(data);
    const sheet = await readAnswerSheet(bytes, 'xlsx');

    const expected = data.groups.flatMap((g) =>
      g.rows.map((r) => ({ code: r.code, result: r.result, difficulty: r.difficulty })),
    );
    expect(sheet.rows.map(({ code, result, difficulty }) => ({ code, result, difficulty }))).toEqual(
      expected,
    );
    expect(sheet.rows.map((r) => r.code)).toContain('1.10');
    expect(sheet.rows.map((r) => r.code)).toContain('8.4đ');
    expect(sheet.meta).toEqual({ unit: '15985', period: '2026-Q4', framework: 'thanh-hoa-xa-2022' });

    // Each row number points at the row holding that code in the sheet.
    const ws = (await load(bytes)).getWorksheet('Phụ lục')!;
    for (const r of sheet.rows) expect(ws.getCell(r.row, 1).value).toBe(r.code);
    expect(sheet.rows[0]!.row).toBe(8);
  });

  it('reads what an officer typed into the export, numbers included', async () => {
    const wb = await load(await buildAppendixXlsx(appendixData()));
    const ws = wb.getWorksheet('Phụ lục')!;
    const rowOf = (code: string) => {
      let found = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(1).value === code) found = n;
      });
      return found;
    };
    // exceljs shares one style object between cells of the same format: give each edited cell its own.
    const type = (code: string, value: number, numFmt: string) => {
      const c = ws.getCell(rowOf(code), 4);
      c.style = { ...c.style, numFmt };
      c.value = value;
    };
    type('2.5', 0.6695, '0.00%'); // typed "66,95%": Excel keeps 0.6695 shown as a percentage
    type('1.4', 95, 'General');
    type('2.2', 12.5, 'General');
    ws.getCell(rowOf('2.2'), 6).value = {
      richText: [{ text: 'Chưa có ' }, { font: { bold: true }, text: 'kinh phí' }],
    };
    ws.getCell(rowOf('1.5'), 4).value = true;

    const sheet = await readAnswerSheet(await save(wb), 'xlsx');
    const byCode = new Map(sheet.rows.map((r) => [r.code, r]));
    expect(byCode.get('2.5')?.result).toBe('66,95%');
    expect(byCode.get('1.4')?.result).toBe('95');
    expect(byCode.get('2.2')?.result).toBe('12,5');
    expect(byCode.get('2.2')?.difficulty).toBe('Chưa có kinh phí');
    expect(byCode.get('1.5')?.result).toBe('Có');
  });

  it('reads the "Đề xuất: …" line of the khó khăn column apart, as the proposal', async () => {
    const data = appendixData();
    data.groups[0]!.rows[1]!.difficulty =
      'Còn 01 công chức chưa có chữ ký số.\nĐề xuất: Đề nghị Sở cấp bổ sung.';
    const sheet = await readAnswerSheet(await buildAppendixXlsx(data), 'xlsx');
    const row = sheet.rows.find((r) => r.code === '1.2');
    expect(row?.difficulty).toBe('Còn 01 công chức chưa có chữ ký số.');
    expect(row?.proposal).toBe('Đề nghị Sở cấp bổ sung.');
    expect(sheet.rows.find((r) => r.code === '1.1')?.proposal).toBeUndefined();
  });

  it('gets "1.10" back when Excel stored the codes as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['UBND huyện Thường Xuân']);
    ws.addRow(['TT', 'Nội dung tiêu chí đánh giá', 'Chỉ tiêu giao', 'Kết quả 9 tháng', 'Khó khăn; đề xuất']);
    ws.addRow([1, 'Chính quyền số', null, '12/14', null]);
    ws.addRow([1.9, 'Tuyên truyền cho người dân gọi đến Tổng đài 1022', 'Có', 'có', null]);
    ws.addRow([1.1, 'Số hóa tài liệu, quy trình nghiệp vụ', 'Có', 'Có', null]);
    ws.addRow([1.11, 'Có các ứng dụng CNTT để quản lý tài sản', 'Có', 'có', null]);
    ws.addRow([2, 'Kinh tế số', null, '1/6', null]);
    ws.addRow([2.1, 'Tuyên truyền, nâng cao nhận thức cho doanh nghiệp', null, 'có', null]);
    const fixed = ws.addRow([2.2, 'Tỷ lệ các sản phẩm OCOP được quảng bá qua mạng', '100%', 0, null]);
    fixed.getCell(1).numFmt = '0.0';
    // Excel in a day.month locale turned "3.10" into 3 October.
    ws.addRow([
      new Date(Date.UTC(2026, 9, 3)),
      'Tỷ lệ dân số có tài khoản thanh toán điện tử',
      '50%',
      '?',
      null,
    ]);

    const sheet = await readAnswerSheet(await save(wb), 'xlsx');
    expect(sheet.rows.map((r) => [r.row, r.code])).toEqual([
      [4, '1.9'],
      [5, '1.10'],
      [6, '1.11'],
      [8, '2.1'],
      [9, '2.2'],
      [10, '3.10'],
    ]);
    expect(sheet.rows[4]!.result).toBe('0');
    expect(sheet.meta).toBeUndefined();
  });

  it('refuses a workbook without the table and bytes that are not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['Họ tên', 'Số điện thoại']);
    await expect(readAnswerSheet(await save(wb), 'xlsx')).rejects.toBeInstanceOf(SheetFormatError);
    await expect(readAnswerSheet(Buffer.from('TT;Kết quả\n'), 'xlsx')).rejects.toBeInstanceOf(
      SheetFormatError,
    );
  });
});

describe('readAnswerSheet (csv)', () => {
  const BOM = '\uFEFF';

  it('reads a semicolon CSV with a BOM, quoted ";" and line breaks, skipping heading, groups and footer', async () => {
    const csv = [
      'UBND huyện Thường Xuân;;;;',
      'Phụ lục 2 - Kết quả chuyển đổi số tại đơn vị cấp xã năm 2022.;;;;',
      ';;;;',
      'TT;Nội dung tiêu chí đánh giá;Chỉ tiêu giao;Kết quả 9 tháng;"Khó khăn; đề xuất"',
      '1;Chính quyền số;;12/14;',
      '1.9;"Tuyên truyền cho người dân gọi đến Tổng đài 1022; tư vấn phòng, chống dịch";Có;có;',
      '1.10;Số hóa tài liệu, quy trình nghiệp vụ;Có;Có;',
      '1.12;Ứng dụng nền tảng số hỗ trợ chính quyền cấp xã;;?;"Đang chỉ đạo thực hiện theo NĐ 42/2022;\r\nchờ hướng dẫn của huyện"',
      '3.2;"Phổ cập dịch vụ Internet băng rộng cáp quang; phổ cập dịch vụ mạng di động 4G/5G";Đạt;Đạt;"Theo QĐ ""1168/QĐ-TTg"""',
      '8.4đ;100% hộ gia đình được gắn biển địa chỉ số;100%;40%;',
      ';;;;',
      '"Ghi chú: Tổng tiêu chí: 33; Tiêu chí đạt: 22/33; Còn lại: 11";;;;',
      'Ngày 22/11/2026;;;;',
    ].join('\r\n');
    const sheet = await readAnswerSheet(Buffer.from(BOM + csv, 'utf8'), 'csv');
    expect(sheet.rows).toEqual([
      { row: 6, code: '1.9', result: 'có', difficulty: '' },
      { row: 7, code: '1.10', result: 'Có', difficulty: '' },
      {
        row: 8,
        code: '1.12',
        result: '?',
        difficulty: 'Đang chỉ đạo thực hiện theo NĐ 42/2022;\nchờ hướng dẫn của huyện',
      },
      { row: 9, code: '3.2', result: 'Đạt', difficulty: 'Theo QĐ "1168/QĐ-TTg"' },
      { row: 10, code: '8.4đ', result: '40%', difficulty: '' },
    ]);
    expect(sheet.meta).toBeUndefined();
  });

  it('reads a comma CSV without BOM whose headings lost their diacritics and case', async () => {
    const csv = [
      'STT,NOI DUNG TIEU CHI DANH GIA,chi tieu giao,ket qua quy IV/2026,"kho khan; de xuat"',
      '2,Kinh tế số,,1/3,',
      '2.2,"Tỷ lệ sản phẩm OCOP được quảng bá qua mạng internet (trang thông tin điện tử, mạng xã hội,...)",100%,"0,5%",Chưa có cán bộ phụ trách',
      '2.5,Gắn mã địa chỉ trên nền tảng bản đồ số Vpostcode,100%,,',
    ].join('\n');
    const sheet = await readAnswerSheet(Buffer.from(csv, 'utf8'), 'csv');
    expect(sheet.rows).toEqual([
      { row: 3, code: '2.2', result: '0,5%', difficulty: 'Chưa có cán bộ phụ trách' },
      { row: 4, code: '2.5', result: '', difficulty: '' },
    ]);
  });

  it('gets "1.10" back from a CSV Excel saved as 1.1, and reads a Windows-1258 CSV', async () => {
    const utf8 = 'TT;Kết quả\n1.9;Có\n1.1;Có\n1.11;có\n';
    expect((await readAnswerSheet(Buffer.from(utf8), 'csv')).rows.map((r) => r.code)).toEqual([
      '1.9',
      '1.10',
      '1.11',
    ]);

    // "TT;Kết quả;Khó khăn\n1.1;Có;Khó" in Windows-1258: ê + combining acute, a + combining hook, ă, o + acute.
    const cp1258 = Buffer.from([
      0x54, 0x54, 0x3b, 0x4b, 0xea, 0xec, 0x74, 0x20, 0x71, 0x75, 0x61, 0xd2, 0x3b, 0x4b, 0x68, 0x6f, 0xec,
      0x20, 0x6b, 0x68, 0xe3, 0x6e, 0x0a, 0x31, 0x2e, 0x31, 0x3b, 0x43, 0xf3, 0x3b, 0x4b, 0x68, 0x6f, 0xec,
      0x0a,
    ]);
    const sheet = await readAnswerSheet(cp1258, 'csv');
    expect(sheet.rows).toEqual([{ row: 2, code: '1.1', result: 'Có', difficulty: 'Khó' }]);
  });

  it('refuses a CSV without the TT and Kết quả columns', async () => {
    const csv = 'Họ tên;Số điện thoại\nNguyễn Văn A;0912345678\n';
    await expect(readAnswerSheet(Buffer.from(csv), 'csv')).rejects.toThrow(/Kết quả/);
  });
});
