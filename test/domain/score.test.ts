/** Points and levels of a scored framework: the three scoring rules, levels as bands, not applicable. */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/answers/types.js';
import { frameworkSchema } from '../../src/domain/catalog/schema.js';
import type { Framework } from '../../src/domain/catalog/types.js';
import { evaluateFramework } from '../../src/domain/evaluation/evaluate.js';
import { criterionPoints, scoreFramework } from '../../src/domain/evaluation/score.js';
import { msg, renderGapReport } from '../../src/domain/messages/index.js';
import { buildGapReport } from '../../src/domain/report/gaps.js';

const fw = frameworkSchema.parse({
  id: 'chi-so-thu',
  name: 'Bộ chỉ số thử',
  level: 'xa',
  version: '1',
  source: 'thử',
  complete: true,
  levels: [
    { name: 'Mức 1', from: 0 },
    { name: 'Mức 2', from: 50 },
    { name: 'Mức 3', from: 80 },
  ],
  groups: [
    {
      code: 'I',
      name: 'Nhận thức số',
      criteria: [
        {
          code: '1.1',
          text: 'Có kế hoạch CĐS',
          kind: 'yesno',
          target: { op: 'yes', text: 'Có' },
          points: 20,
        },
        {
          code: '1.2',
          text: 'Tỷ lệ cán bộ được bồi dưỡng',
          kind: 'percent',
          target: { op: '>=', value: 80, text: '80%' },
          points: 30,
          scoring: 'proportional',
        },
      ],
    },
    {
      code: 'II',
      name: 'Hạ tầng số',
      criteria: [
        {
          code: '2.1',
          text: 'Tỷ lệ hộ có cáp quang',
          kind: 'percent',
          target: { op: '>=', value: 90, text: '90%' },
          points: 40,
          scoring: {
            tiers: [
              { from: 50, points: 10 },
              { from: 70, points: 25 },
              { from: 90, points: 40 },
            ],
          },
        },
        {
          code: '2.2',
          text: 'Tỷ lệ hộ nghèo',
          kind: 'percent',
          target: { op: '<', value: 5, text: 'dưới 5%' },
          points: 10,
          scoring: 'proportional',
        },
      ],
    },
  ],
}) as Framework;

const n = (value: number): Answer => ({ value: { type: 'number', value } });
const yes = (y: boolean): Answer => ({ value: { type: 'yesno', yes: y } });

function points(answers: Record<string, Answer>) {
  const map = new Map(Object.entries(answers));
  return scoreFramework(fw, evaluateFramework(fw, map), map);
}

describe('scoring rules', () => {
  it.each([
    // all-or-nothing
    [{ '1.1': yes(true) }, '1.1', 20],
    [{ '1.1': yes(false) }, '1.1', 0],
    // tỷ lệ: result ÷ target × points, capped
    [{ '1.2': n(40) }, '1.2', 15],
    [{ '1.2': n(60) }, '1.2', 22.5],
    [{ '1.2': n(95) }, '1.2', 30],
    // tiers
    [{ '2.1': n(49) }, '2.1', 0],
    [{ '2.1': n(50) }, '2.1', 10],
    [{ '2.1': n(75) }, '2.1', 25],
    [{ '2.1': n(90) }, '2.1', 40],
    // an upper bound with tỷ lệ: all or nothing (a ratio of "dưới 5%" means nothing)
    [{ '2.2': n(4) }, '2.2', 10],
    [{ '2.2': n(6) }, '2.2', 0],
  ])('%j → %s gives %s points', (answers, code, expected) => {
    expect(points(answers)?.criteria.get(code)?.points).toBe(expected);
  });

  it('totals by group and picks the level by band', () => {
    const s = points({ '1.1': yes(true), '1.2': n(60), '2.1': n(75), '2.2': n(6) });
    expect(s).toMatchObject({ points: 67.5, max: 100, level: 'Mức 2' });
    expect(s?.groups).toEqual([
      { code: 'I', points: 42.5, max: 50 },
      { code: 'II', points: 25, max: 50 },
    ]);
    expect(points({ '1.1': yes(true), '1.2': n(95), '2.1': n(90), '2.2': n(4) })).toMatchObject({
      points: 100,
      level: 'Mức 3',
    });
    expect(points({})).toMatchObject({ points: 0, level: 'Mức 1' });
  });

  it('leaves a criterion that does not apply out of the maximum', () => {
    const s = points({ '2.2': { value: { type: 'status', status: 'not_applicable' } } });
    expect(s?.max).toBe(90);
  });

  it('gives no score to a pass/fail framework', () => {
    const plain = {
      ...fw,
      levels: undefined,
      groups: fw.groups.map((g) => ({
        ...g,
        criteria: g.criteria.map(({ points: _p, scoring: _s, ...c }) => c),
      })),
    } as Framework;
    expect(scoreFramework(plain, evaluateFramework(plain, new Map()), new Map())).toBeUndefined();
    expect(
      buildGapReport(plain, { code: 'X', name: 'Xã X', province: 'Ninh Bình' }, '2026-Q4', new Map()).score,
    ).toBeUndefined();
  });

  it('criterionPoints of a composite with tỷ lệ is its share of sub-points met', () => {
    const composite = frameworkSchema.parse({
      ...fw,
      levels: undefined,
      groups: [
        {
          code: '1',
          name: 'N',
          criteria: [
            {
              code: '1.1',
              text: 'C',
              kind: 'composite',
              target: { op: 'all', text: '' },
              points: 12,
              scoring: 'proportional',
              parts: [
                { code: 'a', text: 'A', kind: 'yesno', target: { op: 'yes', text: 'Có' } },
                { code: 'b', text: 'B', kind: 'yesno', target: { op: 'yes', text: 'Có' } },
                { code: 'c', text: 'C', kind: 'yesno', target: { op: 'yes', text: 'Có' } },
              ],
            },
          ],
        },
      ],
    }) as Framework;
    const answers = new Map([
      ['1.1a', yes(true)],
      ['1.1b', yes(true)],
      ['1.1c', yes(false)],
    ]);
    const [ev] = evaluateFramework(composite, answers);
    expect(ev && criterionPoints(composite.groups[0]!.criteria[0]!, ev, answers)).toBe(8);
  });
});

