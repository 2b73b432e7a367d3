/**
 * What the documents say, computed from answers typed as an officer types them, on the bundled
 * catalogs: the periods as reports name them, no invented target, the seed-002 shape of the
 * difficulties report, the recipients of their time, the signer, the draft mark.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogDir } from '../../src/catalogs.js';
import { parseAnswer } from '../../src/domain/answers/parse.js';
import { listQuestions } from '../../src/domain/catalog/load.js';
import type { Framework } from '../../src/domain/catalog/types.js';
import type { RecordedAnswer } from '../../src/domain/evaluation/evaluate.js';
import {
  appendixData,
  difficultiesData,
  draftMark,
  matrixData,
  matrixTitle,
  periodEnd,
  periodName,
  placeAndDate,
  provinceInSentence,
  recipients,
  signingBlock,
  unitNaming,
} from '../../src/reports/data.js';

const catalogs = loadCatalogDir();
const fw = (id: string): Framework => {
  const f = catalogs.get(id);
  if (!f) throw new Error(`no framework ${id}`);
  return f;
};
const now = new Date('2026-11-22T02:00:00Z');
const AT = { code: '26620', name: 'Xã Ái Thượng', province: 'Thanh Hóa' };

/** Answers typed as an officer types them, with khó khăn and đề xuất. */
function answers(
  f: Framework,
  typed: Record<string, string | { text: string; difficulty?: string; proposal?: string }>,
): Map<string, RecordedAnswer> {
  const questions = new Map(listQuestions(f).map((q) => [q.key, q]));
  const out = new Map<string, RecordedAnswer>();
  for (const [key, t] of Object.entries(typed)) {
    const { text, difficulty, proposal } = typeof t === 'string' ? { text: t } : t;
    const q = questions.get(key);
    const parsed = q && parseAnswer(q, text);
    if (!parsed?.ok) throw new Error(`"${text}" is no answer to ${key}`);
    out.set(key, {
      ...parsed.answer,
      raw: text,
      ...(difficulty ? { difficulty } : {}),
      ...(proposal ? { proposal } : {}),
    });
  }
  return out;
}

describe('periods, names and places', () => {
  it('names periods as the reports do', () => {
    expect(['2022-Q3', '2026-Q2', '2026-Q1', '2026-Q4', '2026'].map(periodName)).toEqual([
      '9 tháng đầu năm 2022',
      '6 tháng đầu năm 2026',
      'quý I/2026',
      'quý IV/2026',
      'năm 2026',
    ]);
    expect(['2022-Q3', '2024-Q1', '2026'].map(periodEnd)).toEqual(['2022-09-30', '2024-03-31', '2026-12-31']);
  });

  it('writes the kind of unit in lower case mid-sentence, the agency in full, the place as its proper name', () => {
    expect(unitNaming('Xã Ái Thượng')).toMatchObject({
      inSentence: 'xã Ái Thượng',
      agency: 'Ủy ban nhân dân xã Ái Thượng',
      agencyLines: ['ỦY BAN NHÂN DÂN', 'XÃ ÁI THƯỢNG'],
      place: 'Ái Thượng',
    });
    expect(unitNaming('Thị trấn Cành Nàng').inSentence).toBe('thị trấn Cành Nàng');
    // A unit named by a number keeps its full name as the place (Phụ lục I, Mục II.4a).
    expect(unitNaming('Phường 3').place).toBe('Phường 3');
    expect(provinceInSentence('Thanh Hóa')).toBe('tỉnh Thanh Hóa');
    expect(provinceInSentence('Hà Nội')).toBe('thành phố Hà Nội');
    expect(provinceInSentence('tỉnh Quảng Ngãi')).toBe('tỉnh Quảng Ngãi');
  });

  it('leaves the day blank and pads January and February (Phụ lục I, Mục II.4b)', () => {
    expect(placeAndDate('Ái Thượng', now)).toBe('Ái Thượng, ngày      tháng 11 năm 2026');
    expect(placeAndDate('Ái Thượng', new Date('2026-02-10T02:00:00Z'))).toBe(
      'Ái Thượng, ngày      tháng 02 năm 2026',
    );
  });

  it('signs TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, or KT. CHỦ TỊCH / PHÓ CHỦ TỊCH, from the settings', () => {
    expect(signingBlock({})).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: '' });
    expect(signingBlock({ signerMode: 'KT', signerName: 'Trương Thanh Tuyến' })).toEqual({
      authority: 'KT. CHỦ TỊCH',
      title: 'PHÓ CHỦ TỊCH',
      name: 'Trương Thanh Tuyến',
    });
    expect(signingBlock({ signerMode: 'TM', signerTitle: 'Phó Chủ tịch' }).title).toBe('PHÓ CHỦ TỊCH');
  });
});

