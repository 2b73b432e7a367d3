/**
 * Never store what the officer did not mean (issue 12): every class of input that used to be stored
 * wrong, read right, confirmed, or refused with the reason in the criterion's own terms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../../src/domain/answers/parse.js';
import type { ParseResult } from '../../../src/domain/answers/types.js';
import { isQuestion } from '../../../src/domain/answers/words.js';
import type { Question, Target } from '../../../src/domain/catalog/types.js';
import { evaluateAnswer } from '../../../src/domain/evaluation/evaluate.js';
import { answerLabel } from '../../../src/domain/messages/format.js';

type Q = Pick<Question, 'kind' | 'target' | 'key'> & Partial<Pick<Question, 'unit' | 'notApplicableWhen'>>;
const target = (value: number, op: Target['op'] = '>='): Target => ({ op, value, text: `${value}%` });
const pct = (value = 55, op: Target['op'] = '>='): Q => ({
  key: '3.3',
  kind: 'percent',
  target: target(value, op),
});
const ratio = (value = 50, unit = 'doanh nghiệp'): Q => ({
  key: '2.5',
  kind: 'ratio',
  unit,
  target: target(value),
});
const count: Q = { key: '3.3', kind: 'count', unit: 'sản phẩm', target: { op: '>=', value: 1, text: '01' } };
const yn: Q = { key: '1.5', kind: 'yesno', target: { op: 'yes', text: 'Có' } };

const refusal = (r: ParseResult) => (r.ok ? undefined : r.reason);
const sure = (r: ParseResult) => r.ok && !r.confirm;
const confirmed = (r: ParseResult) => (r.ok && r.confirm ? r.confirm.why : undefined);
const status = (q: Q, r: ParseResult) => (r.ok ? evaluateAnswer(q, r.answer).status : undefined);

describe('1. a count with its unit where a ratio is asked asks for the total, never a percentage', () => {
  it.each([
    [pct(), '3 hợp tác xã', 3, 'hợp tác xã'],
    [pct(), 'có 12 thôn', 12, 'thôn'],
    [pct(), '02 điểm phục vụ bưu chính VNPT, Viettel', 2, 'điểm phục vụ bưu chính VNPT'],
    [pct(), 'có 02 điểm phục vụ bưu chính', 2, 'điểm phục vụ bưu chính'],
    [ratio(), '4 doanh nghiệp', 4, 'doanh nghiệp'],
    [ratio(), 'Có 4 doanh nghiệp đang hoạt động', 4, 'doanh nghiệp'],
    [ratio(100, 'hồ sơ'), '37.389 hồ sơ', 37389, 'hồ sơ'],
    [pct(), '01 sản phẩm nước mắm Mười Quý', 1, 'sản phẩm nước mắm Mười Quý'],
  ])('%#: %j', (q, text, numerator, unit) => {
    expect(parseAnswer(q, text)).toEqual({ ok: false, reason: 'needs_total', numerator, unit });
  });

  it('reads "a trên b", "a/b", "a trong số b" and "b …, a … dùng" as ratios', () => {
    for (const text of ['2 trên 4 doanh nghiệp', '2/4', '2 trong số 4 doanh nghiệp', '2 trong tổng số 4']) {
      expect(parseAnswer(ratio(), text)).toMatchObject({
        ok: true,
        answer: { value: { numerator: 2, denominator: 4 } },
      });
    }
    const sentence = parseAnswer(
      ratio(),
      'Trên địa bàn có 4 doanh nghiệp, 2 doanh nghiệp đã dùng hợp đồng điện tử',
    );
    expect(sentence).toMatchObject({
      ok: true,
      answer: { value: { numerator: 2, denominator: 4, value: 50 } },
    });
    expect(confirmed(sentence)).toBe('ratio_in_sentence');
  });

  it('keeps a count where a count is asked', () => {
    expect(parseAnswer(count, '05 điểm pho tô')).toMatchObject({ ok: true, answer: { value: { value: 5 } } });
    expect(sure(parseAnswer(count, '10.135 tài khoản'))).toBe(true);
  });
});

describe('2. hedges keep their meaning', () => {
  it.each([
    ['dưới 55%', 'below', 'not_met'],
    ['chưa tới 55%', 'below', 'not_met'],
    ['chưa đến 55%', 'below', 'not_met'],
    ['gần 55%', 'near', 'not_met'],
    ['gan 55', 'near', 'not_met'],
    ['trên 60%', 'above', 'met'],
    ['hơn 55%', 'above', 'met'],
    ['ít nhất 55%', 'atLeast', 'met'],
  ])('%j against 55%: %s, %s', (text, bound, verdict) => {
    const r = parseAnswer(pct(55), text);
    expect(r).toMatchObject({ ok: true, answer: { value: { bound } } });
    expect(status(pct(55), r)).toBe(verdict);
  });

  it('"khoảng x" is approximate and judged at x', () => {
    const r = parseAnswer(pct(55), 'khoảng 55%');
    expect(r).toMatchObject({ ok: true, answer: { value: { value: 55, approximate: true } } });
    expect(status(pct(55), r)).toBe('met');
  });

  it('shows the hedge in the echo', () => {
    for (const [text, label] of [
      ['dưới 55%', 'dưới 55%'],
      ['gần 55%', 'gần 55%'],
      ['hơn 80%', 'trên 80%'],
      ['ít nhất 60%', 'ít nhất 60%'],
      ['khoảng 20%', 'khoảng 20%'],
    ] as const) {
      const r = parseAnswer(pct(55), text);
      if (!r.ok) throw new Error(text);
      expect(answerLabel({ kind: 'percent' }, r.answer)).toBe(label);
    }
  });

  it('refuses a bound that does not tell the verdict, and says so', () => {
    expect(parseAnswer(pct(55), 'dưới 80%')).toEqual({
      ok: false,
      reason: 'hedge_undecided',
      words: 'dưới 80%',
    });
    expect(refusal(parseAnswer(pct(100), 'hơn 80%'))).toBe('hedge_undecided');
  });

  it('judges every hedge the right way round (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom('dưới', 'chưa tới', 'gần', 'trên', 'hơn'),
        (x, t, hedge) => {
          const q = pct(t);
          const r = parseAnswer(q, `${hedge} ${x}%`);
          const below = hedge === 'dưới' || hedge === 'chưa tới' || hedge === 'gần';
          if (below) {
            if (x <= t) expect(status(q, r)).toBe('not_met');
            else expect(refusal(r)).toBe('hedge_undecided');
          } else if (x >= t) expect(status(q, r)).toBe('met');
          else expect(refusal(r)).toBe('hedge_undecided');
        },
      ),
    );
  });
});

describe('3. questions and doubts are never stored as Có or Không', () => {
  it.each([
    'co nghia la gi',
    'có nghĩa là gì?',
    'có phải nhập số không',
    'khong hieu',
    'không hiểu tiêu chí này',
    'là gì?',
    'tính như thế nào?',
    'làm sao để đạt?',
    'có cần ảnh không',
    'giải thích giúp',
    'co phai ghi co khong',
  ])('%j is a question', (text) => {
    expect(parseAnswer(yn, text)).toEqual({ ok: false, reason: 'question' });
  });

  it.each(['có thể', 'co the', 'có lẽ', 'chắc có', 'hình như có'])('%j is a doubt, not a Có', (text) => {
    expect(refusal(parseAnswer(yn, text))).toBe('doubt');
  });

  it('confirms a qualified Có before storing it, with the reservation as its note', () => {
    for (const text of [
      'có nhưng còn ít',
      'Có, nhưng chưa đầy đủ',
      'co nhung chua thuong xuyen',
      'có một phần',
    ]) {
      const r = parseAnswer(yn, text);
      expect(confirmed(r)).toBe('qualified_yes');
      expect(r).toMatchObject({ ok: true, answer: { value: { yes: true } } });
    }
    expect(sure(parseAnswer(yn, 'Có, nhóm Zalo của xã'))).toBe(true);
  });

  it("keeps the seeds' call for guidance a statement, not a question", () => {
    expect(isQuestion('UBND xã Ái Thượng chưa biết thực hiện tiêu chí này như thế nào')).toBe(false);
    expect(isQuestion('Đề nghị tỉnh hướng dẫn tiêu chí 3.6')).toBe(false);
    expect(
      isQuestion('xã chưa bố trí được kinh phí, đề nghị huyện hướng dẫn cách tính chỉ tiêu cho cán bộ'),
    ).toBe(false);
  });
});

describe('5. numbers that are not what they look like', () => {
  it.each(['-5', '- 5', '–5', '−5', '-5%', '-3/4', '3/-4'])('refuses the negative %j', (text) => {
    expect(refusal(parseAnswer(pct(), text))).toBe('negative');
  });

  it.each(['10/11/2026', '1/7/2025', 'ngày 10/11', 'tháng 10/2023', '10/2023'])(
    'never reads the date %j as a ratio',
    (text) => {
      expect(refusal(parseAnswer(pct(50), text))).toBe('date_only');
    },
  );

  it('keeps a date next to a figure in the note', () => {
    expect(parseAnswer(pct(50), '70% (cập nhật ngày 10/11/2026)')).toMatchObject({
      ok: true,
      answer: { value: { value: 70 }, note: '(cập nhật ngày 10/11/2026)' },
    });
  });

  it('refuses numbers joined like a date that is none', () => {
    expect(refusal(parseAnswer(pct(50), '4/5/6'))).toBe('malformed_number');
  });

  it('asks about two figures instead of storing the first', () => {
    expect(parseAnswer(pct(), '50% 60%')).toEqual({
      ok: false,
      reason: 'ambiguous_number',
      figures: ['50%', '60%'],
    });
    expect(refusal(parseAnswer(pct(), '50% hoặc 60%'))).toBe('ambiguous_number');
  });

  it('asks about an English-style comma, offering the readings that fit', () => {
    const r = parseAnswer(ratio(), '1,234/2,000');
    expect(confirmed(r)).toBe('number_format');
    expect(r).toMatchObject({
      ok: true,
      confirm: { options: [{ value: { numerator: 1234, denominator: 2000 } }] },
    });
    const c = parseAnswer(count, '100,000');
    expect(confirmed(c)).toBe('number_format');
    expect(c.ok && c.confirm?.options.map((a) => (a.value.type === 'number' ? a.value.value : 0))).toEqual([
      100000, 100,
    ]);
    expect(confirmed(parseAnswer(count, '1,234,567'))).toBe('number_format');
  });

  it('keeps the vi-VN rules: dot for thousands, comma for decimals', () => {
    expect(parseAnswer(count, '37.389')).toMatchObject({ ok: true, answer: { value: { value: 37389 } } });
    expect(parseAnswer(pct(), '66,95%')).toMatchObject({ ok: true, answer: { value: { value: 66.95 } } });
    expect(parseAnswer(count, '1.234,5')).toEqual({ ok: false, reason: 'not_integer' });
  });

  it('reads ‰ as per mille, and %, ％, ٪ alike', () => {
    expect(parseAnswer(pct(), '5‰')).toMatchObject({ ok: true, answer: { value: { value: 0.5 } } });
    for (const sign of ['%', '％', '٪', '﹪']) {
      expect(parseAnswer(pct(), `70${sign}`)).toMatchObject({ ok: true, answer: { value: { value: 70 } } });
      expect(refusal(parseAnswer(count, `5${sign}`))).toBe('not_integer');
    }
  });

  it('reads any vi-VN number with dots for thousands as written (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), (n) => {
        const written = n.toLocaleString('vi-VN');
        expect(parseAnswer(count, written)).toMatchObject({ ok: true, answer: { value: { value: n } } });
        expect(sure(parseAnswer(count, written))).toBe(true);
        // The same number written the English way is asked about, never guessed.
        expect(confirmed(parseAnswer(count, n.toLocaleString('en-US')))).toBe('number_format');
      }),
    );
  });

  it('refuses every negative figure, whatever its form (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom('-', '−', '–'),
        fc.constantFrom('', '%', '/100'),
        (n, minus, tail) => {
          expect(refusal(parseAnswer(pct(), `${minus}${n}${tail}`))).toBe('negative');
        },
      ),
    );
  });
});

describe('6. usable answers are read', () => {
  it('takes the figure of a sentence from a Word report, to confirm', () => {
    const r = parseAnswer(
      pct(60),
      'Tỷ lệ hộ gia đình thanh toán tiền điện bằng phương thức thanh toán không dùng tiền mặt trên địa bàn xã hiện nay mới chỉ đạt khoảng 20%. (chưa đạt)',
    );
    expect(confirmed(r)).toBe('figure_in_sentence');
    expect(r).toMatchObject({
      ok: true,
      answer: { value: { value: 20, approximate: true, declared: 'not_met' } },
    });
  });

  it('reads "4 doanh nghiệp … chưa có doanh nghiệp nào" as 0/4 (seed 002, 2.5), to confirm', () => {
    const r = parseAnswer(
      ratio(),
      'Hiện này trên địa bàn xã có 4 doanh nghiệp đang hoạt động. Nhưng chưa có doanh nghiệp nào sử dụng hợp đồng điện tử. (chưa đạt)',
    );
    expect(confirmed(r)).toBe('ratio_in_sentence');
    expect(r).toMatchObject({ ok: true, answer: { value: { value: 0, numerator: 0, denominator: 4 } } });
  });

  it('reads the totals and the part of seed 001 as a ratio that agrees with its percentage', () => {
    const r = parseAnswer(
      ratio(100, 'hồ sơ'),
      'Tổng hồ sơ tiếp nhận giải quyết TTHC trong năm 2023 là 37.389 hồ sơ trong đó số hóa thành phần hồ sơ khi tiếp nhận là 25.031 hồ sơ đạt 66,95%',
    );
    expect(r).toMatchObject({ ok: true, answer: { value: { numerator: 25031, denominator: 37389 } } });
    expect(confirmed(r)).toBe('ratio_in_sentence');
  });

  it('ignores the target quoted in the answer (seed 000: "không đạt chỉ tiêu được giao 30%")', () => {
    expect(
      parseAnswer(
        ratio(30, 'người trưởng thành'),
        'đã tạo lập tài khoản cho người dân được 10.135 tài khoản, vì vậy không đạt chỉ tiêu được giao 30%.',
      ),
    ).toMatchObject({ ok: false, reason: 'other_unit', words: '10.135 tài khoản' });
  });

  it('refuses a count of something else than the criterion counts, and takes the same thing in other words', () => {
    const people = ratio(30, 'người trưởng thành');
    expect(parseAnswer(people, 'tạo lập được 10.135 tài khoản')).toMatchObject({
      ok: false,
      reason: 'other_unit',
      words: '10.135 tài khoản',
    });
    expect(parseAnswer(people, '10.135 người')).toMatchObject({ reason: 'needs_total', numerator: 10135 });
    expect(parseAnswer(ratio(60, 'hộ gia đình'), '120 hộ')).toMatchObject({ reason: 'needs_total' });
    const described = {
      ...ratio(50, 'doanh nghiệp'),
      text: 'Tỷ lệ hộ kinh doanh, doanh nghiệp dùng hóa đơn điện tử',
    };
    expect(parseAnswer(described, '12 hộ kinh doanh')).toMatchObject({
      reason: 'needs_total',
      numerator: 12,
    });
  });

  it('takes a verdict before the figure', () => {
    expect(parseAnswer(pct(55), 'chưa đạt, mới 40%')).toMatchObject({
      ok: true,
      answer: { value: { value: 40, declared: 'not_met' } },
    });
  });

  it('reads chat shorthand', () => {
    for (const text of ['đc', 'dc', 'cx có', 'đc rồi', 'cx đạt']) {
      expect(parseAnswer(yn, text)).toMatchObject({ ok: true, answer: { value: { yes: true } } });
    }
    for (const text of ['cx k', 'k', 'ko', 'chx']) {
      expect(parseAnswer(yn, text)).toMatchObject({ ok: true, answer: { value: { yes: false } } });
    }
    expect(parseAnswer(pct(), 'cx đạt 60%')).toMatchObject({ ok: true, answer: { value: { value: 60 } } });
  });

  it('reads "không có …" as không áp dụng where the catalog says the criterion may not apply, to confirm', () => {
    const q: Q = { ...ratio(100, 'làng nghề'), notApplicableWhen: 'Trên địa bàn không có làng nghề' };
    for (const text of ['trên địa bàn không có làng nghề', 'Không có.', 'xã chưa có làng nghề nào']) {
      const r = parseAnswer(q, text);
      expect(confirmed(r)).toBe('not_applicable_phrase');
      expect(r).toMatchObject({ ok: true, answer: { value: { status: 'not_applicable' } } });
    }
    // Elsewhere the same words are no figure: refused, with the hint.
    expect(refusal(parseAnswer(ratio(), 'trên địa bàn không có làng nghề'))).toBe('needs_number');
  });

  it('confirms a count at a Có/Không criterion as a Có', () => {
    expect(confirmed(parseAnswer(yn, '05 điểm pho tô'))).toBe('count_as_yes');
  });
});
