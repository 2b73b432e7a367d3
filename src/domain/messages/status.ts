/** Where a report stands: progress, deadlines, gaps, the difficulties text, history and reminders. */

import { formatViNumber } from '../answers/normalize.js';
import type { GapReport } from '../report/gaps.js';
import type { HistoryEntry } from '../report/history.js';
import {
  formatDate,
  periodLabel,
  periodTitle,
  pointsLabel,
  STATUS_LABEL,
  scoreLine,
  shorten,
} from './format.js';

/** What a reminder says of one deadline. */
export interface ReminderFacts {
  name: string;
  unitName: string;
  due: Date;
  daysLeft: number;
  overdue: boolean;
  unanswered: number;
  total?: number;
  unmet: number;
  firstUnanswered: string[];
  firstUnmet: string[];
}

function progressLine(r: ReminderFacts): string {
  return r.total !== undefined && r.unanswered === r.total
    ? `Chưa trả lời tiêu chí nào (${r.total} câu).`
    : `Còn ${r.unanswered} câu chưa trả lời, ${r.unmet} tiêu chí chưa đạt.`;
}

export const status = {
  progress: (
    period: string,
    answered: number,
    total: number,
    met: number,
    applicable: number,
    notMet: number,
    score?: { points: number; max: number; level: string | null },
  ) =>
    [
      `Tiến độ ${periodLabel(period)}:`,
      `• Đã trả lời: ${answered}/${total} câu`,
      `• Đạt: ${met}/${applicable} tiêu chí; chưa đạt: ${notMet}`,
      ...(score ? [`• ${scoreLine(score)}`] : []),
      answered < total ? 'Gõ "báo cáo" để trả lời tiếp.' : 'Gõ "chưa đạt" để xem các tiêu chí chưa đạt.',
    ].join('\n'),
  deadlines: (
    items: Array<{ name: string; due: Date; days: number }>,
    overdue: Array<{ period: string; due: Date; unanswered: number; total: number; framework?: string }> = [],
  ) =>
    [
      'Hạn nộp báo cáo:',
      ...overdue.map((d) =>
        d.unanswered === d.total
          ? `• Báo cáo ${periodLabel(d.period)}${d.framework ? ` · ${d.framework}` : ''}: đã quá hạn (${formatDate(d.due)}), chưa trả lời câu nào (${d.total} câu). Gõ "báo cáo ${periodLabel(d.period)}" để bắt đầu.`
          : `• Báo cáo ${periodLabel(d.period)}${d.framework ? ` · ${d.framework}` : ''}: đã quá hạn (${formatDate(d.due)}), còn ${d.unanswered}/${d.total} câu chưa trả lời. Gõ "báo cáo ${periodLabel(d.period)}" để trả lời tiếp.`,
      ),
      ...items.map(
        (d) =>
          `• ${d.name}: chậm nhất ngày ${formatDate(d.due)} (${d.days === 0 ? 'hôm nay là hạn cuối' : `còn ${d.days} ngày`})`,
      ),
    ].join('\n'),
  gapReport: (r: GapReport) => renderGapReport(r),
  difficultiesText: (r: GapReport) => renderDifficulties(r),
  history: (unitName: string, entries: readonly HistoryEntry[]) => {
    const own = entries.filter((e) => !e.predecessor);
    const before = entries.filter((e) => e.predecessor);
    const line = (e: HistoryEntry) =>
      `• ${periodTitle(e.period)}: đạt ${e.met}/${e.applicable} (đã trả lời ${e.answered}/${e.total}${
        e.carried ? `; ${e.carried.count} tiêu chí giữ từ ${periodLabel(e.carried.from)}` : ''
      })`;
    const lines = [`Lịch sử báo cáo · ${unitName}`];
    lines.push(...(own.length > 0 ? own.map(line) : ['• Chưa có kỳ nào.']));
    const units = [...new Set(before.map((e) => e.unitCode))];
    for (const code of units) {
      const es = before.filter((e) => e.unitCode === code);
      const first = es[0];
      if (!first) continue;
      const share =
        first.share === 'part'
          ? ', nhập một phần (số liệu là của cả đơn vị cũ)'
          : first.share === 'whole'
            ? ', nhập toàn bộ'
            : '';
      lines.push(
        '',
        `Trước sáp nhập: ${first.unitName} (${code})${share}${first.until ? `, đến ${first.until.split('-').reverse().join('/')}` : ''}`,
      );
      lines.push(...es.map(line));
    }
    return lines.join('\n');
  },
  /** Several deadlines of one unit due the same morning, in one message. */
  reminders: (unitName: string, items: readonly ReminderFacts[]) =>
    [
      `Nhắc hạn: ${items.length} báo cáo của ${unitName}.`,
      ...items.flatMap((r, i) => [
        `${i + 1}. ${r.name}: ${
          r.overdue
            ? `đã quá hạn nộp (${formatDate(r.due)})`
            : `hạn nộp ${formatDate(r.due)} (${r.daysLeft <= 0 ? 'hôm nay là hạn cuối' : `còn ${r.daysLeft} ngày`})`
        }.`,
        `   ${progressLine(r)}`,
        ...(r.firstUnanswered.length > 0 && r.unanswered !== r.total
          ? [
              `   Chưa trả lời: ${r.firstUnanswered.join(', ')}${r.unanswered > r.firstUnanswered.length ? ', …' : ''}`,
            ]
          : []),
      ]),
      `Gõ "báo cáo" để tiếp tục. Gõ "nhắc lại sau" để được nhắc lại sáng mai, "tắt nhắc nhở" để tắt.`,
    ].join('\n'),
  reminder: (r: ReminderFacts) => {
    const lines = r.overdue
      ? [`Quá hạn: ${r.name} của ${r.unitName} đã quá hạn nộp (${formatDate(r.due)}).`]
      : [
          `Nhắc hạn: ${r.name} của ${r.unitName}.`,
          `Hạn nộp: ${formatDate(r.due)} (${r.daysLeft <= 0 ? 'hôm nay là hạn cuối' : `còn ${r.daysLeft} ngày`}).`,
        ];
    lines.push(progressLine(r));
    if (r.firstUnanswered.length > 0 && r.unanswered !== r.total) {
      lines.push(
        `Chưa trả lời: ${r.firstUnanswered.join(', ')}${r.unanswered > r.firstUnanswered.length ? ', …' : ''}`,
      );
    }
    if (r.firstUnmet.length > 0) {
      lines.push(`Chưa đạt: ${r.firstUnmet.join(', ')}${r.unmet > r.firstUnmet.length ? ', …' : ''}`);
    }
    lines.push(
      `Gõ "báo cáo" để tiếp tục. Gõ "nhắc lại sau" để được nhắc lại sáng mai, "tắt nhắc nhở" để tắt.`,
    );
    return lines.join('\n');
  },
  remindersOff: () => 'Đã tắt nhắc nhở hạn nộp. Gõ "bật nhắc nhở" để bật lại.',
  remindersOn: () =>
    'Đã bật nhắc nhở: bot sẽ nhắc trước hạn nộp 7, 3, 1 ngày và sáng ngày hết hạn (lúc 8 giờ).',
  snoozed: (until: Date) => `Bot sẽ nhắc lại lúc 8 giờ ngày ${formatDate(until)}.`,
  reminderSettings: (
    enabled: boolean,
    snoozedUntil: Date | undefined,
    next: { at: Date; name: string } | undefined,
  ) =>
    [
      `Nhắc nhở hạn nộp: ${enabled ? 'đang bật' : 'đang tắt'}.`,
      ...(enabled && snoozedUntil ? [`Tạm hoãn đến 8 giờ ngày ${formatDate(snoozedUntil)}.`] : []),
      enabled
        ? next
          ? `Lần nhắc tới: 8 giờ ngày ${formatDate(next.at)} (${next.name}).`
          : 'Chưa có lần nhắc nào sắp tới (báo cáo đã đủ hoặc chưa đến kỳ).'
        : 'Gõ "bật nhắc nhở" để bật lại.',
      'Lệnh: "tắt nhắc nhở", "bật nhắc nhở", "nhắc lại sau".',
    ].join('\n'),
};