describe('the recipients and the căn cứ', () => {
  const th2023 = fw('thanh-hoa-xa-2023');

  it('keeps the district of its time for a period before 1/7/2025, when the framework says so', () => {
    expect(recipients(th2023, AT, '2023', { district: 'Bá Thước' })).toEqual([
      'Ban Chỉ đạo chuyển đổi số huyện Bá Thước',
      'Phòng Văn hóa - Thông tin huyện Bá Thước',
    ]);
    // Without the district set, a place to write it by hand.
    expect(recipients(th2023, AT, '2025-Q2', {})[0]).toBe('Ban Chỉ đạo chuyển đổi số huyện ……………');
  });

  it("sends later periods to the province's own recipients, else to its Sở Khoa học và Công nghệ", () => {
    expect(recipients(th2023, AT, '2025-Q3', { district: 'Bá Thước' })).toEqual([
      'Sở Khoa học và Công nghệ tỉnh Thanh Hóa',
    ]);
    expect(recipients(th2023, AT, '2026', { recipients: ['Ủy ban nhân dân tỉnh Thanh Hóa'] })).toEqual([
      'Ủy ban nhân dân tỉnh Thanh Hóa',
    ]);
    // A framework that says nothing of earlier recipients.
    expect(recipients(fw('ntm-tieu-chi-8'), { ...AT, province: 'Quảng Ngãi' }, '2023', {})).toEqual([
      'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi',
    ]);
  });

  it("opens with the province's căn cứ and the framework's decision, cited in full", () => {
    const d = difficultiesData(th2023, AT, '2026-Q4', answers(th2023, { '2.5': '0/4' }), now, {
      basis: [
        'Kế hoạch số 275/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân tỉnh Thanh Hóa về chuyển đổi số năm 2026',
      ],
    });
    expect(d.intro).toBe(
      'Thực hiện Kế hoạch số 275/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân tỉnh Thanh Hóa về chuyển đổi số năm 2026; ' +
        'Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Ủy ban nhân dân tỉnh Thanh Hóa về việc ban hành các tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa, ' +
        'Ủy ban nhân dân xã Ái Thượng báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã quý IV/2026 như sau:',
    );
    // No decision and no căn cứ of the province: none invented.
    const none = difficultiesData(fw('thanh-hoa-xa-2022'), AT, '2022-Q3', new Map(), now);
    expect(none.intro).toMatch(/^Ủy ban nhân dân xã Ái Thượng báo cáo/);
  });
});

