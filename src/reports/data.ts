import { listQuestions } from '../domain/catalog/load.js';
import type { Framework } from '../domain/catalog/types.js';
import { type AnswerMap, applicableTotal, evaluateFramework, tally } from '../domain/evaluation/evaluate.js';
import { type AnswerList, type AnswerSource, statusesFor } from '../domain/evaluation/statuses.js';
import {
  answerLabel,
  formatDate,
  periodLabel,
  periodTitle,
  STATUS_LABEL,
  targetLabel,
} from '../domain/messages/format.js';
import { vnDate } from '../domain/periods/periods.js';
import { buildGapReport } from '../domain/report/gaps.js';
import type { AppendixData, AppendixRow, DifficultiesData, MatrixData } from './types.js';

export interface UnitInfo {
  code: string;
  name: string;
  province: string;
}

/** The appendix of one unit for one period, every figure computed from the answers. */
export function appendixData(
  fw: Framework,
  unit: UnitInfo,
  period: string,
  answers: AnswerMap,
  now: Date,
): AppendixData {
  const evaluations = evaluateFramework(fw, answers);
  const questions = listQuestions(fw);
  const groups = fw.groups.map((g) => {
    const evs = evaluations.filter((e) => g.criteria.includes(e.criterion));
    const t = tally(evs);
    const rows: AppendixRow[] = [];
    for (const ev of evs) {
      const c = ev.criterion;
      const own = questions.find((q) => q.criterion === c && !q.part);
      const a = own ? answers.get(own.key) : undefined;
      rows.push({
        code: c.code,
        text: c.text,
        target: own ? targetLabel(own) : 'Đạt tất cả các ý',
        result: own && a ? answerLabel(own, a) : ev.parts ? STATUS_LABEL[ev.status] : '',
        status: STATUS_LABEL[ev.status],
        difficulty: [a?.difficulty, a?.proposal].filter(Boolean).join('; '),
      });
      for (const part of ev.parts ?? []) {
        const q = questions.find((x) => x.key === part.key);
        const pa = answers.get(part.key);
        if (!q) continue;
        rows.push({
          code: q.key,
          text: `${q.part?.code ?? ''}) ${q.text}`,
          target: targetLabel(q),
          result: pa ? answerLabel(q, pa) : '',
          status: STATUS_LABEL[part.status],
          difficulty: [pa?.difficulty, pa?.proposal].filter(Boolean).join('; '),
          isPart: true,
        });
      }
    }
    return { code: g.code, name: g.name, subtotal: `${t.met}/${applicableTotal(t)}`, rows };
  });
  const t = tally(evaluations);
  const applicable = applicableTotal(t);
  return {
    issuer: `UBND ${unit.name}`,
    title: `Phụ lục - Kết quả chuyển đổi số tại đơn vị cấp xã ${periodLabel(period)}`,
    unit,
    periodLabel: periodTitle(period),
    period,
    framework: { id: fw.id, name: fw.name, decision: fw.decision ?? null },
    resultHeading: `Kết quả ${periodLabel(period)}`,
    groups,
    footer: { total: t.total, met: t.met, applicable, remaining: applicable - t.met },
    madeOn: `Ngày ${formatDate(now)}`,
  };
}

const GROUP_NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The difficulties report of seed 002: each unmet criterion with its requirement, result and proposal. */
export function difficultiesData(
  fw: Framework,
  unit: UnitInfo,
  period: string,
  answers: AnswerMap,
  now: Date,
  recipient = `Kính gửi: Sở Khoa học và Công nghệ tỉnh ${unit.province}.`,
): DifficultiesData {
  const report = buildGapReport(fw, unit, period, answers);
  const d = vnDate(now);
  const place = unit.name.replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '');
  const groups = report.groups
    .map((g) => ({ g, items: g.gaps.filter((x) => x.status === 'not_met') }))
    .filter((x) => x.items.length > 0)
    .map(({ g, items }, i) => ({
      heading: `${GROUP_NUMERALS[i] ?? i + 1}. NHÓM TIÊU CHÍ SỐ ${g.code}: ${g.name.toUpperCase()}`,
      items: items.map((gap) => ({
        code: gap.code,
        text: gap.text,
        requirement: gap.target,
        result: `${gap.result ?? 'Chưa có số liệu'}${gap.shortfall ? ` (${gap.shortfall})` : ''}. (chưa đạt)`,
        proposal: [gap.difficulty, gap.proposal].filter(Boolean).join('. '),
      })),
    }));
  return {
    issuer: `UBND ${unit.name.toUpperCase()}`,
    placeAndDate: `${place}, ngày ${d.day} tháng ${d.month} năm ${d.year}`,
    title: `Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn ${unit.name} ${periodLabel(period)}`,
    recipient,
    intro: `Thực hiện ${fw.decision ? `${fw.decision} về ` : ''}${fw.name}, UBND ${unit.name} báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn như sau:`,
    groups,
    closing: `Trên đây là báo cáo của UBND ${unit.name} về những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số, kính đề nghị cấp trên quan tâm chỉ đạo./.`,
  };
}

export interface MatrixUnit {
  unit: UnitInfo;
  /** By question key, or as the lists `loadPeriodAnswerLists` gives (cheaper for the whole province). */
  answers: AnswerSource;
  submitted?: Date;
}

/**
 * The matrix's units from what the bulk loaders give for one period: each unit's answers under
 * `frameworkId` (by "unitId|frameworkId"), and its submission if any.
 */
export function matrixUnits(
  units: ReadonlyArray<{ id: number; code: string; name: string; province: string }>,
  frameworkId: string,
  answers: ReadonlyMap<string, AnswerList>,
  submissions: ReadonlyMap<number, { submittedAt: Date }>,
): MatrixUnit[] {
  const none: AnswerList = { keys: [], answers: [] };
  return units.map((u) => {
    const sub = submissions.get(u.id);
    return {
      unit: { code: u.code, name: u.name, province: u.province },
      answers: answers.get(`${u.id}|${frameworkId}`) ?? none,
      ...(sub ? { submitted: sub.submittedAt } : {}),
    };
  });
}

/**
 * Units × criteria of one framework and period, every cell a computed status: the statuses of
 * `evaluateFramework`, computed from a per-framework plan without an evaluation object per cell
 * (3,321 units × 37 criteria in a few milliseconds).
 */
export function matrixData(fw: Framework, period: string, units: MatrixUnit[], title: string): MatrixData {
  const criteria = fw.groups.flatMap((g) => g.criteria.map((c) => ({ code: c.code, text: c.text })));
  const statusesOf = statusesFor(fw);
  return {
    title,
    period,
    criteria,
    units: units.map(({ unit, answers, submitted }) => {
      const { statuses, met, applicable } = statusesOf(answers);
      return {
        code: unit.code,
        name: unit.name,
        submitted: submitted ? formatDate(submitted) : '',
        statuses,
        met,
        applicable,
      };
    }),
  };
}
