/**
 * What the province's operators read at the command line (`cds-bot …`): the help, generated from the
 * command table with the summaries and option notes below, errors and confirmations. Option names,
 * file paths and ids stay as they are.
 */

import type { Answer } from '../answers/types.js';
import type { Question } from '../catalog/types.js';
import type { CalendarDay, DateRefusal } from '../periods/dates.js';
import { answerLabel, formatDate, periodLabel, provinceLabel } from './format.js';

/** dd/mm/yyyy of a calendar day. */
function dayLabel(d: CalendarDay): string {
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** How an option or argument is shown in the help: its placeholder (none for a flag) and one short note. */
export interface OptionHelp {
  arg?: string;
  text: string;
}

/** The one-line summary of every command, keyed as the command table refers to them. */
export const CLI_SUMMARY = {
  run: 'chạy bot (chưa đặt token: trò chuyện ngay trên dòng lệnh)',
  chat: 'trò chuyện trên dòng lệnh như cán bộ báo cáo của một đơn vị, hoặc làm thay một người đã đăng ký (--as)',
  unitsAdd: 'thêm một đơn vị',
  unitsImport:
    'thêm các xã, phường của một tỉnh theo danh mục chính thức (hoặc theo bảng của tỉnh), ghi nhận sáp nhập 2025',
  unitsList: 'danh sách đơn vị: bộ tiêu chí, đã sáp nhập hay chưa, số người đã đăng ký',
  unitsMerges: 'ghi nhận các xã cũ đã sáp nhập vào các đơn vị của một tỉnh, theo danh mục chính thức 2025',
  unitsMerge: 'ghi nhận hoặc sửa một dòng sáp nhập (giữ lịch sử của các đơn vị cũ)',
  unitsUnmerge: 'bỏ một dòng sáp nhập ghi sai',
  unitsHistory: 'các kỳ đã báo cáo của đơn vị, cả của các đơn vị trước sáp nhập',
  unitsSet:
    'người ký, địa danh, huyện cũ trên văn bản của một đơn vị (giá trị "" để xóa; không tùy chọn: xem)',
  provincesSet:
    'nơi nhận (Kính gửi) và căn cứ trên văn bản của các đơn vị một tỉnh ("" để xóa; không tùy chọn: xem)',
  frameworksList: 'các bộ tiêu chí đã cài đặt',
  unitsFrameworks:
    'các bộ tiêu chí của một đơn vị theo kỳ: thêm hoặc thôi một bộ từ một kỳ (chuyển phiên bản = thêm bộ mới và thôi bộ cũ cùng kỳ); các kỳ trước giữ bộ cũ',
  frameworksShow: 'các tiêu chí của một bộ tiêu chí',
  frameworksImport:
    'nhập bộ tiêu chí từ bảng của tỉnh (xlsx, csv) thành bản nháp; liệt kê mọi ô phải đọc theo giả định',
  frameworksPublish: 'ban hành một bản nháp: từ nay không thay đổi, giao được cho đơn vị',
  frameworksExport: 'ghi một bộ tiêu chí ra bảng (xlsx) theo đúng mẫu nhập',
  frameworksTargets:
    'thêm chỉ tiêu giao của một năm (tiêu chí "giao hằng năm") từ bảng: các kỳ của năm đó được đánh giá theo chỉ tiêu này',
  frameworksTemplate: 'ghi bảng mẫu trống (xlsx): các cột nhận được, mỗi loại tiêu chí một dòng ví dụ',
  invite: 'cấp mã mời dùng một lần: một mã, hoặc mỗi đơn vị một mã vào bảng tính có mã QR (--out)',
  invitesList: 'các mã mời đã cấp: còn dùng được (mặc định) hoặc tất cả',
  invitesRevoke: 'thu hồi mã mời chưa dùng',
  peopleList: 'những người đã đăng ký: cán bộ báo cáo, giám sát, quản trị',
  peopleRemove: 'gỡ một người: hết quyền dùng bot ngay, câu trả lời đã ghi vẫn giữ',
  provincesList: '34 tỉnh, thành phố theo danh mục chính thức, số đơn vị đã có của mỗi tỉnh',
  provincesCheck: 'tên tỉnh đã được chuẩn hóa khi nâng cấp, và những tên chưa chuẩn hóa được',
  provincesRename: 'đổi một tên tỉnh chưa chuẩn hóa sang tên chính thức, trong mọi bảng',
  areasSet: 'đặt các đơn vị của một khu vực (phạm vi của cán bộ giám sát)',
  areasList: 'các đơn vị của một khu vực',
  gaps: 'các tiêu chí chưa đạt của một đơn vị trong một kỳ',
  export: 'xuất phụ lục (docx, xlsx) hoặc báo cáo khó khăn, đề xuất (docx)',
  overview: 'bảng tổng hợp đơn vị × tiêu chí (xlsx), mỗi bộ tiêu chí một tệp',
  web: 'chạy riêng trang theo dõi trên trình duyệt, ở cổng HTTP_PORT (không cần token)',
  webLink: 'in đường dẫn đăng nhập trang theo dõi (dùng một lần, 10 phút) cho người --as chỉ định',
  import: 'nhập câu trả lời từ bảng theo mẫu đã xuất; một dòng sai thì không nhập gì',
  deadlinesAdd: 'thêm một hạn báo cáo riêng (ví dụ báo cáo 9 tháng)',
  deadlinesList: 'các hạn báo cáo của từng tỉnh',
  deadlinesCalendar: 'ngày hạn báo cáo riêng của một tỉnh',
  remindersPlan: 'xem trước các nhắc hạn sẽ gửi vào một thời điểm (không gửi)',
  remindersRun: 'gửi các nhắc hạn đến hạn qua các kênh đã đặt token',
  backup: 'sao lưu nhất quán tệp SQLite, kể cả khi bot đang chạy',
} as const;

const DAY_FORMS = '20/09/2026, 2026-09-20';
const TIME_FORMS = '04/12/2026 08:00 (giờ Việt Nam), 4/12/2026, 2026-12-04T08:00:00+07:00';

/** The note of each option, by its (English) name; a command may give its own for an option. */
export const CLI_OPTIONS: Record<string, OptionHelp> = {
  db: {
    arg: '<tệp>',
    text: 'tệp SQLite (mặc định: $CDS_DB hoặc ./data/cds.sqlite); DATABASE_URL=postgres://… thì dùng PostgreSQL',
  },
  as: { arg: '<kênh:id>', text: 'làm thay một người đã đăng ký: vai trò, phạm vi của người đó' },
  help: { text: 'xem hướng dẫn' },
  unit: { arg: '<mã>', text: 'mã đơn vị' },
  code: { arg: '<mã>', text: 'mã đơn vị (mã đơn vị hành chính)' },
  name: { arg: '<tên>', text: 'tên' },
  province: { arg: '<tỉnh>', text: 'tỉnh' },
  framework: { arg: '<id>', text: 'bộ tiêu chí (xem: cds-bot frameworks list)' },
  period: { arg: '<kỳ>', text: 'kỳ báo cáo: 2026-Q4, Q4/2026, quý IV/2026, 2026 (mặc định: quý này)' },
  days: { arg: '<số>', text: 'số ngày mã còn dùng được, 1–90 (mặc định 7)' },
  json: { text: 'in dạng JSON' },
  due: { arg: '<ngày>', text: `ngày hạn cuối: ${DAY_FORMS}` },
  at: { arg: '<thời điểm>', text: `thời điểm: ${TIME_FORMS} (mặc định: bây giờ)` },
  'quarter-due-day': { arg: '<ngày>', text: 'ngày hạn báo cáo quý, trong tháng cuối quý (1–28)' },
  'year-due': { arg: '<ngày/tháng>', text: 'ngày hạn báo cáo năm, ví dụ 15/11' },
  format: { arg: 'docx|xlsx', text: 'định dạng tệp (mặc định docx)' },
  out: { arg: '<tệp>', text: 'tệp ghi ra' },
  kind: { arg: 'appendix|difficulties', text: 'phụ lục (mặc định) hoặc báo cáo khó khăn, đề xuất' },
  role: {
    arg: 'officer|supervisor|admin',
    text: 'cán bộ báo cáo (mặc định, kèm --unit), giám sát (kèm --province hoặc --area) hoặc quản trị',
  },
  area: { arg: '<khu vực>', text: 'tên khu vực (xem: cds-bot areas set)' },
  units: { arg: '<mã,mã,…>', text: 'mã các đơn vị, cách nhau bằng dấu phẩy' },
  into: { arg: '<mã>', text: 'đơn vị sau sáp nhập' },
  from: { arg: '<mã,mã>', text: 'các đơn vị cũ, cách nhau bằng dấu phẩy' },
  date: { arg: '<ngày>', text: `ngày sáp nhập: 01/07/2025, 2025-07-01 (mặc định 01/07/2025)` },
  only: {
    arg: '<mã,mã|tệp>',
    text: 'chỉ các mã này (cách nhau bằng dấu phẩy, hoặc một tệp, mỗi dòng một mã)',
  },
  share: { arg: 'whole|part', text: 'cả đơn vị cũ (mặc định) hay một phần của nó' },
  count: { arg: '<số>', text: 'số mã cho mỗi đơn vị hoặc vai trò, 1–50 (mặc định 1)' },
  missing: { text: 'chỉ các đơn vị chưa có cán bộ báo cáo đăng ký' },
  'telegram-bot': {
    arg: '<tên bot>',
    text: 'tên Telegram của bot, cho đường dẫn t.me (mặc định $TELEGRAM_BOT_USERNAME)',
  },
  person: {
    arg: '<#số|kênh:id>',
    text: 'người cần gỡ: số trong cds-bot people list, hoặc tài khoản kênh:id',
  },
  all: { text: 'cả mã đã dùng, đã thu hồi, đã hết hạn' },
  force: { text: 'vẫn thêm dù ngày hạn đã qua' },
  to: { arg: '<tỉnh>', text: 'tên tỉnh chính thức' },
  echo: { text: 'in lại từng dòng đã gõ (khi chạy theo kịch bản)' },
  file: { arg: '<tệp>', text: 'tệp' },
  'signer-mode': { arg: 'TM|KT', text: 'TM. (Chủ tịch ký thay mặt Ủy ban) hoặc KT. (Phó Chủ tịch ký thay)' },
  'signer-title': { arg: '<chức vụ>', text: 'chức vụ người ký, ví dụ CHỦ TỊCH, PHÓ CHỦ TỊCH' },
  'signer-name': { arg: '<họ tên>', text: 'họ và tên người ký' },
  place: { arg: '<địa danh>', text: 'địa danh ở dòng ngày tháng, ví dụ Điền Lư' },
  district: { arg: '<huyện>', text: 'huyện cũ (nơi nhận của các kỳ trước 1/7/2025)' },
  recipients: { arg: '"A; B"', text: 'nơi nhận (Kính gửi), cách nhau bằng dấu ; hoặc xuống dòng' },
  basis: { arg: '"X; Y"', text: 'các căn cứ, cách nhau bằng dấu ; hoặc xuống dòng' },
};

/** The notes a command gives for one of its options instead of the shared ones. */
export const CLI_OPTION_NOTES = {
  unitName: { arg: '<tên>', text: 'tên đơn vị' },
  unitsFile: {
    arg: '<tệp.xlsx|tệp.csv>',
    text: 'bảng đơn vị của tỉnh: cột mã, tên; có thể thêm cột nhóm, khu vực (mặc định: danh mục chính thức)',
  },
  inviteUnits: {
    arg: '<mã,mã,…>',
    text: 'mã đơn vị (một mã: in ra một mã mời; nhiều mã: mỗi đơn vị một mã)',
  },
  inviteProvince: {
    arg: '<tỉnh>',
    text: 'với --role officer: mỗi đơn vị của tỉnh một mã; với --role supervisor: phạm vi giám sát',
  },
  inviteOut: {
    arg: '<tệp.xlsx>',
    text: 'ghi các mã vào bảng tính để phát: mã, hạn, đường dẫn Telegram, hướng dẫn Zalo, mã QR',
  },
  peopleRole: { arg: 'officer|supervisor|admin', text: 'chỉ vai trò này' },
  peopleUnit: { arg: '<mã>', text: 'chỉ người của đơn vị này' },
  renameFrom: { arg: '<tên cũ>', text: 'tên tỉnh như đang lưu (xem: cds-bot provinces check)' },
  revokeCode: { arg: '<mã,mã>', text: 'các mã mời cần thu hồi' },
  revokeUnit: { arg: '<mã,mã>', text: 'thu hồi mọi mã mời chưa dùng của các đơn vị này' },
  mergeFrom: {
    arg: '<mã,mã>',
    text: 'các đơn vị cũ (hoặc mã xã cũ trong danh mục 2025), cách nhau bằng dấu phẩy',
  },
  unmergeFrom: { arg: '<mã>', text: 'mã đơn vị cũ cần bỏ khỏi danh sách trước sáp nhập' },
  deadlineName: { arg: '<tên>', text: 'tên hạn báo cáo' },
  areaName: { arg: '<khu vực>', text: 'tên khu vực' },
  chatUnit: { arg: '<mã>', text: 'báo cáo cho đơn vị này (đăng ký người dùng dòng lệnh làm cán bộ báo cáo)' },
  importFile: { arg: '<tệp.xlsx|tệp.csv>', text: 'bảng theo mẫu đã xuất (XLSX, hoặc CSV với ; hoặc ,)' },
  backupFile: { arg: '<tệp>', text: 'tệp sao lưu' },
  frameworkId: { arg: '<id>', text: 'bộ tiêu chí' },
  frameworkFile: {
    arg: '<tệp.xlsx|tệp.csv>',
    text: 'bảng tiêu chí của tỉnh (dòng tiêu đề: STT, Tiêu chí, Chỉ tiêu giao, Đơn vị tính…)',
  },
  frameworkNewId: {
    arg: '<id>',
    text: 'mã bộ tiêu chí, ví dụ ninh-binh-xa-2026 (bảng đã xuất: lấy từ trang Thông tin)',
  },
  frameworkName: { arg: '"<tên>"', text: 'tên bộ tiêu chí' },
  frameworkDecision: {
    arg: '"<số, ngày>"',
    text: 'quyết định ban hành, ví dụ "QĐ 123/QĐ-UBND ngày 15/01/2026"',
  },
  frameworkLevel: { arg: 'xa|huyen|tinh', text: 'cấp áp dụng (mặc định: xa)' },
  frameworkYearDue: {
    arg: '<ngày/tháng>',
    text: 'hạn báo cáo năm riêng của bộ, ví dụ 15/12 (không ghi: hạn báo cáo năm của tỉnh)',
  },
  frameworkCalendar: {
    arg: 'quarter|half-year|year',
    text: 'kỳ báo cáo của bộ: quý (mặc định), 6 tháng (6 tháng đầu năm và cả năm), năm',
  },
  frameworkLevels: {
    arg: '"Mức 1: 0; Mức 2: 50"',
    text: 'các mức theo tổng điểm, từ thấp lên cao (bộ có cột Điểm)',
  },
  frameworkProvince: { arg: '<tỉnh>', text: 'tỉnh ban hành' },
  frameworkOut: {
    arg: '<tệp.xlsx>',
    text: 'tệp ghi ra (mặc định: bo-tieu-chi-<id>.xlsx, mau-bo-tieu-chi.xlsx)',
  },
  unitGroup: { arg: '1|2|3', text: 'nhóm xã theo QĐ 51/2025/QĐ-TTg: chọn chỉ tiêu theo nhóm ("" để bỏ)' },
  targetsYear: { arg: '<năm>', text: 'năm của các chỉ tiêu, ví dụ 2027' },
  targetsFile: {
    arg: '<tệp.xlsx|tệp.csv>',
    text: 'bảng có cột STT (đúng mã của bộ, như frameworks export) và cột Chỉ tiêu giao hoặc Chỉ tiêu năm <năm>',
  },
  chatGroup: { arg: '1|2|3', text: 'với --framework: xã thử nghiệm thuộc nhóm này (chỉ tiêu theo nhóm xã)' },
  unitFrameworkAdd: {
    arg: '<id>',
    text: 'thêm bộ tiêu chí (đã ban hành) đơn vị báo cáo từ kỳ --from; các bộ đang có vẫn giữ',
  },
  unitFrameworkFrom: { arg: '<kỳ>', text: 'kỳ đầu tiên thay đổi áp dụng: 2027-Q1, quý I/2027, 2027' },
  unitFrameworkRemove: {
    arg: '<id>',
    text: 'thôi bộ này từ kỳ --from; không có --from: bỏ mọi lần thêm, thôi bộ này (khi không làm mất câu trả lời đã ghi)',
  },
  chatFramework: {
    arg: '<id>',
    text: 'xem thử một bộ tiêu chí (cả bản nháp) như cán bộ một xã thử nghiệm, không lưu gì',
  },
  exportOut: { arg: '<tệp>', text: 'tệp ghi ra (mặc định phu-luc-<mã>-<kỳ>.docx hoặc kho-khan-…)' },
  overviewOut: {
    arg: '<tệp.xlsx>',
    text: 'tệp ghi ra: một bảng tính, mỗi bộ tiêu chí một trang (mặc định tong-hop-<kỳ>.xlsx)',
  },
  overviewSplit: { text: 'mỗi bộ tiêu chí một tệp riêng (<tệp>-<mã bộ tiêu chí>.xlsx)' },
  deadlinesProvince: { arg: '<tỉnh>', text: 'tỉnh (mặc định: mọi tỉnh có đơn vị)' },
  deadlineProvince: { arg: '<tỉnh>', text: 'chỉ cho tỉnh này (mặc định: mọi tỉnh)' },
  gapsPeriod: { arg: '<kỳ>', text: 'kỳ báo cáo (mặc định: quý này)' },
  unitFramework: {
    arg: '<id>',
    text: 'bộ tiêu chí, khi đơn vị báo cáo theo nhiều bộ trong kỳ (xem: cds-bot units frameworks --code <mã>)',
  },
  deadlinePeriod: { arg: '<kỳ>', text: 'kỳ của báo cáo: 2026-Q3, 2026' },
} satisfies Record<string, OptionHelp>;

const DATE_REFUSAL: Record<DateRefusal, (raw: string) => string> = {
  unreadable: (raw) => `không đọc được ngày "${raw}".`,
  ambiguous: (raw) => `"${raw}" có thể hiểu theo hai cách.`,
  impossible: (raw) => `không có ngày "${raw}".`,
};

export const cli = {
  cliTitle: () => 'cds-bot: trợ lý báo cáo tiêu chí chuyển đổi số cấp xã',
  cliUsage: (synopsis: string) => `Cách dùng: ${synopsis}`,
  cliAnyCommand: () => 'cds-bot <lệnh> [tùy chọn]',
  cliCommandsHeading: () => 'Các lệnh:',
  cliFamilyHeading: (family: string) => `Các lệnh ${family}:`,
  cliOptionsHeading: () => 'Tùy chọn:',
  cliGlobalHeading: () => 'Tùy chọn chung:',
  cliDefaultCommand: () => '(mặc định)',
  cliPersonLegend: () =>
    'Lệnh có dấu * nhận --as <kênh:id>: chạy với vai trò và phạm vi của người đó, như khi nhắn tin với bot;\nkhông có --as, lệnh chạy với toàn quyền của người vận hành.',
  cliMoreHelp: () => 'Tùy chọn của từng lệnh: cds-bot <lệnh> --help',
  cliActsForPerson: () =>
    'Nhận --as <kênh:id>: chạy với vai trò và phạm vi của người đó, như khi nhắn tin với bot.',
  cliOperatorOnly: () => 'Chạy với quyền của người vận hành; không nhận --as.',

  cliUnknownCommand: (words: string) => `Không có lệnh "${words}".`,
  cliUnknownSubcommand: (family: string, sub: string | undefined) =>
    sub === undefined ? `Lệnh ${family} cần thêm tên lệnh con.` : `Lệnh ${family} không có "${sub}".`,
  cliUnknownOption: (option: string) => `Không có tùy chọn ${option}.`,
  cliOptionNotHere: (option: string, command: string) => `Lệnh ${command} không nhận tùy chọn ${option}.`,
  cliNeedsValue: (option: string) => `Tùy chọn ${option} cần một giá trị.`,
  cliTakesNoValue: (option: string) => `Tùy chọn ${option} không nhận giá trị.`,
  cliExtraArgument: (arg: string) => `Thừa "${arg}".`,
  cliMissing: (what: string) => `Thiếu ${what}.`,
  cliBadOption: (option: string, reason: string) => `${option}: ${reason}`,
  cliEmpty: () => 'không được để trống.',
  cliOneOf: (values: readonly string[]) => `chỉ nhận ${values.join(', ')}.`,
  cliWholeNumber: (min: number, max: number) => `cần một số nguyên từ ${min} đến ${max}.`,
  cliBadPeriod: (raw: string) =>
    `không đọc được kỳ "${raw}". Cách viết: 2026-Q4, Q4/2026, quý IV/2026, 2026, năm 2026.`,
  cliBadDay: (raw: string, reason: DateRefusal | 'time_given') =>
    reason === 'time_given'
      ? `cần một ngày, không kèm giờ. Cách viết: ${DAY_FORMS}.`
      : `${DATE_REFUSAL[reason](raw)} Cách viết: ${DAY_FORMS}.`,
  cliBadTime: (raw: string, reason: DateRefusal) => `${DATE_REFUSAL[reason](raw)} Cách viết: ${TIME_FORMS}.`,
  cliBadDayMonth: (raw: string) => `không đọc được "${raw}". Cách viết: 15/11 (ngày/tháng).`,
  cliBadAs: () => '--as cần dạng kênh:id, ví dụ telegram:123456 hoặc zalo:6ede9afa66b88fe6d6a9.',
  cliUnknownPerson: (as: string) => `Không có người nào đã đăng ký là ${as}.`,
  cliAsRefused: (command: string) =>
    `Lệnh ${command} chạy với quyền của người vận hành, không làm thay người khác: bỏ --as.`,
  cliNoUnit: (code: string) => `Không có đơn vị "${code}" trong phạm vi được xem (xem: cds-bot units list).`,
  cliNoUnitsOf: (province: string | undefined) =>
    province
      ? `Không có đơn vị nào của ${province} trong phạm vi được xem.`
      : 'Không có đơn vị nào trong phạm vi được xem.',
  cliNoUnitsYet: () => 'Chưa có đơn vị nào (thêm: cds-bot units add …).',
  cliNotAnswerer: (code: string) =>
    `Không được nhập câu trả lời cho ${code}: chỉ cán bộ báo cáo của đơn vị và quản trị được nhập.`,
  cliUnknownFramework: (id: string) => `Không có bộ tiêu chí "${id}" (xem: cds-bot frameworks list).`,
  cliFrameworkNotInstalled: (id: string, unitCode: string) =>
    `Bộ tiêu chí ${id} của đơn vị ${unitCode} chưa được cài đặt.`,
  cliSeveralFrameworks: (unitCode: string, period: string, ids: readonly string[]) =>
    `Đơn vị ${unitCode} báo cáo ${periodLabel(period)} theo nhiều bộ tiêu chí (${ids.join(', ')}): chọn một bằng --framework <id>.`,
  cliNotOnFramework: (unitCode: string, period: string, id: string, ids: readonly string[]) =>
    `Đơn vị ${unitCode} không báo cáo ${periodLabel(period)} theo bộ ${id}; các bộ của kỳ này: ${ids.join(', ')}.`,

  cliUnitAdded: (u: { code: string; name: string; province: string; frameworkId: string }) =>
    `Đã thêm đơn vị ${u.code}: ${u.name} (${u.province}), bộ tiêu chí ${u.frameworkId}.`,
  cliUnitExists: (code: string) => `Đã có đơn vị mã "${code}".`,
  cliMergeIntoItself: (code: string) => `Không thể sáp nhập đơn vị ${code} vào chính nó.`,
  cliMerged: (from: readonly string[], into: string, date: CalendarDay) =>
    `Đã ghi nhận sáp nhập ${from.join(', ')} vào ${into} từ ngày ${dayLabel(date)}.`,
  cliFrameworkLine: (f: {
    id: string;
    criteria: number;
    complete: boolean;
    name: string;
    status?: 'draft';
  }) =>
    `${f.id}\t${f.criteria} tiêu chí\t${f.status === 'draft' ? '(bản nháp) ' : ''}${f.complete ? '' : '(chưa đầy đủ) '}${f.name}`,
  cliFrameworkSource: (source: string) => `Nguồn: ${source}`,
  cliAreaSet: (name: string, count: number) => `Khu vực ${name}: ${count} đơn vị.`,
  cliAreaEmpty: (name: string) => `Khu vực ${name} chưa có đơn vị nào.`,

  cliInviteRole: () =>
    '--role chỉ nhận officer (kèm --unit), supervisor (kèm --province hoặc --area) hoặc admin.',
  cliOfficerCannotInvite: () => 'Cán bộ báo cáo không được cấp mã mời.',
  cliSupervisorInvitesOfficers: () =>
    'Cán bộ giám sát chỉ được cấp mã mời cho cán bộ báo cáo của các đơn vị trong phạm vi của mình.',
  cliInviteFor: (
    target:
      | { role: 'officer'; unitName: string; unitCode: string }
      | { role: 'supervisor'; province?: string; area?: string }
      | { role: 'admin' },
    expires: Date,
    code: string,
  ) =>
    [
      `Mã mời cho ${
        target.role === 'officer'
          ? `cán bộ báo cáo của ${target.unitName} (${target.unitCode})`
          : target.role === 'admin'
            ? 'quản trị'
            : `cán bộ giám sát ${target.province ? provinceLabel(target.province) : `khu vực ${target.area ?? ''}`}`
      }; dùng một lần, hết hạn ngày ${formatDate(expires)}.`,
      `Người được mời gửi mã này cho bot (Telegram: /start ${code}).`,
    ].join('\n'),

  cliBadSignerMode: () =>
    '--signer-mode chỉ nhận TM (Chủ tịch ký thay mặt Ủy ban) hoặc KT (Phó Chủ tịch ký thay Chủ tịch).',
  cliNoProvinceGiven: () => 'Thiếu tên tỉnh.',
  cliUnitSettings: (
    unit: { code: string; name: string },
    s: {
      signerMode?: string;
      signerTitle?: string;
      signerName?: string;
      placeName?: string;
      district?: string;
    },
  ) =>
    [
      `Văn bản của ${unit.name} (${unit.code}):`,
      `  Thẩm quyền ký: ${s.signerMode === 'KT' ? 'KT. CHỦ TỊCH' : s.signerMode === 'TM' ? 'TM. ỦY BAN NHÂN DÂN' : 'TM. ỦY BAN NHÂN DÂN (mặc định)'}`,
      `  Chức vụ: ${s.signerTitle ?? '(mặc định)'}`,
      `  Họ tên: ${s.signerName ?? '(chưa đặt: để trống cho người ký tự ghi)'}`,
      `  Địa danh: ${s.placeName ?? '(chưa đặt: theo tên xã)'}`,
      `  Huyện cũ: ${s.district ?? '(chưa đặt)'}`,
    ].join('\n'),
  cliProvinceSettings: (province: string, s: { recipients?: string[]; basis?: string[] }) =>
    [
      `Văn bản của các đơn vị ${province}:`,
      `  Kính gửi: ${s.recipients?.length ? s.recipients.join('; ') : '(chưa đặt: theo bộ tiêu chí, hoặc Sở Khoa học và Công nghệ)'}`,
      `  Căn cứ: ${s.basis?.length ? s.basis.join('; ') : '(chưa đặt: quyết định của bộ tiêu chí)'}`,
    ].join('\n'),
  cliWrote: (path: string) => `Đã ghi ${path}.`,
  cliDraft: (unanswered: number) =>
    `Lưu ý: còn ${unanswered} tiêu chí chưa trả lời, văn bản được đánh dấu "DỰ THẢO" trên mọi trang.`,
  cliMatrixWrote: (path: string, units: number, criteria: number, frameworkId: string) =>
    `Đã ghi ${path}: ${units} đơn vị × ${criteria} tiêu chí (${frameworkId}).`,
  cliMatrixTitle: (province: string | undefined, frameworkName: string) =>
    `Tổng hợp kết quả chuyển đổi số ${province ? `${provinceLabel(province)} ` : ''}· ${frameworkName}`,
  cliDifficultiesAsDocx: () => 'báo cáo khó khăn, đề xuất chỉ xuất dạng docx.',
  cliSheetOfOther: (file: string, what: 'unit' | 'period', found: string, wanted: string) =>
    `${file} là bảng của ${what === 'unit' ? 'đơn vị' : 'kỳ'} ${found}, không phải ${wanted}.`,
  cliSheetUnreadable: (file: string, reason: string) => `${file}: ${reason}`,
  cliImportRow: (row: number, reason: string, answer?: { key: string; text: string }) =>
    answer ? `dòng ${row} (${answer.key} "${answer.text}"): ${reason}` : `dòng ${row}: ${reason}`,
  cliImportUnsure: (q: Pick<Question, 'kind' | 'unit'>, readings: readonly Answer[]) =>
    `chưa chắc cách đọc (có thể là ${readings.map((a) => answerLabel(q, a)).join(' hoặc ')}); anh/chị ghi lại rõ trong bảng, ví dụ 85% hoặc 17/20.`,
  cliImportRefused: (rows: readonly string[]) =>
    [`Chưa nhập gì: ${rows.length} dòng không nhận được.`, ...rows.map((r) => `  ${r}`)].join('\n'),
  cliImported: (answers: number, unitCode: string, period: string, empty: number) =>
    `Đã nhập ${answers} câu trả lời cho ${unitCode}, kỳ ${period}${empty ? `; ${empty} dòng trống để chưa trả lời` : ''}.`,

  cliDeadlineAdded: (d: { id: number; name: string; period: string; province?: string }, due: CalendarDay) =>
    `Đã thêm hạn #${d.id}: ${d.name} (${d.period}), hạn cuối ${dayLabel(due)}, ${d.province ? `cho ${d.province}` : 'cho mọi tỉnh'}.`,
  cliAllProvinces: () => '(mọi tỉnh)',
  cliDeadlineLine: (due: Date, key: string, name: string, past: boolean) =>
    `  ${formatDate(due)}\t${key}\t${name}${past ? ' (đã qua)' : ''}`,
  cliCalendarSet: (province: string) => `Đã cập nhật lịch báo cáo của ${province}.`,

  cliQuietHours: () => 'Đang giờ nghỉ (21:00–07:00 giờ Việt Nam): lúc này không gửi gì.',
  cliPlannedReminder: (
    d: { officerId: number; unitCode: string; deadline: string; lead: string; text: string },
    to: string | undefined,
  ) =>
    `cán bộ ${d.officerId} (${d.unitCode}) qua ${to ?? '(không có tài khoản nhận)'}: ${d.deadline}, ${d.lead}\n  ${d.text.split('\n').join('\n  ')}`,
  cliLateUnits: (deadline: string, codes: readonly string[]) =>
    `Đơn vị chậm nộp ${deadline}: ${codes.join(', ')}`,
  cliPlanSummary: (due: number, deferred: number) =>
    `${due} nhắc hạn đến lượt gửi, ${deferred} hoãn lại (cán bộ đang báo cáo).`,
  cliRunSummary: (r: {
    sent: number;
    failed: number;
    skipped: number;
    deferred: number;
    lateUnits: number;
    quiet: boolean;
  }) =>
    `Đã gửi ${r.sent}, lỗi ${r.failed}, nơi khác đã gửi ${r.skipped}, hoãn ${r.deferred}, báo đơn vị chậm nộp ${r.lateUnits}${r.quiet ? ' (giờ nghỉ)' : ''}.`,

  cliBackedUp: (from: string, to: string, pages: number) => `Đã sao lưu ${from} vào ${to} (${pages} trang).`,
  cliBackupRefused: (reason: 'same_file' | 'no_database' | 'destination_in_use', file: string) =>
    reason === 'same_file'
      ? 'Tệp sao lưu phải khác tệp cơ sở dữ liệu.'
      : reason === 'no_database'
        ? 'Chưa có tệp cơ sở dữ liệu để sao lưu.'
        : `${file} có vẻ là một cơ sở dữ liệu đang dùng (có tệp -wal/-shm bên cạnh): hãy chọn tệp khác.`,
  cliBackupPostgres: () => 'backup sao chép tệp SQLite; với PostgreSQL hãy dùng pg_dump.',
  cliChatAsWithUnit: () =>
    'chat --as làm thay một người đã đăng ký; --unit chỉ dùng cho người dùng dòng lệnh: bỏ một trong hai.',
  cliDemoMissing: (id: string) => `Chưa cài đặt bộ tiêu chí thử nghiệm ${id}.`,
};
