/** What the web view says: the login link in chat, and every label of its pages (issue 17). */

import type { SupervisorScope } from '../dialog/protocol.js';
import type { Standing } from '../report/standing.js';
import { formatDateTime, periodLabel, scoreLine } from './format.js';
import { scopeLabel } from './supervisor.js';

/** The five places a unit can stand for a period, as the province says them. */
export const STANDING_LABEL: Record<Standing, string> = {
  on_time: 'nộp đúng hạn',
  late: 'nộp muộn',
  reporting: 'đang báo cáo',
  not_started: 'chưa bắt đầu',
  no_officer: 'không có cán bộ',
};

export const web = {
  webLink: (url: string, minutes: number, hours: number) =>
    [
      `Đường dẫn đăng nhập trang theo dõi trên trình duyệt (dùng một lần, hiệu lực ${minutes} phút):`,
      url,
      `Không chuyển đường dẫn này cho người khác. Phiên làm việc trên trình duyệt kết thúc sau ${hours} giờ; gõ "đăng xuất web" để kết thúc sớm.`,
    ].join('\n'),
  /** Without PUBLIC_URL the link names this machine: it opens only here, while the web view runs. */
  webLinkLocal: () =>
    'Chưa đặt địa chỉ công khai (PUBLIC_URL): đường dẫn chỉ mở được trên máy chạy cds-bot, khi trang theo dõi đang chạy (lệnh "npx cds-bot web").',
  webLoggedOut: (sessions: number) =>
    sessions > 0
      ? `Đã đăng xuất trang web: ${sessions} phiên đang mở đã kết thúc.`
      : 'Không có phiên web nào đang mở; các đường dẫn đăng nhập chưa dùng đã hủy.',
  overviewChartTitle: (period: string, scope: SupervisorScope) =>
    `Tỷ lệ đơn vị đạt từng tiêu chí — ${scopeLabel(scope)}, ${periodLabel(period)}`,
  overviewChartSubtitle: (units: number, framework: string) => `${units} đơn vị đã trả lời · ${framework}`,
  overviewChartLabel: () => 'Tỷ lệ đơn vị đạt (%)',
  overviewChartCaption: (period: string) =>
    `Biểu đồ tỷ lệ đơn vị đạt từng tiêu chí, ${periodLabel(period)} (gõ "web" để xem thêm trên trình duyệt).`,
  cliWebLinkAsOnly: () => 'Lệnh web-link cần --as <kênh:mã> của người sẽ đăng nhập.',
  cliWebServing: (url: string) => `Trang theo dõi đang chạy tại ${url} (Ctrl+C để dừng).`,
};

