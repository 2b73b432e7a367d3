/** Targets by commune group and by year: which one judges a unit's period, and the appendix says it. */
import { describe, expect, it } from 'vitest';
import { judgedOn } from '../../src/domain/catalog/groups.js';
import { frameworkSchema } from '../../src/domain/catalog/schema.js';
import type { Framework } from '../../src/domain/catalog/types.js';
import { evaluateFramework } from '../../src/domain/evaluation/evaluate.js';
import { appendixData } from '../../src/reports/data.js';

const fw = frameworkSchema.parse({
  id: 'ntm-thu',
  name: 'NTM thử',
  level: 'xa',
  version: '1',
  source: 'thử',
  complete: true,
  groups: [
    {
      code: '7',
      name: 'Khoa học công nghệ và chuyển đổi số',
      criteria: [
        {
          code: '7.1',
          text: 'Tỷ lệ hồ sơ trực tuyến',
          kind: 'percent',
          target: { op: 'self', text: '', assumed: 'theo nhóm' },
          byGroup: {
            '1': { op: '>=', value: 80, text: '≥ 80%' },
            '3': { op: '>=', value: 50, text: '≥ 50%' },
          },
        },
        {
          code: '7.2',
          text: 'Tỷ lệ thuê bao dùng phần mềm an toàn thông tin',
          kind: 'percent',
          target: { op: '>=', value: 55, text: '55%' },
          byYear: { '2027': { op: '>=', value: 65, text: '65%' } },
        },
      ],
    },
  ],
}) as Framework;

const answers = new Map([
  ['7.1', { value: { type: 'number' as const, value: 60 } }],
  ['7.2', { value: { type: 'number' as const, value: 60 } }],
]);
const statuses = (f: Framework) => evaluateFramework(f, answers).map((e) => [e.key, e.status]);

describe('which target judges a period', () => {
  it.each([
    [
      1,
      '2026-Q4',
      [
        ['7.1', 'not_met'],
        ['7.2', 'met'],
      ],
    ],
    [
      3,
      '2026-Q4',
      [
        ['7.1', 'met'],
        ['7.2', 'met'],
      ],
    ],
    [
      3,
      '2027-Q1',
      [
        ['7.1', 'met'],
        ['7.2', 'not_met'],
      ],
    ],
    [
      3,
      '2027',
      [
        ['7.1', 'met'],
        ['7.2', 'not_met'],
      ],
    ],
    // No group: 7.1 is not judged on a guess (no verdict without the officer's own).
    [
      undefined,
      '2026-Q4',
      [
        ['7.1', 'unknown'],
        ['7.2', 'met'],
      ],
    ],
  ] as const)('group %s, %s', (group, period, expected) => {
    expect(statuses(judgedOn(fw, group, period))).toEqual(expected);
  });

  it('the appendix prints the target that was used', () => {
    const data = appendixData(
      judgedOn(fw, 1, '2027-Q1'),
      { code: 'X', name: 'Xã X', province: 'Ninh Bình' },
      '2027-Q1',
      answers,
      new Date('2027-03-01T00:00:00Z'),
    );
    expect(data.groups[0]?.rows.map((r) => [r.code, r.target])).toEqual([
      ['7.1', '≥ 80%'],
      ['7.2', '65%'],
    ]);
  });
});
