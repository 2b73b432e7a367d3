/**
 * `npm run render [-- <folder>]`: makes every kind of document for two examples and converts each
 * to PDF and to PNG pages with LibreOffice and poppler, so that they can be read page by page as a
 * commune clerk would (README, "Looking at the documents").
 *
 * - Seed-sized: Xã Yên Nhân (Thanh Hóa, bộ tiêu chí cấp xã 2022, 33 criteria) for 9 tháng đầu năm
 *   2022, with the answers and the khó khăn of Phụ lục 2 of seed 004; 1.13 is blank there, so the
 *   report is a draft. Its province's matrix holds 30 more communes and 4 NTM ones.
 * - NTM composite: Xã Bình Trung (Quảng Ngãi, NTM nâng cao TT&TT, sub-points a–đ) for năm 2025,
 *   from seed 001, complete and submitted with general proposals.
 *
 * Writes <folder>/<name>.{docx,xlsx,pdf} and <folder>/png/<name>-<page>.png (default folder
 * render/). Needs `soffice` (libreoffice-writer, libreoffice-calc) and `pdftoppm` (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../src/app/create-app.js';
import {
  makeDocument,
  matrixWorkbooks,
  provinceMatrices,
  updateProvinceDocumentSettings,
  updateUnitDocumentSettings,
} from '../src/app/documents.js';
import { parseConfig } from '../src/config.js';
import { parseAnswer } from '../src/domain/answers/parse.js';
import { listQuestions } from '../src/domain/catalog/load.js';
import type { Effect } from '../src/domain/dialog/protocol.js';
import { writeEffects } from '../src/storage/effects.js';
import { recordSubmission } from '../src/storage/submissions.js';
import { addUnit, type UnitRecord } from '../src/storage/units.js';

const out = resolve(process.argv[2] ?? 'render');
const now = new Date('2026-11-22T02:00:00Z');

/** Phụ lục 2 of seed 004: "Kết quả 9 tháng" and "Khó khăn; đề xuất", with a few đề xuất of our own. */
const YEN_NHAN: Record<string, { result: string; difficulty?: string; proposal?: string }> = {
  '1.1': { result: '100' },
  '1.2': {
    result: '95',
    proposal: 'Đề nghị Sở Thông tin và Truyền thông cấp bổ sung 01 chứng thư số cho công chức mới.',
  },
  '1.3': { result: '100' },
  '1.4': {
    result: '70',
    difficulty: 'Một số hồ sơ đất đai vẫn tiếp nhận bản giấy do phần mềm một cửa chưa liên thông.',
    proposal: 'Đề nghị huyện chỉ đạo liên thông phần mềm một cửa với cơ sở dữ liệu đất đai.',
  },
  '1.5': { result: 'có' },
  '1.6': { result: 'có' },
  '1.7': { result: 'có' },
  '1.8': { result: 'có' },
  '1.9': { result: 'có' },
  '1.10': { result: 'Có' },
  '1.11': { result: 'có' },
  '1.12': { result: '?', difficulty: 'Đang chỉ đạo thực hiện theo NĐ 42/2022.' },
  '1.14': { result: 'Có' },
  '2.1': { result: 'có' },
  '2.2': {
    result: '0',
    difficulty: 'Xã chưa có cán bộ phụ trách thương mại điện tử.',
    proposal: 'hướng dẫn xã đưa sản phẩm OCOP lên sàn thương mại điện tử',
  },
  '2.3': { result: 'không' },
  '2.4': { result: 'không' },
  '2.5': { result: '0' },
  '2.6': { result: 'không' },
  '3.1': { result: '50' },
  '3.2': {
    result: 'Đạt',
    difficulty:
      'Đang phối hợp với DNVT rà soát đánh giá thực tế so với chỉ tiêu theo Quyết định 1168/QĐ-TTg; Quyết định số 868/QĐ-TTg; Quyết định số 2269/QĐ-TTg đối với Chương trình viễn thông công ích',
  },
  '3.3': { result: '?' },
  '3.4': { result: '?' },
  '3.5': { result: '?' },
  '4.1': {
    result: '?',
    difficulty:
      'Đang phối hợp với DNVT rà soát đánh giá thực tế so với chỉ tiêu theo Quyết định 1168/QĐ-TTg; Quyết định số 868/QĐ-TTg; Quyết định số 2269/QĐ-TTg đối với Chương trình viễn thông công ích',
  },
  '4.2': { result: 'đang thực hiện', difficulty: 'Đang phối hợp thực hiện' },
  '4.3': { result: '100' },
  '4.4': { result: 'Đạt' },
  '4.5': { result: 'Đạt', difficulty: 'Đang chủ trương thực hiện' },
  '4.6': { result: 'Đạt' },
  '4.7': { result: '?', difficulty: 'Đang chủ trương thực hiện' },
  '4.8': { result: 'Đạt' },
};

