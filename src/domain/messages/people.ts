/**
 * What the province's operators read when they bring a province on board: province names, the
 * official list of units and the 2025 mergers, people and invites (`cds-bot units import`,
 * `people …`, `invites …`, `provinces …`).
 */
import type { Province } from '../units/official.js';
import { dayLabelOf, formatDate } from './format.js';

const ROLE: Record<'officer' | 'supervisor' | 'admin', string> = {
  officer: 'cán bộ báo cáo',
  supervisor: 'cán bộ giám sát',
  admin: 'quản trị',
};

/** What a person is, in a few words: "cán bộ báo cáo · 14950 Xã Điền Lư". */
function personWhat(p: {
  role: 'officer' | 'supervisor' | 'admin';
  unit?: { code: string; name: string };
  province?: string;
  area?: string;
}): string {
  if (p.role === 'officer')
    return `${ROLE.officer} · ${p.unit ? `${p.unit.code} ${p.unit.name}` : '(không có đơn vị)'}`;
  if (p.role === 'supervisor')
    return `${ROLE.supervisor} · ${p.province ?? (p.area ? `khu vực ${p.area}` : '')}`;
  return ROLE.admin;
}

export const people = {
  roleLabel: (role: 'officer' | 'supervisor' | 'admin') => ROLE[role],

  // Provinces
  cliUnknownProvince: (raw: string, closest: readonly Province[]) =>
    `không có tỉnh, thành phố "${raw}" trong danh mục 34 tỉnh, thành phố từ 1/7/2025. Gần nhất: ${closest.map((p) => p.name).join(', ')} (xem: cds-bot provinces list).`,
  cliFormerProvince: (former: string, now: readonly Province[]) =>
    `tỉnh ${former} không còn từ 1/7/2025: các xã, phường nay thuộc ${now.map((p) => p.name).join(', ')}.`,
  cliProvinceLine: (p: Province, communes: number, units: number) =>
    `${p.code}\t${p.name}\t${communes} xã, phường, đặc khu\t${units > 0 ? `${units} đơn vị đã có` : 'chưa có đơn vị'}`,
  cliProvinceFix: (f: {
    table: string;
    oldValue: string;
    newValue?: string;
    rows: number;
    outcome: string;
  }) =>
    f.outcome === 'mapped'
      ? `  ${f.table}: "${f.oldValue}" → ${f.newValue} (${f.rows} dòng)`
      : f.outcome === 'duplicate'
        ? `  ${f.table}: "${f.oldValue}" giữ nguyên (${f.rows} dòng): đã có dòng mang tên chính thức, cần xem lại bằng tay`
        : `  ${f.table}: "${f.oldValue}" giữ nguyên (${f.rows} dòng): không phải tên tỉnh chính thức`,
  cliProvinceFixesHeading: (n: number) =>
    n === 0
      ? 'Khi nâng cấp không có tên tỉnh nào cần chuẩn hóa.'
      : `Khi nâng cấp (migration 0008), ${n} tên tỉnh đã được xem:`,
  cliProvincesLeft: (left: ReadonlyArray<{ table: string; value: string; rows: number }>) =>
    left.length === 0
      ? 'Mọi tên tỉnh trong cơ sở dữ liệu đều là tên chính thức.'
      : [
          `Còn ${left.length} tên tỉnh chưa chuẩn hóa (đổi bằng: cds-bot provinces rename --from "<tên cũ>" --to "<tỉnh>"):`,
          ...left.map((l) => `  ${l.table}: "${l.value}" (${l.rows} dòng)`),
        ].join('\n'),
  cliProvinceRenamed: (from: string, to: string, rows: number, kept: readonly string[]) =>
    [
      `Đã đổi "${from}" thành ${to}: ${rows} dòng.`,
      ...(kept.length > 0
        ? [`Giữ nguyên ở ${kept.join(', ')}: đã có dòng mang tên ${to}, cần xem lại bằng tay.`]
        : []),
    ].join('\n'),
  cliProvinceNothingToRename: (from: string) => `Không có dòng nào mang tên tỉnh "${from}".`,

  // The official list of units
  cliUnitsImported: (r: { province: string; frameworkId: string; added: number; unchanged: number }) =>
    r.added === 0
      ? `Không có gì thay đổi: ${r.unchanged} đơn vị của ${r.province} đã có.`
      : `Đã thêm ${r.added} đơn vị của ${r.province}, bộ tiêu chí ${r.frameworkId}${r.unchanged > 0 ? `; ${r.unchanged} đơn vị đã có từ trước` : ''}.`,
  cliUnitDiffers: (
    code: string,
    stored: { name: string; province: string },
    listed: { name: string; province: string },
  ) =>
    `  ${code}: trong cơ sở dữ liệu là "${stored.name}" (${stored.province}), danh mục ghi "${listed.name}" (${listed.province}); giữ nguyên.`,
  cliUnitsDifferHeading: (n: number) => `${n} đơn vị đã có khác danh mục (không thay đổi):`,
  cliNotInOfficialList: (rows: ReadonlyArray<{ code: string; name: string; official?: string }>) =>
    [
      `${rows.length} đơn vị không khớp danh mục chính thức 2025 của tỉnh:`,
      ...rows.map((r) =>
        r.official
          ? `  ${r.code}: "${r.name}", danh mục ghi "${r.official}"`
          : `  ${r.code} ${r.name}: không có mã này trong danh mục`,
      ),
    ].join('\n'),
  cliOnlyUnknown: (codes: readonly string[], province: string) =>
    `Không có mã ${codes.join(', ')} trong danh mục của ${province}.`,
  cliOnlyUnreadable: (file: string) => `không đọc được tệp "${file}".`,
  cliUnitsFileHeader: (file: string) =>
    `${file}: cần một dòng tiêu đề có cột "mã" và cột "tên" (có thể thêm cột "nhóm", "khu vực", "bộ tiêu chí").`,
  cliUnitsFileRow: (file: string, row: number, reason: string) => `${file}, dòng ${row}: ${reason}`,
  cliUnitsFileEmpty: () => 'thiếu mã hoặc tên.',
  cliUnitsFileDuplicate: (code: string) => `mã ${code} lặp lại.`,
  cliAreasFromFile: (areas: ReadonlyArray<{ name: string; units: number }>) =>
    `Khu vực, nhóm theo bảng: ${areas.map((a) => `${a.name} (${a.units} đơn vị)`).join(', ')}.`,
  cliMergesRecorded: (r: { units: number; rows: number; added: number; closed: number }) =>
    r.added === 0 && r.closed === 0
      ? `Sáp nhập 2025: đã ghi nhận từ trước (${r.rows} xã cũ của ${r.units} đơn vị); không có gì thay đổi.`
      : `Sáp nhập 2025: ghi nhận ${r.added} xã cũ vào ${r.units} đơn vị (Nghị quyết sắp xếp đơn vị hành chính)${r.closed > 0 ? `; ${r.closed} đơn vị cũ trong cơ sở dữ liệu chuyển sang đã sáp nhập` : ''}.`,
  cliNoUnitsOfProvince: (province: string) =>
    `Chưa có đơn vị nào của ${province} (thêm: cds-bot units import --province "${province}" --framework <id>).`,
  cliMergeNotOld: (code: string) =>
    `Không có đơn vị "${code}" trong cơ sở dữ liệu, cũng không có xã cũ mã ${code} trong danh mục 2025.`,
  cliMergedRows: (
    into: string,
    rows: ReadonlyArray<{ code: string; name: string; share: 'whole' | 'part' }>,
    day: string,
  ) =>
    `Đã ghi nhận vào ${into} từ ngày ${dayLabelOf(day)}: ${rows.map((r) => `${r.name} (${r.code}, ${r.share === 'whole' ? 'toàn bộ' : 'một phần'})`).join(', ')}.`,
  cliUnmerged: (into: string, from: string) => `Đã bỏ ${from} khỏi các đơn vị trước sáp nhập của ${into}.`,
  cliNotAPredecessor: (into: string, from: string) =>
    `${from} không có trong các đơn vị trước sáp nhập của ${into}.`,

  cliUnitsHeading: () => 'Mã\tTên\tTỉnh\tBộ tiêu chí\tTình trạng\tNgười đăng ký',
  cliUnitRow: (
    u: { code: string; name: string; province: string; frameworkId: string },
    state: { closedSince?: string; successors?: readonly string[]; group?: number; needsGroup?: boolean },
    people: number,
  ) =>
    `${u.code}\t${u.name}\t${u.province}\t${u.frameworkId}\t${
      state.closedSince
        ? state.successors && state.successors.length > 0
          ? `đã sáp nhập vào ${state.successors.join(', ')} từ ${dayLabelOf(state.closedSince)}`
          : `không còn từ ${dayLabelOf(state.closedSince)}`
        : 'đang hoạt động'
    }\t${people > 0 ? `${people} người` : state.closedSince ? '0' : '0 (chưa có cán bộ báo cáo)'}${
      state.group ? `\tnhóm ${state.group}` : state.needsGroup ? '\tchưa xếp nhóm xã' : ''
    }`,

  // Invites
  cliInviteUnitClosed: (reason: string) => `Không cấp mã mời: ${reason}`,
  cliInvitesSkippedClosed: (codes: readonly string[]) =>
    `Bỏ qua ${codes.length} đơn vị đã sáp nhập hoặc giải thể: ${codes.join(', ')}.`,
  cliInvitesSkippedStaffed: (n: number) => `Bỏ qua ${n} đơn vị đã có cán bộ báo cáo đăng ký (--missing).`,
  cliInvitesNone: () => 'Không có đơn vị nào cần cấp mã mời.',
  cliInvitesWritten: (path: string, codes: number, expires: Date) =>
    `Đã ghi ${path}: ${codes} mã mời, dùng một lần, hết hạn ngày ${formatDate(expires)}.`,
  cliInviteTsvLine: (who: string, code: string, expires: Date, link?: string) =>
    `${who}\t${code}\t${formatDate(expires)}${link ? `\t${link}` : ''}`,
  cliNoTelegramBot: () =>
    'Chưa biết tên Telegram của bot (--telegram-bot hoặc TELEGRAM_BOT_USERNAME): bảng không có đường dẫn t.me, mã QR chứa mã mời.',
  cliBulkNeedsUnits: () => 'Cấp nhiều mã: cần --province hoặc --unit với nhiều mã (vai trò cán bộ báo cáo).',
  inviteSheetTitle: (scope: string, expires: Date) =>
    `Mã mời dùng bot báo cáo chuyển đổi số · ${scope} · hết hạn ${formatDate(expires)}`,
  inviteSheetColumns: () =>
    [
      'Mã đơn vị',
      'Tên đơn vị',
      'Mã mời',
      'Hết hạn',
      'Telegram: bấm đường dẫn',
      'Zalo: làm theo',
      'Mã QR (Telegram)',
    ] as const,
  inviteSheetNote: () =>
    'Mỗi mã dùng một lần, cho một người. Người được mời bấm đường dẫn Telegram (hoặc quét mã QR), hoặc nhắn mã cho bot trên Zalo.',
  inviteZaloText: (code: string, botName?: string) =>
    `Mở Zalo, tìm ${botName ? `"${botName}"` : 'bot báo cáo chuyển đổi số của tỉnh'}, nhắn: ${code}`,
  inviteSheetRole: (role: 'supervisor' | 'admin', scope?: string) =>
    role === 'admin' ? 'Quản trị' : `Cán bộ giám sát${scope ? ` ${scope}` : ''}`,

  cliInviteLine: (
    i: {
      code: string;
      role: 'officer' | 'supervisor' | 'admin';
      unit?: { code: string; name: string };
      province?: string;
      area?: string;
      expiresAt: string;
    },
    state: 'open' | 'used' | 'revoked' | 'expired',
    at?: string,
  ) =>
    `${i.code.slice(0, 4)}-${i.code.slice(4)}\t${personWhat(i)}\thết hạn ${formatDate(new Date(i.expiresAt))}\t${
      state === 'open'
        ? 'còn dùng được'
        : state === 'used'
          ? `đã dùng${at ? ` ${formatDate(new Date(at))}` : ''}`
          : state === 'revoked'
            ? 'đã thu hồi'
            : 'đã hết hạn'
    }`,
  cliNoInvites: (all: boolean) => (all ? 'Chưa cấp mã mời nào.' : 'Không có mã mời nào còn dùng được.'),
  cliInvitesRevoked: (codes: readonly string[]) =>
    codes.length === 0
      ? 'Không có mã mời nào chưa dùng để thu hồi.'
      : `Đã thu hồi ${codes.length} mã mời: ${codes.map((c) => `${c.slice(0, 4)}-${c.slice(4)}`).join(', ')}.`,
  cliInviteNotFound: (code: string) => `Không có mã mời "${code}" trong phạm vi được xem.`,
  cliRevokeWhat: () => 'Cần --code hoặc --unit.',

  // People
  cliPeopleOfficer: () => 'Cán bộ báo cáo không xem được danh sách người dùng và mã mời.',
  cliPersonLine: (p: {
    id: number;
    role: 'officer' | 'supervisor' | 'admin';
    displayName?: string;
    unit?: { code: string; name: string };
    province?: string;
    area?: string;
    createdAt: string;
    identities: ReadonlyArray<{ channel: string; externalId: string }>;
  }) =>
    `#${p.id}\t${personWhat(p)}\t${p.identities.map((i) => `${i.channel}:${i.externalId}`).join(', ') || '(không còn tài khoản)'}\t${p.displayName ?? ''}\tđăng ký ${formatDate(new Date(p.createdAt))}`,
  cliNoPeople: () => 'Không có người nào trong phạm vi được xem.',
  cliBadPerson: () => '--person cần số trong cds-bot people list (ví dụ #12 hoặc 12) hoặc kênh:id.',
  cliPersonNotFound: (person: string) =>
    `Không có người ${person} trong phạm vi được xem (xem: cds-bot people list).`,
  cliPersonRemoved: (
    p: {
      id: number;
      role: 'officer' | 'supervisor' | 'admin';
      unit?: { code: string; name: string };
      province?: string;
      area?: string;
    },
    accounts: readonly string[],
  ) =>
    `Đã gỡ #${p.id} (${personWhat(p)}): ${accounts.length > 0 ? `tài khoản ${accounts.join(', ')} không dùng được bot nữa` : 'không còn tài khoản nào'}; các câu trả lời đã ghi vẫn giữ nguyên.`,

  cliDeadlinePast: (day: string) =>
    `Ngày hạn ${dayLabelOf(day)} đã qua: chưa thêm. Nếu đúng là cần (ghi lại một hạn đã qua), thêm --force.`,
  cliOverviewClosedLeftOut: (n: number) => `Không tính ${n} đơn vị đã sáp nhập hoặc giải thể trước kỳ này.`,
  cliOverviewNoOfficer: (codes: readonly string[]) =>
    `Chưa có cán bộ báo cáo đăng ký (${codes.length}): ${codes.slice(0, 20).join(', ')}${codes.length > 20 ? ', …' : ''}.`,
  cliImportClosed: (reason: string) => `Không nhập: ${reason}`,
};