/** The difficulties report of seed 002 as chat text: per unmet criterion a) yêu cầu, b) kết quả, c) đề nghị. */
export function renderDifficulties(r: GapReport): string {
  const unmet = r.groups
    .map((g) => ({ g, items: g.gaps.filter((x) => x.status === 'not_met') }))
    .filter((x) => x.items.length > 0);
  if (unmet.length === 0) return `${r.unit.name}, ${periodLabel(r.period)}: không có tiêu chí nào chưa đạt.`;
  const lines = [`Khó khăn, vướng mắc và đề xuất · ${r.unit.name} · ${periodLabel(r.period)}`];
  for (const { g, items } of unmet) {
    lines.push('', `Nhóm ${g.code}: ${g.name}`);
    items.forEach((gap, i) => {
      lines.push(`${i + 1}. Tiêu chí ${gap.code}: ${shorten(gap.text, 120)}`);
      lines.push(`a) Yêu cầu: ${gap.target}`);
      lines.push(
        `b) Kết quả thực hiện: ${gap.result ?? 'chưa có'}${gap.shortfall ? ` (${gap.shortfall})` : ''} (chưa đạt)`,
      );
      if (gap.difficulty) lines.push(`Khó khăn: ${gap.difficulty}`);
      lines.push(`c) Đề nghị: ${gap.proposal ?? 'chưa ghi'}`);
    });
  }
  return lines.join('\n');
}