describe('the difficulties report in the shape of seed 002', () => {
  const th2023 = fw('thanh-hoa-xa-2023');
  const data = difficultiesData(
    th2023,
    AT,
    '2023',
    answers(th2023, {
      '2.5': {
        text: '0/4',
        difficulty: 'Hiện nay trên địa bàn xã có 4 doanh nghiệp đang hoạt động',
        proposal: 'Đề nghị BCĐ huyện có phương án chỉ đạo tiêu chí này',
      },
      '3.3': { text: 'đang thực hiện', proposal: 'chưa có ứng dụng nên đề nghị huyện cung cấp' },
      '3.6': {
        text: 'chưa rõ',
        difficulty: 'UBND xã Ái Thượng chưa biết thực hiện tiêu chí này như thế nào.',
      },
      '3.12': 'khoảng 70%',
    }),
    now,
    { district: 'Bá Thước' },
    'Đề nghị hỗ trợ kinh phí lắp đặt camera an ninh\nĐề nghị hướng dẫn chi tiết các tiêu chí',
  );

  it('speaks of every criterion chưa đạt, đang thực hiện or chưa rõ, and of no other', () => {
    expect(data.groups.map((g) => g.heading)).toEqual([
      'I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ',
      'II. NHÓM TIÊU CHÍ SỐ 3: XÃ HỘI SỐ',
    ]);
    expect(data.groups.flatMap((g) => g.items.map((i) => i.code))).toEqual(['2.5', '3.3', '3.6']);
  });

  it('a) the target; b) the result in words, the verdict once, what is missing, then the khó khăn; c) the đề xuất as written', () => {
    const [contracts] = data.groups[0]!.items;
    expect(contracts).toEqual({
      code: '2.5',
      text: 'Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử',
      requirement: '50%',
      result:
        '0/4 doanh nghiệp, tỷ lệ 0% (chưa đạt), cần thêm 2 doanh nghiệp sử dụng hợp đồng điện tử để đạt 50%. Hiện nay trên địa bàn xã có 4 doanh nghiệp đang hoạt động.',
      proposal: 'Đề nghị BCĐ huyện có phương án chỉ đạo tiêu chí này',
    });
    const [phones, health] = data.groups[1]!.items;
    expect(phones!.result).toBe('Đang thực hiện.');
    expect(phones!.proposal).toBe('chưa có ứng dụng nên đề nghị huyện cung cấp');
    expect(health!.result).toBe('Chưa rõ. UBND xã Ái Thượng chưa biết thực hiện tiêu chí này như thế nào.');
    for (const item of data.groups.flatMap((g) => g.items)) {
      expect(item.result).not.toMatch(/\.\s*\(/);
      expect(item.result).not.toMatch(/\)\s*\(/);
    }
  });

  it('III. ĐỀ XUẤT, KIẾN NGHỊ: the general proposals of the submission, numbered', () => {
    expect(data.proposals).toEqual({
      heading: 'III. ĐỀ XUẤT, KIẾN NGHỊ',
      intro:
        'Bên cạnh 03 khó khăn, vướng mắc thuộc các tiêu chí 2.5; 3.3 và 3.6 đã nêu ở trên, Ủy ban nhân dân xã Ái Thượng đề xuất, kiến nghị một số nội dung sau:',
      items: [
        '1. Đề nghị hỗ trợ kinh phí lắp đặt camera an ninh.',
        '2. Đề nghị hướng dẫn chi tiết các tiêu chí.',
      ],
    });
    const none = difficultiesData(th2023, AT, '2023', answers(th2023, { '2.5': '0/4' }), now);
    expect(none.proposals.intro).toMatch(/không có đề xuất, kiến nghị nào khác\.$/);
    expect(none.proposals.items).toEqual([]);
  });

  it('writes the agency in full, "xã" in lower case, the recipients of 2023, the closing to the first of them', () => {
    expect(data.letterhead.agency).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ ÁI THƯỢNG']);
    expect(data.summary).toBe(
      'Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã Ái Thượng năm 2023',
    );
    expect(data.recipients[0]).toBe('Ban Chỉ đạo chuyển đổi số huyện Bá Thước');
    expect(data.closing).toMatch(
      /kính đề nghị Ban Chỉ đạo chuyển đổi số huyện Bá Thước quan tâm, chỉ đạo\.\/\.$/,
    );
    expect(data.draft).toBeUndefined();
  });

  it('gives a composite one line per sub-point under b), the verdict once, the officer’s own verdict only when it differs', () => {
    const ntm = fw('ntm-nang-cao-tttt');
    const d = difficultiesData(
      ntm,
      { ...AT, province: 'Quảng Ngãi' },
      '2025',
      answers(ntm, {
        '8.4a': '80% (chưa đạt)',
        '8.4b': '100% (đạt)',
        '8.4c': '70% (đạt)',
        '8.4d': 'không áp dụng',
        '8.4đ': { text: 'đang thực hiện', proposal: 'Đề nghị Bưu điện tỉnh phối hợp gắn biển' },
      }),
      now,
    );
    const item = d.groups[0]!.items.find((i) => i.code === '8.4')!;
    expect(item.requirement).toBe('đáp ứng đủ các điều kiện (điểm a, b, c, d, đ)');
    expect(item.result).toBe('Chưa đạt:');
    expect(item.resultLines?.[0]).toMatch(/^- Điểm a: .*: 80% \(chưa đạt\)\.$/);
    expect(item.resultLines?.[4]).toMatch(/^- Điểm đ: .*: Đang thực hiện\.$/);
    expect(item.resultLines?.join(' ')).not.toContain('tự đánh giá');
    expect(item.proposal).toBe('Đề nghị Bưu điện tỉnh phối hợp gắn biển');
  });
});

describe('the appendix', () => {
  const th2022 = fw('thanh-hoa-xa-2022');

  it('prints the target only where the source sets one: none of the 16 "Có" the old export invented', () => {
    const d = appendixData(th2022, AT, '2022-Q3', new Map(), now);
    const rows = d.groups.flatMap((g) => g.rows);
    const byCode = new Map(th2022.groups.flatMap((g) => g.criteria.map((c) => [c.code, c.target.text])));
    for (const r of rows) expect(r.target).toBe(byCode.get(r.code));
    expect(rows.filter((r) => r.target === '').map((r) => r.code)).toEqual([
      '1.12',
      '1.13',
      '1.14',
      '2.1',
      '2.3',
      '2.4',
      '2.6',
      '3.4',
      '3.5',
      '4.1',
      '4.2',
      '4.4',
      '4.5',
      '4.6',
      '4.7',
      '4.8',
    ]);
  });

  it('is "Phụ lục I" of a report of its unit, the period named as the report names it', () => {
    const d = appendixData(th2022, AT, '2022-Q3', new Map(), now, {
      signerMode: 'KT',
      signerName: 'Vi Ngọc Tuấn',
    });
    expect(d.number).toBe('I');
    expect(d.heading).toBe('KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ 9 THÁNG ĐẦU NĂM 2022');
    expect(d.attachedTo).toBe(
      '(Kèm theo Báo cáo số      /BC-UBND ngày      tháng 11 năm 2026 của Ủy ban nhân dân xã Ái Thượng)',
    );
    expect(d.headings.result).toBe('Kết quả 9 tháng đầu năm 2022');
    expect(d.placeAndDate).toBe('Ái Thượng, ngày      tháng 11 năm 2026');
    expect(d.signer).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Vi Ngọc Tuấn' });
  });

  it('puts the khó khăn and, on a line of its own, the đề xuất in the last column', () => {
    const d = appendixData(
      th2022,
      AT,
      '2022-Q3',
      answers(th2022, {
        '1.4': { text: '70', difficulty: 'Phần mềm chưa liên thông.', proposal: 'Đề nghị liên thông.' },
      }),
      now,
    );
    expect(d.groups[0]!.rows.find((r) => r.code === '1.4')).toMatchObject({
      result: '70%',
      status: 'Chưa đạt',
      difficulty: 'Phần mềm chưa liên thông.\nĐề xuất: Đề nghị liên thông.',
    });
  });

  it("keeps the officer's own verdict where it is the verdict, so that the sheet imports back the same", () => {
    const ntm = fw('ntm-nang-cao-tttt');
    const d = appendixData(
      ntm,
      AT,
      '2025',
      answers(ntm, { '8.2': '85% (đạt)', '8.3a': '6/6 thôn (chưa đạt)' }),
      now,
    );
    const rows = new Map(d.groups.flatMap((g) => g.rows.map((r) => [r.code, r])));
    expect(rows.get('8.2')).toMatchObject({ result: '85% (xã tự đánh giá: đạt)', status: 'Đạt' });
    expect(rows.get('8.3a')).toMatchObject({
      result: '100% (6/6 thôn) (xã tự đánh giá: chưa đạt)',
      status: 'Đạt',
    });
    const q = listQuestions(ntm).find((x) => x.key === '8.2')!;
    expect(parseAnswer(q, rows.get('8.2')!.result)).toMatchObject({
      ok: true,
      answer: { value: { declared: 'met' } },
    });
  });

  it('is a draft while a criterion has a question unanswered, a composite counted once', () => {
    const ntm = fw('ntm-nang-cao-tttt');
    expect(draftMark(ntm, answers(ntm, { '8.1': 'có', '8.4a': '80% (đạt)' }))).toEqual({
      text: 'DỰ THẢO — còn 3 tiêu chí chưa trả lời',
      unanswered: 3,
    });
    const all = Object.fromEntries(listQuestions(ntm).map((q) => [q.key, 'không áp dụng']));
    expect(draftMark(ntm, answers(ntm, all))).toBeUndefined();
    expect(appendixData(th2022, AT, '2022-Q3', new Map(), now).draft).toBe(
      'DỰ THẢO — còn 33 tiêu chí chưa trả lời',
    );
  });
});

describe('the matrix data', () => {
  it('names the period in words and keeps the groups, short names and targets', () => {
    const d = matrixData(fw('thanh-hoa-xa-2022'), '2022-Q3', [], 'TỔNG HỢP');
    expect(d.periodName).toBe('9 tháng đầu năm 2022');
    expect(d.groups.map((g) => g.criteria.length)).toEqual([14, 6, 5, 8]);
    expect(d.groups[0]!.criteria[0]).toMatchObject({ code: '1.1', target: '100%' });
    expect(d.groups[0]!.criteria.every((c) => c.short.length <= 60)).toBe(true);
  });
});

describe('the matrix title', () => {
  it('puts the province on a line of its own', () => {
    expect(matrixTitle(fw('thanh-hoa-xa-2022'), 'Thanh Hóa')).toBe(
      'TỔNG HỢP KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ\nTỈNH THANH HÓA',
    );
    expect(matrixTitle(fw('thanh-hoa-xa-2022'))).toBe(
      'TỔNG HỢP KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ',
    );
  });
});
