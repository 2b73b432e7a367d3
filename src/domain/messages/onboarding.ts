/** Joining, greeting, help and the channels' own notes: what a newcomer and every channel sees. */
import type { Successor } from '../units/lifecycle.js';
import { dayLabelOf, periodLabel } from './format.js';

/** "Xã Điền Lư (14950)", "Xã A (1), Xã B (2)": the units a closed one went into. */
function successorsLabel(successors: readonly Successor[]): string {
  return successors.map((s) => `${s.name} (${s.code})`).join(', ');
}

/** Why a merged or closed unit takes no more reports, invites or reminders. */
function closedReason(unitName: string, since: string, successors: readonly Successor[]): string {
  if (successors.length === 0)
    return `${unitName} không còn là đơn vị hành chính từ ngày ${dayLabelOf(since)}`;
  const split = successors.length > 1 || successors.some((s) => s.share === 'part');
  return split
    ? `${unitName} đã được sắp xếp vào ${successorsLabel(successors)} từ ngày ${dayLabelOf(since)}`
    : `${unitName} đã sáp nhập vào ${successorsLabel(successors)} từ ngày ${dayLabelOf(since)}`;
}

export const COMMANDS_HELP = [
  'Các lệnh (gõ có dấu hoặc không dấu đều được):',
  '• báo cáo — trả lời lần lượt từng tiêu chí kỳ này (báo cáo Q3/2026: kỳ khác)',
  '• chưa đạt — các tiêu chí chưa đạt, còn thiếu bao nhiêu',
  '• tiến độ — đã trả lời và đã đạt bao nhiêu tiêu chí',
  '• hạn nộp — hạn báo cáo gần nhất',
  '• sửa 1.4 — sửa câu trả lời tiêu chí 1.4; giải thích 1.4 — tiêu chí 1.4 là gì, tính thế nào',
  '• Gửi nhiều câu một lần: 1.1 100; 1.2 95; 1.4 25.031/37.389',
  '• Gửi ảnh, tệp khi đang trả lời một tiêu chí: lưu làm minh chứng',
  '• nộp báo cáo — nộp cho cấp trên (sau khi nộp, muốn sửa cần mở khóa)',
  '• xuất báo cáo — phụ lục Word; xuất excel — bảng Excel; khó khăn — báo cáo khó khăn, đề xuất',
  '• nhắc nhở — xem cài đặt nhắc hạn ("tắt nhắc nhở", "bật nhắc nhở", "nhắc lại sau")',
  '• liên kết — dùng chung báo cáo trên Zalo và Telegram',
  '• lịch sử — kết quả các kỳ trước (cả của các xã trước sáp nhập)',
  '• web — đường dẫn xem báo cáo của xã trên trình duyệt; đăng xuất web — kết thúc',
  'Khi đang báo cáo: "như cũ" để giữ kết quả kỳ trước, "bỏ qua", "quay lại", "dừng", "?" nếu chưa rõ.',
];

/** The Telegram commands menu (setMyCommands), in the order shown. */
export const COMMAND_MENU: ReadonlyArray<{ command: string; description: string }> = [
  { command: 'baocao', description: 'Báo cáo tiêu chí kỳ này (tiếp tục nếu đang dở)' },
  { command: 'chuadat', description: 'Các tiêu chí chưa đạt, còn thiếu bao nhiêu' },
  { command: 'tiendo', description: 'Tiến độ: đã trả lời, đã đạt bao nhiêu' },
  { command: 'hanchot', description: 'Hạn nộp báo cáo gần nhất' },
  { command: 'sua', description: 'Sửa một câu trả lời, ví dụ: /sua 1.4' },
  { command: 'huongdan', description: 'Hướng dẫn sử dụng' },
];

