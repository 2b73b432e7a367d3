import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/domain/answers/parse.js';
import type { Question, Target } from '../../src/domain/catalog/types.js';
import { combineParts, evaluateAnswer } from '../../src/domain/evaluation/evaluate.js';
import { shortfallLabel } from '../../src/domain/messages/format.js';

type Q = Pick<Question, 'key' | 'kind' | 'target' | 'unit' | 'numeratorLabel'>;
const q = (kind: Q['kind'], target: Target, extra: Partial<Q> = {}): Q => ({
  key: 'x',
  kind,
  target,
  ...extra,
});
const judge = (question: Q, text: string) => {
  const parsed = parseAnswer(question, text);
  if (!parsed.ok) throw new Error(`refused ${text}: ${parsed.reason}`);
  return evaluateAnswer(question, parsed.answer);
};

const atLeast50 = q('percent', { op: '>=', value: 50, text: 'tối thiểu 50%' });
const over50 = q('percent', { op: '>', value: 50, text: 'trên 50%' });

describe('numeric targets', () => {
  it('"tối thiểu" is met exactly at the target and not just under it', () => {
    expect(judge(atLeast50, '50').status).toBe('met');
    expect(judge(atLeast50, '49,99').status).toBe('not_met');
    expect(judge(atLeast50, '50,01').status).toBe('met');
  });

  it('"trên" is not met exactly at the target, only above it', () => {
    expect(judge(over50, '50').status).toBe('not_met');
    expect(judge(over50, '50,01').status).toBe('met');
  });

  it('compares ratios exactly, without rounding the percentage', () => {
    const third = q('ratio', { op: '>=', value: 33.33, text: '33,33%' }, { unit: 'hộ' });
    expect(judge(third, '1/3').status).toBe('met');
    const half = q('ratio', { op: '>', value: 50, text: 'trên 50%' }, { unit: 'hộ' });
    expect(judge(half, '2/4').status).toBe('not_met');
    expect(judge(half, '3/5').status).toBe('met');
  });

  it("says the shortfall in the criterion's own unit when the denominator is known (seed 002, 2.5)", () => {
    const contracts = q(
      'ratio',
      { op: '>=', value: 50, text: '50%' },
      {
        unit: 'doanh nghiệp',
        numeratorLabel: 'doanh nghiệp dùng hợp đồng điện tử',
      },
    );
    const ev = judge(contracts, '0/4');
    expect(ev.status).toBe('not_met');
    expect(ev.shortfall && shortfallLabel(ev.shortfall, contracts)).toBe(
      'cần thêm 2 doanh nghiệp dùng hợp đồng điện tử để đạt 50%',
    );
    const strict = q(
      'ratio',
      { op: '>', value: 50, text: 'trên 50%' },
      { unit: 'doanh nghiệp', numeratorLabel: 'doanh nghiệp' },
    );
    const s = judge(strict, '2/4').shortfall;
    expect(s && shortfallLabel(s, strict)).toBe('cần thêm 1 doanh nghiệp để đạt trên 50%');
  });

  it('says the shortfall in percentage points without a denominator', () => {
    const ev = judge(atLeast50, 'khoảng 20%');
    expect(ev.shortfall && shortfallLabel(ev.shortfall, atLeast50)).toBe('còn thiếu 30 điểm %');
  });

  it('judges counts against "ít nhất"', () => {
    const points = q(
      'count',
      { op: '>=', value: 1, text: 'ít nhất một điểm' },
      { unit: 'điểm', numeratorLabel: 'điểm' },
    );
    expect(judge(points, '05 điểm pho tô').status).toBe('met');
    const none = judge(points, 'không có');
    expect(none.status).toBe('not_met');
    expect(none.shortfall && shortfallLabel(none.shortfall, points)).toBe(
      'cần thêm 1 điểm để đạt ít nhất một điểm',
    );
  });
});

describe('yes/no, status words and self-assessment', () => {
  const yn = q('yesno', { op: 'yes', text: 'Có' });
  it('Có is met, Không is not', () => {
    expect(judge(yn, 'có').status).toBe('met');
    expect(judge(yn, 'ko').status).toBe('not_met');
  });
  it('keeps the five statuses apart', () => {
    expect(judge(yn, 'đang thực hiện').status).toBe('in_progress');
    expect(judge(yn, '?').status).toBe('unknown');
    expect(judge(yn, 'không áp dụng').status).toBe('not_applicable');
    expect(evaluateAnswer(yn, undefined).status).toBe('unanswered');
  });
  it('keeps the officer\'s own "đạt" apart from the computed verdict', () => {
    const ev = judge(q('percent', { op: '>=', value: 100, text: '100%' }), '95% (đạt)');
    expect(ev).toMatchObject({ status: 'not_met', declared: 'met', disagrees: true });
  });
  it('lets the officer decide where the source has no threshold', () => {
    const self = q('percent', { op: 'self', text: '', assumed: 'tự đánh giá' });
    expect(judge(self, '85% đạt').status).toBe('met');
    expect(judge(self, '85% chưa đạt').status).toBe('not_met');
  });
});

describe('composite criteria (sub-points a–đ)', () => {
  it('needs every applicable sub-point met', () => {
    const s = (status: string) => ({ key: 'k', status, disagrees: false }) as const;
    expect(combineParts([s('met'), s('met'), s('not_applicable')] as never)).toBe('met');
    expect(combineParts([s('met'), s('not_met')] as never)).toBe('not_met');
    expect(combineParts([s('met'), s('unanswered')] as never)).toBe('unanswered');
    expect(combineParts([s('met'), s('in_progress')] as never)).toBe('in_progress');
    expect(combineParts([s('not_applicable'), s('not_applicable')] as never)).toBe('not_applicable');
  });
});