describe('the gap report of a scored framework', () => {
  it('says the total and level, points per group, and orders open criteria by points to gain', () => {
    const answers = new Map(Object.entries({ '1.1': yes(false), '1.2': n(60), '2.1': n(75), '2.2': n(6) }));
    const report = buildGapReport(fw, { code: 'X', name: 'Xã X', province: 'Ninh Bình' }, '2026-Q4', answers);
    expect(report.score).toEqual({ points: 47.5, max: 100, level: 'Mức 1' });
    expect(report.gaps.map((g) => [g.code, g.points, g.max])).toEqual([
      ['1.1', 0, 20],
      ['2.1', 25, 40],
      ['2.2', 0, 10],
      ['1.2', 22.5, 30],
    ]);
    const text = renderGapReport(report);
    expect(text).toContain('Điểm: 47,5/100 · Mức 1');
    expect(text).toContain('I. Nhận thức số: đạt 0/2 · 22,5/50 điểm');
    expect(text).toContain('chưa đạt · cần giảm thêm 1 điểm % nữa để xuống dưới 5% · 0/10 điểm, còn 10 điểm');
  });
});

describe('the documents and the supervisor view of a scored framework', () => {
  const answers = new Map(Object.entries({ '1.1': yes(true), '1.2': n(60), '2.1': n(75), '2.2': n(6) }));
  const unit = { code: 'X', name: 'Xã Gia Phong', province: 'Ninh Bình' };

  it('the appendix: points under each status, per group, and the total in the footer note', async () => {
    const { appendixData } = await import('../../src/reports/data.js');
    const { footerNote } = await import('../../src/reports/common.js');
    const data = appendixData(fw, unit, '2026-Q4', answers, new Date('2026-12-01T03:00:00Z'));
    expect(data.groups.map((g) => g.subtotal)).toEqual(['1/2 · 42,5/50 điểm', '0/2 · 25/50 điểm']);
    expect(data.groups[0]?.rows.map((r) => r.points)).toEqual(['20/20 điểm', '22,5/30 điểm']);
    expect(footerNote(data.footer)).toBe(
      'Tổng tiêu chí: 4; Tiêu chí đạt: 1/4; Còn lại: 3; Điểm: 67,5/100 · Mức 2',
    );
  });

  it('the overview matrix has a column of points; the supervisor sees the points of who submitted', async () => {
    const { matrixData } = await import('../../src/reports/data.js');
    const { unitStatusFor } = await import('../../src/domain/evaluation/unit-status.js');
    const m = matrixData(fw, '2026-Q4', [{ unit, answers }], 'T');
    expect(m.scored).toBe(true);
    expect(m.units[0]?.score).toBe('67,5/100 · Mức 2');
    const status = unitStatusFor(fw)(unit, answers, { submittedAt: new Date(), locked: true, onTime: true });
    const text = msg.overview('2026-Q4', { role: 'supervisor', province: 'Ninh Bình' }, [status]);
    expect(text).toContain('Điểm của các đơn vị đã nộp:\n• X Xã Gia Phong: 67,5/100 · Mức 2');
  });
});
