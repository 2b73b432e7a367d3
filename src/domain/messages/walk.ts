/** The walk through a report: questions, the echo of each answer, refusals, several answers at once, edits. */
import type { Question } from '../catalog/types.js';
import type { Status } from '../evaluation/evaluate.js';
import { answerForms } from './answers.js';
import {
  listCodes,
  NO_TARGET,
  periodLabel,
  periodTitle,
  STATUS_LABEL,
  shorten,
  targetLabel,
} from './format.js';

export const walk = {
  pickReport: () =>
    'Đơn vị đang báo cáo theo nhiều bộ tiêu chí. Anh/chị làm báo cáo nào? Chọn số hoặc gõ tên bộ.',
  pickExport: () =>
    'Đơn vị đang báo cáo theo nhiều bộ tiêu chí. Xuất phụ lục của bộ nào? Chọn số hoặc gõ tên bộ.',
  pickDifficulties: () =>
    'Đơn vị đang báo cáo theo nhiều bộ tiêu chí. Lập báo cáo khó khăn của bộ nào? Chọn số hoặc gõ tên bộ.',
  pickSubmit: () =>
    'Đơn vị đang báo cáo theo nhiều bộ tiêu chí. Nộp báo cáo của bộ nào? Chọn số hoặc gõ tên bộ.',
  pickReportAgain: () => 'Chưa rõ báo cáo nào: chọn số ở dưới hoặc gõ một phần tên bộ tiêu chí.',
  reportChoice: (name: string, period: string) => `${name} (${periodLabel(period)})`,
  reportHeading: (name: string) => `Bộ tiêu chí: ${name}`,
  navHint: () => 'Gõ "bỏ qua" để trả lời sau, "quay lại" để về câu trước, "dừng" để tạm dừng.',
  futurePeriod: (period: string) => `Chưa đến kỳ ${periodLabel(period)}, chưa thể báo cáo.`,
  stillWaitingDifficulty: (key: string) =>
    `(Đang chờ khó khăn, đề xuất của tiêu chí ${key}: gõ nội dung, hoặc "bỏ qua".)`,
  stillWaiting: (key: string) => `(Đang chờ trả lời tiêu chí ${key}: gõ câu trả lời, "bỏ qua" hoặc "dừng".)`,
  walkStart: (period: string, unitName: string, answered: number, total: number) =>
    answered === 0
      ? `Báo cáo ${periodLabel(period)} của ${unitName}: ${total} câu hỏi. Trả lời lần lượt từng tiêu chí.`
      : `Tiếp tục báo cáo ${periodLabel(period)}: đã trả lời ${answered}/${total}.`,
  question: (
    q: Question,
    position: number,
    total: number,
    current?: string,
    previous?: { period: string; label: string; same?: boolean },
    left?: number,
  ) => {
    const lines = [
      `Tiêu chí ${q.key} (${position}/${total}${left !== undefined ? `, còn ${left} tiêu chí` : ''}) · ${q.group.name}`,
      q.part ? `${q.criterion.text}\n${q.part.code}) ${q.text}` : q.text,
      `Chỉ tiêu: ${targetLabel(q)}${q.target.assumed ? ` (${q.target.assumed})` : ''}`,
    ];
    if (current) lines.push(`Đã ghi: ${current}`);
    if (previous)
      lines.push(
        `Kỳ trước (${periodLabel(previous.period)}): ${previous.label}${previous.same ? ' (gõ "như cũ" để giữ)' : ''}`,
      );
    const forms = answerForms(q);
    if (forms) lines.push(forms);
    return lines.join('\n');
  },
  walkDone: (
    period: string,
    answered: number,
    total: number,
    met: number,
    applicable: number,
    skipped: string[],
  ) => {
    const lines = [
      `Đã đi hết các tiêu chí ${periodLabel(period)}.`,
      `Đã trả lời ${answered}/${total}; đạt ${met}/${applicable} tiêu chí.`,
    ];
    if (skipped.length > 0) {
      lines.push(
        `Còn ${skipped.length} câu chưa trả lời: ${listCodes(skipped)}. Gõ "báo cáo" để trả lời tiếp.`,
      );
    }
    lines.push('Gõ "chưa đạt" để xem các tiêu chí chưa đạt.');
    return lines.join('\n');
  },
  walkComplete: (period: string, total: number) =>
    `Đã trả lời đủ ${total}/${total} câu ${periodLabel(period)}. Anh/chị xem lại rồi nộp báo cáo:`,
  allAnswered: (period: string, total: number) =>
    `${periodTitle(period)}: đã trả lời đủ ${total}/${total} câu. Gõ "sửa <mã>" để sửa, "chưa đạt" để xem tiêu chí chưa đạt.`,
  paused: (key: string, period: string) =>
    `Đã tạm dừng ở tiêu chí ${key} (${periodLabel(period)}). Các câu trả lời đã được lưu. Gõ "báo cáo" để tiếp tục.`,
  nothingToStop: () => 'Hiện không có báo cáo nào đang làm. Gõ "báo cáo" để bắt đầu.',
  atFirst: () => 'Đây là tiêu chí đầu tiên.',
  skippedTo: (key: string) => `Đã bỏ qua tiêu chí ${key}.`,
  recorded: (key: string, label: string, status: Status, target: string, extra?: string) =>
    `Ghi nhận ${key}: ${verdictLine(label, status, target)}${extra ? `; ${extra}` : ''}.`,
  declaredDiffers: (declared: Status) =>
    `Lưu ý: anh/chị tự đánh giá "${STATUS_LABEL[declared]}", nhưng theo chỉ tiêu thì kết quả khác; báo cáo sẽ ghi cả hai.`,
  guidance: () =>
    'Tiêu chí chưa rõ cách thực hiện: đã ghi "chưa rõ". Anh/chị có thể ghi khó khăn để đề nghị cấp trên hướng dẫn.',
  askDifficulty: (key: string) =>
    `Khó khăn, đề xuất đối với tiêu chí ${key}? Ghi khó khăn, kèm đề xuất nếu có (ví dụ: Thiếu máy tính. Đề nghị tỉnh hỗ trợ 2 máy). Gõ "bỏ qua" nếu không có.`,
  difficultyContent: (key: string) =>
    `Anh/chị ghi cụ thể khó khăn, đề xuất của tiêu chí ${key} (ví dụ: thiếu máy tính, đề nghị tỉnh hỗ trợ), hoặc "bỏ qua".`,
  difficultySaved: (key: string, which: 'both' | 'difficulty' | 'proposal' = 'both') =>
    which === 'both'
      ? `Đã ghi khó khăn, đề xuất của tiêu chí ${key}.`
      : which === 'difficulty'
        ? `Đã ghi khó khăn của tiêu chí ${key}.`
        : `Đã ghi đề xuất của tiêu chí ${key}.`,
  difficultySkipped: (key: string) => `Không ghi khó khăn, đề xuất cho tiêu chí ${key}.`,
  difficultyNotTaken: (key: string) =>
    `Chưa ghi khó khăn cho tiêu chí ${key} (muốn bổ sung sau: gõ "sửa ${key}" rồi trả lời lại).`,
  stillWaitingConfirm: (key: string) =>
    `(Đang chờ anh/chị xác nhận câu trả lời tiêu chí ${key}: chọn số ở trên, hoặc "nhập lại".)`,
  stillWaitingTotal: (key: string) => `(Đang chờ tổng số của tiêu chí ${key}: gõ một số, hoặc "bỏ qua".)`,
  viewCriterion: (code: string) => `Xem tiêu chí ${code}`,
  notRecordedLine: (key: string) => `${key}: chưa ghi.`,
  bulkToConfirm: (keys: string[]) =>
    `Cần xác nhận trước khi ghi: ${keys.join(', ')} (hỏi lần lượt dưới đây).`,
  otherOpenReports: (period: string, others: string[]) =>
    `(Đang làm báo cáo ${periodLabel(period)}. Còn ${others.map((p) => `báo cáo ${periodLabel(p)}`).join(', ')} chưa xong: gõ "${others.map((p) => `báo cáo ${periodLabel(p)}`)[0]}" để chuyển.)`,
  bulkHeader: (count: number, period: string) => `Đã ghi ${count} câu trả lời (${periodLabel(period)}):`,
  bulkNone: () => 'Chưa ghi câu trả lời nào.',
  bulkRefusedHeader: () => 'Không ghi:',
  bulkLine: (key: string, label: string, status: Status) => `${key}: ${verdictLine(label, status)}`,
  bulkRefusedLine: (key: string, why: string) => `${key}: ${why}`,
  otherPeriodInLine: (period: string) =>
    `dòng này ghi kỳ khác; đang nhập ${periodLabel(period)}. Gõ "báo cáo <kỳ>" trước rồi gửi lại.`,
  unknownCode: (code: string) => `không có tiêu chí ${code} trong bộ tiêu chí của đơn vị`,
  noCodeInLine: (line: string) => `"${shorten(line, 30)}" thiếu mã tiêu chí ở đầu dòng`,
  compositeNeedsPart: (code: string, letters: string[]) =>
    `Tiêu chí ${code} gồm các ý ${letters.join(', ')}: ghi theo từng ý, ví dụ "${code}${letters[0]} Có".`,
  editWhich: () => 'Anh/chị muốn sửa tiêu chí nào? Gõ "sửa" kèm mã, ví dụ: sửa 1.4',
  editUnknown: (code: string) =>
    `Không có tiêu chí ${code} trong bộ tiêu chí của đơn vị. Gõ "sửa" kèm mã, ví dụ: sửa 1.4`,
  editCancelled: () => 'Đã thôi sửa, câu trả lời cũ được giữ nguyên.',
  evidenceSaved: (key: string, count: number) =>
    `Đã lưu minh chứng cho tiêu chí ${key}${count > 1 ? ` (${count} minh chứng)` : ''}.`,
  evidenceWhere: () =>
    'Đã nhận tệp nhưng chưa rõ là minh chứng cho tiêu chí nào. Gửi lại kèm chú thích là mã tiêu chí (ví dụ: 1.4), hoặc gửi khi đang trả lời tiêu chí đó.',
};

/** "66,95% — chưa đạt (chỉ tiêu 100%)"; a status answer is said once ("đang thực hiện"). */
export function verdictLine(label: string, status: Status, target?: string): string {
  if (label === STATUS_LABEL[status]) return label;
  // No threshold: the officer's own verdict is the result ("85% — tự đánh giá: đạt").
  const own = ` (tự đánh giá: ${STATUS_LABEL[status]})`;
  if (target === NO_TARGET && label.endsWith(own))
    return `${label.slice(0, -own.length)} — tự đánh giá: ${STATUS_LABEL[status]}`;
  const withTarget = target && (status === 'met' || status === 'not_met') ? ` (chỉ tiêu ${target})` : '';
  return `${label} — ${STATUS_LABEL[status]}${withTarget}`;
}