/** Seed 001, xã Bình Trung (NTM nâng cao, sub-points a–đ), with some points still open. */
const BINH_TRUNG: Record<string, { result: string; difficulty?: string; proposal?: string }> = {
  '8.1': { result: 'có' },
  '8.2': { result: '85% (đạt)' },
  '8.3a': { result: '06/06 thôn' },
  '8.3b': { result: '6/6' },
  '8.3c': { result: '01' },
  '8.4a': { result: '80% (đạt)' },
  '8.4b': { result: '100% (đạt)' },
  '8.4c': {
    result: '70% (chưa đạt)',
    difficulty: 'Nhiều lao động làm ăn xa, chưa tham gia được các lớp phổ biến kỹ năng số.',
    proposal:
      'Đề nghị Sở Khoa học và Công nghệ hỗ trợ tổ chức lớp phổ biến kỹ năng số vào buổi tối tại các thôn.',
  },
  '8.4d': { result: 'không áp dụng' },
  '8.4đ': {
    result: 'đang thực hiện',
    difficulty: 'Mới gắn biển địa chỉ số tại di tích chiến thắng Gò Sỏi.',
    proposal: 'Đề nghị Bưu điện tỉnh phối hợp gắn biển địa chỉ số cho các hộ gia đình trong quý I/2026.',
  },
};

const GENERAL_PROPOSALS = [
  'Đề nghị tỉnh xem xét hỗ trợ kinh phí cho xã trong công tác thực hiện chuyển đổi số: lắp đặt camera an ninh, wifi công cộng, hỗ trợ Tổ công nghệ số cộng đồng.',
  'Đề nghị các sở, ngành phụ trách các tiêu chí có hướng dẫn chi tiết cho xã thực hiện.',
].join('\n');

