/** Submitting a report, its lock, and the documents made from it. */
import { formatDateTime, listCodes, periodLabel, shorten } from './format.js';

export const submit = {
  locked: (period: string) =>
    `Báo cáo ${periodLabel(period)} đã nộp nên không sửa được. Muốn sửa, đề nghị cán bộ giám sát mở khóa.`,
  alreadySubmitted: (period: string, at: Date, onTime: boolean) =>
    `Báo cáo ${periodLabel(period)} đã nộp lúc ${formatDateTime(at)}${onTime ? ' (đúng hạn)' : ' (trễ hạn)'}.`,
  mustAnswerAll: (period: string, missing: string[]) =>
    `Chưa nộp được báo cáo ${periodLabel(period)}: còn ${missing.length} câu chưa trả lời (${listCodes(missing)}). Gõ "báo cáo" để trả lời, hoặc ghi "chưa rõ" nếu chưa có số liệu.`,
  submitSummary: (
    period: string,
    unitName: string,
    met: number,
    applicable: number,
    notMet: number,
    inProgress: number,
    unknown: number,
    proposals?: string,
  ) =>
    [
      `Nộp báo cáo ${periodLabel(period)} của ${unitName}:`,
      `• Đạt ${met}/${applicable} tiêu chí; chưa đạt ${notMet}; đang thực hiện ${inProgress}; chưa rõ ${unknown}.`,
      proposals
        ? `• Đề xuất, kiến nghị chung: ${shorten(proposals, 200)} (gõ nội dung khác để thay)`
        : '• Đề xuất, kiến nghị chung với cấp trên: chưa có. Nếu có, gõ nội dung trước khi nộp (ví dụ: Đề nghị hỗ trợ kinh phí lắp camera an ninh).',
      'Sau khi nộp, muốn sửa phải đề nghị cán bộ giám sát mở khóa.',
      'Xác nhận nộp báo cáo?',
    ].join('\n'),
  confirmYesNo: () => 'Anh/chị trả lời "có" để nộp, hoặc "không" để chưa nộp.',
  notSubmitted: () => 'Chưa nộp báo cáo. Gõ "nộp báo cáo" khi sẵn sàng.',
  submitted: (period: string, at: Date) =>
    `Đã nộp báo cáo ${periodLabel(period)} lúc ${formatDateTime(at)}. Gõ "xuất báo cáo" để lấy phụ lục.`,
  supervisorsTold: () => 'Cán bộ giám sát đã được thông báo.',
  noSupervisorYet: () =>
    'Tỉnh chưa có cán bộ giám sát đăng ký trên bot: báo cáo đã được lưu, anh/chị gửi phụ lục theo đường công văn như thường lệ.',
  /** The framework is named when the unit reports on several. */
  unlockedForOfficer: (period: string, framework?: string) =>
    `Báo cáo ${periodLabel(period)}${framework ? ` (${framework})` : ''} đã được mở khóa: anh/chị có thể sửa và nộp lại.`,
  documentDraft: (unanswered: number) =>
    `Báo cáo còn ${unanswered} tiêu chí chưa trả lời nên văn bản được đánh dấu "DỰ THẢO" trên mọi trang. Trả lời nốt rồi xuất lại để có bản ký được.`,
  exportReady: (period: string, format: 'docx' | 'xlsx') =>
    `Phụ lục kết quả ${periodLabel(period)} (${format === 'docx' ? 'Word' : 'Excel'}).`,
  exportUnavailable: () =>
    'Tỉnh chưa bật đường dẫn tải tài liệu qua Zalo nên bot chưa gửi được tệp này. Anh/chị vui lòng báo cán bộ quản trị của tỉnh.',
  exportLink: (url: string, minutes: number) => `Tải tệp tại: ${url} (hiệu lực ${minutes} phút).`,
};