export const onboarding = {
  welcomeUnknown: () =>
    [
      'Xin chào! Đây là trợ lý báo cáo tiêu chí chuyển đổi số cấp xã.',
      'Anh/chị vui lòng gửi mã mời do cán bộ quản trị cấp (ví dụ: ABCD-EFGH).',
    ].join('\n'),
  inviteInvalid: () =>
    'Mã mời không đúng, đã dùng hoặc đã hết hạn. Anh/chị kiểm tra lại hoặc đề nghị cán bộ quản trị cấp mã mới.',
  registered: (unitName: string, province: string, frameworkName: string, period: string) =>
    [
      `Đã đăng ký anh/chị là cán bộ báo cáo của ${unitName} (${province}).`,
      `Bộ tiêu chí: ${frameworkName}.`,
      `Gõ "báo cáo" để bắt đầu báo cáo ${periodLabel(period)}, "hướng dẫn" để xem các lệnh.`,
    ].join('\n'),
  greeting: (unitName: string) =>
    [`Xin chào cán bộ ${unitName}.`, 'Gõ "báo cáo" để tiếp tục báo cáo, "hướng dẫn" để xem các lệnh.'].join(
      '\n',
    ),
  help: () => COMMANDS_HELP.join('\n'),
  notUnderstood: () =>
    'Chưa hiểu yêu cầu. Gõ "báo cáo" để báo cáo, "chưa đạt" để xem tiêu chí chưa đạt, "hướng dẫn" để xem các lệnh.',
  frameworkMissing: (id: string) =>
    `Bộ tiêu chí "${id}" của đơn vị chưa được cài đặt. Anh/chị vui lòng báo cán bộ quản trị.`,
  apology: () =>
    'Xin lỗi, hệ thống đang gặp sự cố. Câu trả lời trước đó vẫn được lưu; anh/chị vui lòng thử lại sau ít phút.',
  textOnly: () =>
    'Bot chỉ đọc tin nhắn chữ, ảnh và tệp minh chứng. Anh/chị vui lòng gõ câu trả lời, hoặc gõ "hướng dẫn" để xem các lệnh.',
  unsupportedContent: () =>
    'Zalo không cho bot đọc tệp hay vị trí, anh/chị vui lòng gõ câu trả lời (ảnh minh chứng thì gửi ảnh).',
  linkCode: (code: string, minutes: number) =>
    [
      `Mã liên kết: ${code.slice(0, 4)}-${code.slice(4)} (dùng một lần, hết hạn sau ${minutes} phút).`,
      'Gửi mã này cho bot từ tài khoản Zalo hoặc Telegram khác của anh/chị để dùng chung một báo cáo.',
    ].join('\n'),
  linked: (unitName: string) =>
    `Đã liên kết tài khoản này với cán bộ báo cáo của ${unitName}. Gõ "báo cáo" để tiếp tục báo cáo đang làm.`,
  fileSaved: (path: string) => `Đã lưu tệp: ${path}`,
  staleButton: () => 'Câu hỏi này đã qua.',
  groupChat: () => 'Bot chỉ làm việc trong tin nhắn riêng. Anh/chị vui lòng nhắn riêng cho bot.',
  editedIgnored: () =>
    'Bot không đọc lại tin nhắn đã sửa. Anh/chị vui lòng gửi câu trả lời thành tin nhắn mới (muốn sửa câu đã ghi thì gõ "sửa" kèm mã, ví dụ: sửa 1.4).',
  demoCreated: (unitName: string, frameworkName: string) =>
    [
      `Cơ sở dữ liệu mới: đã tạo đơn vị thử nghiệm "${unitName}" với bộ tiêu chí ${frameworkName},`,
      'và đăng ký anh/chị là cán bộ báo cáo của đơn vị này để dùng thử ngay.',
    ].join('\n'),
  consoleBound: (unitName: string) => `Cửa sổ dòng lệnh đang báo cáo cho ${unitName}.`,
  consoleActingAs: (who: string, role: string) =>
    `Cửa sổ dòng lệnh đang làm thay ${who} (${role}): tin nhắn gõ ở đây được xử lý như người đó gửi.`,
  consoleSupervisor: () => 'Cửa sổ dòng lệnh đang dùng tài khoản giám sát. Gõ "/tonghop" để xem tổng hợp.',
  unitClosed: (unitName: string, since: string, successors: readonly Successor[]) =>
    [
      `${closedReason(unitName, since, successors)}, nên không nhận báo cáo mới và không nhắc hạn nữa. Các báo cáo trước đây vẫn được lưu trong lịch sử của đơn vị mới.`,
      successors.length > 0
        ? 'Anh/chị đề nghị cán bộ quản trị cấp mã mời của đơn vị mới để tiếp tục báo cáo.'
        : 'Anh/chị liên hệ cán bộ quản trị nếu cần hỗ trợ.',
    ].join('\n'),
  inviteForClosedUnit: (unitName: string, since: string, successors: readonly Successor[]) =>
    `Mã mời này dành cho ${unitName}, nhưng ${closedReason(unitName, since, successors)}, nên mã không dùng được. Anh/chị đề nghị cán bộ quản trị cấp mã mời của đơn vị mới.`,
  unitClosedShort: (unitName: string, since: string, successors: readonly Successor[]) =>
    `${closedReason(unitName, since, successors)}: không nhận mã mời, báo cáo mới hay nhắc hạn.`,
  roleChanged: (before: string) => `Tài khoản này trước đây là ${before}; từ nay dùng theo mã mời mới.`,
};
