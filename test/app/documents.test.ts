/**
 * The application's side of the documents: a unit's and its province's settings, the submission's
 * general proposals and the draft mark reach the files made for chat and CLI.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  attachDocuments,
  DocumentSettingsError,
  makeDocument,
  matrixWorkbooks,
  provinceMatrices,
  updateProvinceDocumentSettings,
  updateUnitDocumentSettings,
} from '../../src/app/documents.js';
import type { Effect } from '../../src/domain/dialog/protocol.js';
import { recordSubmission } from '../../src/storage/submissions.js';
import { addUnit } from '../../src/storage/units.js';
import { storeAsImport, testApp } from '../helpers.js';

async function text(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
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

describe('documents made by the application', async () => {
  const app = await testApp();
  const now = app.clock();
  const fw = app.frameworks.get('thanh-hoa-xa-2023')!;
  const unit = await addUnit(
    app.db,
    { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: fw.id },
    now,
  );
  const scope = { unitId: unit.id, frameworkId: fw.id };
  const save = (period: string, key: string, value: number, num: number, den: number): Effect => ({
    type: 'save_answer',
    period,
    key,
    answer: { value: { type: 'number', value, numerator: num, denominator: den } },
    raw: `${num}/${den}`,
  });
  for (const period of ['2023', '2026-Q4']) {
    await storeAsImport(
      app.db,
      scope,
      [
        save(period, '2.5', 0, 0, 4),
        { type: 'save_difficulty', period, key: '2.5', text: 'Chưa doanh nghiệp nào dùng hợp đồng điện tử' },
        { type: 'save_proposal', period, key: '2.5', text: 'đề nghị huyện hướng dẫn' },
      ],
      now,
    );
  }
  await recordSubmission(app.db, scope, '2023', null, now, undefined, 'Hỗ trợ kinh phí lắp camera an ninh');
  await updateUnitDocumentSettings(
    app.db,
    unit,
    { signerMode: 'kt.', signerName: 'Trương Thanh Tuyến', district: 'Bá Thước' },
    now,
  );
  await updateProvinceDocumentSettings(
    app.db,
    'Thanh Hóa',
    { recipients: 'Sở Khoa học và Công nghệ tỉnh Thanh Hóa; Ủy ban nhân dân tỉnh Thanh Hóa' },
    now,
  );

  it("takes the signer from the unit's settings and the general proposals from the submission", async () => {
    const file = await makeDocument(
      app.db,
      fw,
      unit,
      { kind: 'difficulties', format: 'docx', period: '2023' },
      now,
    );
    const t = await text(file.bytes);
    expect(t).toContain('KT. CHỦ TỊCH');
    expect(t).toContain('Trương Thanh Tuyến');
    expect(t).toContain('- Ban Chỉ đạo chuyển đổi số huyện Bá Thước;');
    // One group of difficulties (I), so the proposals are II.
    expect(t).toContain('II. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(t).toContain('1. Hỗ trợ kinh phí lắp camera an ninh.');
    expect(t).toContain('c) đề nghị huyện hướng dẫn.');
    // 3 of the 4 criteria are unanswered: a draft, said on the file and on the page.
    expect(file.draft).toEqual({ unanswered: 3 });
    expect(t).toContain('DỰ THẢO — còn 3 tiêu chí chưa trả lời');
  });

  it("sends a period after the reform to the province's recipients", async () => {
    const file = await makeDocument(
      app.db,
      fw,
      unit,
      { kind: 'difficulties', format: 'docx', period: '2026-Q4' },
      now,
    );
    const t = await text(file.bytes);
    expect(t).toContain('- Sở Khoa học và Công nghệ tỉnh Thanh Hóa;');
    expect(t).toContain('- Ủy ban nhân dân tỉnh Thanh Hóa.');
    expect(t).toContain('không có đề xuất, kiến nghị nào khác');
  });

  it("refuses a signer mode other than TM and KT, in the operator's words", async () => {
    const refused = updateUnitDocumentSettings(app.db, unit, { signerMode: 'TL' }, now);
    await expect(refused).rejects.toBeInstanceOf(DocumentSettingsError);
    await expect(refused).rejects.toThrow('--signer-mode chỉ nhận TM');
  });

  it('says before a draft document that it is one and how to get a signable copy', async () => {
    const resolve = async () => ({ fw, unit });
    const [draft] = await attachDocuments(
      [
        {
          text: 'Phụ lục kết quả năm 2023 (Word).',
          document: { kind: 'appendix', format: 'docx', period: '2023' },
        },
      ],
      resolve,
      app.db,
      now,
    );
    expect(draft?.file?.draft).toEqual({ unanswered: 3 });
    expect(draft?.text).toBe(
      [
        'Phụ lục kết quả năm 2023 (Word).',
        'Báo cáo còn 3 tiêu chí chưa trả lời nên văn bản được đánh dấu "DỰ THẢO" trên mọi trang. Trả lời nốt rồi xuất lại để có bản ký được.',
      ].join('\n'),
    );
    // A complete report: the reply says nothing more.
    const complete = app.frameworks.get('ntm-tieu-chi-8')!;
    const yes = { value: { type: 'yesno', yes: true } } as const;
    const ba = await addUnit(
      app.db,
      { code: 'BT', name: 'Xã Bình Trung', province: 'Thanh Hóa', frameworkId: complete.id },
      now,
    );
    await storeAsImport(
      app.db,
      { unitId: ba.id, frameworkId: complete.id },
      ['8.1', '8.2', '8.3', '8.4'].map((key) => ({
        type: 'save_answer',
        period: '2023',
        key,
        answer: yes,
        raw: 'có',
      })),
      now,
    );
    const [done] = await attachDocuments(
      [{ text: 'Phụ lục.', document: { kind: 'appendix', format: 'docx', period: '2023' } }],
      async () => ({ fw: complete, unit: ba }),
      app.db,
      now,
    );
    expect(done?.file?.draft).toBeUndefined();
    expect(done?.text).toBe('Phụ lục.');
  });

  it('makes the matrix one workbook with a sheet per framework, or a workbook each when asked', async () => {
    const other = await addUnit(
      app.db,
      { code: 'BA', name: 'Xã Bình An', province: 'Thanh Hóa', frameworkId: 'ntm-tieu-chi-8' },
      now,
    );
    const parts = await provinceMatrices(app.db, app.frameworks, [unit, other], '2026-Q4', 'Thanh Hóa');
    const [book, ...rest] = await matrixWorkbooks(parts);
    expect(rest).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book!.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['thanh-hoa-xa-2023', 'ntm-tieu-chi-8', 'Tiêu chí']);
    expect(wb.getWorksheet('thanh-hoa-xa-2023')!.getCell(1, 1).value).toBe('Kỳ báo cáo:\nquý IV/2026');
    const split = await matrixWorkbooks(parts, true);
    expect(split.map((b) => b.frameworkId)).toEqual(['thanh-hoa-xa-2023', 'ntm-tieu-chi-8']);
  });
});
