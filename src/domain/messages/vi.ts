/**
 * Every sentence an officer sees, in one place, for every channel. Plain text, short lines
 * that fit a phone screen, in the administrative register of the seed reports.
 */
import type { RefusalReason } from '../answers/types.js';
import type { Question } from '../catalog/types.js';
import type { Status } from '../evaluation/evaluate.js';
import type { GapReport } from '../report/gaps.js';
import { formatDate, periodLabel, periodTitle, STATUS_LABEL, shorten, targetLabel } from './format.js';

export const COMMANDS_HELP = [
  'Các lệnh (gõ có dấu hoặc không dấu đều được):',
  '• báo cáo — trả lời lần lượt từng tiêu chí kỳ này (báo cáo Q3/2026: kỳ khác)',
  '• chưa đạt — các tiêu chí chưa đạt, còn thiếu bao nhiêu',
  '• tiến độ — đã trả lời và đã đạt bao nhiêu tiêu chí',
  '• hạn nộp — hạn báo cáo gần nhất',
  '• sửa 1.4 — sửa câu trả lời tiêu chí 1.4',
  '• Gửi nhiều câu một lần: 1.1 100; 1.2 95; 1.4 25.031/37.389',
  '• Gửi ảnh, tệp khi đang trả lời một tiêu chí: lưu làm minh chứng',
  '• nộp báo cáo — nộp cho cấp trên (sau khi nộp, muốn sửa cần mở khóa)',
  '• xuất báo cáo — phụ lục Word; xuất excel — bảng Excel; khó khăn — báo cáo khó khăn, đề xuất',
  '• nhắc nhở — xem cài đặt nhắc hạn ("tắt nhắc nhở", "bật nhắc nhở", "nhắc lại sau")',
  '• liên kết — dùng chung báo cáo trên Zalo và Telegram',
  '• lịch sử — kết quả các kỳ trước (cả của các xã trước sáp nhập)',
  'Khi đang báo cáo: "bỏ qua", "quay lại", "dừng", "?" nếu chưa rõ.',
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

/** One reported period of a unit, or of a unit merged into it. */
export interface HistoryEntry {
  unitCode: string;
  unitName: string;
  predecessor: boolean;
  until?: string;
  period: string;
  met: number;
  applicable: number;
  answered: number;
  total: number;
}

export const vi = {
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

  progress: (
    period: string,
    answered: number,
    total: number,
    met: number,
    applicable: number,
    notMet: number,
  ) =>
    [
      `Tiến độ ${periodLabel(period)}:`,
      `• Đã trả lời: ${answered}/${total} câu`,
      `• Đạt: ${met}/${applicable} tiêu chí; chưa đạt: ${notMet}`,
      answered < total ? 'Gõ "báo cáo" để trả lời tiếp.' : 'Gõ "chưa đạt" để xem các tiêu chí chưa đạt.',
    ].join('\n'),
  deadlines: (
    items: Array<{ period: string; due: Date; days: number }>,
    overdue: Array<{ period: string; due: Date; unanswered: number; total: number }> = [],
  ) =>
    [
      'Hạn nộp báo cáo:',
      ...overdue.map((d) =>
        d.unanswered === d.total
          ? `• Báo cáo ${periodLabel(d.period)}: đã quá hạn (${formatDate(d.due)}), chưa trả lời câu nào (${d.total} câu). Gõ "báo cáo ${periodLabel(d.period)}" để bắt đầu.`
          : `• Báo cáo ${periodLabel(d.period)}: đã quá hạn (${formatDate(d.due)}), còn ${d.unanswered}/${d.total} câu chưa trả lời. Gõ "báo cáo ${periodLabel(d.period)}" để trả lời tiếp.`,
      ),
      ...items.map(
        (d) =>
          `• Báo cáo ${periodLabel(d.period)}: chậm nhất ngày ${formatDate(d.due)} (${d.days === 0 ? 'hôm nay là hạn cuối' : `còn ${d.days} ngày`})`,
      ),
    ].join('\n'),

  gapReport: (r: GapReport) => renderGapReport(r),
  apology: () =>
    'Xin lỗi, hệ thống đang gặp sự cố. Câu trả lời trước đó vẫn được lưu; anh/chị vui lòng thử lại sau ít phút.',
  textOnly: () =>
    'Bot chỉ đọc tin nhắn chữ, ảnh và tệp minh chứng. Anh/chị vui lòng gõ câu trả lời, hoặc gõ "hướng dẫn" để xem các lệnh.',
  unsupportedContent: () =>
    'Zalo không cho bot đọc tệp hay vị trí, anh/chị vui lòng gõ câu trả lời (ảnh minh chứng thì gửi ảnh).',
  evidenceSaved: (key: string, count: number) =>
    `Đã lưu minh chứng cho tiêu chí ${key}${count > 1 ? ` (${count} minh chứng)` : ''}.`,
  evidenceWhere: () =>
    'Đã nhận tệp nhưng chưa rõ là minh chứng cho tiêu chí nào. Gửi lại kèm chú thích là mã tiêu chí (ví dụ: 1.4), hoặc gửi khi đang trả lời tiêu chí đó.',
  linkCode: (code: string, minutes: number) =>
    [
      `Mã liên kết: ${code.slice(0, 4)}-${code.slice(4)} (dùng một lần, hết hạn sau ${minutes} phút).`,
      'Gửi mã này cho bot từ tài khoản Zalo hoặc Telegram khác của anh/chị để dùng chung một báo cáo.',
    ].join('\n'),
  linked: (unitName: string) =>
    `Đã liên kết tài khoản này với cán bộ báo cáo của ${unitName}. Gõ "báo cáo" để tiếp tục báo cáo đang làm.`,
  reminder: (r: {
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
  }) => {
    const lines = r.overdue
      ? [`Quá hạn: ${r.name} của ${r.unitName} đã quá hạn nộp (${formatDate(r.due)}).`]
      : [
          `Nhắc hạn: ${r.name} của ${r.unitName}.`,
          `Hạn nộp: ${formatDate(r.due)} (${r.daysLeft <= 0 ? 'hôm nay là hạn cuối' : `còn ${r.daysLeft} ngày`}).`,
        ];
    lines.push(
      r.total !== undefined && r.unanswered === r.total
        ? `Chưa trả lời tiêu chí nào (${r.total} câu).`
        : `Còn ${r.unanswered} câu chưa trả lời, ${r.unmet} tiêu chí chưa đạt.`,
    );
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
  ) =>
    [
      `Nộp báo cáo ${periodLabel(period)} của ${unitName}:`,
      `• Đạt ${met}/${applicable} tiêu chí; chưa đạt ${notMet}; đang thực hiện ${inProgress}; chưa rõ ${unknown}.`,
      'Sau khi nộp, muốn sửa phải đề nghị cán bộ giám sát mở khóa.',
      'Xác nhận nộp báo cáo?',
    ].join('\n'),
  confirmYesNo: () => 'Anh/chị trả lời "có" để nộp, hoặc "không" để chưa nộp.',
  notSubmitted: () => 'Chưa nộp báo cáo. Gõ "nộp báo cáo" khi sẵn sàng.',
  submitted: (period: string, at: Date) =>
    `Đã nộp báo cáo ${periodLabel(period)} lúc ${formatDateTime(at)}. Cán bộ giám sát đã được thông báo. Gõ "xuất báo cáo" để lấy phụ lục.`,
  unitSubmitted: (
    unitName: string,
    unitCode: string,
    period: string,
    at: Date,
    onTime: boolean,
    met: number,
    applicable: number,
  ) =>
    `${unitName} (${unitCode}) đã nộp báo cáo ${periodLabel(period)} lúc ${formatDateTime(at)}${onTime ? '' : ' (trễ hạn)'}: đạt ${met}/${applicable} tiêu chí. Gõ "/tonghop ${unitCode}" để xem chi tiết.`,
  unlockedForOfficer: (period: string) =>
    `Báo cáo ${periodLabel(period)} đã được mở khóa: anh/chị có thể sửa và nộp lại.`,
  exportReady: (period: string, format: 'docx' | 'xlsx') =>
    `Phụ lục kết quả ${periodLabel(period)} (${format === 'docx' ? 'Word' : 'Excel'}).`,
  exportUnavailable: () =>
    'Kênh này không gửi được tệp. Anh/chị dùng Telegram, hoặc đề nghị quản trị bật đường dẫn tải về.',
  exportLink: (url: string, minutes: number) => `Tải tệp tại: ${url} (hiệu lực ${minutes} phút).`,
  difficultiesText: (r: GapReport) => renderDifficulties(r),
  supervisorHelp: (scope: string) =>
    [
      `Tài khoản giám sát (${scope}). Các lệnh:`,
      '• /tonghop [kỳ] — tình hình nộp báo cáo, tiêu chí chưa đạt nhiều nhất',
      '• /tonghop <mã đơn vị> [kỳ] — các tiêu chí chưa đạt của một đơn vị',
      '• /xuat <mã đơn vị> [kỳ] — phụ lục của đơn vị (Word); /xuatexcel <mã> — Excel',
      '• mở khóa <mã đơn vị> [kỳ] — cho đơn vị sửa báo cáo đã nộp',
      'Kỳ viết như: Q3/2026, quý IV/2026, năm 2026.',
    ].join('\n'),
  unitNotInScope: (code: string) => `Không có đơn vị "${code}" trong phạm vi giám sát của anh/chị.`,
  notYetSubmitted: (period: string) => `Chưa nộp báo cáo ${periodLabel(period)}.`,
  notLocked: (unitName: string, period: string) =>
    `${unitName} chưa nộp báo cáo ${periodLabel(period)}, không cần mở khóa.`,
  unlocked: (unitName: string, period: string) =>
    `Đã mở khóa báo cáo ${periodLabel(period)} của ${unitName}; cán bộ của đơn vị đã được báo để sửa và nộp lại.`,
  supervisorOnly: () => 'Lệnh này dành cho cán bộ giám sát.',
  history: (unitName: string, entries: HistoryEntry[]) => {
    const own = entries.filter((e) => !e.predecessor);
    const before = entries.filter((e) => e.predecessor);
    const line = (e: HistoryEntry) =>
      `• ${periodTitle(e.period)}: đạt ${e.met}/${e.applicable} (đã trả lời ${e.answered}/${e.total})`;
    const lines = [`Lịch sử báo cáo · ${unitName}`];
    lines.push(...(own.length > 0 ? own.map(line) : ['• Chưa có kỳ nào.']));
    const units = [...new Set(before.map((e) => e.unitCode))];
    for (const code of units) {
      const es = before.filter((e) => e.unitCode === code);
      const first = es[0];
      if (!first) continue;
      lines.push(
        '',
        `Trước sáp nhập: ${first.unitName} (${code})${first.until ? `, đến ${first.until.split('-').reverse().join('/')}` : ''}`,
      );
      lines.push(...es.map(line));
    }
    return lines.join('\n');
  },
  fileSaved: (path: string) => `Đã lưu tệp: ${path}`,
  lateUnits: (
    name: string,
    due: Date,
    units: Array<{ code: string; name: string; answered: number; total: number }>,
  ) =>
    [
      `${name}: ${units.length} đơn vị chưa hoàn thành khi hết hạn (${formatDate(due)}):`,
      ...units.slice(0, 30).map((u) => `• ${u.code} ${u.name}: đã trả lời ${u.answered}/${u.total}`),
      ...(units.length > 30 ? [`• … và ${units.length - 30} đơn vị khác`] : []),
      'Gõ "/tonghop" để xem tổng hợp.',
    ].join('\n'),
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
};

/** "66,95% — chưa đạt (chỉ tiêu 100%)"; a status answer is said once ("đang thực hiện"). */
function verdictLine(label: string, status: Status, target?: string): string {
  if (label === STATUS_LABEL[status]) return label;
  const withTarget = target && (status === 'met' || status === 'not_met') ? ` (chỉ tiêu ${target})` : '';
  return `${label} — ${STATUS_LABEL[status]}${withTarget}`;
}

/** "14:05 22/11/2026" in Vietnam time. */
function formatDateTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600 * 1000);
  return `${String(v.getUTCHours()).padStart(2, '0')}:${String(v.getUTCMinutes()).padStart(2, '0')} ${formatDate(d)}`;
}

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
      lines.push(`c) Đề nghị: ${gap.difficulty ?? 'chưa ghi'}`);
    });
  }
  return lines.join('\n');
}