/** A deterministic spread of answers for the communes that fill the matrix. */
function filler(seed: number, kind: string): string {
  const x = (seed * 9301 + 49297) % 233280;
  const r = x / 233280;
  if (kind === 'yesno') return r < 0.6 ? 'có' : r < 0.75 ? 'không' : r < 0.9 ? 'đang thực hiện' : '?';
  if (kind === 'count') return String(Math.floor(r * 4));
  return r < 0.1 ? '?' : `${Math.round(40 + r * 60)}%${r > 0.5 ? ' (đạt)' : ' (chưa đạt)'}`;
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'png'), { recursive: true });
  const app = await createApp(parseConfig({ CDS_DB: ':memory:' }), {
    clock: () => now,
    logger: pino({ level: 'silent' }),
  });

  const answer = async (
    unit: UnitRecord,
    period: string,
    typed: Record<string, { result: string; difficulty?: string; proposal?: string }>,
  ) => {
    const fw = app.frameworks.get(unit.frameworkId);
    if (!fw) throw new Error(`no framework ${unit.frameworkId}`);
    const questions = new Map(listQuestions(fw).map((q) => [q.key, q]));
    const effects: Effect[] = [];
    for (const [key, a] of Object.entries(typed)) {
      const q = questions.get(key);
      const parsed = q && parseAnswer(q, a.result);
      if (!parsed?.ok) throw new Error(`"${a.result}" is no answer to ${unit.frameworkId} ${key}`);
      effects.push({ type: 'save_answer', period, key, answer: parsed.answer, raw: a.result });
      if (a.difficulty) effects.push({ type: 'save_difficulty', period, key, text: a.difficulty });
      if (a.proposal) effects.push({ type: 'save_proposal', period, key, text: a.proposal });
    }
    await writeEffects(
      app.db,
      { unitId: unit.id, frameworkId: fw.id },
      { officerId: null, channel: 'import' },
      effects,
      now,
    );
  };

  // Seed-sized example and its province.
  const yenNhan = await addUnit(
    app.db,
    { code: '16075', name: 'Xã Yên Nhân', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
    now,
  );
  await answer(yenNhan, '2022-Q3', YEN_NHAN);
  await updateUnitDocumentSettings(
    app.db,
    yenNhan,
    { signerMode: 'KT', signerTitle: 'Phó Chủ tịch', signerName: 'Lê Văn Minh', district: 'Thường Xuân' },
    now,
  );
  await updateProvinceDocumentSettings(
    app.db,
    'Thanh Hóa',
    {
      basis:
        'Công văn số 1916/STTTT-CNTT ngày 13/9/2022 của Sở Thông tin và Truyền thông tỉnh Thanh Hóa về việc báo cáo kết quả chuyển đổi số 09 tháng năm 2022',
    },
    now,
  );
  const thanhHoa: UnitRecord[] = [yenNhan];
  const xa2022 = app.frameworks.get('thanh-hoa-xa-2022');
  const communes = [
    'Bát Mọt',
    'Lương Sơn',
    'Xuân Cao',
    'Luận Thành',
    'Thọ Thanh',
    'Ngọc Phụng',
    'Xuân Dương',
  ];
  for (let i = 0; i < 30 && xa2022; i++) {
    const name = `${i === 29 ? 'Thị trấn Thường Xuân' : `Xã ${communes[i % communes.length]}${i >= communes.length ? ` ${Math.floor(i / communes.length) + 1}` : ''}`}`;
    const u = await addUnit(
      app.db,
      { code: String(16100 + i), name, province: 'Thanh Hóa', frameworkId: xa2022.id },
      now,
    );
    const typed: Record<string, { result: string }> = {};
    listQuestions(xa2022).forEach((q, k) => {
      if ((i + k) % 11 !== 0) typed[q.key] = { result: filler(i * 37 + k, q.kind) };
    });
    await answer(u, '2022-Q3', typed);
    if (i % 3 === 0)
      await recordSubmission(
        app.db,
        { unitId: u.id, frameworkId: xa2022.id },
        '2022-Q3',
        null,
        now,
        undefined,
      );
    thanhHoa.push(u);
  }
  const ntm = app.frameworks.get('ntm-nang-cao-tttt');
  for (let i = 0; i < 4 && ntm; i++) {
    const u = await addUnit(
      app.db,
      {
        code: String(16200 + i),
        name: `Xã Nông thôn mới ${i + 1}`,
        province: 'Thanh Hóa',
        frameworkId: ntm.id,
      },
      now,
    );
    const typed: Record<string, { result: string }> = {};
    listQuestions(ntm).forEach((q, k) => {
      typed[q.key] = {
        result: q.kind === 'yesno' ? 'có' : q.kind === 'count' ? '2' : filler(i * 13 + k, q.kind),
      };
    });
    await answer(u, '2022-Q3', typed);
    thanhHoa.push(u);
  }

  // NTM composite example.
  const binhTrung = await addUnit(
    app.db,
    { code: '14521', name: 'Xã Bình Trung', province: 'Quảng Ngãi', frameworkId: 'ntm-nang-cao-tttt' },
    now,
  );
  await answer(binhTrung, '2025', BINH_TRUNG);
  await updateUnitDocumentSettings(
    app.db,
    binhTrung,
    { signerMode: 'TM', signerName: 'Nguyễn Thị Hoa' },
    now,
  );
  await recordSubmission(
    app.db,
    { unitId: binhTrung.id, frameworkId: 'ntm-nang-cao-tttt' },
    '2025',
    null,
    now,
    undefined,
    GENERAL_PROPOSALS,
  );

  const written: string[] = [];
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(out, name), bytes);
    written.push(name);
  };
  // Each document dated as it would be made: the 9-month report in October 2022, the year's in January.
  for (const [prefix, unit, period, made] of [
    ['seed', yenNhan, '2022-Q3', new Date('2022-10-05T02:00:00Z')],
    ['ntm', binhTrung, '2025', new Date('2026-01-08T02:00:00Z')],
  ] as const) {
    const fw = app.frameworks.get(unit.frameworkId);
    if (!fw) continue;
    for (const [kind, format] of [
      ['appendix', 'docx'],
      ['appendix', 'xlsx'],
      ['difficulties', 'docx'],
    ] as const) {
      const file = await makeDocument(app.db, fw, unit, { kind, format, period }, made);
      write(
        `${prefix}-${kind === 'appendix' ? `phu-luc-${format === 'docx' ? 'word' : 'excel'}` : 'kho-khan'}.${format}`,
        file.bytes,
      );
    }
  }
  const parts = await provinceMatrices(app.db, app.frameworks, thanhHoa, '2022-Q3', 'Thanh Hóa');
  const [book] = await matrixWorkbooks(parts);
  if (book) write('seed-tong-hop.xlsx', book.bytes);
  const ntmParts = await provinceMatrices(app.db, app.frameworks, [binhTrung], '2025', 'Quảng Ngãi');
  const [ntmBook] = await matrixWorkbooks(ntmParts);
  if (ntmBook) write('ntm-tong-hop.xlsx', ntmBook.bytes);
  await app.close();

  execFileSync(
    'soffice',
    ['--headless', '--convert-to', 'pdf', '--outdir', out, ...written.map((f) => join(out, f))],
    {
      stdio: 'ignore',
    },
  );
  for (const f of written) {
    const base = f.replace(/\.(docx|xlsx)$/, '');
    execFileSync('pdftoppm', ['-r', '80', '-png', join(out, `${base}.pdf`), join(out, 'png', base)]);
  }
  const pngs = readdirSync(join(out, 'png')).sort();
  process.stdout.write(`${written.length} documents, ${pngs.length} pages in ${out}/png\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
