/** What supervisors (province, area) and admins read: their help, notices and the overview. */
import { formatPercent } from '../answers/normalize.js';
import type { SupervisorScope, UnitStatus } from '../dialog/protocol.js';
import { formatDate, formatDateTime, periodLabel, provinceLabel, scoreLine, shorten } from './format.js';

/** A short description of a supervisor's or admin's scope: "tỉnh Thanh Hóa", "khu vực Cụm Bá Thước", "toàn quốc". */
export function scopeLabel(scope: SupervisorScope): string {
  if (scope.role === 'admin') return 'toàn quốc';
  return scope.province ? provinceLabel(scope.province) : `khu vực ${scope.area ?? ''}`;
}

export const supervisor = {
  supervisorHelp: (scope: SupervisorScope) =>
    [
      `Tài khoản giám sát (${scopeLabel(scope)}). Các lệnh:`,
      '• /tonghop [kỳ] — tình hình nộp báo cáo, tiêu chí chưa đạt nhiều nhất',
      '• /tonghop <mã đơn vị> [kỳ] — các tiêu chí chưa đạt của một đơn vị',
      '• /xuat <mã đơn vị> [kỳ] — phụ lục của đơn vị (Word); /xuatexcel <mã> — Excel',
      '• mở khóa <mã đơn vị> [kỳ] — cho đơn vị sửa báo cáo đã nộp',
      '• web — trang theo dõi trên trình duyệt (danh sách, ma trận, biểu đồ); đăng xuất web — kết thúc',
      'Kỳ viết như: Q3/2026, quý IV/2026, năm 2026.',
    ].join('\n'),
  unitNotInScope: (code: string) => `Không có đơn vị "${code}" trong phạm vi giám sát của anh/chị.`,
  notYetSubmitted: (period: string) => `Chưa nộp báo cáo ${periodLabel(period)}.`,
  notLocked: (unitName: string, period: string) =>
    `${unitName} chưa nộp báo cáo ${periodLabel(period)}, không cần mở khóa.`,
  unlocked: (unitName: string, period: string) =>
    `Đã mở khóa báo cáo ${periodLabel(period)} của ${unitName}; cán bộ của đơn vị đã được báo để sửa và nộp lại.`,
  supervisorOnly: () => 'Lệnh này dành cho cán bộ giám sát.',
  unitSubmitted: (
    unitName: string,
    unitCode: string,
    period: string,
    at: Date,
    onTime: boolean,
    met: number,
    applicable: number,
    score?: { points: number; max: number; level: string | null },
  ) =>
    `${unitName} (${unitCode}) đã nộp báo cáo ${periodLabel(period)} lúc ${formatDateTime(at)}${onTime ? '' : ' (trễ hạn)'}: đạt ${met}/${applicable} tiêu chí${score ? ` · ${scoreLine(score)}` : ''}. Gõ "/tonghop ${unitCode}" để xem chi tiết.`,
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
  exportFor: (unitName: string, period: string, format: 'docx' | 'xlsx') =>
    `${unitName}: Phụ lục kết quả ${periodLabel(period)} (${format === 'docx' ? 'Word' : 'Excel'}).`,
  overview: (period: string, scope: SupervisorScope, units: readonly UnitStatus[]) =>
    renderOverview(period, scope, units),
};

/** "/tonghop": who submitted (and on time), who is reporting, who has not started, what is most often unmet. */
function renderOverview(period: string, scope: SupervisorScope, all: readonly UnitStatus[]): string {
  // Units merged or closed before the period are not counted; their past reports stay reachable.
  const units = all.filter((u) => !u.closed);
  const closed = all.length - units.length;
  const submitted = units.filter((u) => u.submission);
  const onTime = submitted.filter((u) => u.submission?.onTime);
  const started = units.filter((u) => !u.submission && u.answered > 0);
  const notStarted = units.filter((u) => !u.submission && u.answered === 0);
  const counts = new Map<string, { code: string; text: string; frameworkId: string; n: number }>();
  for (const u of units) {
    for (const c of u.unmet) {
      const key = `${u.frameworkId}|${c.code}`;
      const entry = counts.get(key) ?? { code: c.code, text: c.text, frameworkId: u.frameworkId, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  const frameworks = new Set(units.map((u) => u.frameworkId));
  // A unit on several frameworks is one entry per framework (a report each), marked with it.
  const codes = new Set(units.map((u) => u.code));
  const several = new Set(
    units.filter((u, i) => units.findIndex((x) => x.code === u.code) !== i).map((u) => u.code),
  );
  const on = (u: UnitStatus) => (several.has(u.code) ? ` (${u.frameworkId})` : '');
  const top = [...counts.values()].sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)).slice(0, 5);
  const lines = [
    `Tổng hợp ${periodLabel(period)} · ${scopeLabel(scope)} · ${codes.size} đơn vị${codes.size < units.length ? ` · ${units.length} báo cáo (có đơn vị báo cáo theo nhiều bộ tiêu chí)` : ''}`,
    `• Đã nộp: ${submitted.length}${submitted.length > 0 ? ` (đúng hạn ${onTime.length}/${submitted.length}, ${formatPercent((onTime.length / submitted.length) * 100)})` : ''}`,
    `• Đang làm: ${started.length}`,
    `• Chưa bắt đầu: ${notStarted.length}`,
  ];
  // A scored framework: the points of the units that submitted, the highest first.
  const scored = submitted
    .filter((u) => u.score)
    .sort((a, b) => (b.score?.points ?? 0) - (a.score?.points ?? 0));
  if (scored.length > 0) {
    lines.push('', 'Điểm của các đơn vị đã nộp:');
    for (const u of scored.slice(0, 15))
      if (u.score) lines.push(`• ${u.code} ${u.name}${on(u)}: ${scoreLine(u.score).replace(/^Điểm: /, '')}`);
    if (scored.length > 15) lines.push(`• … và ${scored.length - 15} đơn vị khác`);
  }
  if (top.length > 0) {
    lines.push('', 'Tiêu chí chưa đạt nhiều nhất:');
    for (const t of top) {
      lines.push(
        `• ${t.code}${frameworks.size > 1 ? ` (${t.frameworkId})` : ''}: ${t.n} đơn vị · ${shorten(t.text, 70)}`,
      );
    }
  }
  const noOfficer = units.filter(
    (u, i) => u.officers === 0 && units.findIndex((x) => x.code === u.code) === i,
  );
  if (noOfficer.length > 0) {
    lines.push(
      '',
      `Chưa có cán bộ báo cáo đăng ký (${noOfficer.length}): ${noOfficer
        .slice(0, 15)
        .map((u) => u.code)
        .join(', ')}${noOfficer.length > 15 ? ', …' : ''}`,
    );
  }
  if (closed > 0) lines.push('', `Không tính ${closed} đơn vị đã sáp nhập hoặc giải thể trước kỳ này.`);
  const waiting = [...started, ...notStarted];
  if (waiting.length > 0) {
    lines.push('', `Chưa nộp (${waiting.length}):`);
    for (const u of waiting.slice(0, 15))
      lines.push(`• ${u.code} ${u.name}${on(u)}: đã trả lời ${u.answered}/${u.total}`);
    if (waiting.length > 15) lines.push(`• … và ${waiting.length - 15} đơn vị khác`);
  }
  lines.push(
    '',
    'Gõ "/tonghop <mã đơn vị>" để xem chi tiết, "mở khóa <mã đơn vị>" để cho sửa báo cáo đã nộp.',
  );
  return lines.join('\n');
}