/** The gap report as plain text lines; channels split it to their message size. */
export function renderGapReport(r: GapReport): string {
  const t = r.totals;
  const lines = [
    `Tiêu chí chưa đạt · ${r.unit.name} · ${periodLabel(r.period)}`,
    `Bộ tiêu chí: ${r.framework.name}${r.framework.complete ? '' : ' (chưa đầy đủ)'}`,
    `Đạt ${t.met}/${r.applicable} · chưa đạt ${t.notMet} · đang thực hiện ${t.inProgress} · chưa rõ ${t.unknown} · chưa trả lời ${t.unanswered}${t.notApplicable ? ` · không áp dụng ${t.notApplicable}` : ''}`,
    ...(r.score ? [scoreLine(r.score)] : []),
  ];
  for (const g of r.groups) {
    const groupPoints =
      g.points !== undefined && g.max !== undefined
        ? ` · ${formatViNumber(g.points)}/${formatViNumber(g.max)} điểm`
        : '';
    lines.push('', `${g.code}. ${g.name}: đạt ${g.met}/${g.total}${groupPoints}`);
    // Unanswered criteria take one line per group: the screen is for what needs attention.
    const unanswered = g.gaps.filter((x) => x.status === 'unanswered' && !x.result);
    if (unanswered.length > 0)
      lines.push(`- Chưa trả lời (${unanswered.length}): ${unanswered.map((x) => x.code).join(', ')}`);
    for (const gap of g.gaps.filter((x) => !unanswered.includes(x))) {
      lines.push(`- ${gap.code} ${shorten(gap.text, 90)}`);
      const parts = [`Chỉ tiêu ${gap.target}`];
      if (gap.result) parts.push(`Kết quả ${gap.result}`);
      parts.push(STATUS_LABEL[gap.status]);
      if (gap.shortfall) parts.push(gap.shortfall);
      if (gap.points !== undefined && gap.max !== undefined)
        parts.push(pointsLabel({ points: gap.points, max: gap.max }));
      lines.push(`  ${parts.join(' · ')}`);
      if (gap.declared) lines.push(`  (tự đánh giá: ${STATUS_LABEL[gap.declared]})`);
      if (gap.difficulty) lines.push(`  Khó khăn: ${shorten(gap.difficulty, 200)}`);
      if (gap.proposal) lines.push(`  Đề xuất: ${shorten(gap.proposal, 200)}`);
      if (gap.evidence > 0) lines.push(`  Đã có ${gap.evidence} minh chứng`);
    }
  }
  if (r.gaps.length === 0) lines.push('', 'Tất cả tiêu chí đều đạt.');
  return lines.join('\n');
}
