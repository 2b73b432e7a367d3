import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/domain/answers/parse.js';
import type { Target } from '../../src/domain/catalog/types.js';

const pct = (value = 100, op: Target['op'] = '>='): { kind: 'percent'; target: Target } => ({
  kind: 'percent',
  target: { op, value, text: `${value}%` },
});
const ratio = { kind: 'ratio' as const, target: { op: '>=' as const, value: 50, text: '50%' } };
const yn = { kind: 'yesno' as const, target: { op: 'yes' as const, text: 'Có' } };
const count = { kind: 'count' as const, target: { op: '>=' as const, value: 1, text: '', assumed: 'x' } };
const self = { kind: 'percent' as const, target: { op: 'self' as const, text: '', assumed: 'x' } };

describe('percentages (seed phrasings)', () => {
  it.each([
    ['70', 70],
    ['70%', 70],
    ['70,5 %', 70.5],
    ['66,95%', 66.95],
    ['66.95', 66.95],
    ['85% .', 85],
    ['100', 100],
    ['0', 0],
    ['đạt; 80%', 80],
    ['đạt: 85%', 85],
    ['dat 85%', 85],
  ])('reads %j as %d%%', (text, value) => {
    const r = parseAnswer(pct(), text);
    expect(r).toMatchObject({ ok: true, answer: { value: { type: 'number', value } } });
  });

  it('keeps "khoảng 20%" as approximate (seed 002, 3.12) and the self-assessment in brackets', () => {
    const r = parseAnswer(pct(60), 'khoảng 20% (chưa đạt)');
    expect(r).toMatchObject({
      ok: true,
      answer: { value: { type: 'number', value: 20, approximate: true, declared: 'not_met' } },
    });
    expect(parseAnswer(pct(60), 'mới chỉ đạt khoảng 20%')).toMatchObject({
      ok: true,
      answer: { value: { value: 20, approximate: true } },
    });
    expect(parseAnswer(pct(60), 'khoang 20')).toMatchObject({
      ok: true,
      answer: { value: { approximate: true } },
    });
  });

  it('turns ratios into percentages and keeps the counts ("25.031/37.389" → 66,95%)', () => {
    const r = parseAnswer(ratio, '25.031/37.389');
    expect(r.ok && r.answer.value.type === 'number' && r.answer.value.value.toFixed(2)).toBe('66.95');
    expect(r).toMatchObject({ answer: { value: { numerator: 25031, denominator: 37389 } } });
    expect(parseAnswer(ratio, '12.801/35.887 hồ sơ')).toMatchObject({
      answer: { value: { numerator: 12801, denominator: 35887 }, note: 'hồ sơ' },
    });
    expect(parseAnswer(ratio, '06/06 thôn')).toMatchObject({
      answer: { value: { value: 100, numerator: 6, denominator: 6 } },
    });
    expect(parseAnswer(ratio, '0/4')).toMatchObject({
      answer: { value: { value: 0, numerator: 0, denominator: 4 } },
    });
    expect(parseAnswer(ratio, 'có 06/06 thôn')).toMatchObject({
      answer: { value: { numerator: 6, denominator: 6 } },
    });
    expect(parseAnswer(ratio, '2 trên 4 doanh nghiệp')).toMatchObject({
      answer: { value: { numerator: 2, denominator: 4 } },
    });
  });

  it.each([
    ['150%', 'over_100'],
    ['101', 'over_100'],
    ['5/4', 'numerator_gt_denominator'],
    ['3/0', 'zero_denominator'],
    ['abc', 'not_a_number'],
    ['-5', 'negative'],
    ['-0', 'negative'],
    ['1e309', 'not_a_number'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['có', 'needs_number'],
    ['Đạt', 'needs_number'],
    ['x'.repeat(1001), 'too_long'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parseAnswer(pct(), text)).toEqual({ ok: false, reason });
  });

  it('refuses two counts of different things and names the figures it found', () => {
    expect(parseAnswer(pct(), '18 cụm loa với 37 loa')).toEqual({
      ok: false,
      reason: 'ambiguous_number',
      figures: ['18', '37'],
    });
  });

  it('refuses digits behind a direction override, which a phone shows reversed', () => {
    expect(parseAnswer(pct(), '\u202E001')).toEqual({ ok: false, reason: 'not_a_number' });
  });

  it('asks for a self-assessment when the criterion has no threshold', () => {
    // The figure is kept and the verdict asked: Đạt or Chưa đạt, one tap.
    expect(parseAnswer(self, '85%')).toMatchObject({
      ok: true,
      confirm: {
        why: 'needs_verdict',
        options: [{ value: { value: 85, declared: 'met' } }, { value: { value: 85, declared: 'not_met' } }],
      },
    });
    expect(parseAnswer(self, '85% đạt')).toMatchObject({
      ok: true,
      answer: { value: { value: 85, declared: 'met' } },
    });
    expect(parseAnswer(self, '85 - chưa đạt')).toMatchObject({
      ok: true,
      answer: { value: { declared: 'not_met' } },
    });
  });
});

describe('counts', () => {
  it.each([
    ['04', 4],
    ['10.135', 10135],
    ['10.135 tài khoản', 10135],
    ['05 điểm pho tô', 5],
    ['2.161.755', 2161755],
    ['không có', 0],
    ['ko', 0],
  ])('reads %j as %d', (text, value) => {
    expect(parseAnswer(count, text)).toMatchObject({
      ok: true,
      answer: { value: { type: 'number', value } },
    });
  });
  it.each([
    ['2,5', 'not_integer'],
    ['-3', 'negative'],
    ['3/4', 'not_integer'],
    ['có', 'needs_number'],
    ['nhiều', 'not_a_number'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parseAnswer(count, text)).toEqual({ ok: false, reason });
  });
});

describe('yes/no with and without diacritics, and chat shorthand', () => {
  it.each([
    ['Có', true],
    ['có', true],
    ['co', true],
    ['CO', true],
    ['Đạt', true],
    ['đạt', true],
    ['dat', true],
    ['1', true],
    ['ok', true],
    ['chưa đạt', false],
    ['(chưa đạt)', false],
    ['chua dat', false],
    ['không', false],
    ['khong', false],
    ['không đạt', false],
    ['Không có', false],
    ['k', false],
    ['ko', false],
    ['kg', false],
    ['0', false],
    ['chưa', false],
    ['chx', false],
  ])('reads %j', (text, yes) => {
    expect(parseAnswer(yn, text)).toMatchObject({ ok: true, answer: { value: { type: 'yesno', yes } } });
  });

  it('keeps the remark after the word', () => {
    expect(parseAnswer(yn, 'Có, nhóm Zalo của xã')).toEqual({
      ok: true,
      answer: { value: { type: 'yesno', yes: true }, note: 'nhóm Zalo của xã' },
    });
  });

  it('refuses what is not yes or no', () => {
    for (const text of ['1.000.000.000/2', '1,2,3,4', '0/0', '-0', '10']) {
      expect(parseAnswer(yn, text)).toEqual({ ok: false, reason: 'not_yes_no' });
    }
    expect(parseAnswer(yn, '70%')).toEqual({ ok: false, reason: 'not_yes_no' });
    expect(parseAnswer(yn, 'abc')).toEqual({ ok: false, reason: 'not_yes_no' });
  });

  it('reads NFD input the same as NFC', () => {
    expect(parseAnswer(yn, 'chưa đạt'.normalize('NFD'))).toMatchObject({
      ok: true,
      answer: { value: { yes: false } },
    });
  });
});

describe('status words fit every kind', () => {
  it.each([
    ['đang thực hiện', 'in_progress'],
    ['dang trien khai', 'in_progress'],
    ['Đang chủ trương thực hiện', 'in_progress'],
    ['Đang phối hợp thực hiện', 'in_progress'],
    ['Đang chỉ đạo thực hiện theo NDD42.2022', 'in_progress'],
    ['?', 'unknown'],
    ['chưa rõ', 'unknown'],
    ['chua ro', 'unknown'],
    ['không áp dụng', 'not_applicable'],
    ['khong ap dung', 'not_applicable'],
  ])('reads %j as %s', (text, status) => {
    for (const q of [pct(), yn, count, ratio]) {
      expect(parseAnswer(q, text)).toMatchObject({ ok: true, answer: { value: { type: 'status', status } } });
    }
  });

  it('marks "chưa biết thực hiện … như thế nào" (seed 002, 3.6) as unknown needing guidance', () => {
    for (const text of ['UBND xã Ái Thượng chưa biết thực hiện tiêu chí này như thế nào', 'chua biet lam']) {
      expect(parseAnswer(pct(10), text)).toMatchObject({
        ok: true,
        answer: { value: { type: 'status', status: 'unknown', needsGuidance: true } },
      });
    }
  });
});
