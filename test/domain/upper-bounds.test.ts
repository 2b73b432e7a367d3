/** Targets that are upper bounds ("dưới 5%", "không quá 2 vụ") and measures other than % (Mb/s, /100 dân). */
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/domain/answers/parse.js';
import type { Question } from '../../src/domain/catalog/types.js';
import { evaluateAnswer } from '../../src/domain/evaluation/evaluate.js';
import { answerLabel, shortfallLabel, targetLabel } from '../../src/domain/messages/format.js';

type Q = Pick<Question, 'key' | 'kind' | 'target' | 'unit' | 'numeratorLabel' | 'text'>;
const below5: Q = {
  key: '2.5',
  text: 'Tỷ lệ hộ nghèo',
  kind: 'percent',
  target: { op: '<', value: 5, text: 'dưới 5%' },
};
const atMost2: Q = {
  key: '4.1',
  text: 'Số vụ mất an toàn thông tin',
  kind: 'count',
  unit: 'vụ',
  target: { op: '<=', value: 2, text: 'không quá 2 vụ' },
};
const speed: Q = {
  key: '2.3',
  text: 'Tốc độ',
  kind: 'count',
  unit: 'Mb/s',
  target: { op: '>=', value: 36, text: '36 Mb/s' },
};
const per100: Q = {
  key: '2.4',
  text: 'Thuê bao/100 dân',
  kind: 'count',
  unit: 'thuê bao/100 dân',
  target: { op: '>=', value: 22, text: '22/100 dân' },
};

function judge(q: Q, text: string) {
  const r = parseAnswer(q, text);
  if (!r.ok || !('answer' in r) || !r.answer) throw new Error(`not read: ${text} ${JSON.stringify(r)}`);
  const ev = evaluateAnswer(q, r.answer);
  return {
    status: ev.status,
    label: answerLabel(q, r.answer),
    shortfall: ev.shortfall ? shortfallLabel(ev.shortfall, q) : undefined,
  };
}

describe('upper bounds are judged the right way round', () => {
  it.each([
    [below5, '4,5%', 'met', undefined],
    [below5, '5%', 'not_met', 'cần giảm xuống dưới 5%'],
    [below5, '7%', 'not_met', 'cần giảm thêm 2 điểm % nữa để xuống dưới 5%'],
    [below5, 'dưới 4%', 'met', undefined],
    [below5, 'trên 6%', 'not_met', undefined],
    [atMost2, '2', 'met', undefined],
    [atMost2, '5', 'not_met', 'cần giảm thêm 3 vụ để đạt không quá 2 vụ'],
  ] as const)('%s: "%s" → %s', (q, text, status, shortfall) => {
    const r = judge(q, text);
    expect(r.status).toBe(status);
    expect(r.shortfall).toBe(shortfall);
  });

  it('shows the targets as written, and as vi-VN when built from the value', () => {
    expect(targetLabel(below5)).toBe('dưới 5%');
    expect(targetLabel({ ...below5, target: { op: '<=', value: 5.5, text: '' } })).toBe('không quá 5,5%');
  });
});

describe('measures with decimals', () => {
  it('reads Mb/s with a decimal comma and says the shortfall in Mb/s', () => {
    expect(judge(speed, '30,5 Mb/s')).toEqual({
      status: 'not_met',
      label: '30,5 Mb/s',
      shortfall: 'cần thêm 5,5 Mb/s để đạt 36 Mb/s',
    });
    expect(judge(speed, '40').status).toBe('met');
  });

  it('takes "25 thuê bao/100 dân" as 25 per 100, not a ratio of 25 to 100', () => {
    expect(judge(per100, '25 thuê bao/100 dân')).toMatchObject({
      status: 'met',
      label: '25 thuê bao/100 dân',
    });
    expect(judge(per100, '18,5')).toMatchObject({
      status: 'not_met',
      shortfall: 'cần thêm 3,5 thuê bao/100 dân để đạt 22/100 dân',
    });
  });

  it('still refuses a fraction for a count of things', () => {
    expect(parseAnswer(atMost2, '1,5')).toMatchObject({ ok: false });
  });
});
