import { describe, expect, it } from 'vitest';
import { loadCatalogDir } from '../../src/catalogs.js';
import { parseAnswer } from '../../src/domain/answers/parse.js';
import { listQuestions } from '../../src/domain/catalog/load.js';
import type { RecordedAnswer } from '../../src/domain/evaluation/evaluate.js';
import { buildGapReport } from '../../src/domain/report/gaps.js';

/**
 * Column "Kết quả 9 tháng" of Phụ lục 2, seed 004 (Thường Xuân, 9 months of 2022), as written.
 * 1.13 is blank in the seed: left unanswered.
 */
const PHU_LUC_2: Record<string, string> = {
  '1.1': '100',
  '1.2': '95',
  '1.3': '100',
  '1.4': '70',
  '1.5': 'có',
  '1.6': 'có',
  '1.7': 'có',
  '1.8': 'có',
  '1.9': 'có',
  '1.10': 'Có',
  '1.11': 'có',
  '1.12': '?',
  '1.14': 'Có',
  '2.1': 'có',
  '2.2': '0',
  '2.3': '0',
  '2.4': '0',
  '2.5': '0',
  '2.6': '0',
  '3.1': '50',
  '3.2': 'Đạt',
  '3.3': '?',
  '3.4': '?',
  '3.5': '?',
  '4.1': '?',
  '4.2': '?',
  '4.3': '100',
  '4.4': 'Đạt',
  '4.5': 'Đạt',
  '4.6': 'Đạt',
  '4.7': '?',
  '4.8': 'Đạt',
};

/** What the seed itself wrote: group subtotals and the footer "Tiêu chí đạt: 22/33". */
const SEED_SUBTOTALS = { '1': 12, '2': 1, '3': 2, '4': 5 };
const SEED_FOOTER_MET = 22;

describe('Phụ lục 2 of seed 004 recounted by the written rule', () => {
  const fw = loadCatalogDir().get('thanh-hoa-xa-2022')!;
  const answers = new Map<string, RecordedAnswer>();
  for (const q of listQuestions(fw)) {
    const text = PHU_LUC_2[q.key];
    if (text === undefined) continue;
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) throw new Error(`seed answer ${q.key} "${text}" refused: ${parsed.reason}`);
    answers.set(q.key, parsed.answer);
  }
  const report = buildGapReport(
    fw,
    { code: 'TX', name: 'Thường Xuân', province: 'Thanh Hóa' },
    '2022-Q3',
    answers,
  );

  it('reads every result the seed wrote', () => {
    expect(answers.size).toBe(32);
  });

  it('gives 10/14, 1/6, 2/5 and 5/8: 18 of 33 criteria met', () => {
    expect(report.groups.map((g) => `${g.met}/${g.total}`)).toEqual(['10/14', '1/6', '2/5', '5/8']);
    expect(report.totals).toEqual({
      criteria: 33,
      met: 18,
      notMet: 7,
      inProgress: 0,
      unknown: 7,
      notApplicable: 0,
      unanswered: 1,
    });
  });

  it("disagrees with the seed's own tallies, for reasons the recount can name", () => {
    const group1 = report.groups[0]!;
    // The seed counts 12/14 in group 1: only possible if 1.2 (95% of 100%) and 1.4 (70% of 100%) pass.
    expect(SEED_SUBTOTALS['1'] - group1.met).toBe(2);
    expect(group1.gaps.filter((g) => g.status === 'not_met').map((g) => g.code)).toEqual(['1.2', '1.4']);
    // Groups 2, 3 and 4 agree with the recount.
    expect(report.groups.slice(1).map((g) => g.met)).toEqual([
      SEED_SUBTOTALS['2'],
      SEED_SUBTOTALS['3'],
      SEED_SUBTOTALS['4'],
    ]);
    // The footer's 22/33 is not even the sum of the seed's own subtotals (20), and the recount gives 18.
    const subtotalSum = Object.values(SEED_SUBTOTALS).reduce((a, b) => a + b, 0);
    expect(subtotalSum).toBe(20);
    expect(SEED_FOOTER_MET).not.toBe(subtotalSum);
    expect(report.totals.met).toBe(18);
  });

  it('lists every criterion that is not met, with shortfall where the target is numeric', () => {
    expect(report.gaps.map((g) => g.code)).toEqual([
      '1.2',
      '1.4',
      '1.12',
      '1.13',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '3.3',
      '3.4',
      '3.5',
      '4.1',
      '4.2',
      '4.7',
    ]);
    expect(report.gaps.find((g) => g.code === '1.4')).toMatchObject({
      target: '100%',
      result: '70%',
      status: 'not_met',
      shortfall: 'còn thiếu 30 điểm %',
    });
  });
});