function listCodes(keys: string[]): string {
  return keys.length <= 8 ? keys.join(', ') : `${keys.slice(0, 8).join(', ')}…`;
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

/** The gap report as plain text lines; channels split it to their message size. */
export function renderGapReport(r: GapReport): string {
  const t = r.totals;
  const lines = [
    `Tiêu chí chưa đạt · ${r.unit.name} · ${periodLabel(r.period)}`,
    `Bộ tiêu chí: ${r.framework.name}${r.framework.complete ? '' : ' (chưa đầy đủ)'}`,
    `Đạt ${t.met}/${r.applicable} · chưa đạt ${t.notMet} · đang thực hiện ${t.inProgress} · chưa rõ ${t.unknown} · chưa trả lời ${t.unanswered}${t.notApplicable ? ` · không áp dụng ${t.notApplicable}` : ''}`,
  ];
  for (const g of r.groups) {
    lines.push('', `${g.code}. ${g.name}: đạt ${g.met}/${g.total}`);
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
      lines.push(`  ${parts.join(' · ')}`);
      if (gap.declared) lines.push(`  (tự đánh giá: ${STATUS_LABEL[gap.declared]})`);
      if (gap.difficulty) lines.push(`  Khó khăn, đề xuất: ${shorten(gap.difficulty, 200)}`);
      if (gap.evidence > 0) lines.push(`  Đã có ${gap.evidence} minh chứng`);
    }
  }
  if (r.gaps.length === 0) lines.push('', 'Tất cả tiêu chí đều đạt.');
  return lines.join('\n');
}