/** The labels of the pages: short, in the administrative register. */
export const WEB = {
  siteTitle: 'Theo dõi chuyển đổi số cấp xã',
  province: 'Tình hình báo cáo',
  matrix: 'Ma trận tiêu chí',
  charts: 'Biểu đồ',
  navProvince: 'Tình hình',
  navMatrix: 'Ma trận',
  logout: 'Đăng xuất',
  period: 'Kỳ báo cáo',
  area: 'Khu vực',
  allAreas: 'Tất cả khu vực',
  status: 'Tình trạng',
  allStatuses: 'Tất cả',
  search: 'Tìm theo tên hoặc mã',
  filter: 'Lọc',
  code: 'Mã',
  unitName: 'Đơn vị',
  answered: 'Đã trả lời',
  met: 'Đạt',
  score: 'Điểm',
  /** "62,5/100 · Mức 2" in the list's column. */
  scoreCell: (s: { points: number; max: number; level: string | null }) =>
    scoreLine(s).replace(/^Điểm: /, ''),
  submittedAt: 'Ngày nộp',
  noRows: 'Không có đơn vị nào khớp điều kiện lọc.',
  units: (n: number) => `${n.toLocaleString('vi-VN')} đơn vị`,
  shown: (n: number, of: number) => `Hiển thị ${n} trên ${of} đơn vị`,
  page: (p: number, of: number) => `Trang ${p}/${of}`,
  previous: '‹ Trang trước',
  next: 'Trang sau ›',
  scopeTitle: (label: string, period: string) => `${label} — ${periodLabel(period)}`,
  gaps: 'Tiêu chí chưa đạt',
  noGaps: 'Không có tiêu chí chưa đạt.',
  criterion: 'Tiêu chí',
  target: 'Chỉ tiêu',
  result: 'Kết quả',
  shortfall: 'Còn thiếu',
  difficulty: 'Khó khăn',
  proposal: 'Đề xuất',
  proposals: 'Đề xuất, kiến nghị chung',
  results: 'Kết quả theo nhóm',
  group: 'Nhóm',
  history: 'Qua các kỳ',
  noHistory: 'Chưa có kỳ báo cáo nào.',
  predecessor: (name: string) => `${name} (đơn vị cũ, đã sáp nhập)`,
  people: 'Cán bộ báo cáo',
  noPeople: 'Chưa có cán bộ đăng ký.',
  downloads: 'Tải về',
  appendixDocx: 'Phụ lục (Word)',
  appendixXlsx: 'Phụ lục (Excel)',
  difficultiesDocx: 'Báo cáo khó khăn (Word)',
  matrixXlsx: 'Ma trận (Excel)',
  answerOf: (code: string) => `Tiêu chí ${code}`,
  answerHistory: 'Lịch sử trả lời',
  noAnswer: 'Chưa trả lời.',
  evidence: (n: number) => `${n} minh chứng`,
  evidenceKind: (kind: string) =>
    ({ photo: 'Ảnh', document: 'Tệp', video: 'Video', voice: 'Ghi âm', sticker: 'Nhãn dán' })[kind] ?? kind,
  recorded: (at: Date) => formatDateTime(at),
  carriedFrom: (period: string) => `giữ từ ${periodLabel(period)}`,
  back: '‹ Quay lại',
  chartShare: 'Tỷ lệ đơn vị đạt từng tiêu chí (%)',
  chartProgress: 'Tiến độ qua các kỳ: số đơn vị đã nộp và tỷ lệ tiêu chí đạt',
  chartHistogram: 'Phân bố số tiêu chí đạt',
  chartTimeline: 'Số đơn vị đã nộp theo ngày, so với hạn nộp',
  chartUnitProgress: 'Số tiêu chí đạt qua các kỳ',
  chartsNeedJs: 'Biểu đồ cần bật JavaScript; số liệu có trong bảng bên dưới.',
  chartData: 'Xem số liệu dạng bảng',
  deadline: (d: string) => `Hạn nộp ${d}`,
  deadlineLegend: (d: string) => `Hạn nộp ${d}; cột màu cam: nộp sau hạn`,
  unitsSubmitted: 'Đơn vị đã nộp',
  metShare: 'Tỷ lệ tiêu chí đạt (%)',
  unitsCount: 'Số đơn vị',
  metCount: 'Số tiêu chí đạt',
  // Refusals and the login page
  login: 'Đăng nhập',
  loginHint: 'Bấm "Đăng nhập" để mở trang theo dõi trên trình duyệt này. Đường dẫn chỉ dùng được một lần.',
  loginExpiredTitle: 'Đường dẫn không dùng được',
  needLoginTitle: 'Cần đăng nhập',
  notFoundTitle: 'Không tìm thấy',
  loggedOutTitle: 'Đã đăng xuất',
  failedTitle: 'Có lỗi',
  loginExpired:
    'Đường dẫn đăng nhập không dùng được (đã dùng, đã hết hạn hoặc không đúng). Gõ "web" trong chat với trợ lý để nhận đường dẫn mới.',
  needLogin:
    'Cần đăng nhập. Gõ "web" trong chat với trợ lý (Zalo, Telegram) để nhận đường dẫn đăng nhập dùng một lần.',
  notFound: 'Không tìm thấy trang, hoặc đơn vị không thuộc phạm vi theo dõi của anh/chị.',
  loggedOut: 'Đã đăng xuất. Gõ "web" trong chat để đăng nhập lại.',
  failed: 'Có lỗi khi tạo trang; xin thử lại sau ít phút.',
} as const;
