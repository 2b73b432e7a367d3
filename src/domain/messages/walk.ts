/** The walk through a report: questions, the echo of each answer, refusals, several answers at once, edits. */
import type { RefusalReason } from '../answers/types.js';
import type { Question } from '../catalog/types.js';
import type { Status } from '../evaluation/evaluate.js';
import { listCodes, periodLabel, periodTitle, STATUS_LABEL, shorten, targetLabel } from './format.js';

export const walk = {
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
    previous?: { period: string; label: string },
  ) => {
    const lines = [
      `Tiêu chí ${q.key} (${position}/${total}) · ${q.group.name}`,
      q.part ? `${q.criterion.text}\n${q.part.code}) ${q.text}` : q.text,
      `Chỉ tiêu: ${targetLabel(q)}${q.target.assumed ? ` (${q.target.assumed})` : ''}`,
    ];
    if (current) lines.push(`Đã ghi: ${current}`);
    if (previous) lines.push(`Kỳ trước (${periodLabel(previous.period)}): ${previous.label}`);
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
    `Khó khăn, đề xuất đối với tiêu chí ${key}? Gõ nội dung, hoặc "bỏ qua" nếu không có.`,
  difficultyContent: (key: string) =>
    `Anh/chị ghi cụ thể khó khăn, đề xuất của tiêu chí ${key} (ví dụ: thiếu máy tính, đề nghị huyện hỗ trợ), hoặc "bỏ qua".`,
  difficultySaved: (key: string) => `Đã ghi khó khăn, đề xuất của tiêu chí ${key}.`,
  refused: (reason: RefusalReason, q: Pick<Question, 'kind' | 'key'>) => `Chưa ghi: ${REFUSAL[reason](q)}`,
  askAgain: (key: string) => `Mời anh/chị trả lời lại tiêu chí ${key} (hoặc "bỏ qua").`,
  refusalReason: (reason: RefusalReason, q: Pick<Question, 'kind' | 'key'>) => REFUSAL[reason](q),
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
function verdictLine(label: string, status: Status, target?: string): string {
  if (label === STATUS_LABEL[status]) return label;
  const withTarget = target && (status === 'met' || status === 'not_met') ? ` (chỉ tiêu ${target})` : '';
  return `${label} — ${STATUS_LABEL[status]}${withTarget}`;
}

function answerForms(q: Pick<Question, 'kind' | 'target' | 'unit'>): string {
  const self = q.target.op === 'self' ? ' kèm tự đánh giá "đạt"/"chưa đạt"' : '';
  switch (q.kind) {
    case 'yesno':
      return '';
    case 'percent':
      return `Trả lời: tỷ lệ %${self}, ví dụ: 85 hoặc 85%${self ? ' đạt' : ''}.`;
    case 'ratio':
      return `Trả lời: tỷ lệ % hoặc số ${q.unit ?? ''} đạt/tổng số${self}, ví dụ: 85% hoặc 25.031/37.389.`.replace(
        /\s+/g,
        ' ',
      );
    case 'count':
      return `Trả lời: số lượng${q.unit ? ` (${q.unit})` : ''}${self}, ví dụ: 4.`;
    case 'text':
      return `Trả lời: nội dung, minh chứng (số, ngày văn bản)${self}.`;
  }
}

const REFUSAL: Record<RefusalReason, (q: Pick<Question, 'kind' | 'key'>) => string> = {
  empty: () => 'câu trả lời đang trống.',
  too_long: () => 'câu trả lời quá dài (tối đa 1.000 ký tự). Anh/chị ghi ngắn gọn hơn.',
  not_a_number: (q) =>
    q.kind === 'count' ? 'cần một số lượng, ví dụ: 4.' : 'cần một tỷ lệ, ví dụ: 85, 85% hoặc 25.031/37.389.',
  needs_number: (q) =>
    q.kind === 'count'
      ? 'tiêu chí này cần số lượng cụ thể, ví dụ: 4.'
      : 'tiêu chí này cần số liệu cụ thể, ví dụ: 85% hoặc 25.031/37.389 (có thể thêm "đạt" sau số liệu).',
  negative: () => 'số liệu không được âm.',
  over_100: () => 'tỷ lệ không thể vượt quá 100%.',
  numerator_gt_denominator: () => 'số đạt không thể lớn hơn tổng số (ví dụ đúng: 25.031/37.389).',
  zero_denominator: () => 'tổng số (số sau dấu /) phải lớn hơn 0.',
  not_integer: () => 'cần một số nguyên, ví dụ: 4.',
  too_large: () => 'số quá lớn, anh/chị kiểm tra lại.',
  ambiguous_number: (q) =>
    q.kind === 'count'
      ? 'có nhiều số, anh/chị chỉ ghi số lượng, ví dụ: 4.'
      : 'có nhiều số, anh/chị ghi rõ tỷ lệ, ví dụ: 100% hoặc 6/6.',
  not_yes_no: () => 'cần trả lời Có hoặc Không (hoặc "đang thực hiện", "chưa rõ").',
  needs_self_assessment: () =>
    'tiêu chí này chưa có ngưỡng chỉ tiêu, anh/chị ghi kèm tự đánh giá, ví dụ: 85% đạt hoặc 60% chưa đạt.',
};
